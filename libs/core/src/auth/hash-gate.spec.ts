import { DomainError } from '../errors/domain.error.js';
import { HashGate } from './hash-gate.js';

describe('HashGate', () => {
  it('runs at most maxConcurrent at once, queues up to maxQueue, and refuses the rest with 503 and Retry-After', async () => {
    const gate = new HashGate(2, 3);
    let running = 0;
    let peak = 0;
    const releases: (() => void)[] = [];
    const work = (): Promise<string> =>
      new Promise((resolve) => {
        running += 1;
        peak = Math.max(peak, running);
        releases.push(() => {
          running -= 1;
          resolve('ok');
        });
      });
    const results = Array.from({ length: 8 }, () => gate.run(work).then((v) => v, (e: unknown) => e));
    await new Promise((r) => setImmediate(r));
    expect(running).toBe(2);
    expect(gate.queued).toBe(3);
    // the 3 that found the queue full were refused at once
    const refused = (await Promise.race([Promise.all(results.slice(5)), new Promise((r) => setTimeout(() => r('pending'), 100))])) as unknown[];
    expect(refused).toHaveLength(3);
    for (const e of refused) {
      expect(e).toBeInstanceOf(DomainError);
      expect(e).toMatchObject({ code: 'SERVICE_UNAVAILABLE' });
      expect((e as DomainError).retryAfter).toBeGreaterThanOrEqual(1);
    }
    while (releases.length > 0 || running > 0) {
      releases.shift()?.();
      await new Promise((r) => setImmediate(r));
    }
    expect(await Promise.all(results.slice(0, 5))).toEqual(['ok', 'ok', 'ok', 'ok', 'ok']);
    expect(peak).toBe(2);
  });

  it('frees the slot when the work fails', async () => {
    const gate = new HashGate(1, 0);
    await expect(gate.run(() => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    await expect(gate.run(() => Promise.resolve(1))).resolves.toBe(1);
  });

  it('lets one address hold at most perKey places, answering 429 past it, while other addresses still get in', async () => {
    const gate = new HashGate(1, 10, 2);
    const releases: (() => void)[] = [];
    const work = (): Promise<string> => new Promise((resolve) => releases.push(() => resolve('ok')));
    const flood = Array.from({ length: 5 }, () => gate.run(work, '10.66.0.66').then((v) => v, (e: unknown) => e));
    const other = gate.run(work, '10.20.0.1');
    await new Promise((r) => setImmediate(r));
    // two of the flood hold places (one running, one waiting); the other three were refused at once, the hall's login waits
    expect(gate.queued).toBe(2);
    const refused = await Promise.all(flood.slice(2));
    for (const e of refused) expect(e).toMatchObject({ code: 'TOO_MANY_REQUESTS' });
    while (releases.length > 0 || gate.queued > 0) {
      releases.shift()?.();
      await new Promise((r) => setImmediate(r));
    }
    expect(await other).toBe('ok');
    expect(await Promise.all(flood.slice(0, 2))).toEqual(['ok', 'ok']);
    // the places are given back: the same address gets in again
    const again = gate.run(() => Promise.resolve('again'), '10.66.0.66');
    expect(await again).toBe('again');
  });
});
