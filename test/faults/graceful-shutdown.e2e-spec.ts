import { randomUUID } from 'node:crypto';
import type { ServerProcess } from '../../scripts/lib/server-process.js';
import { VoteCrowd } from '../../scripts/lib/vote-crowd.js';
import { startTestApp, type TestApp } from '../utils/test-app.js';
import { api, exited, onPostgres, seedCrowd, startApiProcess, accessTokenFor, type PollCreated } from './fault-kit.js';

const VOTERS = 120;

/**
 * SIGTERM to an API process in the middle of a vote burst: it stops taking work, answers every cast it accepted
 * (committed) or refuses it as SHUTTING_DOWN, tells its sockets to reconnect, and exits 0. The voters move to the
 * other instance and resend what was not acknowledged; every ballot ends up counted once.
 */
(onPostgres ? describe : describe.skip)('graceful shutdown (SIGTERM) during a vote burst', () => {
  const secret = randomUUID() + randomUUID();
  let control: TestApp;
  let a: ServerProcess;
  let b: ServerProcess;
  let crowd: VoteCrowd;

  beforeAll(async () => {
    control = await startTestApp({ JWT_SECRET: secret });
    [a, b] = await Promise.all([startApiProcess(control.databaseUrl!, secret), startApiProcess(control.databaseUrl!, secret)]);
  }, 180_000);

  afterAll(async () => {
    crowd?.close();
    await a?.stop();
    await b?.stop();
    await control?.close();
  });

  it('answers every accepted cast, hints a reconnect, exits 0, and loses nothing', async () => {
    const seed = await seedCrowd(control.dataSource, VOTERS);
    const staff = accessTokenFor(seed.secretary, secret);
    const poll = (await api<PollCreated>(a.url, staff, 'POST', `/api/meetings/${seed.meetingId}/polls`, { kind: 'motion', ballotMode: 'secret', title: 'Biểu quyết khi khởi động lại' })).body;
    const forId = poll.options.find((o) => o.code === 'for')!.id;
    crowd = new VoteCrowd(
      seed.meetingId,
      seed.voters.map((v) => ({ token: accessTokenFor(v, secret), url: a.url, choice: forId })),
    );
    await crowd.connect();
    expect((await api(a.url, staff, 'POST', `/api/polls/${poll.id}/open`)).status).toBe(200);

    const casting = crowd.castAll(poll.id, 1000, 15_000);
    await new Promise<void>((resolve) => {
      const timer = setInterval(() => {
        if (crowd.voters.filter((v) => v.receipt !== null).length >= 5) {
          clearInterval(timer);
          resolve();
        }
      }, 2);
    });
    a.child.kill('SIGTERM');
    const exit = exited(a.child);
    await casting;
    expect(await exit).toEqual({ code: 0, signal: null });
    expect(a.output()).toMatch(/SIGTERM: finishing accepted requests and votes/);

    // every cast sent before the transports closed got an answer: an ack, or a retryable SHUTTING_DOWN
    const firstAnswers = crowd.voters.map((v) => (v.receipt !== null && v.refusals.length === 0 ? 'ACK' : (v.refusals[0] ?? 'ACK')));
    const connectedAtStop = crowd.voters.filter((v) => v.shutdownNotices > 0).length;
    expect(connectedAtStop).toBe(VOTERS);
    const answered = firstAnswers.filter((c) => c === 'ACK' || c === 'SHUTTING_DOWN').length;
    // casts scheduled after the sockets closed find no connection (DISCONNECTED): the client just retries elsewhere
    expect(firstAnswers.filter((c) => !['ACK', 'SHUTTING_DOWN', 'DISCONNECTED'].includes(c))).toEqual([]);
    expect(answered).toBeGreaterThan(0);

    // the stopped instance takes no new connections
    await expect(fetch(`${a.url}/api/health`)).rejects.toThrow();

    await crowd.retryUntilAcked(poll.id, () => b.url);
    await crowd.reattachDisconnected(() => b.url);
    const receipts = crowd.voters.map((v) => v.receipt);
    expect(receipts.every((r) => r !== null)).toBe(true);

    expect((await api(b.url, staff, 'POST', `/api/polls/${poll.id}/close`)).status).toBe(200);
    expect((await api(b.url, staff, 'POST', `/api/polls/${poll.id}/publish`)).status).toBe(200);
    const published = await api<{ ballots: { receipt: string }[]; result: { cast: number } }>(b.url, staff, 'GET', `/api/polls/${poll.id}`);
    expect(published.body.result.cast).toBe(VOTERS);
    expect(new Set(published.body.ballots.map((x) => x.receipt))).toEqual(new Set(receipts));
    await crowd.allResults();
  }, 240_000);
});
