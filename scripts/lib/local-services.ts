import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A TCP port nobody listens on right now (for throwaway servers). */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

/** A throwaway redis-server from Debian's package on a loopback port, ready when this resolves. */
export async function startRedis(port: number): Promise<ChildProcess> {
  const child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: ['ignore', 'pipe', 'pipe'] });
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('redis-server did not start')), 10_000);
    child.stdout?.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('Ready to accept connections')) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.once('exit', (code) => reject(new Error(`redis-server exited with ${code}`)));
  });
  return child;
}

/** Debian's PostgreSQL is installed (scripts/pg-local.sh can start one). */
export function hasLocalPostgres(): boolean {
  return existsSync('/usr/lib/postgresql');
}

/** A throwaway PostgreSQL (scripts/pg-local.sh) on a loopback port, removed by stop(). */
export async function startThrowawayPostgres(): Promise<{ url: string; stop(): void }> {
  const dir = mkdtempSync(join(tmpdir(), 'dh-bench-pg-'));
  rmSync(dir, { recursive: true });
  const port = await freePort();
  const started = spawnSync('bash', ['scripts/pg-local.sh', 'start', dir, String(port)], { encoding: 'utf8' });
  if (started.status !== 0) throw new Error(`could not start PostgreSQL: ${started.stderr}`);
  return {
    url: started.stdout.trim(),
    stop: () => {
      spawnSync('bash', ['scripts/pg-local.sh', 'stop', dir, String(port)]);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
