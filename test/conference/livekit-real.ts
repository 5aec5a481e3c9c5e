import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createNetServer } from 'node:net';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe } from '@jest/globals';

/** The pinned tag, read from the script that builds it, so tests and `npm run livekit:start` run the same server. */
export const LIVEKIT_VERSION = /^LIVEKIT_VERSION=(\S+)$/m.exec(readFileSync('scripts/livekit-local.sh', 'utf8'))![1];

/** TEST_LIVEKIT_BIN, else where scripts/livekit-local.sh caches its build. */
export function liveKitBinary(): string {
  if (process.env.TEST_LIVEKIT_BIN) return process.env.TEST_LIVEKIT_BIN;
  const root = process.env.DIENHONG_CACHE ?? join(process.env.XDG_CACHE_HOME ?? join(homedir(), '.cache'), 'dienhong');
  return join(root, 'livekit-server', LIVEKIT_VERSION, 'server');
}

export const HAS_LIVEKIT = existsSync(liveKitBinary());

/**
 * Tests against the real server run where it is built; in CI (.ci/run builds it) a missing binary fails the run
 * instead of skipping it, so a broken build step cannot pass unseen.
 */
export const describeWithLiveKit = HAS_LIVEKIT || process.env.CI ? describe : describe.skip;
if (!HAS_LIVEKIT && !process.env.CI) {
  process.stderr.write(`[e2e] livekit-server ${LIVEKIT_VERSION} is not built (${liveKitBinary()}): run \`bash scripts/livekit-local.sh build\`; real-server tests are skipped\n`);
}

export async function freeTcpPort(): Promise<number> {
  const server = createNetServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

export interface LiveKitServer {
  /** ws://127.0.0.1:<port>, for clients and the API's LIVEKIT_URL. */
  url: string;
  httpUrl: string;
  apiKey: string;
  apiSecret: string;
  pid: number;
  log(): string;
  stop(): Promise<void>;
}

/**
 * Starts the real livekit-server with the config `npm run livekit:start` uses (docker/livekit.yaml with the loopback
 * differences, rendered by scripts/livekit-local.sh), on free ports, webhooks to `webhookUrl`.
 */
export async function startLiveKit(opts: { webhookUrl: string }): Promise<LiveKitServer> {
  const bin = liveKitBinary();
  if (!existsSync(bin)) throw new Error(`livekit-server is not built at ${bin}: run \`bash scripts/livekit-local.sh build\` (.ci/run does)`);
  const dir = mkdtempSync(join(tmpdir(), 'dh-livekit-'));
  const apiKey = `APItest${randomBytes(4).toString('hex')}`;
  const apiSecret = randomBytes(24).toString('base64url');
  const port = await freeTcpPort();
  const tcpPort = await freeTcpPort();
  // a random block of UDP ports for ICE, away from the script's default 50000-50100
  const udpStart = 40000 + Math.floor(Math.random() * 90) * 100;
  const webhook = new URL(opts.webhookUrl);
  const config = execFileSync('bash', ['scripts/livekit-local.sh', 'config', webhook.port, String(port), String(tcpPort), String(udpStart), String(udpStart + 99), apiKey], { encoding: 'utf8' }).replace(
    `http://127.0.0.1:${webhook.port}/api/livekit/webhook`,
    opts.webhookUrl,
  );
  writeFileSync(join(dir, 'livekit.yaml'), config);
  const logPath = join(dir, 'livekit.log');
  const child: ChildProcess = spawn(bin, ['--config', join(dir, 'livekit.yaml'), '--bind', '127.0.0.1', '--node-ip', '127.0.0.1'], {
    env: { ...process.env, LIVEKIT_KEYS: `${apiKey}: ${apiSecret}` },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  const keep = (chunk: Buffer) => {
    log += chunk.toString('utf8');
    if (log.length > 400_000) log = log.slice(-200_000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const httpUrl = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 20_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`livekit-server exited (${child.exitCode}):\n${log.slice(-3000)}`);
    try {
      if ((await fetch(httpUrl)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`livekit-server did not answer on ${httpUrl} in 20 s:\n${log.slice(-3000)}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url: `ws://127.0.0.1:${port}`,
    httpUrl,
    apiKey,
    apiSecret,
    pid: child.pid!,
    log: () => log,
    async stop() {
      if (child.exitCode === null) {
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
        await exited;
        clearTimeout(timer);
      }
      writeFileSync(logPath, log);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** One webhook as LiveKit posted it: the exact signed bytes and their Authorization header. */
export interface Delivery {
  body: string;
  authorization: string;
  event: string;
  id: string;
  identity: string | null;
  /** What the relay answered LiveKit. */
  answered: number;
}

type Mode = { kind: 'forward' } | { kind: 'hold' } | { kind: 'forward-then-fail'; count: number } | { kind: 'fail'; count: number };

/**
 * TEST RELAY between the real LiveKit server and the API (LiveKit's webhook URL points here). It forwards every
 * delivery byte for byte, and can make the faults a network makes: hold deliveries and release them later in
 * another order (out-of-order delivery), or forward a delivery and answer LiveKit 503 so that LiveKit itself
 * retries it (a redelivery of the same signed event), or answer 503 without forwarding (LiveKit retries, the API
 * sees it once). Its fixed port also keeps LiveKit's webhook URL valid across an API restart on another port.
 */
export class WebhookRelay {
  readonly deliveries: Delivery[] = [];
  readonly held: Delivery[] = [];
  target = '';
  private server: Server | null = null;
  private mode: Mode = { kind: 'forward' };
  private filter: (d: Delivery) => boolean = () => true;

  async start(): Promise<string> {
    this.server = createHttpServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as { port: number }).port}/api/livekit/webhook`;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  /** Applies `mode` to deliveries that match `filter` (the rest are forwarded). */
  set(mode: Mode, filter: (d: Delivery) => boolean = () => true): void {
    this.mode = mode;
    this.filter = filter;
  }

  /** Forwards held deliveries in the given order (default: newest first), returns the API's statuses. */
  async release(order: (held: Delivery[]) => Delivery[] = (h) => [...h].reverse()): Promise<number[]> {
    const batch = order(this.held.splice(0));
    const statuses: number[] = [];
    for (const d of batch) statuses.push((await this.forward(d)).status);
    return statuses;
  }

  /** Posts a recorded delivery to the API again, exactly as LiveKit signed it. */
  forward(d: Pick<Delivery, 'body' | 'authorization'>): Promise<Response> {
    return fetch(this.target, { method: 'POST', headers: { 'content-type': 'application/webhook+json', authorization: d.authorization }, body: d.body });
  }

  of(event: string, identity?: string): Delivery[] {
    return this.deliveries.filter((d) => d.event === event && (identity === undefined || d.identity === identity));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks).toString('utf8');
    let parsed: { event?: string; id?: string; participant?: { identity?: string } } = {};
    try {
      parsed = JSON.parse(body) as typeof parsed;
    } catch {
      // forwarded as is; the API answers 400
    }
    const d: Delivery = { body, authorization: req.headers.authorization ?? '', event: parsed.event ?? '', id: parsed.id ?? '', identity: parsed.participant?.identity ?? null, answered: 0 };
    this.deliveries.push(d);
    const reply = (status: number) => {
      d.answered = status;
      res.writeHead(status, { 'content-type': 'text/plain' });
      res.end(status === 200 ? 'ok' : 'relay fault');
    };
    const mode = this.filter(d) ? this.mode : ({ kind: 'forward' } as Mode);
    if (mode.kind === 'hold') {
      this.held.push(d);
      return reply(200);
    }
    if (mode.kind === 'fail' && mode.count > 0) {
      mode.count--;
      return reply(503);
    }
    if (!this.target) return reply(503);
    let status: number;
    try {
      status = (await this.forward(d)).status;
    } catch {
      // the API is down: LiveKit retries
      return reply(503);
    }
    if (mode.kind === 'forward-then-fail' && mode.count > 0) {
      mode.count--;
      return reply(503);
    }
    reply(status);
  }
}
