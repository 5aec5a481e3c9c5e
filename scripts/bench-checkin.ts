// Face check-in through the real server path: HTTP kiosk frames -> engine -> matcher -> attendance.
// Usage: npm run bench:checkin -- [--frames 200] [--concurrency <workers>] [--kiosks 2] [--workers N] [--pglite] [--json]
// Starts the compiled server on PostgreSQL as deployed (a scratch database on DATABASE_URL when set, else a throwaway
// local PostgreSQL from Debian's binaries; --pglite, or no PostgreSQL installed: the embedded PGlite, whose
// database then lives inside the measured process, +~150 MB), enrols
// six delegates of the demo meeting from ../shared/faces, opens the meeting, creates kiosk tokens and sends
// real probe photos. Latency = frame fully received by the server -> every check-in written and its
// attendance:updated emitted (the route's Server-Timing `checkin` value). Last line: JSON.
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { CHECKIN_PEOPLE as PEOPLE, CHECKIN_STRANGERS as STRANGERS } from './lib/checkin-photos.js';
import { httpCall } from './lib/http-call.js';
import { hasLocalPostgres, startThrowawayPostgres } from './lib/local-services.js';
import { parseArgs, scratchDatabase, startServer } from './lib/server-process.js';

interface FrameAnswer {
  faces: { status: string }[];
  elapsedMs: number;
  inferenceMs: number;
}

const args = parseArgs(process.argv.slice(2));
const json = args.json === true;
const frames = Number(args.frames ?? 200);
const kiosks = Number(args.kiosks ?? 2);
const workers = args.workers !== undefined ? String(args.workers) : undefined;
const FACES = join(process.cwd(), '..', 'shared', 'faces');
const PASSWORD = 'bench-password-1';

const log = (msg: string): void => {
  if (!json) console.error(msg);
};
const read = (file: string): Buffer => readFileSync(join(FACES, file));
const mime = (file: string): string => (file.endsWith('.png') ? 'image/png' : 'image/jpeg');

async function call<T>(base: string, method: string, path: string, token: string | null, body?: unknown, headers: Record<string, string> = {}): Promise<T> {
  const r = await httpCall<T>(base, method, path, token, body, headers);
  if (r.status >= 300) throw new Error(`${method} ${path} -> ${r.status} ${r.text.slice(0, 300)}`);
  return r.body as T;
}

function rssMb(pid: number): number {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : 0;
  } catch {
    return 0;
  }
}

const pct = (values: number[], q: number): number => {
  if (values.length === 0) return 0;
  const s = [...values].sort((a, b) => a - b);
  return Number(s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))].toFixed(1));
};

const throwaway = !args.pglite && !process.env.DATABASE_URL && hasLocalPostgres() ? await startThrowawayPostgres() : null;
const databaseUrl = args.pglite ? undefined : (process.env.DATABASE_URL ?? throwaway?.url);
const scratch = databaseUrl ? await scratchDatabase(databaseUrl, 'dh_bench_checkin') : null;
if (!scratch) log('bench:checkin: embedded PGlite (its database is part of the measured RSS)');
const server = await startServer({
  DATABASE_URL: scratch?.url,
  DEMO_SEED: 'always',
  DEMO_PASSWORD: PASSWORD,
  LOGIN_MAX_ATTEMPTS: '1000',
  FACE_PRELOAD: 'true',
  ...(workers ? { FACE_WORKERS: workers } : {}),
}).catch(async (err: unknown) => {
  await scratch?.drop();
  throwaway?.stop();
  throw err;
});
const pid = server.child.pid ?? 0;
// peak RSS per phase: start-up + enrolment (photo pipeline, larger inputs) vs the measured check-in frames
let peakRss = 0;
const sampler = setInterval(() => (peakRss = Math.max(peakRss, rssMb(pid))), 200);
try {
  const base = server.url;
  const { accessToken } = await call<{ accessToken: string }>(base, 'POST', '/api/auth/login', null, { username: 'admin', password: PASSWORD });
  const [meeting] = await call<{ id: string }[]>(base, 'GET', '/api/meetings', accessToken);
  const invited = await call<{ delegateId: string }[]>(base, 'GET', `/api/meetings/${meeting.id}/invitations`, accessToken);
  if (invited.length < PEOPLE.length) throw new Error(`the demo meeting has ${invited.length} delegates, ${PEOPLE.length} needed`);

  log(`enrolling ${PEOPLE.length} delegates...`);
  for (const [i, person] of PEOPLE.entries()) {
    const id = invited[i].delegateId;
    await call(base, 'POST', `/api/delegates/${id}/face/consent`, accessToken, { noticeVersion: '2026-11', paperReference: `BENCH-${i + 1}` });
    const form = new FormData();
    for (const f of person.enroll) form.append('photos', new Blob([new Uint8Array(read(f))], { type: mime(f) }), f.split('/').pop());
    await call(base, 'POST', `/api/delegates/${id}/face/enrolments`, accessToken, form);
  }
  await call(base, 'POST', `/api/meetings/${meeting.id}/status`, accessToken, { status: 'open' });
  const tokens: string[] = [];
  for (let k = 0; k < kiosks; k++) tokens.push((await call<{ token: string }>(base, 'POST', `/api/meetings/${meeting.id}/kiosks`, accessToken, { name: `Bench ${k + 1}` })).token);
  const health = await call<{ components: { face?: { backend: string | null; workers: number } } }>(base, 'GET', '/api/health', null);
  const face = health.components.face ?? { backend: null, workers: 0 };

  // frames: every probe of every person in turn, a stranger now and then
  const probes = PEOPLE.flatMap((p) => p.probes);
  const files: string[] = [];
  for (let i = 0; files.length < frames; i++) files.push(i % 10 === 9 ? STRANGERS[i % STRANGERS.length] : probes[i % probes.length]);
  const images = new Map([...new Set(files)].map((f) => [f, read(f)]));
  const send = (file: string, token: string): Promise<Response> =>
    fetch(`${base}/api/meetings/${meeting.id}/checkin/frame`, { method: 'POST', headers: { authorization: `Kiosk ${token}`, 'x-kiosk-device': 'bench-checkin-tablet', 'content-type': mime(file) }, body: new Uint8Array(images.get(file)!) });

  // warm-up: the engine and the meeting's matcher (not measured)
  for (const f of [probes[0], STRANGERS[0]]) await (await send(f, tokens[0])).arrayBuffer();

  const setupPeakRss = Math.max(peakRss, rssMb(pid));
  const rssBeforeFrames = rssMb(pid);
  peakRss = 0;
  const concurrency = Number(args.concurrency ?? face.workers ?? 2) || 2;
  log(`backend ${face.backend}, ${face.workers} workers; ${frames} frames, ${concurrency} in flight over ${kiosks} kiosk(s)...`);
  const latency: number[] = [];
  const checkInLatency: number[] = [];
  const inference: number[] = [];
  const roundTrip: number[] = [];
  const statuses: Record<string, number> = {};
  const errors: Record<string, number> = {};
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async (_, lane) => {
      for (;;) {
        const i = next++;
        if (i >= files.length) return;
        const t0 = performance.now();
        const res = await send(files[i], tokens[lane % tokens.length]);
        const text = await res.text();
        roundTrip.push(performance.now() - t0);
        if (!res.ok) {
          errors[res.status] = (errors[res.status] ?? 0) + 1;
          continue;
        }
        const answer = JSON.parse(text) as FrameAnswer;
        latency.push(answer.elapsedMs);
        inference.push(answer.inferenceMs);
        for (const f of answer.faces) statuses[f.status] = (statuses[f.status] ?? 0) + 1;
        if (answer.faces.some((f) => f.status === 'checked_in')) checkInLatency.push(answer.elapsedMs);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  const result = {
    backend: face.backend,
    workers: face.workers,
    frames: latency.length,
    framesPerSec: Number((latency.length / seconds).toFixed(1)),
    latencyMsP50: pct(latency, 0.5),
    latencyMsP95: pct(latency, 0.95),
    rssMb: Math.round(Math.max(peakRss, rssMb(pid))),
  };
  const details = {
    concurrency,
    kiosks,
    database: scratch ? (throwaway ? 'postgres (throwaway)' : 'postgres') : 'pglite',
    statuses,
    errors,
    checkInFrames: checkInLatency.length,
    checkInLatencyMsP50: pct(checkInLatency, 0.5),
    checkInLatencyMsMax: pct(checkInLatency, 1),
    inferenceMsP50: pct(inference, 0.5),
    inferenceMsP95: pct(inference, 0.95),
    rssMbSetupPeak: Math.round(setupPeakRss),
    rssMbBeforeFrames: Math.round(rssBeforeFrames),
    loadAverage1m: Number(loadavg()[0].toFixed(2)),
    roundTripMsP50: pct(roundTrip, 0.5),
    roundTripMsP95: pct(roundTrip, 0.95),
  };
  if (!json) console.log(JSON.stringify(details));
  console.log(JSON.stringify(result));
} finally {
  clearInterval(sampler);
  await server.stop();
  await scratch?.drop();
  throwaway?.stop();
}
