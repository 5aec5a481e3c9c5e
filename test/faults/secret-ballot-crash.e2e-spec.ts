import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ServerProcess } from '../../scripts/lib/server-process.js';
import { startTestApp, type TestApp } from '../utils/test-app.js';
import { accessTokenFor, api, exited, onPostgres, seedCrowd, startApiProcess, type PollCreated } from './fault-kit.js';

const VOTERS = 30;

/**
 * kill -9 of the API process while a secret poll is open and ballots are arriving: the sealed ballots are in the
 * database and the poll's key file is on disk (synced before the open committed), so after a restart the poll
 * takes the remaining ballots and the count finds every acknowledged one.
 */
(onPostgres ? describe : describe.skip)('kill -9 during an open secret poll', () => {
  const secret = randomUUID() + randomUUID();
  const dataDir = mkdtempSync(join(tmpdir(), 'dh-secret-crash-'));
  const env = { DATA_DIR: dataDir, BALLOT_KEY: randomBytes(32).toString('base64'), BALLOT_KEY_DIR: join(dataDir, 'keys') };
  let control: TestApp;
  let a: ServerProcess;
  let b: ServerProcess | undefined;

  beforeAll(async () => {
    control = await startTestApp({ JWT_SECRET: secret });
    a = await startApiProcess(control.databaseUrl!, secret, env);
  }, 180_000);

  afterAll(async () => {
    await a?.stop();
    await b?.stop();
    await control?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('counts every acknowledged ballot after a restart', async () => {
    const seed = await seedCrowd(control.dataSource, VOTERS);
    const staff = accessTokenFor(seed.secretary, secret);
    const poll = (await api<PollCreated>(a.url, staff, 'POST', `/api/meetings/${seed.meetingId}/polls`, { kind: 'motion', ballotMode: 'secret', title: 'Bỏ phiếu kín khi mất máy chủ' })).body;
    const option = (code: string): string => poll.options.find((o) => o.code === code)!.id;
    const choiceOf = (i: number): string => [option('for'), option('against'), option('abstain')][i % 3];
    expect((await api(a.url, staff, 'POST', `/api/polls/${poll.id}/open`)).status).toBe(200);
    const ballotIds = seed.voters.map(() => randomUUID());
    const receipts = new Map<number, string>();
    const cast = async (url: string, i: number): Promise<void> => {
      const res = await api<{ receipt?: string }>(url, accessTokenFor(seed.voters[i], secret), 'POST', `/api/polls/${poll.id}/ballots`, { ballotId: ballotIds[i], choices: [choiceOf(i)] });
      if (res.status === 200 && res.body.receipt) receipts.set(i, res.body.receipt);
    };
    // the first half acknowledged, then a burst of the second half with the process killed in the middle
    for (let i = 0; i < VOTERS / 2; i++) await cast(a.url, i);
    expect(receipts.size).toBe(VOTERS / 2);
    const burst = Array.from({ length: VOTERS / 2 }, (_, k) => cast(a.url, VOTERS / 2 + k).catch(() => undefined));
    await new Promise((r) => setTimeout(r, 15));
    a.child.kill('SIGKILL');
    expect((await exited(a.child)).signal).toBe('SIGKILL');
    await Promise.all(burst);
    const ackedBeforeCrash = new Map(receipts);

    b = await startApiProcess(control.databaseUrl!, secret, { ...env, MIGRATIONS_RUN: 'false' });
    // every voter without an ack retries with the same ballot id; the acknowledged ones retry too: same receipt
    for (let i = 0; i < VOTERS; i++) await cast(b.url, i);
    for (const [i, r] of ackedBeforeCrash) expect(receipts.get(i)).toBe(r);
    expect(receipts.size).toBe(VOTERS);

    const closed = await api<{ result: { cast: number; motion: { forVotes: number; againstVotes: number; abstainVotes: number } } }>(b.url, staff, 'POST', `/api/polls/${poll.id}/close`);
    expect(closed.status).toBe(200);
    expect(closed.body.result.cast).toBe(VOTERS);
    expect(closed.body.result.motion).toMatchObject({ forVotes: VOTERS / 3, againstVotes: VOTERS / 3, abstainVotes: VOTERS / 3 });
    expect((await api(b.url, staff, 'POST', `/api/polls/${poll.id}/publish`)).status).toBe(200);
    const published = await api<{ ballots: { receipt: string }[] }>(b.url, staff, 'GET', `/api/polls/${poll.id}`);
    expect(published.body.ballots.map((x) => x.receipt)).toEqual([...receipts.values()].sort());
    for (const r of receipts.values()) {
      expect((await api<{ status: string }>(b.url, staff, 'GET', `/api/polls/${poll.id}/receipts/${r}`)).body).toEqual({ status: 'counted' });
    }
  }, 240_000);
});
