import { randomUUID } from 'node:crypto';
import { Role } from '#core';
import type { WsAck } from '#realtime';
import type { CastAck, PollView } from '#voting';
import { clientAs } from './factories/user.factory.js';
import { createVotingMeeting, motionBody, type VotingFixture } from './factories/voting.factory.js';
import type { HttpClient } from './utils/http.js';
import { connectSocket, emitAck, type TestSocket } from './utils/socket.js';
import { startTestApp, type TestApp } from './utils/test-app.js';

const VOTERS = 30;

describe('voting: concurrent casts racing a close', () => {
  let t: TestApp;
  let f: VotingFixture;
  let secretary: HttpClient;
  let sockets: TestSocket[] = [];

  beforeAll(async () => {
    t = await startTestApp();
    f = await createVotingMeeting(t, { members: VOTERS, present: VOTERS, voters: VOTERS });
    secretary = (await clientAs(t.dataSource, t.url, Role.Secretary)).http;
    sockets = await Promise.all(f.voters.map((v) => connectSocket(t.url, v.token)));
  });
  afterAll(async () => {
    for (const s of sockets) s.close();
    await t.close();
  });

  for (const mode of ['named', 'secret'] as const) {
    it(`${mode}: every acked ballot is in the database, every other one got POLL_CLOSED`, async () => {
      const created = await secretary.post<PollView>(`/api/meetings/${f.meeting.id}/polls`, motionBody({ ballotMode: mode }));
      const poll = created.body;
      expect((await secretary.post(`/api/polls/${poll.id}/open`)).status).toBe(200);
      const forId = poll.options[0].id;
      // casts spread over ~600 ms; the close is sent as soon as a few have been acknowledged
      let acked = 0;
      let fireClose: () => void = () => undefined;
      const closeSent = new Promise<void>((resolve) => (fireClose = resolve));
      const casts = sockets.map(
        (s, i) =>
          new Promise<WsAck<CastAck>>((resolve, reject) => {
            setTimeout(() => {
              emitAck<WsAck<CastAck>>(s, 'vote:cast', { pollId: poll.id, ballotId: randomUUID(), choices: [forId] }).then((a) => {
                if (a.ok && ++acked === 5) fireClose();
                resolve(a);
              }, reject);
            }, i * 20);
          }),
      );
      const close = closeSent.then(() => secretary.post(`/api/polls/${poll.id}/close`)).then((r) => r.status);
      const acks = await Promise.all(casts);
      expect(await close).toBe(200);
      const ok = acks.filter((a): a is { ok: true } & CastAck => a.ok);
      const refused = acks.filter((a) => !a.ok);
      for (const r of refused) expect(r).toMatchObject({ ok: false, error: { code: 'POLL_CLOSED' } });
      // secret receipts are stored apart from the ballots, at the count
      const table = mode === 'named' ? 'named_ballots' : 'secret_receipts';
      const column = 'receipt';
      const stored = (await t.dataSource.query<{ r: string }[]>(`SELECT ${column} AS r FROM ${table} WHERE poll_id = $1`, [poll.id])).map((x) => x.r);
      expect(stored.sort()).toEqual(ok.map((a) => a.receipt).sort());
      const [{ n }] = await t.dataSource.query<{ n: number }[]>(`SELECT count(*)::int AS n FROM poll_participation WHERE poll_id = $1`, [poll.id]);
      expect(n).toBe(ok.length);
      const [{ result }] = await t.dataSource.query<{ result: { cast: number } }[]>(`SELECT result FROM polls WHERE id = $1`, [poll.id]);
      expect(result.cast).toBe(ok.length);
      // the race happened: some casts were before, some after the close (not guaranteed, logged when not)
      if (ok.length === 0 || refused.length === 0) console.warn(`race not exercised for ${mode}: ${ok.length} acked, ${refused.length} refused`);
    });
  }
});
