import { EventEmitter } from 'node:events';
import { fsyncSync } from 'node:fs';
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

/** What PGlite's Emscripten module exposes of its file systems (not in its public types). */
interface EmscriptenModule {
  NODEFS?: { stream_ops: { fsync?: (stream: { nfd?: number }) => number } };
  FS: { ErrnoError: new (errno: number) => Error };
}

const EMSCRIPTEN_EIO = 29;

/**
 * PGlite's Emscripten layer answers fsync() and fdatasync() without syncing anything (strace: 0 fsync calls for
 * 20 commits), so a committed vote sits in the page cache. PostgreSQL's own fsync() goes to the file system's
 * `stream_ops.fsync`, which NODEFS lacks: give it a real fsync(2) on the host file. With wal_sync_method=fsync
 * the WAL is synced at every commit and data files at every checkpoint (strace: one fsync per commit).
 * A failed fsync answers EIO, on which PostgreSQL stops rather than carry on with unsynced data.
 */
export function syncThroughNodeFs(db: PGlite): boolean {
  const mod = (db as unknown as { Module?: EmscriptenModule }).Module;
  const ops = mod?.NODEFS?.stream_ops;
  if (!mod || !ops) return false;
  ops.fsync = (stream) => {
    if (stream.nfd === undefined) return 0;
    try {
      fsyncSync(stream.nfd);
      return 0;
    } catch (err: unknown) {
      // a file type that cannot be synced (EINVAL) holds no data to lose; anything else is an I/O failure
      if ((err as NodeJS.ErrnoException).code === 'EINVAL') return 0;
      throw new mod.FS.ErrnoError(EMSCRIPTEN_EIO);
    }
  };
  return true;
}

export interface PgliteDriverOptions {
  /** Sync commits to disk (on a real directory; an in-memory database has nothing to sync). */
  fsync: boolean;
}

/** A node-pg compatible driver over one PGlite instance per DataSource (typeorm-pglite keeps a global one). */
export function createPgliteDriver(dataDir: string | undefined, driverOptions: PgliteDriverOptions = { fsync: true }): { Pool: new () => EventEmitter } {
  const durable = dataDir !== undefined && driverOptions.fsync;
  // PGlite starts with -F (fsync off); durable mode drops it and syncs the WAL with fsync(), the call that reaches NODEFS
  const base = durable ? PGlite.defaultStartParams.filter((p) => p !== '-F') : PGlite.defaultStartParams;
  const options: PGliteOptions = {
    dataDir,
    extensions: { uuid_ossp },
    startParams: [...base, '-c', `shared_buffers=${PGLITE_SHARED_BUFFERS}`, ...(durable ? ['-c', 'wal_sync_method=fsync'] : [])],
    // same text representation node-pg gives, so code behaves identically on both databases
    parsers: { [types.INT8]: (v: string) => v, [types.NUMERIC]: (v: string) => v },
    serializers: {
      [types.BOOL]: (v: unknown) => (v === true || v === 'true' || v === 1 ? 't' : v === false || v === 'false' || v === 0 ? 'f' : String(v)),
    },
  };
  let instance: Promise<PGlite> | null = null;
  const mutex = new Mutex();
  const open = (): Promise<PGlite> =>
    (instance ??= PGlite.create(options).then((db) => {
      if (durable && !syncThroughNodeFs(db)) throw new Error('PGlite: cannot reach its NODEFS layer to sync commits to disk (set PGLITE_FSYNC=false to run without)');
      return db;
    }));

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
