import { spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DataSource } from 'typeorm';
import { passwordHasher } from '#core';
import { seedVotingMeeting, type BenchSeed } from '../../scripts/lib/bench-seed.js';

export { accessTokenFor } from '../../scripts/lib/bench-seed.js';
import { startServer, type ServerProcess } from '../../scripts/lib/server-process.js';

export { freePort, startRedis } from '../../scripts/lib/local-services.js';

export const hasRedis = spawnSync('redis-server', ['--version']).status === 0;
export const onPostgres = Boolean(process.env.DATABASE_URL);

/** An API process as production runs it (compiled, `node dist/apps/api/src/main.js`) on a given database. */
// the instances of one deployment share the ballot master key and the key folder, as they share the database
const SHARED_BALLOT_KEY_DIR = mkdtempSync(join(tmpdir(), 'dh-ballot-keys-'));
const SHARED_BALLOT_KEY = randomBytes(32).toString('base64');

export function startApiProcess(databaseUrl: string, jwtSecret: string, extra: Record<string, string> = {}): Promise<ServerProcess> {
  return startServer({
    BALLOT_KEY: SHARED_BALLOT_KEY,
    BALLOT_KEY_DIR: SHARED_BALLOT_KEY_DIR,
    DATABASE_URL: databaseUrl,
    JWT_SECRET: jwtSecret,
    NODE_ENV: 'production',
    DEMO_SEED: 'never',
    LOG_LEVEL: 'warn',
    SCHEDULER_INTERVAL_SECONDS: '0',
    // the crowd casts from one address; the per-user cast limit still applies
    LOGIN_MAX_ATTEMPTS: '1000',
    ...extra,
  });
}

export function exited(child: ChildProcess): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve({ code: child.exitCode, signal: child.signalCode });
  return new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
}

/** n checked-in voting delegates with sessions, seeded in a few statements (argon2 once, not n times). */
export async function seedCrowd(ds: DataSource, n: number): Promise<BenchSeed> {
  const hash = await passwordHasher.hash(randomUUID());
  return seedVotingMeeting((text, params) => ds.query(text, params), n, hash);
}

export async function api<T>(url: string, token: string, method: string, path: string, body?: unknown): Promise<{ status: number; body: T; headers: Headers }> {
  const res = await fetch(url + path, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  return { status: res.status, body: (await res.json()) as T, headers: res.headers };
}

export { eventually } from '../utils/eventually.js';

export interface PollCreated {
  id: string;
  options: { id: string; code: string | null }[];
}
