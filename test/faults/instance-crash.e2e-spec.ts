import type { ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import type { ServerProcess } from '../../scripts/lib/server-process.js';
import { VoteCrowd } from '../../scripts/lib/vote-crowd.js';
import { startTestApp, type TestApp } from '../utils/test-app.js';
import { api, exited, freePort, hasRedis, onPostgres, seedCrowd, startApiProcess, startRedis, accessTokenFor, type PollCreated } from './fault-kit.js';

const VOTERS = 500;

/**
 * Two API processes on one PostgreSQL and one Redis, 500 socket.io voters split between them; one process is
 * killed with SIGKILL in the middle of the burst. Its voters reconnect to the other and resend the ballot ids they
 * have no ack for. Every acknowledged ballot must be in the database, none twice, and the tally must match.
 */
(onPostgres && hasRedis ? describe : describe.skip)('kill -9 of one API instance during a vote burst', () => {
  const secret = randomUUID() + randomUUID();
  let redis: ChildProcess;
  let control: TestApp;
  let a: ServerProcess;
  let b: ServerProcess;
  let crowd: VoteCrowd;

  beforeAll(async () => {
    const redisPort = await freePort();
    redis = await startRedis(redisPort);
    const redisUrl = `redis://127.0.0.1:${redisPort}`;
    control = await startTestApp({ JWT_SECRET: secret, REDIS_URL: redisUrl });
    [a, b] = await Promise.all([
      startApiProcess(control.databaseUrl!, secret, { REDIS_URL: redisUrl }),
      startApiProcess(control.databaseUrl!, secret, { REDIS_URL: redisUrl }),
    ]);
  }, 180_000);

  afterAll(async () => {
    crowd?.close();
    await a?.stop();
    await b?.stop();
    await control?.close();
    redis?.kill('SIGTERM');
  });

  it('loses no acknowledged ballot and counts none twice', async () => {
    const seed = await seedCrowd(control.dataSource, VOTERS);
    const staff = accessTokenFor(seed.secretary, secret);
    const poll = (await api<PollCreated>(b.url, staff, 'POST', `/api/meetings/${seed.meetingId}/polls`, { kind: 'motion', ballotMode: 'named', title: 'Biểu quyết khi mất máy chủ' })).body;
    const optionOf = (code: string): string => poll.options.find((o) => o.code === code)!.id;
    const choices = [optionOf('for'), optionOf('against'), optionOf('abstain')];
    crowd = new VoteCrowd(
      seed.meetingId,
      seed.voters.map((v, i) => ({ token: accessTokenFor(v, secret), url: i % 2 === 0 ? a.url : b.url, choice: choices[i % 3] })),
    );
    await crowd.connect();
    expect((await api(b.url, staff, 'POST', `/api/polls/${poll.id}/open`)).status).toBe(200);

    const onA = crowd.voters.filter((v) => v.url === a.url);
    const casting = crowd.castAll(poll.id, 1000, 15_000);
    // kill A once some of its voters have their ack and others are still waiting
    await new Promise<void>((resolve) => {
      const timer = setInterval(() => {
        if (onA.filter((v) => v.receipt !== null).length >= 40) {
          clearInterval(timer);
          resolve();
        }
      }, 5);
    });
    a.child.kill('SIGKILL');
    expect((await exited(a.child)).signal).toBe('SIGKILL');
    await casting;
    const ackedBeforeRetry = crowd.voters.filter((v) => v.receipt !== null).map((v) => ({ ballotId: v.ballotId, receipt: v.receipt }));
    expect(onA.some((v) => v.receipt === null)).toBe(true);

    await crowd.retryUntilAcked(poll.id, () => b.url);
    await crowd.reattachDisconnected(() => b.url);
    expect(crowd.voters.every((v) => v.receipt !== null)).toBe(true);
    // the retry path really ran: voters of the killed instance got their receipt from the other one
    expect(onA.filter((v) => v.refusals.length > 0).length).toBeGreaterThan(0);
    expect(crowd.voters.flatMap((v) => v.refusals).filter((c) => !['DISCONNECTED', 'TIMEOUT', 'SHUTTING_DOWN'].includes(c))).toEqual([]);

    const stored = await control.dataSource.query<{ ballot_id: string; receipt: string; choice: string }[]>(
      `SELECT ballot_id, receipt, choices->>0 AS choice FROM named_ballots WHERE poll_id = $1`,
      [poll.id],
    );
    expect(stored).toHaveLength(VOTERS);
    expect(new Set(stored.map((s) => s.ballot_id)).size).toBe(VOTERS);
    const byBallot = new Map(stored.map((s) => [s.ballot_id, s]));
    // every ack given before the crash, and every ack after, names a stored ballot with the same receipt
    for (const acked of ackedBeforeRetry) expect(byBallot.get(acked.ballotId)?.receipt).toBe(acked.receipt);
    for (const v of crowd.voters) expect(byBallot.get(v.ballotId)).toMatchObject({ receipt: v.receipt, choice: v.choice });

    expect((await api(b.url, staff, 'POST', `/api/polls/${poll.id}/close`)).status).toBe(200);
    expect((await api(b.url, staff, 'POST', `/api/polls/${poll.id}/publish`)).status).toBe(200);
    await crowd.allResults();
    const results = crowd.voters.map((v) => JSON.stringify(v.results.at(-1)));
    expect(new Set(results).size).toBe(1);
    const published = crowd.voters[0].results.at(-1) as { result: { cast: number; motion: { forVotes: number; againstVotes: number; abstainVotes: number } } };
    const chose = (i: number): number => crowd.voters.filter((v) => v.choice === choices[i]).length;
    expect(published.result.cast).toBe(VOTERS);
    expect(published.result.motion).toMatchObject({ forVotes: chose(0), againstVotes: chose(1), abstainVotes: chose(2) });
  }, 240_000);
});
