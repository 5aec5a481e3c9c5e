// A meeting's mixed load for N minutes against one compiled API on loopback, to find leaks and slow drift.
// Usage: npm run soak -- [--minutes 2] [--voters 200] [--json]
// Starts the server on PostgreSQL (a scratch database on DATABASE_URL, else a throwaway local PostgreSQL from Debian's
// binaries), behind TRUSTED_PROXIES=127.0.0.1 so that each load source has its own client address
// (X-Forwarded-For), then runs together until the time is up:
// - votes: every 30 s a wave: a motion opens, `voters` sockets connect, join and cast within 5 s, it closes; every
//   acknowledged ballot must be counted (lost), none twice (duplicates);
// - kiosk: 5 frames a second of real probe photos (../shared/faces) and now and then a stranger, 6 people enrolled;
// - logins: one good login a second (the demo secretary) from the hall's address;
// - a login flood: 20 wrong-password logins a second with random usernames from one other address (must be limited);
// - exports: the attendance PDF and the results XLSX every 10 s.
// Prints JSON on the last line: counts, errors by kind, p50/p99 per kind, the server's RSS and open file descriptors
// (and this process's active handles) at start and end, and a per-minute line of RSS, V8 heap and external memory; exits 1 when anything failed or an acknowledged vote is lost.
import { randomUUID } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { passwordHasher } from '#core';
import { accessTokenFor, seedVotingMeeting } from './lib/bench-seed.js';
import { CHECKIN_PEOPLE as PEOPLE, CHECKIN_STRANGERS as STRANGERS } from './lib/checkin-photos.js';
import { httpCall } from './lib/http-call.js';
import { hasLocalPostgres, startThrowawayPostgres } from './lib/local-services.js';
import { parseArgs, scratchDatabase, startServer } from './lib/server-process.js';
import { percentile, VoteCrowd } from './lib/vote-crowd.js';

const args = parseArgs(process.argv.slice(2));
const MINUTES = Number(args.minutes ?? 2);
const VOTERS = Number(args.voters ?? 200);
const JSON_ONLY = args.json === true;
const FACES = join(process.cwd(), '..', 'shared', 'faces');
const PASSWORD = 'soak-password-1';
const HALL = '10.20.0.1';
const FLOODER = '10.66.0.66';
const log = (msg: string): void => {
  if (!JSON_ONLY) console.error(`soak: ${msg}`);
};

type TokenPair = { accessToken: string; refreshToken: string; expiresIn: number };
type Kind = 'vote' | 'frame' | 'login' | 'flood' | 'export';
const latency: Record<Kind, number[]> = { vote: [], frame: [], login: [], flood: [], export: [] };
const errors: Record<string, number> = {};
const floodStatus: Record<string, number> = {};
const fail = (what: string): void => {
  errors[what] = (errors[what] ?? 0) + 1;
};

const call = <T>(base: string, method: string, path: string, token: string | null, body?: unknown, headers: Record<string, string> = {}): Promise<{ status: number; body: T | null }> =>
  httpCall<T>(base, method, path, token, body, { 'x-forwarded-for': HALL, ...headers });

async function must<T>(base: string, method: string, path: string, token: string | null, body?: unknown, headers?: Record<string, string>): Promise<T> {
  const r = await call<T>(base, method, path, token, body, headers);
  if (r.status >= 300) throw new Error(`${method} ${path} -> ${r.status} ${JSON.stringify(r.body).slice(0, 300)}`);
  return r.body as T;
}

function rssMb(pid: number): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Math.round(Number(m[1]) / 1024) : 0;
}
/** The server's V8 heap in use and its external memory (wasm and Buffers), from its own Prometheus metrics, in MB. */
async function heapMb(base: string): Promise<{ heapUsedMb: number; externalMb: number }> {
  const text = await (await fetch(`${base}/metrics`)).text();
  const metric = (name: string): number => Math.round(Number(new RegExp(`^${name} (\\S+)`, 'm').exec(text)?.[1] ?? 0) / 1048576);
  return { heapUsedMb: metric('nodejs_heap_size_used_bytes'), externalMb: metric('nodejs_external_memory_bytes') };
}
const openFds = (pid: number): number => readdirSync(`/proc/${pid}/fd`).length;
const activeHandles = (): number => (process as unknown as { _getActiveHandles(): unknown[] })._getActiveHandles().length;
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
const stats = (values: number[]): { n: number; p50: number; p99: number } => {
  const s = [...values].sort((a, b) => a - b);
  return { n: s.length, p50: Math.round(percentile(s, 50)), p99: Math.round(percentile(s, 99)) };
};

/** Runs `task` every `everyMs` until `until`, never two at once; the loop's own errors count as failures of `kind`. */
async function every(everyMs: number, until: number, kind: string, task: () => Promise<void>): Promise<void> {
  while (performance.now() < until) {
    const started = performance.now();
    await task().catch((err: unknown) => {
      fail(`${kind}: ${err instanceof Error ? err.message.slice(0, 120) : String(err)}`);
    });
    await sleep(Math.max(0, everyMs - (performance.now() - started)));
  }
}

async function main(): Promise<void> {
  if (!(MINUTES > 0 && MINUTES <= 50)) throw new Error('--minutes must be in (0, 50] (the seeded access tokens live an hour)');
  if (!Number.isInteger(VOTERS) || VOTERS < 1) throw new Error('--voters must be a positive integer');
  const throwaway = !process.env.DATABASE_URL ? (hasLocalPostgres() ? await startThrowawayPostgres() : null) : null;
  const baseUrl = process.env.DATABASE_URL ?? throwaway?.url;
  if (!baseUrl) throw new Error('the soak needs PostgreSQL: set DATABASE_URL or install it (apt-get install postgresql)');
  const scratch = await scratchDatabase(baseUrl, 'dh_soak');
  const jwtSecret = randomUUID() + randomUUID();
  const server = await startServer({
    DATABASE_URL: scratch.url,
    JWT_SECRET: jwtSecret,
    DEMO_SEED: 'always',
    DEMO_PASSWORD: PASSWORD,
    FACE_PRELOAD: 'true',
    TRUSTED_PROXIES: '127.0.0.1',
    NODE_ENV: 'production',
  });
  const pid = server.child.pid ?? 0;
  const base = server.url;
  try {
    // setup: the demo meeting with six people enrolled and two kiosks; a seeded meeting of VOTERS checked-in members
    const session = { ...(await must<TokenPair>(base, 'POST', '/api/auth/login', null, { username: 'admin', password: PASSWORD })), at: performance.now() };
    const admin = session.accessToken;
    const [demo] = await must<{ id: string }[]>(base, 'GET', '/api/meetings', admin);
    const invited = await must<{ delegateId: string }[]>(base, 'GET', `/api/meetings/${demo.id}/invitations`, admin);
    const notice = await must<{ version: string; sha256: string }>(base, 'GET', '/api/face/notice', admin);
    for (const [i, person] of PEOPLE.entries()) {
      const id = invited[i].delegateId;
      await must(base, 'POST', `/api/delegates/${id}/face/consent`, admin, { noticeVersion: notice.version, noticeSha256: notice.sha256, paperReference: `SOAK-${i + 1}` });
      const form = new FormData();
      for (const f of person.enroll) form.append('photos', new Blob([new Uint8Array(readFileSync(join(FACES, f)))], { type: f.endsWith('.png') ? 'image/png' : 'image/jpeg' }), f.split('/').pop());
      await must(base, 'POST', `/api/delegates/${id}/face/enrolments`, admin, form);
    }
    await must(base, 'POST', `/api/meetings/${demo.id}/status`, admin, { status: 'open' });
    const kiosk = (await must<{ token: string }>(base, 'POST', `/api/meetings/${demo.id}/kiosks`, admin, { name: 'Soak' })).token;
    const { default: pg } = await import('pg');
    const db = new pg.Client({ connectionString: scratch.url });
    await db.connect();
    const seed = await seedVotingMeeting((text, params) => db.query(text, params), VOTERS, await passwordHasher.hash(randomUUID())).finally(() => db.end());
    const staff = accessTokenFor(seed.secretary, jwtSecret);
    const frames = [...PEOPLE.flatMap((p) => p.probes), STRANGERS[0]].map((f) => ({ body: new Uint8Array(readFileSync(join(FACES, f))), type: f.endsWith('.png') ? 'image/png' : 'image/jpeg' }));

    // warm-up (not measured): the face engine's first frame
    await call(base, 'POST', `/api/meetings/${demo.id}/checkin/frame`, null, frames[0].body, { authorization: `Kiosk ${kiosk}`, 'x-kiosk-device': 'soak-kiosk-tablet-01', 'content-type': frames[0].type });
    await sleep(2000);
    const start = { rssMb: rssMb(pid), openFds: openFds(pid), clientHandles: activeHandles() };
    let peakRss = start.rssMb;
    const sampler = setInterval(() => (peakRss = Math.max(peakRss, rssMb(pid))), 1000);
    // a minute-by-minute memory line: growth that levels off is warm-up, growth that keeps its slope is a leak
    const began = performance.now();
    const memory: { minute: number; rssMb: number; heapUsedMb: number; externalMb: number }[] = [{ minute: 0, rssMb: start.rssMb, ...(await heapMb(base)) }];
    const memorySampler = setInterval(() => {
      heapMb(base)
        .then((h) => memory.push({ minute: Math.round((performance.now() - began) / 60_000), rssMb: rssMb(pid), ...h }))
        .catch(() => fail('metrics'));
    }, 60_000);
    const until = performance.now() + MINUTES * 60_000;
    log(`${base}: ${MINUTES} min, ${VOTERS} voters a wave, 5 frames/s, 1 login/s, a 20/s login flood, exports every 10 s`);

    let waves = 0;
    let acked = 0;
    let counted = 0;
    let lost = 0;
    let duplicates = 0;
    let frameIndex = 0;
    let logins = 0;
    await Promise.all([
      every(30_000, until, 'vote', async () => {
        const poll = await must<{ id: string; options: { id: string; code: string | null }[] }>(base, 'POST', `/api/meetings/${seed.meetingId}/polls`, staff, { kind: 'motion', ballotMode: 'named', title: `Soak ${waves + 1}` });
        const forId = poll.options.find((o) => o.code === 'for')!.id;
        const crowd = new VoteCrowd(seed.meetingId, seed.voters.map((v) => ({ token: accessTokenFor(v, jwtSecret), delegateId: v.delegateId ?? undefined, url: base, choice: forId })));
        try {
          await crowd.connect(50);
          await must(base, 'POST', `/api/polls/${poll.id}/open`, staff);
          await crowd.castAll(poll.id, 5000, 30_000, crowd.voters, { echoEvery: 20 });
          const closed = await must<{ result: { cast: number } | null }>(base, 'POST', `/api/polls/${poll.id}/close`, staff);
          await must(base, 'POST', `/api/polls/${poll.id}/publish`, staff);
          const rows = await must<{ ballots?: { delegateId: string }[] }>(base, 'GET', `/api/polls/${poll.id}`, staff);
          const ok = crowd.voters.filter((v) => v.receipt !== null);
          const listed = new Set((rows.ballots ?? []).map((b) => b.delegateId));
          acked += ok.length;
          counted += closed.result?.cast ?? 0;
          lost += ok.filter((v) => !listed.has(v.delegateId ?? '')).length;
          duplicates += Math.max(0, (closed.result?.cast ?? 0) - ok.length);
          for (const v of crowd.voters) {
            if (v.ackMs !== null) latency.vote.push(v.ackMs);
            for (const code of v.refusals) fail(`vote refused: ${code}`);
          }
          waves++;
        } finally {
          crowd.close();
        }
      }),
      every(200, until, 'frame', async () => {
        const f = frames[frameIndex++ % frames.length];
        const t0 = performance.now();
        const r = await call<{ error?: { code: string } }>(base, 'POST', `/api/meetings/${demo.id}/checkin/frame`, null, f.body, { authorization: `Kiosk ${kiosk}`, 'x-kiosk-device': 'soak-kiosk-tablet-01', 'content-type': f.type });
        latency.frame.push(performance.now() - t0);
        if (r.status !== 200) fail(`frame ${r.status} ${r.body?.error?.code ?? ''}`);
      }),
      every(1000, until, 'login', async () => {
        const t0 = performance.now();
        const r = await call<{ accessToken?: string; refreshToken?: string }>(base, 'POST', '/api/auth/login', null, { username: 'secretary', password: PASSWORD });
        latency.login.push(performance.now() - t0);
        logins++;
        if (r.status !== 200 || !r.body?.accessToken) fail(`login ${r.status}`);
        // a real session ends with a logout, so sessions do not pile up
        else await call(base, 'POST', '/api/auth/logout', r.body.accessToken, { refreshToken: r.body.refreshToken });
      }),
      (async () => {
        // fired at 20 a second without waiting for the answers, as an attacker would (at most 200 in flight)
        const inFlight = new Set<Promise<void>>();
        while (performance.now() < until) {
          if (inFlight.size < 200) {
            const t0 = performance.now();
            const p: Promise<void> = call(base, 'POST', '/api/auth/login', null, { username: `x${randomUUID().slice(0, 8)}`, password: 'wrong-password' }, { 'x-forwarded-for': FLOODER })
              .then((r) => {
                latency.flood.push(performance.now() - t0);
                floodStatus[r.status] = (floodStatus[r.status] ?? 0) + 1;
                if (r.status !== 401 && r.status !== 429 && r.status !== 503) fail(`flood ${r.status}`);
              })
              .catch((err: unknown) => fail(`flood: ${err instanceof Error ? err.message.slice(0, 120) : String(err)}`))
              .finally(() => inFlight.delete(p));
            inFlight.add(p);
          }
          await sleep(50);
        }
        await Promise.all(inFlight);
      })(),
      every(10_000, until, 'export', async () => {
        for (const path of [`/api/meetings/${demo.id}/exports/attendance.pdf`, `/api/meetings/${seed.meetingId}/exports/results.xlsx`]) {
          const t0 = performance.now();
          // the admin's access token expires during a long run: refresh it as the web client does
          if (performance.now() - session.at > (session.expiresIn * 1000) / 2) Object.assign(session, await must<TokenPair>(base, 'POST', '/api/auth/refresh', null, { refreshToken: session.refreshToken }), { at: performance.now() });
          const r = await call(base, 'GET', path, path.includes(seed.meetingId) ? staff : session.accessToken);
          latency.export.push(performance.now() - t0);
          if (r.status !== 200) fail(`export ${r.status} ${path.split('/').pop()}`);
        }
      }),
    ]);
    clearInterval(sampler);
    clearInterval(memorySampler);
    // let closed sockets and keep-alive connections settle before the end sample
    await sleep(5000);
    const end = { rssMb: rssMb(pid), openFds: openFds(pid), clientHandles: activeHandles() };
    memory.push({ minute: Math.round((performance.now() - began) / 60_000), rssMb: end.rssMb, ...(await heapMb(base)) });
    const report = {
      minutes: MINUTES,
      voters: VOTERS,
      waves,
      acked,
      counted,
      lost,
      duplicates,
      frames: latency.frame.length,
      logins,
      flood: { sent: latency.flood.length, byStatus: floodStatus },
      errors,
      ms: { vote: stats(latency.vote), frame: stats(latency.frame), login: stats(latency.login), flood: stats(latency.flood), export: stats(latency.export) },
      server: { rssMbStart: start.rssMb, rssMbEnd: end.rssMb, rssMbPeak: peakRss, openFdsStart: start.openFds, openFdsEnd: end.openFds },
      memory,
      client: { handlesStart: start.clientHandles, handlesEnd: end.clientHandles },
      date: new Date().toISOString().slice(0, 10),
    };
    console.log(JSON.stringify(report));
    if (Object.keys(errors).length > 0 || lost > 0 || duplicates > 0 || waves === 0) process.exitCode = 1;
  } finally {
    await server.stop();
    await scratch.drop();
    throwaway?.stop();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
