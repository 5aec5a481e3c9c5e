import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** A small run of the malformed-input storm (npm run fuzz) against a real server process on every route. */
describe('malformed input storm', () => {
  it('answers every generated malformed request with a 4xx in the error shape, without a crash', async () => {
    const { stdout } = await run(process.execPath, ['dist/scripts/fuzz.js', '--cases', '400', '--json', '--seed', String(Date.now() % 100000)], {
      env: process.env,
      timeout: 240_000,
      maxBuffer: 10 * 1024 * 1024,
    }).catch((err: { stdout?: string; stderr?: string }) => ({ stdout: err.stdout ?? '', stderr: err.stderr ?? '' }));
    const last = stdout.trim().split('\n').pop() ?? '{}';
    const result = JSON.parse(last) as { cases: number; status5xx: number; crashes: number; unexpected: number; routes: number };
    expect(result.cases).toBe(400);
    expect(result.routes).toBeGreaterThan(20);
    expect({ status5xx: result.status5xx, crashes: result.crashes, unexpected: result.unexpected }).toEqual({ status5xx: 0, crashes: 0, unexpected: 0 });
  }, 250_000);
});
