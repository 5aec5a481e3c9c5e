import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { ALL_ROLES, Clock, Role } from '#core';
import type { WsAck, WsErrorEvent } from '#realtime';
import { participationKey, PollCountdownScheduler, receiptOf, type CastAck, type PollProgress, type PollResultView, type PollState, type PollView } from '#voting';
import { checkIn, choiceBody, createVotingMeeting, motionBody, tokenOf, type Voter, type VotingFixture } from './factories/voting.factory.js';
import { clientAs } from './factories/user.factory.js';
import { createDelegate } from './factories/registry.factory.js';
import { InvitationKind, MeetingInvitationEntity, MeetingStatus, MeetingEntity } from '#meetings';
import type { ErrorShape, HttpClient } from './utils/http.js';
import { connectSocket, emitAck, nextEvent, type TestSocket } from './utils/socket.js';
import { startTestApp, type TestApp } from './utils/test-app.js';

type Ack = WsAck<CastAck>;
type Sock = TestSocket<{ 'poll:opened': PollView; 'poll:closed': unknown; 'poll:progress': PollProgress; 'poll:results': PollResultView }>;

describe('voting: polls, casting, live events', () => {
  let t: TestApp;
  let f: VotingFixture;
  let secretary: HttpClient;
  let admin: HttpClient;
  let observer: HttpClient;
  let chair: Voter;
  let guest: HttpClient;
  const sockets: Sock[] = [];

  const connect = async (token: string, meetingId = f.meeting.id): Promise<Sock> => {
    const s = await connectSocket<{ 'poll:opened': PollView; 'poll:closed': unknown; 'poll:progress': PollProgress; 'poll:results': PollResultView }>(t.url, token);
    sockets.push(s);
    const joined = await emitAck<WsAck<object>>(s, 'meeting:join', { meetingId });
    expect(joined.ok).toBe(true);
    return s;
  };
  const createPoll = async (body: Record<string, unknown>, meetingId = f.meeting.id): Promise<PollView> => {
    const res = await secretary.post<PollView>(`/api/meetings/${meetingId}/polls`, body);
    expect(res.status).toBe(201);
    return res.body;
  };
  const openPoll = async (id: string): Promise<PollView> => {
    const res = await secretary.post<PollView>(`/api/polls/${id}/open`);
    expect(res.status).toBe(200);
    return res.body;
  };
  const cast = (s: Sock, poll: PollView, choices: string[], ballotId: string = randomUUID()): Promise<Ack> => emitAck<Ack>(s, 'vote:cast', { pollId: poll.id, ballotId, choices });
  const errCode = (ack: WsAck<object>): string => (ack.ok ? 'OK' : ack.error.code);
  const optionId = (poll: PollView, code: string): string => poll.options.find((o) => o.code === code)!.id;

  beforeAll(async () => {
    t = await startTestApp();
    // 6 members, 5 present (quorum 4), voters 0..4 (0 is the chair), delegate 5 absent with a user too
    f = await createVotingMeeting(t, { members: 6, present: 5, voters: 6, chairFirst: true });
    chair = f.voters[0];
    secretary = (await clientAs(t.dataSource, t.url, Role.Secretary)).http;
    admin = (await clientAs(t.dataSource, t.url, Role.Admin)).http;
    observer = (await clientAs(t.dataSource, t.url, Role.Observer)).http;
    const g = await createDelegate(t.dataSource, { title: 'Khách mời' });
    await t.dataSource.getRepository(MeetingInvitationEntity).save({ meetingId: f.meeting.id, delegateId: g.id, kind: InvitationKind.Guest, canVote: false });
    await checkIn(t, f.meeting.id, [g]);
    guest = (await clientAs(t.dataSource, t.url, Role.Delegate, { delegateId: g.id })).http;
  });
  afterAll(async () => {
    for (const s of sockets) s.close();
    await t.close();
  });

  it('runs a named motion end to end over sockets: open with quorum, acks, staff progress, close, publish, results to all', async () => {
    const staff = await connect(tokenOf(secretary));
    const voters = await Promise.all(f.voters.slice(0, 5).map((v) => connect(v.token)));
    const poll = await createPoll(motionBody({ liveTallies: true }));
    expect(poll).toMatchObject({ status: 'draft', kind: 'motion', ballotMode: 'named', ruleText: 'members>1/2;quorum>=2/3;tie=chair_side' });
    expect(poll.options.map((o) => o.code)).toEqual(['for', 'against', 'abstain']);

    const opened = nextEvent<PollView>(voters[1], 'poll:opened');
    const view = await openPoll(poll.id);
    expect(view).toMatchObject({ status: 'open', membersCount: 6, presentCount: 5, eligibleCount: 5 });
    expect((await opened).id).toBe(poll.id);

    const progress: PollProgress[] = [];
    staff.on('poll:progress', (p) => progress.push(p));
    const choices = ['for', 'for', 'for', 'for', 'against'];
    const acks = await Promise.all(voters.map((s, i) => cast(s, poll, [optionId(poll, choices[i])])));
    for (const a of acks) expect(a).toMatchObject({ ok: true, pollId: poll.id, replay: false, receipt: expect.stringMatching(/^[0-9A-F]{16}$/) as string });
    // acked means committed: the rows are there now
    const [{ n }] = await t.dataSource.query<{ n: number }[]>(`SELECT count(*)::int AS n FROM named_ballots WHERE poll_id = $1`, [poll.id]);
    expect(n).toBe(5);
    await waitFor(() => progress.some((p) => p.cast === 5));
    expect(progress.at(-1)).toMatchObject({ pollId: poll.id, cast: 5, eligible: 5, tallies: { [optionId(poll, 'for')]: 4 } });

    const closed = await secretary.post<PollView>(`/api/polls/${poll.id}/close`);
    expect(closed.status).toBe(200);
    expect(closed.body.result).toMatchObject({ outcome: 'adopted', cast: 5 });
    // closed, not yet published: staff already read who voted what (their screens name them), a voter does not
    expect((await secretary.get<PollView>(`/api/polls/${poll.id}`)).body.ballots).toHaveLength(5);
    expect((await f.voters[1].http.get<PollView>(`/api/polls/${poll.id}`)).body.ballots).toBeUndefined();

    const results = [staff, ...voters].map((s) => nextEvent<PollResultView>(s, 'poll:results'));
    const published = await secretary.post<PollView>(`/api/polls/${poll.id}/publish`);
    expect(published.status).toBe(200);
    for (const r of await Promise.all(results)) {
      expect(r).toMatchObject({ pollId: poll.id, result: { outcome: 'adopted', arithmetic: expect.stringContaining('4') as string } });
    }
    // named polls show who voted what after publication
    const seen = await f.voters[1].http.get<PollView>(`/api/polls/${poll.id}`);
    expect(seen.body.ballots).toHaveLength(5);
    expect(seen.body.ballots).toEqual(expect.arrayContaining([{ delegateId: chair.delegate.id, fullName: chair.delegate.fullName, choices: [optionId(poll, 'for')] }]));
    const audit = await t.dataSource.query<{ action: string; actor_id: string | null }[]>(`SELECT action, actor_id FROM audit_log WHERE entity_id = $1 ORDER BY seq`, [poll.id]);
    expect(audit.map((a) => a.action)).toEqual(['poll.created', 'poll.opened', ...Array(5).fill('ballot.accepted'), 'poll.closed', 'poll.published']);
    expect(new Set(audit.filter((a) => a.action === 'ballot.accepted').map((a) => a.actor_id))).toEqual(new Set(f.voters.slice(0, 5).map((v) => v.userId)));
  });

  it('is idempotent: the same ballot id twice is one ballot with the same receipt; another id is ALREADY_VOTED', async () => {
    const s = await connect(f.voters[1].token);
    const poll = await createPoll(motionBody());
    await openPoll(poll.id);
    const ballotId = randomUUID();
    const [a, b] = await Promise.all([cast(s, poll, [optionId(poll, 'for')], ballotId), cast(s, poll, [optionId(poll, 'for')], ballotId)]);
    const c = await cast(s, poll, [optionId(poll, 'against')], ballotId);
    expect(a.ok && b.ok && c.ok).toBe(true);
    const receipts = new Set([a, b, c].map((x) => (x.ok ? x.receipt : '')));
    expect(receipts.size).toBe(1);
    // a double tap counts once: one of the two is answered as a retry
    expect([a, b].filter((x) => x.ok && x.replay)).toHaveLength(1);
    expect(c).toMatchObject({ replay: true });
    const other = await cast(s, poll, [optionId(poll, 'against')]);
    expect(errCode(other)).toBe('ALREADY_VOTED');
    // the HTTP fallback answers the same receipt for the same id
    const viaHttp = await f.voters[1].http.post<CastAck>(`/api/polls/${poll.id}/ballots`, { ballotId, choices: [optionId(poll, 'for')] });
    expect(viaHttp.status).toBe(200);
    expect(viaHttp.body.receipt).toBe([...receipts][0]);
    const rows = await t.dataSource.query<{ choices: string[] }[]>(`SELECT choices FROM named_ballots WHERE poll_id = $1`, [poll.id]);
    expect(rows).toEqual([{ choices: [optionId(poll, 'for')] }]);
  });

  it('lets a named poll with allowChange replace the choice (one row); secret polls refuse allowChange', async () => {
    const poll = await createPoll(motionBody({ allowChange: true }));
    await openPoll(poll.id);
    const v = f.voters[2].http;
    expect((await v.post(`/api/polls/${poll.id}/ballots`, { ballotId: randomUUID(), choices: [optionId(poll, 'for')] })).status).toBe(200);
    const second = await v.post<CastAck>(`/api/polls/${poll.id}/ballots`, { ballotId: randomUUID(), choices: [optionId(poll, 'against')] });
    expect(second.status).toBe(200);
    const rows = await t.dataSource.query<{ choices: string[]; receipt: string }[]>(`SELECT choices, receipt FROM named_ballots WHERE poll_id = $1`, [poll.id]);
    expect(rows).toEqual([{ choices: [optionId(poll, 'against')], receipt: second.body.receipt }]);
    const refused = await secretary.post<ErrorShape>(`/api/meetings/${f.meeting.id}/polls`, choiceBody({ allowChange: true }));
    expect(refused.status).toBe(400);
    expect(refused.body.error.code).toBe('POLL_INVALID');
  });

  it('seals secret ballots while open, counts them at close without receipt-choice pairs, and answers receipt checks', async () => {
    const staff = await connect(tokenOf(secretary));
    const voters = await Promise.all(f.voters.slice(0, 5).map((v) => connect(v.token)));
    const poll = await createPoll(choiceBody({ liveTallies: false }));
    await openPoll(poll.id);
    const progress: PollProgress[] = [];
    staff.on('poll:progress', (p) => progress.push(p));
    const [a, b, c] = poll.options.map((o) => o.id);
    const picks = [[a], [a, b], [b], [c], []];
    const ballotIds = picks.map(() => randomUUID());
    const acks: CastAck[] = [];
    for (let i = 0; i < voters.length; i++) {
      const ack = await cast(voters[i], poll, picks[i], ballotIds[i]);
      if (!ack.ok) throw new Error(JSON.stringify(ack));
      // a server-made receipt: the voter cannot compute it from their ballot id
      expect(ack.receipt).toMatch(/^[0-9A-F]{16}$/);
      expect(ack.receipt).not.toBe(receiptOf(ballotIds[i]));
      acks.push(ack);
    }
    // retry after a lost ack: same receipt, nothing added
    expect(await cast(voters[0], poll, picks[0], ballotIds[0])).toMatchObject({ ok: true, receipt: acks[0].receipt, replay: true });
    await waitFor(() => progress.some((p) => p.cast === 5));
    expect(progress.every((p) => p.tallies === undefined)).toBe(true);

    const cols = async (table: string): Promise<string[]> =>
      (await t.dataSource.query<{ column_name: string }[]>(`SELECT column_name FROM information_schema.columns WHERE table_name = $1 ORDER BY column_name`, [table])).map(
        (r) => r.column_name,
      );
    expect(await cols('secret_ballots')).toEqual(['choices', 'id', 'poll_id']);
    expect(await cols('secret_ballot_envelopes')).toEqual(['id', 'poll_id', 'sealed']);
    expect(await cols('poll_participation')).not.toContain('receipt');
    // while open: no plaintext anywhere, only envelopes of one size; no receipt stored
    expect(await t.dataSource.query(`SELECT 1 FROM secret_ballots WHERE poll_id = $1`, [poll.id])).toEqual([]);
    expect(await t.dataSource.query(`SELECT 1 FROM secret_receipts WHERE poll_id = $1`, [poll.id])).toEqual([]);
    const sealed = await t.dataSource.query<{ sealed: Buffer }[]>(`SELECT sealed FROM secret_ballot_envelopes WHERE poll_id = $1`, [poll.id]);
    expect(sealed).toHaveLength(5);
    expect(new Set(sealed.map((r) => r.sealed.length)).size).toBe(1);
    const dump = sealed.map((r) => r.sealed.toString('latin1')).join('|');
    for (const id of [a, b, c, ...acks.map((x) => x.receipt)]) expect(dump).not.toContain(id);
    const participation = await t.dataSource.query<{ ballot_key: string }[]>(`SELECT ballot_key FROM poll_participation WHERE poll_id = $1`, [poll.id]);
    for (const p of participation) expect(ballotIds.map(participationKey)).toContain(p.ballot_key);
    // the key is on disk outside the database, not in it
    expect(existsSync(join(t.config.ballots.keyDir, `${poll.id}.key`))).toBe(true);
    const receiptCheck = (r: string) => f.voters[3].http.get<{ status: string }>(`/api/polls/${poll.id}/receipts/${r}`);
    expect((await receiptCheck(acks[0].receipt)).body).toMatchObject({ error: { code: 'NOT_COUNTED' } });

    await secretary.post(`/api/polls/${poll.id}/close`);
    expect(existsSync(join(t.config.ballots.keyDir, `${poll.id}.key`))).toBe(false);
    expect(await t.dataSource.query(`SELECT 1 FROM secret_ballot_envelopes WHERE poll_id = $1`, [poll.id])).toEqual([]);
    const counted = await t.dataSource.query<{ choices: string[] }[]>(`SELECT choices FROM secret_ballots WHERE poll_id = $1`, [poll.id]);
    expect(counted.map((r) => JSON.stringify([...r.choices].sort())).sort()).toEqual(picks.map((p) => JSON.stringify([...p].sort())).sort());
    // the audit chain: the ballots without receipts, the receipts without ballots, no actor
    const chained = await t.dataSource.query<{ action: string; actor_id: string | null; payload: { receipt?: string; receipts?: string[]; choices?: string[] } }[]>(
      `SELECT action, actor_id, payload FROM audit_log WHERE entity_id = $1 AND action IN ('ballot.counted', 'poll.receipts', 'ballot.accepted') ORDER BY seq`,
      [poll.id],
    );
    expect(chained.filter((e) => e.action === 'ballot.counted')).toHaveLength(5);
    expect(chained.filter((e) => e.action === 'ballot.accepted')).toEqual([]);
    expect(chained.every((e) => e.actor_id === null && e.payload.receipt === undefined && !(e.payload.choices && e.payload.receipts))).toBe(true);
    expect(chained.find((e) => e.action === 'poll.receipts')?.payload.receipts).toEqual(acks.map((x) => x.receipt).sort());
    // a retry after the count: the same receipt, nothing counted twice
    expect(await cast(voters[0], poll, picks[0], ballotIds[0])).toMatchObject({ ok: true, receipt: acks[0].receipt, replay: true });

    const results = voters.map((s) => nextEvent<PollResultView>(s, 'poll:results'));
    await secretary.post(`/api/polls/${poll.id}/publish`);
    for (const r of await Promise.all(results)) expect(r.result).toMatchObject({ cast: 5, outcome: expect.any(String) as string });
    const pub = await f.voters[3].http.get<PollView>(`/api/polls/${poll.id}`);
    // receipts only: a receipt never travels with choices
    expect(pub.body.ballots).toEqual(acks.map((x) => x.receipt).sort().map((receipt) => ({ receipt })));
    expect((await receiptCheck(acks[2].receipt)).body).toEqual({ status: 'counted' });
    expect((await receiptCheck(acks[2].receipt.toLowerCase())).body).toEqual({ status: 'counted' });
    expect((await receiptCheck('0123456789ABCDEF')).body).toEqual({ status: 'not_found' });
    expect((await receiptCheck('nope')).status).toBe(400);
  });

  it('gives a reconnecting client the open polls and its own vote status in one message', async () => {
    const poll = await createPoll(motionBody());
    await openPoll(poll.id);
    const secretPoll = await createPoll(choiceBody());
    await openPoll(secretPoll.id);
    const first = await connect(f.voters[4].token);
    const ack = await cast(first, poll, [optionId(poll, 'abstain')]);
    await cast(first, secretPoll, [secretPoll.options[0].id]);
    first.disconnect();
    const again = await connectSocket(t.url, f.voters[4].token);
    sockets.push(again as Sock);
    const state = await emitAck<WsAck<PollState>>(again, 'poll:state', { meetingId: f.meeting.id });
    if (!state.ok) throw new Error(JSON.stringify(state));
    expect(state.polls.map((p) => p.id)).toEqual(expect.arrayContaining([poll.id, secretPoll.id]));
    expect(state.myVotes).toEqual(
      expect.arrayContaining([
        { pollId: poll.id, voted: true, receipt: ack.ok ? ack.receipt : 'x', choices: [optionId(poll, 'abstain')] },
        { pollId: secretPoll.id, voted: true, receipt: null, choices: null },
      ]),
    );
    const outsider = await connectSocket(t.url, tokenOf((await clientAs(t.dataSource, t.url, Role.Delegate, { delegateId: (await createDelegate(t.dataSource)).id })).http));
    sockets.push(outsider as Sock);
    expect(errCode(await emitAck<WsAck<object>>(outsider, 'poll:state', { meetingId: f.meeting.id }))).toBe('NOT_FOUND');
  });

  it('refuses bad ballots with a code over WS (ack and error event) and 4xx over HTTP, never a crash', async () => {
    const draft = await createPoll(motionBody());
    const poll = await createPoll(choiceBody({ ballotMode: 'named' }));
    await openPoll(poll.id);
    const done = await createPoll(motionBody());
    await openPoll(done.id);
    await secretary.post(`/api/polls/${done.id}/close`);
    const s = await connect(f.voters[3].token);
    const errors: WsErrorEvent[] = [];
    s.on('error', (e) => errors.push(e));
    const opt = poll.options.map((o) => o.id);
    expect(errCode(await cast(s, draft, [draft.options[0].id]))).toBe('POLL_NOT_OPEN');
    expect(errCode(await cast(s, done, [done.options[0].id]))).toBe('POLL_CLOSED');
    expect(errCode(await cast(s, poll, [randomUUID()]))).toBe('INVALID_CHOICE');
    expect(errCode(await cast(s, poll, [opt[0], opt[0]]))).toBe('INVALID_CHOICE');
    expect(errCode(await cast(s, poll, opt))).toBe('TOO_MANY_CHOICES');
    expect(errCode(await emitAck<Ack>(s, 'vote:cast', { pollId: poll.id, ballotId: 'nope', choices: [opt[0]] }))).toBe('VALIDATION_FAILED');
    expect(errCode(await emitAck<Ack>(s, 'vote:cast', { pollId: poll.id, ballotId: randomUUID(), choices: 'all' }))).toBe('VALIDATION_FAILED');
    expect(errCode(await emitAck<Ack>(s, 'vote:cast', 'hello'))).toBe('VALIDATION_FAILED');
    expect(errCode(await emitAck<Ack>(s, 'vote:cast', null))).toBe('VALIDATION_FAILED');
    // voting for someone else: there is no field for it, and the voter is always the caller's delegate
    expect(errCode(await emitAck<Ack>(s, 'vote:cast', { pollId: poll.id, ballotId: randomUUID(), choices: [opt[0]], delegateId: f.delegates[5].id }))).toBe('VALIDATION_FAILED');
    const huge = Array.from({ length: 20_000 }, () => randomUUID());
    expect(errCode(await emitAck<Ack>(s, 'vote:cast', { pollId: poll.id, ballotId: randomUUID(), choices: huge }))).toBe('VALIDATION_FAILED');
    expect(errCode(await cast(s, { ...poll, id: randomUUID() }, [opt[0]]))).toBe('NOT_FOUND');
    expect(errors.length).toBeGreaterThanOrEqual(12);
    expect(s.connected).toBe(true);
    // nothing was counted for this voter
    expect(await t.dataSource.query(`SELECT 1 FROM poll_participation WHERE poll_id = $1`, [poll.id])).toEqual([]);

    const absent = await connect(f.voters[5].token);
    expect(errCode(await cast(absent, poll, [opt[0]]))).toBe('NOT_PRESENT');
    const staffSock = await connect(tokenOf(secretary));
    expect(errCode(await cast(staffSock, poll, [opt[0]]))).toBe('NOT_ELIGIBLE');

    const http = async (client: HttpClient, body: unknown, id = poll.id): Promise<[number, string]> => {
      const res = await client.post<ErrorShape>(`/api/polls/${id}/ballots`, body);
      return [res.status, res.body.error?.code];
    };
    expect(await http(guest, { ballotId: randomUUID(), choices: [opt[0]] })).toEqual([403, 'NOT_ELIGIBLE']);
    expect(await http(f.voters[5].http, { ballotId: randomUUID(), choices: [opt[0]] })).toEqual([403, 'NOT_PRESENT']);
    // another voter over HTTP: voter 3 has spent its cast burst on the socket above (refused casts count too)
    expect(await http(f.voters[2].http, { ballotId: randomUUID(), choices: [randomUUID()] })).toEqual([400, 'INVALID_CHOICE']);
    expect(await http(f.voters[2].http, { ballotId: randomUUID(), choices: opt })).toEqual([400, 'TOO_MANY_CHOICES']);
    expect(await http(f.voters[2].http, { ballotId: randomUUID(), choices: [draft.options[0].id] }, draft.id)).toEqual([409, 'POLL_NOT_OPEN']);
    expect(await http(f.voters[2].http, { ballotId: randomUUID(), choices: [done.options[0].id] }, done.id)).toEqual([409, 'POLL_CLOSED']);
    expect(await http(f.voters[2].http, { ballotId: randomUUID(), choices: [opt[0]], delegateId: f.delegates[5].id })).toEqual([400, 'VALIDATION_FAILED']);
    expect(await http(f.voters[2].http, { ballotId: randomUUID(), choices: [opt[0]], pollId: done.id })).toEqual([400, 'VALIDATION_FAILED']);
    expect(await http(f.voters[2].http, { ballotId: 1, choices: null })).toEqual([400, 'VALIDATION_FAILED']);
  });

  it('opens only in session and with quorum; moves draft -> open -> closed -> published once', async () => {
    const poll = await createPoll(motionBody());
    const meetings = t.dataSource.getRepository(MeetingEntity);
    await meetings.update(f.meeting.id, { status: MeetingStatus.Open });
    const notInSession = await secretary.post<ErrorShape>(`/api/polls/${poll.id}/open`);
    expect([notInSession.status, notInSession.body.error.code]).toEqual([409, 'MEETING_NOT_IN_SESSION']);
    await meetings.update(f.meeting.id, { status: MeetingStatus.InSession });
    const strict = await createPoll(motionBody({ rule: 'members>1/2;quorum>=9/10;tie=fails' }));
    const noQuorum = await secretary.post<ErrorShape>(`/api/polls/${strict.id}/open`);
    expect([noQuorum.status, noQuorum.body.error.code]).toEqual([409, 'NO_QUORUM']);
    expect(noQuorum.body.error.details).toMatchObject({ members: 6, present: 5, required: 6 });
    const badRule = await secretary.post<ErrorShape>(`/api/meetings/${f.meeting.id}/polls`, motionBody({ rule: 'members>7/3' }));
    expect([badRule.status, badRule.body.error.code]).toEqual([400, 'RULE_INVALID']);

    expect((await secretary.post<ErrorShape>(`/api/polls/${poll.id}/close`)).body.error.code).toBe('POLL_NOT_OPEN');
    expect((await secretary.post<ErrorShape>(`/api/polls/${poll.id}/publish`)).body.error.code).toBe('POLL_NOT_OPEN');
    const opens = await Promise.all([secretary.post(`/api/polls/${poll.id}/open`), chair.http.post(`/api/polls/${poll.id}/open`)]);
    expect(opens.map((r) => r.status).sort()).toEqual([200, 409]);
    const closes = await Promise.all([secretary.post(`/api/polls/${poll.id}/close`), chair.http.post(`/api/polls/${poll.id}/close`)]);
    expect(closes.map((r) => r.status).sort()).toEqual([200, 409]);
    expect((await secretary.post<PollView>(`/api/polls/${poll.id}/publish`)).body.status).toBe('published');
    expect((await secretary.post<ErrorShape>(`/api/polls/${poll.id}/publish`)).body.error.code).toBe('POLL_STATE');
    const audit = await t.dataSource.query<{ action: string }[]>(`SELECT action FROM audit_log WHERE entity_id = $1 ORDER BY seq`, [poll.id]);
    expect(audit.map((a) => a.action)).toEqual(['poll.created', 'poll.opened', 'poll.closed', 'poll.published']);
  });

  it('closes a poll when its countdown runs out (scheduler pass, moved clock)', async () => {
    const s = await connect(f.voters[1].token);
    const poll = await createPoll(motionBody({ countdownSeconds: 30 }));
    const open = await openPoll(poll.id);
    expect(Date.parse(open.closesAt!) - Date.parse(open.openedAt!)).toBe(30_000);
    const scheduler = t.app.get(PollCountdownScheduler);
    expect(await scheduler.run()).not.toContain(poll.id);
    const closed = nextEvent<{ pollId: string }>(s, 'poll:closed');
    t.app.get(Clock).advance(31_000);
    expect(await scheduler.run()).toContain(poll.id);
    expect((await closed).pollId).toBe(poll.id);
    expect(errCode(await cast(s, poll, [optionId(poll, 'for')]))).toBe('POLL_CLOSED');
  });

  it('enforces roles on every poll route', async () => {
    const poll = await createPoll(motionBody());
    const clients: Record<Role, HttpClient> = {
      [Role.Admin]: admin,
      [Role.Secretary]: secretary,
      [Role.Chair]: chair.http,
      [Role.Delegate]: f.voters[1].http,
      [Role.Observer]: observer,
    };
    const { Admin, Secretary, Chair, Delegate, Observer } = Role;
    const routes: [string, string, Role[]][] = [
      ['POST', `/api/meetings/${f.meeting.id}/polls`, [Admin, Secretary, Chair]],
      ['GET', `/api/meetings/${f.meeting.id}/polls`, [Admin, Secretary, Chair, Delegate, Observer]],
      ['GET', `/api/polls/${poll.id}`, [Admin, Secretary, Chair, Delegate, Observer]],
      ['POST', `/api/polls/${poll.id}/open`, [Secretary, Chair]],
      ['POST', `/api/polls/${poll.id}/close`, [Secretary, Chair]],
      ['POST', `/api/polls/${poll.id}/publish`, [Secretary, Chair]],
      ['POST', `/api/polls/${poll.id}/ballots`, [Delegate, Chair]],
    ];
    const failures: string[] = [];
    for (const [method, path, allowed] of routes) {
      for (const role of ALL_ROLES) {
        const res = await clients[role].request<ErrorShape>(method, path, method === 'GET' ? undefined : {});
        const denied = res.status === 403 && /needs one of the roles/.test(res.body.error?.message ?? '');
        if (allowed.includes(role) === denied || res.status >= 500) failures.push(`${method} ${path} as ${role} -> ${res.status}`);
      }
    }
    expect(failures).toEqual([]);
    // a delegate does not see drafts
    const draft = await createPoll(motionBody());
    expect((await f.voters[1].http.get(`/api/polls/${draft.id}`)).status).toBe(404);
    expect((await f.voters[1].http.get<PollView[]>(`/api/meetings/${f.meeting.id}/polls`)).body.map((p) => p.id)).not.toContain(draft.id);
  });

  it('rate-limits casts per user', async () => {
    const poll = await createPoll(motionBody());
    await openPoll(poll.id);
    const s = await connect(f.voters[2].token);
    const codes: string[] = [];
    for (let i = 0; i < 14; i++) codes.push(errCode(await cast(s, poll, [randomUUID()])));
    expect(codes).toContain('VOTE_RATE_LIMITED');
    expect(codes.slice(0, 10).every((c) => c === 'INVALID_CHOICE')).toBe(true);
  });
});

async function waitFor(cond: () => boolean, ms = 5000): Promise<void> {
  const until = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > until) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 20));
  }
}

