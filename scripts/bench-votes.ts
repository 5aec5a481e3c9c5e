import { spawnSync } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { passwordHasher } from '#core';
import { accessTokenFor, seedVotingMeeting, type BenchSeed, type Sql } from './lib/bench-seed.js';
import { freePort, hasLocalPostgres, startRedis, startThrowawayPostgres } from './lib/local-services.js';
import { CLOCK_TICKS_PER_SECOND, parseArgs, procStat, scratchDatabase, startServer, type ServerProcess } from './lib/server-process.js';
import { connectVoter, percentile, VoteCrowd } from './lib/vote-crowd.js';

/**
 * npm run bench:votes -- --voters N [--instances K] [--mode named|secret | --secret] [--json] [--profile DIR]
 *                        [--url URL --db DATABASE_URL --jwt-secret S]
 *
 * Seeds a meeting in session with N checked-in voting delegates (SQL, one precomputed argon2 hash, sessions and
 * access tokens signed here), starts K API processes (default 1) and connects N socket.io clients spread over
 * them, opens a motion, lets every client cast within one second (5% tap twice with the same ballot id), closes,
 * publishes, and prints on the last line
 * {"voters","instances","acked","counted","lost","duplicates","ackMsP50","ackMsP99","resultsMsMax",...}.
 * cpuMsPerCast: CPU time per voter from the first cast to the last answer, of the API processes together, of this
 * client process and of PostgreSQL when it runs on this machine (Linux /proc; it holds still when other jobs load the
 * machine, unlike the latencies); cpuMsPerConnect: the same while the sockets connect (authentication, joins).
 * castWindowMs: from the first cast to the last answer; machineBusy: the share of all cores busy over that window
 * (/proc/stat): near 1 means the burst is CPU-bound, and the window is then the CPU of one cast × casts ÷ cores.
 * --profile DIR: the API processes write V8 CPU profiles there (node --cpu-prof) when they stop; profileWindowUs has
 * the connecting and casting windows on the profiles' clock (CLOCK_MONOTONIC, µs) to read only those samples.
 * Database: a scratch database on DATABASE_URL when set, else embedded PGlite (one instance only). Several
 * instances need PostgreSQL and Redis: DATABASE_URL / REDIS_URL when set, else a throwaway PostgreSQL and
 * redis-server from Debian's binaries are started here (or the script says what to install).
 * With --url the server's database (--db, PostgreSQL) and JWT secret (--jwt-secret) are needed to seed and sign.
 */

interface PollView {
  id: string;
  options: { id: string; code: string | null }[];
  result: { cast: number; outcome: string } | null;
  ballots?: ({ receipt: string } | { delegateId: string; choices: string[] })[];
}

const args = parseArgs(process.argv.slice(2));
const N = Number(args.voters ?? 1000);
const INSTANCES = Number(args.instances ?? 1);
const MODE = args.mode === 'secret' || args.secret === true ? 'secret' : 'named';
const JSON_ONLY = args.json === true;
const PROFILE_ARGS = typeof args.profile === 'string' ? ['--cpu-prof', '--cpu-prof-dir', args.profile] : [];
const log = (msg: string): void => {
  if (!JSON_ONLY) console.error(msg);
};

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

/** A throwaway PostgreSQL (scripts/pg-local.sh) and redis-server for a multi-instance run without DATABASE_URL / REDIS_URL. */
async function throwawayServices(): Promise<{ databaseUrl: string; redisUrl: string; stop(): void }> {
  const stops: (() => void)[] = [];
  let databaseUrl = process.env.DATABASE_URL;
  if (!databaseUrl) {
    if (!hasLocalPostgres()) throw new Error('--instances > 1 needs PostgreSQL: set DATABASE_URL, or install it (apt-get install postgresql)');
    const pg = await startThrowawayPostgres();
    databaseUrl = pg.url;
    stops.push(pg.stop);
    log(`bench:votes: started a throwaway PostgreSQL at ${databaseUrl}`);
  }
  let redisUrl = process.env.REDIS_URL;
  if (!redisUrl) {
    if (spawnSync('redis-server', ['--version']).status !== 0) throw new Error('--instances > 1 needs Redis: set REDIS_URL, or install it (apt-get install redis-server)');
    const port = await freePort();
    const redis = await startRedis(port);
    redisUrl = `redis://127.0.0.1:${port}`;
    stops.push(() => redis.kill('SIGTERM'));
    log(`bench:votes: started a throwaway redis-server at ${redisUrl}`);
  }
  return { databaseUrl, redisUrl, stop: () => stops.reverse().forEach((s) => s()) };
}

/** CPU time the API processes have used so far, together; null with --url (not our processes) or without /proc. */
function totalCpuMs(servers: ServerProcess[]): number | null {
  if (servers.length === 0) return null;
  let sum = 0;
  for (const server of servers) {
    const ms = server.cpuMs();
    if (ms === null) return null;
    sum += ms;
  }
  return sum;
}

/**
 * CPU time of the PostgreSQL server behind a connection when it runs on this machine: the postmaster, its live
 * children and the ones it has reaped (cutime/cstime), in ms; null when its processes are not visible here.
 */
function postgresCpuMs(postmasterPid: number | null): number | null {
  if (postmasterPid === null) return null;
  const master = procStat(postmasterPid);
  if (!master) return null;
  let ticks = Number(master[11]) + Number(master[12]) + Number(master[13]) + Number(master[14]);
  for (const pid of readdirSync('/proc')) {
    if (!/^\d+$/.test(pid)) continue;
    const fields = procStat(pid);
    if (fields && Number(fields[1]) === postmasterPid) ticks += Number(fields[11]) + Number(fields[12]);
  }
  return (ticks * 1000) / CLOCK_TICKS_PER_SECOND;
}

/** The postmaster's pid from one backend's parent, when the server runs on this machine. */
async function postmasterPid(sql: Sql): Promise<number | null> {
  const { rows } = (await sql('SELECT pg_backend_pid() AS pid')) as { rows: { pid: number }[] };
  const fields = procStat(rows[0].pid);
  return fields ? Number(fields[1]) : null;
}

/** Whole-machine CPU counters (Linux /proc/stat, ticks): busy (everything but idle and iowait) and total; null elsewhere. */
function machineTicks(): { busy: number; total: number } | null {
  try {
    const fields = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1, 9).map(Number);
    const total = fields.reduce((a, b) => a + b, 0);
    return { busy: total - fields[3] - fields[4], total };
  } catch {
    return null;
  }
}

const perVoter = (ms: number | null): number | null => (ms === null ? null : Number((ms / N).toFixed(3)));
const since = (before: number | null, after: number | null): number | null => (before === null || after === null ? null : after - before);
const monotonicUs = (): number => Number(process.hrtime.bigint() / 1000n);

async function main(): Promise<void> {
  if (!Number.isInteger(N) || N < 1) throw new Error('--voters must be a positive integer');
  if (!Number.isInteger(INSTANCES) || INSTANCES < 1 || INSTANCES > 8) throw new Error('--instances must be 1..8');
  const secret = typeof args['jwt-secret'] === 'string' ? args['jwt-secret'] : randomUUID() + randomUUID();
  const hash = await passwordHasher.hash(randomUUID());
  const ballotKey = randomBytes(32).toString('base64');
  const ballotKeyDir = mkdtempSync(join(tmpdir(), 'dh-bench-ballot-keys-'));
  const servers: ServerProcess[] = [];
  let services: { databaseUrl: string; redisUrl: string; stop(): void } | null = null;
  let scratch: { url: string; drop(): Promise<void> } | null = null;
  let dataDir: string | null = null;
  let urls: string[];
  let seed: BenchSeed;
  let database: string;
  let postmaster: number | null = null;
  const serverEnv = (extra: Record<string, string> = {}): Record<string, string> => ({
    JWT_SECRET: secret,
    DEMO_SEED: 'never',
    LOG_LEVEL: 'warn',
    NODE_ENV: 'production',
    SCHEDULER_INTERVAL_SECONDS: '0',
    // instances of one deployment share the ballot master key and key folder (secret polls close on any of them)
    BALLOT_KEY: ballotKey,
    BALLOT_KEY_DIR: ballotKeyDir,
    ...(scratch ? { DATABASE_URL: scratch.url } : { PGLITE_DIR: join(dataDir ?? '', 'pglite'), DATA_DIR: dataDir ?? '' }),
    ...extra,
  });
  try {
    if (typeof args.url === 'string') {
      if (typeof args.db !== 'string' || typeof args['jwt-secret'] !== 'string') throw new Error('--url needs --db (the server database URL) and --jwt-secret');
      urls = [args.url];
      database = 'given server';
      const db = await pgSql(args.db);
      seed = await seedVotingMeeting(db.sql, N, hash).finally(() => db.close());
    } else if (INSTANCES > 1 || process.env.DATABASE_URL) {
      const redis: Record<string, string> = {};
      let base = process.env.DATABASE_URL;
      if (INSTANCES > 1) {
        services = await throwawayServices();
        base = services.databaseUrl;
        redis.REDIS_URL = services.redisUrl;
      }
      scratch = await scratchDatabase(base!, 'dh_bench_votes');
      database = `PostgreSQL scratch database ${new URL(scratch.url).pathname.slice(1)}`;
      log(`bench:votes: starting ${INSTANCES} server(s) on ${database}${redis.REDIS_URL ? ` with Redis ${redis.REDIS_URL}` : ''}`);
      // the first one migrates the scratch database; the others start after it
      servers.push(await startServer(serverEnv(redis), undefined, PROFILE_ARGS));
      servers.push(...(await Promise.all(Array.from({ length: INSTANCES - 1 }, () => startServer(serverEnv({ ...redis, MIGRATIONS_RUN: 'false' }), undefined, PROFILE_ARGS)))));
      const db = await pgSql(scratch.url);
      postmaster = await postmasterPid(db.sql);
      seed = await seedVotingMeeting(db.sql, N, hash).finally(() => db.close());
      urls = servers.map((s) => s.url);
    } else {
      dataDir = mkdtempSync(join(tmpdir(), 'dh-bench-votes-'));
      database = 'embedded PGlite';
      log(`bench:votes: starting the server on ${database} (${dataDir}); migrate, stop, seed, restart`);
      const first = await startServer(serverEnv());
      await first.stop();
      const db = await pgliteSql(join(dataDir, 'pglite'));
      seed = await seedVotingMeeting(db.sql, N, hash).finally(() => db.close());
      servers.push(await startServer(serverEnv(), undefined, PROFILE_ARGS));
      urls = [servers[0].url];
    }
    const staffToken = accessTokenFor(seed.secretary, secret);
    log(`bench:votes: ${urls.join(', ')}: ${N} voters, ${MODE} motion; connecting sockets`);
    const poll = await api<PollView>(urls[0], staffToken, 'POST', `/api/meetings/${seed.meetingId}/polls`, { kind: 'motion', ballotMode: MODE, title: `Đo tải ${N}` });
    const forId = poll.options.find((o) => o.code === 'for')!.id;
    const againstId = poll.options.find((o) => o.code === 'against')!.id;
    const crowd = new VoteCrowd(
      seed.meetingId,
      seed.voters.map((v, i) => ({ token: accessTokenFor(v, secret), delegateId: v.delegateId ?? undefined, url: urls[i % urls.length], choice: i % 3 === 2 ? againstId : forId })),
    );
    const connectBefore = { servers: totalCpuMs(servers), database: postgresCpuMs(postmaster) };
    const connectStartUs = monotonicUs();
    await crowd.connect();
    const connectEndUs = monotonicUs();
    const cpuMsPerConnect = {
      servers: perVoter(since(connectBefore.servers, totalCpuMs(servers))),
      database: perVoter(since(connectBefore.database, postgresCpuMs(postmaster))),
    };
    const staff = await connectVoter(urls[0], staffToken);
    await staff.timeout(20_000).emitWithAck('meeting:join', { meetingId: seed.meetingId });
    let lastProgress = 0;
    staff.on('poll:progress', (p: { cast: number }) => (lastProgress = Math.max(lastProgress, p.cast)));
    await api(urls[0], staffToken, 'POST', `/api/polls/${poll.id}/open`);

    log('bench:votes: casting (all within one second)');
    const cpuBefore = { servers: totalCpuMs(servers), client: process.cpuUsage(), database: postgresCpuMs(postmaster), machine: machineTicks() };
    const castStartUs = monotonicUs();
    await crowd.castAll(poll.id, 1000, 30_000, crowd.voters, { echoEvery: 20 });
    const castEndUs = monotonicUs();
    const profileWindowUs = PROFILE_ARGS.length > 0 ? { connect: [connectStartUs, connectEndUs], cast: [castStartUs, castEndUs] } : undefined;
    const machineAfter = machineTicks();
    const castWindowMs = Math.round((castEndUs - castStartUs) / 1000);
    const serversCpuMs = since(cpuBefore.servers, totalCpuMs(servers));
    const databaseCpuMs = since(cpuBefore.database, postgresCpuMs(postmaster));
    const clientCpu = process.cpuUsage(cpuBefore.client);
    const cpuMsPerCast = {
      servers: perVoter(serversCpuMs),
      client: perVoter((clientCpu.user + clientCpu.system) / 1000),
      database: perVoter(databaseCpuMs),
    };
    // how busy the whole machine was while casting (every process, kernel and interrupts): 1 = every core all the time
    const machineBusy =
      cpuBefore.machine && machineAfter && machineAfter.total > cpuBefore.machine.total
        ? Number(((machineAfter.busy - cpuBefore.machine.busy) / (machineAfter.total - cpuBefore.machine.total)).toFixed(2))
        : null;
    const closed = await api<PollView>(urls[0], staffToken, 'POST', `/api/polls/${poll.id}/close`);
    const publishAt = performance.now();
    await api(urls[0], staffToken, 'POST', `/api/polls/${poll.id}/publish`);
    await crowd.allResults(30_000).catch((err: unknown) => log(`bench:votes: ${err instanceof Error ? err.message : String(err)}`));
    const times = crowd.voters.map((v) => v.resultsAt);
    const resultsMsMax = times.every((t) => t !== null) ? Math.max(...(times as number[])) - publishAt : -1;

    const published = await api<PollView>(urls[0], staffToken, 'GET', `/api/polls/${poll.id}`);
    const ballots = published.ballots ?? [];
    const acked = crowd.voters.filter((v) => v.receipt !== null);
    const listed = new Set(ballots.map((b) => ('receipt' in b ? b.receipt : b.delegateId)));
    const lost = acked.filter((v) => !listed.has(MODE === 'secret' ? v.receipt! : (v.delegateId ?? ''))).length;
    const counted = closed.result?.cast ?? 0;
    const duplicates = ballots.length - listed.size + Math.max(0, counted - N);
    const ackMs = acked.map((v) => v.ackMs ?? 0).sort((a, b) => a - b);
    const refused: Record<string, number> = {};
    for (const v of crowd.voters) for (const code of v.refusals) refused[code] = (refused[code] ?? 0) + 1;
    crowd.close();
    staff.close();
    // refusals are worth a look at the servers' own words (warnings and errors only: LOG_LEVEL=warn)
    if (Object.keys(refused).length > 0) for (const [i, server] of servers.entries()) log(`bench:votes: server ${i + 1} log tail:\n${server.output().split('\n').slice(-8).join('\n')}`);
    console.log(
      JSON.stringify({
        voters: N,
        instances: urls.length,
        acked: acked.length,
        counted,
        lost,
        duplicates,
        ackMsP50: Math.round(percentile(ackMs, 50)),
        ackMsP99: Math.round(percentile(ackMs, 99)),
        resultsMsMax: Math.round(resultsMsMax),
        cpuMsPerCast,
        castWindowMs,
        machineBusy,
        cpuMsPerConnect,
        mode: MODE,
        database,
        refused,
        lastProgress,
        outcome: closed.result?.outcome ?? null,
        profileWindowUs,
      }),
    );
  } finally {
    await Promise.all(servers.map((s) => s.stop()));
    await scratch?.drop();
    services?.stop();
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
