import { EventEmitter } from 'node:events';
import { PGlite, types, type PGliteOptions } from '@electric-sql/pglite';
import { uuid_ossp } from '@electric-sql/pglite/contrib/uuid_ossp';

interface PgLikeResult {
  rows: unknown[];
  rowCount: number;
  command: string;
}
type Release = (err?: Error) => void;
type QueryCallback = (err: Error | null, result: PgLikeResult | null) => void;
type ConnectCallback = (err: Error | null, client: PgliteClient | null, release: Release) => void;

/** Serialises connections: PGlite is one session, so two open transactions would otherwise interleave. */
class Mutex {
  private tail: Promise<void> = Promise.resolve();
  acquire(): Promise<() => void> {
    let release!: () => void;
    const next = new Promise<void>((r) => (release = r));
    const ready = this.tail.then(() => release);
    this.tail = this.tail.then(() => next);
    return ready;
  }
}

class PgliteClient extends EventEmitter {
  constructor(private readonly db: Promise<PGlite>) {
    super();
  }

  /** Mirrors node-pg's result shape (rowCount, command), which TypeORM reads for UPDATE/DELETE counts. */
  query(sql: string, params?: unknown[] | QueryCallback, callback?: QueryCallback): Promise<PgLikeResult> {
    // TypeORM's driver uses node-pg's callback form for a few internal queries
    const cb = typeof params === 'function' ? params : callback;
    const result = this.run(sql, typeof params === 'function' ? undefined : params);
    if (cb) result.then((r) => cb(null, r), (err: unknown) => cb(err instanceof Error ? err : new Error(String(err)), null));
    return result;
  }

  private async run(sql: string, params?: unknown[]): Promise<PgLikeResult> {
    const db = await this.db;
    const command = (/^\s*(\w+)/.exec(sql)?.[1] ?? '').toUpperCase();
    if (params && params.length > 0) {
      const r = await db.query(sql, params);
      return { rows: r.rows, rowCount: r.affectedRows ?? r.rows.length, command };
    }
    const results = await db.exec(sql);
    const last = results[results.length - 1];
    return { rows: last?.rows ?? [], rowCount: last?.affectedRows ?? last?.rows.length ?? 0, command };
  }
}

/** PostgreSQL's default is 128 MB; embedded, it is API memory (bench:checkin: -145 MB RSS) and the OS still caches the files. */
export const PGLITE_SHARED_BUFFERS = '16MB';

/** A node-pg compatible driver over one PGlite instance per DataSource (typeorm-pglite keeps a global one). */
export function createPgliteDriver(dataDir: string | undefined): { Pool: new () => EventEmitter } {
  const options: PGliteOptions = {
    dataDir,
    extensions: { uuid_ossp },
    startParams: [...PGlite.defaultStartParams, '-c', `shared_buffers=${PGLITE_SHARED_BUFFERS}`],
    // same text representation node-pg gives, so code behaves identically on both databases
    parsers: { [types.INT8]: (v: string) => v, [types.NUMERIC]: (v: string) => v },
    serializers: {
      [types.BOOL]: (v: unknown) => (v === true || v === 'true' || v === 1 ? 't' : v === false || v === 'false' || v === 0 ? 'f' : String(v)),
    },
  };
  let instance: Promise<PGlite> | null = null;
  const mutex = new Mutex();
  const open = (): Promise<PGlite> => (instance ??= PGlite.create(options));

  class Pool extends EventEmitter {
    connect(callback: ConnectCallback): void {
      const client = new PgliteClient(open());
      mutex
        .acquire()
        .then(async (unlock) => {
          await open();
          let released = false;
          callback(null, client, () => {
            if (!released) {
              released = true;
              unlock();
            }
          });
        })
        .catch((err: unknown) => callback(err instanceof Error ? err : new Error(String(err)), null, () => undefined));
    }

    end(callback?: (err?: Error) => void): void {
      const closing = instance;
      instance = null;
      (closing ? closing.then((db) => db.close()) : Promise.resolve())
        .then(() => callback?.())
        .catch((err: unknown) => callback?.(err instanceof Error ? err : new Error(String(err))));
    }
  }
  return { Pool };
}
