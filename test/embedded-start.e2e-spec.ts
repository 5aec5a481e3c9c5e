import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HttpClient } from './utils/http.js';

/** Runs the shipped server the way the README does (no DATABASE_URL): embedded PGlite, demo data, demo logins. */
describe('embedded start (PGlite)', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'dh-embedded-'));
  let child: ChildProcess;
  let output = '';
  const port = 20000 + Math.floor(Math.random() * 20000);

  const start = (): Promise<void> =>
    new Promise((resolve, reject) => {
      const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'warn' };
      delete env.DATABASE_URL;
      child = spawn(process.execPath, ['dist/apps/api/src/main.js'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
      const timer = setTimeout(() => reject(new Error(`server did not start:\n${output}`)), 60_000);
      const onData = (chunk: Buffer): void => {
        output += chunk.toString();
        if (output.includes('Diên Hồng is running at')) {
          clearTimeout(timer);
          resolve();
        }
      };
      child.stdout?.on('data', onData);
      child.stderr?.on('data', onData);
      child.on('exit', (code) => reject(new Error(`server exited with ${code}:\n${output}`)));
    });

  const stop = async (): Promise<void> => {
    if (!child || child.exitCode !== null) return;
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    await exited;
  };

  afterAll(async () => {
    await stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('starts on PGlite, seeds the demo, prints URL and logins, serves health and login', async () => {
    await start();
    expect(output).toContain(`http://127.0.0.1:${port}`);
    expect(output).toMatch(/demo logins.*admin, secretary, chair/);
    const http = new HttpClient(`http://127.0.0.1:${port}`);
    const health = await http.get<{ status: string; components: { database: { driver: string } } }>('/api/health');
    expect(health.status).toBe(200);
    expect(health.body.components.database.driver).toBe('pglite');
    for (const username of ['admin', 'secretary', 'chair', 'delegate1', 'delegate15']) {
      const res = await http.post<{ accessToken: string }>('/api/auth/login', { username, password: 'demo1234' });
      expect(res.status).toBe(200);
    }
  });

  it('keeps its data across a restart and does not seed twice', async () => {
    await stop();
    output = '';
    await start();
    expect(output).not.toContain('demo data created');
    const res = await new HttpClient(`http://127.0.0.1:${port}`).post('/api/auth/login', { username: 'delegate3', password: 'demo1234' });
    expect(res.status).toBe(200);
  });
});
