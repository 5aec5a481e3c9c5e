import { readFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import jwt from 'jsonwebtoken';
import { io } from 'socket.io-client';
import { parseArgs, scratchDatabase, startServer, type ServerProcess } from './lib/server-process.js';

/**
 * Throws generated malformed requests at every HTTP route (read from the OpenAPI document) and every WS event,
 * and prints {"cases","status5xx","crashes","unexpected"} on its last line.
 * npm run fuzz -- --cases N [--url URL] [--seed S] [--json]
 */

interface Operation {
  method: string;
  path: string;
  hasBody: boolean;
  multipart: boolean;
  raw: boolean;
}
interface Outcome {
  status: number;
  shapeOk: boolean;
  code?: string;
}

/** 503s the API gives on purpose for a feature that is switched off (e.g. LiveKit not configured). */
const DESIGNED_UNAVAILABLE = new Set(['CONFERENCE_DISABLED', 'RECORDING_UNAVAILABLE']);

const args = parseArgs(process.argv.slice(2));
const CASES = Number(args.cases ?? 1000);
let seed = Number(args.seed ?? 1234567);
const rand = (): number => {
  seed = (seed * 1103515245 + 12345) & 0x7fffffff;
  return seed / 0x7fffffff;
};
const pick = <T>(items: T[]): T => items[Math.floor(rand() * items.length)];

const JUNK_IDS = ['not-a-uuid', '0', '-1', '%00', '..%2F..%2Fetc%2Fpasswd', 'a'.repeat(5000), '00000000-0000-0000-0000-000000000000', '💥', "' OR 1=1 --", '__proto__'];
const JUNK_VALUES: unknown[] = [null, true, -1, 1e308, 'x'.repeat(300_000), [], {}, [[[[]]]], { $gt: '' }, '\u0000', 'Nguyễn\u202eVăn', NaN, '2026-13-45T99:99:99Z'];

function deepJson(depth: number): string {
  return '{"a":'.repeat(depth) + '1' + '}'.repeat(depth);
}

function junkObject(): unknown {
  const o: Record<string, unknown> = {};
  const keys = ['username', 'password', 'title', 'status', 'delegateId', 'bodyId', 'choices', 'content', 'ballotId', 'onBehalfOf', 'representedDelegateId', 'actingDelegateId', 'options', 'email', 'name', 'agenda', '__proto__', 'constructor', 'extra'];
  for (let i = 0; i < 1 + Math.floor(rand() * 5); i++) o[pick(keys)] = pick(JUNK_VALUES);
  return o;
}

function bodyFor(op: Operation): { body: BodyInit | undefined; headers: Record<string, string>; label: string } {
  const kind = Math.floor(rand() * 9);
  if (op.multipart && kind < 4) {
    const form = new FormData();
    const bytes = pick([Buffer.from('not an image or pdf'), Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10]), Buffer.alloc(0), Buffer.from('%PDF-1.4 truncated'), Buffer.from('PK\u0003\u0004garbage')]);
    form.append(pick(['file', 'photo', 'image', 'wrong']), new Blob([bytes]), pick(['a.jpg', 'a.pdf', 'a.csv', 'a.xlsx', '../../x', '']));
    return { body: form, headers: {}, label: 'multipart-junk' };
  }
  if (op.raw && kind < 4) {
    const bytes = pick([Buffer.from([0xff, 0xd8, 0xff]), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0]), Buffer.from('GIF89a'), Buffer.alloc(16, 0)]);
    return { body: new Uint8Array(bytes), headers: { 'content-type': pick(['image/jpeg', 'image/png', 'application/octet-stream']) }, label: 'raw-junk' };
  }
  switch (kind) {
    case 0:
      return { body: JSON.stringify(junkObject()), headers: { 'content-type': 'application/json' }, label: 'wrong-types' };
    case 1:
      return { body: deepJson(2000 + Math.floor(rand() * 8000)), headers: { 'content-type': 'application/json' }, label: 'deep-json' };
    case 2:
      return { body: new Uint8Array(Buffer.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0xc3, 0x28, 0x22, 0x7d])), headers: { 'content-type': 'application/json; charset=utf-8' }, label: 'bad-utf8' };
    case 3:
      return { body: JSON.stringify({ s: 'x'.repeat(3 * 1024 * 1024) }), headers: { 'content-type': 'application/json' }, label: 'huge-string' };
    case 4:
      return { body: '{"username": "a", ', headers: { 'content-type': 'application/json' }, label: 'truncated-json' };
    case 5:
      return { body: JSON.stringify(pick(JUNK_VALUES)), headers: { 'content-type': 'application/json' }, label: 'scalar-json' };
    case 6:
      return { body: 'a=1&b[c]=2&__proto__[x]=y', headers: { 'content-type': 'application/x-www-form-urlencoded' }, label: 'form' };
    case 7:
      return { body: '<xml/>', headers: { 'content-type': pick(['text/xml', 'application/json', 'multipart/form-data; boundary=zz']) }, label: 'wrong-content-type' };
    default:
      return { body: op.hasBody ? JSON.stringify({}) : undefined, headers: { 'content-type': 'application/json' }, label: 'empty' };
  }
}

function fillPath(path: string): string {
  return path.replace(/\{(\w+)\}/g, () => encodeURIComponent(pick(JUNK_IDS)).slice(0, 4000));
}

async function send(url: string, method: string, headers: Record<string, string>, body: BodyInit | undefined): Promise<Outcome | 'network'> {
  try {
    const res = await fetch(url, { method, headers, body, signal: AbortSignal.timeout(15_000) });
    return judge(res.status, await res.text());
  } catch (err: unknown) {
    const e = err as { name?: string; cause?: { code?: string; message?: string } };
    lastNetworkError = e.cause?.code ?? e.cause?.message ?? e.name ?? 'unknown';
    return 'network';
  }
}

/** An answer below 400 is fine; an error must carry the one error shape `{ error: { code, message, requestId } }`. */
function judge(status: number, text: string): Outcome {
  if (status < 400) return { status, shapeOk: true };
  try {
    const parsed = JSON.parse(text) as { error?: { code?: unknown; message?: unknown; requestId?: unknown } };
    const shapeOk = typeof parsed.error?.code === 'string' && typeof parsed.error.message === 'string' && typeof parsed.error.requestId === 'string';
    return { status, shapeOk, code: typeof parsed.error?.code === 'string' ? parsed.error.code : undefined };
  } catch {
    return { status, shapeOk: false };
  }
}

/**
 * The retry of a request that got no answer: on a connection of its own (no keep-alive reuse, whose races look like
 * a reset), and reading the answer even if the server stops reading the body, as a browser would.
 */
function sendOnFreshConnection(url: string, method: string, headers: Record<string, string>, body: BodyInit | undefined): Promise<Outcome | 'network'> {
  return new Promise((resolve) => {
    const data = body === undefined ? undefined : typeof body === 'string' ? Buffer.from(body) : body instanceof Uint8Array ? Buffer.from(body) : undefined;
    if (body !== undefined && data === undefined) return resolve(send(url, method, headers, body));
    const req = request(url, { method, headers: { ...headers, ...(data ? { 'content-length': String(data.length) } : {}) }, agent: false, timeout: 15_000 }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve(judge(res.statusCode ?? 0, Buffer.concat(chunks).toString('utf8'))));
      res.on('error', () => resolve('network'));
    });
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', (err: NodeJS.ErrnoException) => {
      lastNetworkError = err.code ?? err.message;
      resolve('network');
    });
    req.end(data);
  });
}

/** Why the last request got no answer (undici's cause code, or TimeoutError), for the report. */
let lastNetworkError = '';

async function login(base: string, username: string, password: string): Promise<{ accessToken: string; refreshToken: string } | null> {
  const res = await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) });
  return res.ok ? ((await res.json()) as { accessToken: string; refreshToken: string }) : null;
}

async function alive(base: string): Promise<boolean> {
  try {
    return (await fetch(`${base}/api/health`, { signal: AbortSignal.timeout(10_000) })).status < 500;
  } catch {
    return false;
  }
}

async function main(): Promise<void> {
  let server: ServerProcess | null = null;
  let base = typeof args.url === 'string' ? args.url.replace(/\/$/, '') : '';
  let scratch: { drop(): Promise<void> } | null = null;
  if (!base) {
    const db = process.env.DATABASE_URL ? await scratchDatabase(process.env.DATABASE_URL, 'dienhong_fuzz') : null;
    scratch = db;
    server = await startServer({ LOGIN_MAX_ATTEMPTS: '5', DATABASE_URL: db?.url });
    base = server.url;
    process.stdout.write(`server started on ${db ? 'PostgreSQL (scratch database)' : 'embedded PGlite'}\n`);
  }
  const password = process.env.DEMO_PASSWORD ?? 'demo1234';
  const tokens: (string | undefined)[] = [undefined];
  for (const u of ['admin', 'secretary', 'chair', 'delegate1', 'observer']) {
    const t = await login(base, u, password);
    if (t) tokens.push(t.accessToken);
  }
  // a replayed token: valid signature, session logged out
  const replay = await login(base, 'delegate2', password);
  if (replay) {
    await fetch(`${base}/api/auth/logout`, { method: 'POST', headers: { authorization: `Bearer ${replay.accessToken}` } });
    tokens.push(replay.accessToken);
  }
  if (server) {
    const secret = readFileSync(join(server.dataDir, 'jwt.secret'), 'utf8').trim();
    tokens.push(jwt.sign({ sub: 'x', role: 'admin', typ: 'access', sid: 'y', exp: Math.floor(Date.now() / 1000) - 60 }, secret));
  }
  tokens.push(jwt.sign({ sub: 'x', role: 'admin', typ: 'access', sid: 'y' }, 'not-the-secret-not-the-secret-not-the-secret'), 'garbage.token.here');

  const doc = (await (await fetch(`${base}/api/docs-json`)).json()) as { paths: Record<string, Record<string, { requestBody?: { content?: Record<string, unknown> } }>> };
  const ops: Operation[] = [];
  for (const [path, methods] of Object.entries(doc.paths)) {
    for (const [method, spec] of Object.entries(methods)) {
      const content = spec.requestBody?.content ?? {};
      ops.push({
        method: method.toUpperCase(),
        path,
        hasBody: !!spec.requestBody,
        multipart: 'multipart/form-data' in content,
        raw: Object.keys(content).some((c) => c.startsWith('image/') || c === 'application/octet-stream'),
      });
    }
  }
  // logout would end sessions the fuzzer needs; it is fuzzed with junk tokens only
  const wsEvents = ['meeting:join', 'meeting:leave', 'vote:cast', 'poll:state', 'checkin:frame', 'hand:raise', 'opinion:submit', 'sync', 'unknown:event'];

  let cases = 0;
  let status5xx = 0;
  let unexpected = 0;
  let crashes = 0;
  let refusedByHttpServer = 0;
  let switchedOff = 0;
  let closedEarly = 0;
  const samples: string[] = [];
  const httpCases = Math.ceil(CASES * 0.85);
  for (let i = 0; i < httpCases; i++) {
    const op = ops[i % ops.length];
    const token = op.path === '/api/auth/logout' ? pick([undefined, 'garbage.token.here']) : pick(tokens);
    const { body, headers, label } = bodyFor(op);
    if (token) headers.authorization = rand() < 0.1 ? `Bearer  ${token}x` : `Bearer ${token}`;
    const path = fillPath(op.path) + (rand() < 0.3 ? `?limit=${encodeURIComponent(String(pick(JUNK_VALUES)))}&offset=-5&q=%ZZ` : '');
    const method = rand() < 0.05 ? pick(['PATCH', 'PUT', 'DELETE', 'OPTIONS']) : op.method;
    const payload = method === 'GET' || method === 'HEAD' ? undefined : body;
    let outcome = await send(base + path, method, headers, payload);
    cases++;
    if (outcome === 'network') {
      // a server may answer early (401/413) and close while a big body is still being sent; the same request
      // sent again shows whether it really goes unanswered
      await new Promise((r) => setTimeout(r, 200));
      outcome = await sendOnFreshConnection(base + path, method, headers, payload);
      if (outcome !== 'network') closedEarly++;
    }
    // a request head over Node's limit (16 KB) is refused by the HTTP parser before the app sees it: with a big body
    // still on its way, the client sees that refusal as a reset rather than a 431
    if (outcome === 'network' && path.length > 16 * 1024) {
      refusedByHttpServer++;
      continue;
    }
    if (outcome === 'network') {
      if (!(await alive(base))) {
        crashes++;
        samples.push(`crash after ${method} ${op.path} ${label}`);
        break;
      }
      unexpected++;
      samples.push(`no answer (${lastNetworkError}): ${method} ${op.path} ${label}`);
      continue;
    }
    // Node's HTTP parser refuses oversized URLs/headers before the app sees them; that is a clean refusal
    if (outcome.status === 431 || outcome.status === 414) {
      refusedByHttpServer++;
      continue;
    }
    if (outcome.status === 503 && outcome.shapeOk && outcome.code && DESIGNED_UNAVAILABLE.has(outcome.code)) {
      switchedOff++;
      continue;
    }
    if (outcome.status >= 500) {
      status5xx++;
      if (samples.length < 20) samples.push(`${outcome.status}: ${method} ${op.path} ${label}`);
    } else if (!outcome.shapeOk) {
      unexpected++;
      if (samples.length < 20) samples.push(`bad error shape ${outcome.status}: ${method} ${op.path} ${label}`);
    }
  }

  // WS: every known event with junk payloads, as valid and invalid users
  const wsCases = CASES - cases;
  let wsDone = 0;
  while (wsDone < wsCases && crashes === 0) {
    const token = pick(tokens);
    const socket = io(base, { auth: token ? { token } : {}, transports: ['websocket'], reconnection: false, timeout: 5000 });
    await new Promise<void>((resolve) => {
      socket.once('connect', () => resolve());
      socket.once('connect_error', () => resolve());
      setTimeout(resolve, 5000);
    });
    for (let k = 0; k < 20 && wsDone < wsCases; k++, wsDone++, cases++) {
      const payload = pick<unknown>([...JUNK_VALUES, junkObject(), 'y'.repeat(2 * 1024 * 1024), Buffer.alloc(64, 1)]);
      if (socket.connected) {
        await new Promise<void>((resolve) => {
          socket.timeout(3000).emit(pick(wsEvents), payload, () => resolve());
          setTimeout(resolve, 3100);
        });
      }
    }
    socket.close();
    if (!(await alive(base))) crashes++;
  }

  if (!(await alive(base))) crashes = Math.max(crashes, 1);
  if (server && (server.child.exitCode !== null || server.child.signalCode !== null)) crashes = Math.max(crashes, 1);
  if (server) await server.stop();
  if (scratch) await scratch.drop();
  const result = { cases, status5xx, crashes, unexpected, refusedByHttpServer, switchedOff, closedEarly, routes: ops.length, wsEvents: wsEvents.length };
  if (!args.json) {
    process.stdout.write(`fuzzed ${ops.length} operations and ${wsEvents.length} WS events\n`);
    for (const s of samples) process.stdout.write(`  ${s}\n`);
  }
  process.stdout.write(JSON.stringify(result) + '\n');
  process.exitCode = status5xx + crashes + unexpected > 0 ? 1 : 0;
}

main().catch((err: unknown) => {
  process.stderr.write(`fuzz failed: ${err instanceof Error ? err.stack : String(err)}\n`);
  process.exitCode = 2;
});
