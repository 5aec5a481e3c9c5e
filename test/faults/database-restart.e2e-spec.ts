import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { passwordHasher } from '#core';
import { seedVotingMeeting } from '../../scripts/lib/bench-seed.js';
import type { ServerProcess } from '../../scripts/lib/server-process.js';
import { VoteCrowd } from '../../scripts/lib/vote-crowd.js';
import { api, eventually, freePort, onPostgres, startApiProcess, accessTokenFor, type PollCreated } from './fault-kit.js';

const VOTERS = 30;

interface Health {
  status: string;
  components: { database: { status: string } };
}

/** A PostgreSQL server of this test's own (restarting the shared one would break the other test files). */
function pgLocal(cmd: 'start' | 'stop', dir: string, port: number): string {
  const run = spawnSync('bash', ['scripts/pg-local.sh', cmd, dir, String(port)], { encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`pg-local.sh ${cmd} failed: ${run.stderr}`);
  return run.stdout.trim();
}

async function sql(url: string, text: string, params: unknown[] = []): Promise<unknown[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(text, params)).rows as unknown[];
  } finally {
    await client.end();
  }
}

/**
 * PostgreSQL stops in the middle of a vote and comes back: health says so, casts meanwhile get a retryable
 * DATABASE_UNAVAILABLE (never an ack), the API reconnects by itself within 10 s, and retries with the same
 * ballot ids then count exactly once. Nothing acknowledged before the outage is lost.
 */
(onPostgres ? describe : describe.skip)('PostgreSQL restart during a session', () => {
  const secret = randomUUID() + randomUUID();
  let dir: string;
  let port: number;
  let dbUrl: string;
  let server: ServerProcess;
  let crowd: VoteCrowd;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'dh-pg-restart-'));
    rmSync(dir, { recursive: true });
    port = await freePort();
    const admin = pgLocal('start', dir, port);
    await sql(admin, 'CREATE DATABASE dienhong_restart');
    dbUrl = admin.replace(/\/postgres$/, '/dienhong_restart');
    server = await startApiProcess(dbUrl, secret);
  }, 180_000);

  afterAll(async () => {
    crowd?.close();
    await server?.stop();
    if (dir) {
      pgLocal('stop', dir, port);
      rmSync(dir, { recursive: true, force: true });
    }
  });

  const health = async (): Promise<{ code: number; body: Health }> => {
    const res = await fetch(`${server.url}/api/health`);
    return { code: res.status, body: (await res.json()) as Health };
  };

  it('reports the outage, refuses casts as retryable, recovers by itself and loses nothing', async () => {
    const hash = await passwordHasher.hash(randomUUID());
    const client = new pg.Client({ connectionString: dbUrl });
    await client.connect();
    const seed = await seedVotingMeeting((text, params) => client.query(text, params), VOTERS, hash).finally(() => client.end());
    const staff = accessTokenFor(seed.secretary, secret);
    const poll = (await api<PollCreated>(server.url, staff, 'POST', `/api/meetings/${seed.meetingId}/polls`, { kind: 'motion', ballotMode: 'named', title: 'Biểu quyết khi mất cơ sở dữ liệu' })).body;
    const forId = poll.options.find((o) => o.code === 'for')!.id;
    crowd = new VoteCrowd(seed.meetingId, seed.voters.map((v) => ({ token: accessTokenFor(v, secret), url: server.url, choice: forId })));
    await crowd.connect();
    expect((await api(server.url, staff, 'POST', `/api/polls/${poll.id}/open`)).status).toBe(200);

    const [before, during, httpVoter] = [crowd.voters.slice(0, 10), crowd.voters.slice(10, 20), crowd.voters[20]];
    await crowd.castAll(poll.id, 100, 10_000, before);
    expect(before.every((v) => v.receipt !== null)).toBe(true);

    pgLocal('stop', dir, port);
    await eventually(async () => (await health()).body.components.database.status === 'down', 10_000);
    expect(await health()).toMatchObject({ code: 503, body: { status: 'down' } });

    await crowd.castAll(poll.id, 100, 10_000, during);
    for (const v of during) {
      expect(v.receipt).toBeNull();
      expect(v.refusals).toEqual(['DATABASE_UNAVAILABLE']);
    }
    const byHttp = await api<{ error: { code: string; details: { retryable: boolean } } }>(server.url, httpVoter.token, 'POST', `/api/polls/${poll.id}/ballots`, {
      ballotId: httpVoter.ballotId,
      choices: [forId],
    });
    expect(byHttp.status).toBe(503);
    expect(byHttp.body.error).toMatchObject({ code: 'DATABASE_UNAVAILABLE', details: { retryable: true } });
    expect(byHttp.headers.get('retry-after')).toBe('2');
    expect(server.child.exitCode).toBeNull();

    pgLocal('start', dir, port);
    // the pool reconnects on its own: no restart of the API, no operator action
    await eventually(async () => (await health()).code === 200, 10_000);

    await crowd.retryUntilAcked(poll.id, () => server.url, 30_000);
    expect(crowd.voters.every((v) => v.receipt !== null)).toBe(true);
    expect((await api(server.url, staff, 'POST', `/api/polls/${poll.id}/close`)).status).toBe(200);
    const stored = (await sql(dbUrl, `SELECT ballot_id, receipt FROM named_ballots WHERE poll_id = $1`, [poll.id])) as { ballot_id: string; receipt: string }[];
    expect(stored).toHaveLength(VOTERS);
    const receiptOf = new Map(stored.map((s) => [s.ballot_id, s.receipt]));
    for (const v of crowd.voters) expect(receiptOf.get(v.ballotId)).toBe(v.receipt);
  }, 180_000);
});
