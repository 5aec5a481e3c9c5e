import { describe, expect, it } from '@jest/globals';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { createPgliteDriver, PGLITE_SHARED_BUFFERS, syncThroughNodeFs } from './pglite.driver.js';

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

  it('on a real directory runs with fsync on, and PostgreSQL\'s fsync reaches the host file at every commit', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dh-pglite-sync-'));
    try {
      const { Pool } = createPgliteDriver(dir, { fsync: true });
      const pool = new Pool() as unknown as {
        connect(cb: (err: Error | null, client: Client | null, release: () => void) => void): void;
        end(cb: (err?: Error) => void): void;
      };
      const { client, release } = await new Promise<{ client: Client; release: () => void }>((resolve, reject) =>
        pool.connect((err, c, rel) => (err || !c ? reject(err ?? new Error('no client')) : resolve({ client: c, release: rel }))),
      );
      expect((await client.query(`SHOW fsync`)).rows).toEqual([{ fsync: 'on' }]);
      expect((await client.query(`SHOW wal_sync_method`)).rows).toEqual([{ wal_sync_method: 'fsync' }]);
      release();
      await new Promise<void>((resolve, reject) => pool.end((err) => (err ? reject(err) : resolve())));

      // the hook itself: count host fsyncs per commit on the same data directory
      const db = await PGlite.create({ dataDir: dir, startParams: [...PGlite.defaultStartParams.filter((p) => p !== '-F'), '-c', 'wal_sync_method=fsync'] });
      expect(syncThroughNodeFs(db)).toBe(true);
      const ops = (db as unknown as { Module: { NODEFS: { stream_ops: { fsync: (s: { nfd?: number }) => number } } } }).Module.NODEFS.stream_ops;
      const real = ops.fsync;
      let calls = 0;
      ops.fsync = (stream) => {
        calls += 1;
        return real(stream);
      };
      await db.exec('CREATE TABLE t (v int)');
      const before = calls;
      for (let i = 0; i < 10; i++) await db.query('INSERT INTO t VALUES ($1)', [i]);
      expect(calls - before).toBeGreaterThanOrEqual(10);
      await db.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
