import { describe, expect, it } from '@jest/globals';
import { createPgliteDriver, PGLITE_SHARED_BUFFERS } from './pglite.driver.js';

interface Client {
  query(sql: string): Promise<{ rows: Record<string, unknown>[] }>;
}

// A real in-memory PGlite through the driver TypeORM is given in embedded mode.
describe('PGlite driver', () => {
  it('starts PostgreSQL with the small shared buffer pool and node-pg text for bigint', async () => {
    const { Pool } = createPgliteDriver(undefined);
    const pool = new Pool() as unknown as {
      connect(cb: (err: Error | null, client: Client | null, release: () => void) => void): void;
      end(cb: (err?: Error) => void): void;
    };
    const { client, release } = await new Promise<{ client: Client; release: () => void }>((resolve, reject) =>
      pool.connect((err, c, rel) => (err || !c ? reject(err ?? new Error('no client')) : resolve({ client: c, release: rel }))),
    );
    try {
      expect((await client.query(`SHOW shared_buffers`)).rows).toEqual([{ shared_buffers: PGLITE_SHARED_BUFFERS }]);
      expect((await client.query(`SELECT 9007199254740993::bigint AS n`)).rows).toEqual([{ n: '9007199254740993' }]);
    } finally {
      release();
      await new Promise<void>((resolve, reject) => pool.end((err) => (err ? reject(err) : resolve())));
    }
  }, 60_000);
});
