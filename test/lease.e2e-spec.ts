import { LeaseService } from '#core';
import { startTestApp, type TestApp } from './utils/test-app.js';

describe('scheduler leases', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  it('lets exactly one instance hold a lease until it expires or is released', async () => {
    const a = new LeaseService(t.dataSource);
    const b = new LeaseService(t.dataSource);
    const first = await Promise.all([a.tryAcquire('job', 60_000), b.tryAcquire('job', 60_000)]);
    expect(first.filter(Boolean)).toHaveLength(1);
    const [winner, loser] = first[0] ? [a, b] : [b, a];
    expect(await winner.tryAcquire('job', 60_000)).toBe(true); // renewal by the holder
    expect(await loser.tryAcquire('job', 60_000)).toBe(false);
    await winner.release('job');
    expect(await loser.tryAcquire('job', 50)).toBe(true);
    await new Promise((r) => setTimeout(r, 120));
    // the holder vanished without releasing: the lease lapses and another instance takes over
    expect(await winner.tryAcquire('job', 60_000)).toBe(true);
    expect(await a.tryAcquire('other-job', 60_000)).toBe(true);
  });
});
