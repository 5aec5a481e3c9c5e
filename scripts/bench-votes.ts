import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import jwt from 'jsonwebtoken';
import { io, type Socket } from 'socket.io-client';
import { passwordHasher } from '#core';
import { seedVotingMeeting, type BenchSeed, type SeededUser, type Sql } from './lib/bench-seed.js';
import { parseArgs, scratchDatabase, startServer, type ServerProcess } from './lib/server-process.js';

/**
 * npm run bench:votes -- --voters N [--url URL --db DATABASE_URL --jwt-secret S] [--mode named|secret] [--json]
 *
 * Seeds a meeting in session with N checked-in voting delegates (SQL, one precomputed argon2 hash, sessions and
 * access tokens signed here), connects N socket.io clients, opens a motion, lets every client cast within one
 * second (uniformly spread; 5% also retry their ballot id at once), closes, publishes, and prints on the last line
 * {"voters","acked","counted","lost","duplicates","ackMsP50","ackMsP99","resultsMsMax",...}.
 * Without --url it starts the server itself: on a scratch database of DATABASE_URL when set, else embedded PGlite.
 * With --url the server's database (--db, PostgreSQL) and JWT secret (--jwt-secret) are needed to seed and sign.
 */

interface Ack {
  ok: boolean;
  receipt?: string;
  error?: { code: string; message: string };
}
interface PollView {
  id: string;
  options: { id: string; code: string | null }[];
  result: { cast: number; outcome: string } | null;
  ballots?: ({ receipt: string } | { delegateId: string; choices: string[] })[];
}

const args = parseArgs(process.argv.slice(2));
const N = Number(args.voters ?? 1000);
const MODE = args.mode === 'secret' ? 'secret' : 'named';
const JSON_ONLY = args.json === true;
const log = (msg: string): void => {
  if (!JSON_ONLY) console.error(msg);
};

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

async function pgSql(url: string): Promise<{ sql: Sql; close(): Promise<void> }> {
  const { default: pg } = await import('pg');
  const client = new pg.Client({ connectionString: url });
  client.on('error', (err) => log(`bench:votes: database connection: ${err.message}`));
  await client.connect();
  return { sql: (text, params) => client.query(text, params), close: () => client.end() };
}

async function pgliteSql(dir: string): Promise<{ sql: Sql; close(): Promise<void> }> {
  const { PGlite } = await import('@electric-sql/pglite');
  const { uuid_ossp } = await import('@electric-sql/pglite/contrib/uuid_ossp');
  const db = await PGlite.create({ dataDir: dir, extensions: { uuid_ossp } });
  return { sql: (text, params) => db.query(text, params), close: () => db.close() };
}

function tokenFor(u: SeededUser, secret: string): string {
  return jwt.sign({ sub: u.userId, usr: u.username, role: u.role, did: u.delegateId, sid: u.sessionId, typ: 'access' }, secret, { algorithm: 'HS256', expiresIn: 3600 });
}

async function api<T>(url: string, token: string, method: string, path: string, body?: unknown): Promise<T> {
  const res = await fetch(url + path, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  const parsed = (await res.json()) as T;
  if (res.status >= 300) throw new Error(`${method} ${path} -> ${res.status} ${JSON.stringify(parsed)}`);
  return parsed;
}

function connect(url: string, token: string): Promise<Socket> {
  const s = io(url, { auth: { token }, transports: ['websocket'], reconnection: false, forceNew: true, timeout: 20_000 });
  return new Promise((resolve, reject) => {
    s.once('connect', () => resolve(s));
    s.once('connect_error', (e) => reject(e));
  });
}

async function main(): Promise<void> {
  const secret = typeof args['jwt-secret'] === 'string' ? args['jwt-secret'] : randomUUID() + randomUUID();
  const hash = await passwordHasher.hash(randomUUID());
  let server: ServerProcess | null = null;
  let scratch: { url: string; drop(): Promise<void> } | null = null;
  let dataDir: string | null = null;
  let url: string;
  let seed: BenchSeed;
  let database: string;
  const serverEnv = (): Record<string, string> => ({
    JWT_SECRET: secret,
    DEMO_SEED: 'never',
    LOG_LEVEL: 'warn',
    NODE_ENV: 'production',
    SCHEDULER_INTERVAL_SECONDS: '0',
    ...(scratch ? { DATABASE_URL: scratch.url } : { PGLITE_DIR: join(dataDir ?? '', 'pglite'), DATA_DIR: dataDir ?? '' }),
  });
  try {
    if (typeof args.url === 'string') {
      if (typeof args.db !== 'string' || typeof args['jwt-secret'] !== 'string') throw new Error('--url needs --db (the server database URL) and --jwt-secret');
      url = args.url;
      database = 'given server';
      const db = await pgSql(args.db);
      seed = await seedVotingMeeting(db.sql, N, hash).finally(() => db.close());
    } else if (process.env.DATABASE_URL) {
      scratch = await scratchDatabase(process.env.DATABASE_URL, 'dh_bench_votes');
      database = `PostgreSQL scratch database ${new URL(scratch.url).pathname.slice(1)}`;
      log(`bench:votes: starting the server on ${database}`);
      server = await startServer(serverEnv());
      const db = await pgSql(scratch.url);
      seed = await seedVotingMeeting(db.sql, N, hash).finally(() => db.close());
      url = server.url;
    } else {
      dataDir = mkdtempSync(join(tmpdir(), 'dh-bench-votes-'));
      database = 'embedded PGlite';
      log(`bench:votes: starting the server on ${database} (${dataDir}); migrate, stop, seed, restart`);
      server = await startServer(serverEnv());
      await server.stop();
      const db = await pgliteSql(join(dataDir, 'pglite'));
      seed = await seedVotingMeeting(db.sql, N, hash).finally(() => db.close());
      server = await startServer(serverEnv());
      url = server.url;
    }
    const staffToken = tokenFor(seed.secretary, secret);
    log(`bench:votes: ${url}, ${N} voters, ${MODE} motion; connecting sockets`);
    const sockets: Socket[] = [];
    for (let i = 0; i < N; i += 100) {
      const batch = await Promise.all(seed.voters.slice(i, i + 100).map((v) => connect(url, tokenFor(v, secret))));
      await Promise.all(batch.map((s) => s.timeout(20_000).emitWithAck('meeting:join', { meetingId: seed.meetingId })));
      sockets.push(...batch);
    }
    const staff = await connect(url, staffToken);
    await staff.timeout(20_000).emitWithAck('meeting:join', { meetingId: seed.meetingId });
    let lastProgress = 0;
    staff.on('poll:progress', (p: { cast: number }) => (lastProgress = Math.max(lastProgress, p.cast)));

    const poll = await api<PollView>(url, staffToken, 'POST', `/api/meetings/${seed.meetingId}/polls`, { kind: 'motion', ballotMode: MODE, title: `Đo tải ${N}` });
    await api(url, staffToken, 'POST', `/api/polls/${poll.id}/open`);
    const forId = poll.options.find((o) => o.code === 'for')!.id;
    const againstId = poll.options.find((o) => o.code === 'against')!.id;

    log('bench:votes: casting (all within one second)');
    const ackMs: number[] = [];
    const receipts: string[] = [];
    const failures = new Map<string, number>();
    const casting = sockets.map(
      (s, i) =>
        new Promise<void>((resolve) => {
          setTimeout(() => {
            const payload = { pollId: poll.id, ballotId: randomUUID(), choices: [i % 3 === 2 ? againstId : forId] };
            const started = performance.now();
            const sends = [s.timeout(30_000).emitWithAck('vote:cast', payload) as Promise<Ack>];
            if (i % 20 === 0) sends.push(s.timeout(30_000).emitWithAck('vote:cast', payload) as Promise<Ack>);
            void Promise.allSettled(sends).then((settled) => {
              const first = settled[0];
              if (first.status === 'fulfilled' && first.value.ok && first.value.receipt) {
                ackMs.push(performance.now() - started);
                receipts.push(first.value.receipt);
              } else {
                const code = first.status === 'fulfilled' ? (first.value.error?.code ?? 'NO_RECEIPT') : 'TIMEOUT';
                failures.set(code, (failures.get(code) ?? 0) + 1);
              }
              resolve();
            });
          }, Math.random() * 1000);
        }),
    );
    await Promise.all(casting);
    const closed = await api<PollView>(url, staffToken, 'POST', `/api/polls/${poll.id}/close`);

    const resultTimes: number[] = [];
    const gotAll = new Promise<void>((resolve) => {
      for (const s of sockets) {
        s.once('poll:results', () => {
          resultTimes.push(performance.now());
          if (resultTimes.length === sockets.length) resolve();
        });
      }
    });
    const publishAt = performance.now();
    await api(url, staffToken, 'POST', `/api/polls/${poll.id}/publish`);
    await Promise.race([gotAll, new Promise((r) => setTimeout(r, 30_000))]);
    const resultsMsMax = resultTimes.length === sockets.length ? Math.max(...resultTimes) - publishAt : -1;

    const published = await api<PollView>(url, staffToken, 'GET', `/api/polls/${poll.id}`);
    const ballots = published.ballots ?? [];
    const key = (b: { receipt: string } | { delegateId: string }): string => ('receipt' in b ? b.receipt : b.delegateId);
    const counted = closed.result?.cast ?? 0;
    let lost = 0;
    if (MODE === 'secret') {
      const listed = new Set(ballots.map(key));
      lost = receipts.filter((r) => !listed.has(r)).length;
    } else {
      lost = Math.max(0, receipts.length - ballots.length);
    }
    const duplicates = ballots.length - new Set(ballots.map(key)).size + Math.max(0, counted - N);
    ackMs.sort((a, b) => a - b);
    for (const s of sockets) s.close();
    staff.close();
    const summary = {
      voters: N,
      acked: receipts.length,
      counted,
      lost,
      duplicates,
      ackMsP50: Math.round(percentile(ackMs, 50)),
      ackMsP99: Math.round(percentile(ackMs, 99)),
      resultsMsMax: Math.round(resultsMsMax),
      mode: MODE,
      database,
      refused: Object.fromEntries(failures),
      lastProgress,
      outcome: closed.result?.outcome ?? null,
    };
    console.log(JSON.stringify(summary));
  } finally {
    await server?.stop();
    await scratch?.drop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  }
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err instanceof Error ? err.stack : String(err));
    process.exit(1);
  },
);
