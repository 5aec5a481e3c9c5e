import { randomUUID } from 'node:crypto';
import { Role } from '#core';
import { InvitationKind, MeetingInvitationEntity } from '#meetings';
import type { WsAck, WsErrorEvent } from '#realtime';
import type { CastAck, MyProxies, PollState, PollView, ProxyView } from '#voting';
import { createDelegate } from './factories/registry.factory.js';
import { clientAs } from './factories/user.factory.js';
import { checkIn, choiceBody, createVotingMeeting, motionBody, type VotingFixture } from './factories/voting.factory.js';
import type { ErrorShape, HttpClient } from './utils/http.js';
import { connectSocket, emitAck, nextEvent, type TestSocket } from './utils/socket.js';
import { startTestApp, type TestApp } from './utils/test-app.js';

type Ack = WsAck<CastAck>;
type Sock = TestSocket<{ 'proxy:changed': ProxyView }>;

describe('voting: proxy voting (ủy quyền biểu quyết)', () => {
  let t: TestApp;
  /** 7 members, body allows proxies; d0..d3 checked in, d4..d6 absent; a user for each. */
  let f: VotingFixture;
  /** 3 members, all present, body without allow_proxy_voting. */
  let plain: VotingFixture;
  let secretary: HttpClient;
  const sockets: Sock[] = [];

  const d = (i: number): string => f.delegates[i].id;
  const connect = async (token: string, meetingId = f.meeting.id): Promise<Sock> => {
    const s = await connectSocket<{ 'proxy:changed': ProxyView }>(t.url, token);
    sockets.push(s);
    expect((await emitAck<WsAck<object>>(s, 'meeting:join', { meetingId })).ok).toBe(true);
    return s;
  };
  const register = (represented: string, acting: string, meetingId = f.meeting.id, extra: Record<string, unknown> = {}) =>
    secretary.post<ProxyView & ErrorShape>(`/api/meetings/${meetingId}/proxies`, { representedDelegateId: represented, actingDelegateId: acting, ...extra });
  const pollIn = async (meetingId: string, body: Record<string, unknown>): Promise<PollView> => {
    const created = await secretary.post<PollView>(`/api/meetings/${meetingId}/polls`, body);
    expect(created.status).toBe(201);
    const opened = await secretary.post<PollView>(`/api/polls/${created.body.id}/open`);
    expect(opened.status).toBe(200);
    return opened.body;
  };
  const cast = (s: Sock, poll: PollView, choice: string, onBehalfOf?: string, ballotId: string = randomUUID()): Promise<Ack> =>
    emitAck<Ack>(s, 'vote:cast', { pollId: poll.id, ballotId, choices: [choice], ...(onBehalfOf ? { onBehalfOf } : {}) });
  const errCode = (ack: WsAck<object>): string => (ack.ok ? 'OK' : ack.error.code);
  const optionId = (poll: PollView, code: string): string => poll.options.find((o) => o.code === code)!.id;
  const participation = (pollId: string) =>
    t.dataSource.query<{ delegate_id: string; acting_delegate_id: string | null; channel: string }[]>(
      `SELECT delegate_id, acting_delegate_id, channel FROM poll_participation WHERE poll_id = $1 ORDER BY created_at`,
      [pollId],
    );

  beforeAll(async () => {
    t = await startTestApp();
    f = await createVotingMeeting(t, { members: 7, present: 4, voters: 7, body: { allowProxyVoting: true } });
    plain = await createVotingMeeting(t, { members: 3, present: 3, voters: 2 });
    secretary = (await clientAs(t.dataSource, t.url, Role.Secretary)).http;
  });
  afterAll(async () => {
    for (const s of sockets) s.close();
    await t.close();
  });

  it('refuses proxies in a body without allow_proxy_voting: registration and casting on behalf both say PROXY_NOT_ALLOWED', async () => {
    const refused = await register(plain.delegates[1].id, plain.delegates[0].id, plain.meeting.id);
    expect([refused.status, refused.body.error.code]).toEqual([403, 'PROXY_NOT_ALLOWED']);
    const poll = await pollIn(plain.meeting.id, motionBody());
    const s = await connect(plain.voters[0].token, plain.meeting.id);
    const errorEvent = nextEvent<WsErrorEvent>(s, 'error');
    const ack = await cast(s, poll, optionId(poll, 'for'), plain.delegates[2].id);
    expect(errCode(ack)).toBe('PROXY_NOT_ALLOWED');
    expect((await errorEvent).code).toBe('PROXY_NOT_ALLOWED');
    const [{ n }] = await t.dataSource.query<{ n: number }[]>(`SELECT count(*)::int AS n FROM meeting_proxies WHERE meeting_id = $1`, [plain.meeting.id]);
    expect(n).toBe(0);
    expect(await participation(poll.id)).toEqual([]);
  });

  it('enforces registration rules in code and in the database: self, non-member, double proxy, chains', async () => {
    const self = await register(d(4), d(4));
    expect([self.status, self.body.error.code]).toEqual([400, 'PROXY_INVALID']);
    // invited with a voting right but not a member of the body
    const outsider = await createDelegate(t.dataSource);
    await t.dataSource.getRepository(MeetingInvitationEntity).save({ meetingId: f.meeting.id, delegateId: outsider.id, kind: InvitationKind.Member, canVote: true });
    const nonMember = await register(d(4), outsider.id);
    expect([nonMember.status, nonMember.body.error.code, nonMember.body.error.details]).toEqual([400, 'PROXY_INVALID', [{ field: 'actingDelegateId', reason: expect.any(String) as string }]]);
    const unknown = await register(randomUUID(), d(0));
    expect([unknown.status, unknown.body.error.code]).toEqual([400, 'PROXY_INVALID']);

    const acting = await connect(f.voters[0].token);
    const changed = nextEvent<ProxyView>(acting, 'proxy:changed');
    const ok = await register(d(4), d(0), f.meeting.id, { note: 'Đi công tác', documentRef: 'Giấy ủy quyền số 03/GUQ' });
    expect(ok.status).toBe(201);
    expect(ok.body).toMatchObject({ representedDelegateId: d(4), actingDelegateId: d(0), representedFullName: f.delegates[4].fullName, active: true, documentRef: 'Giấy ủy quyền số 03/GUQ', revokedAt: null });
    expect((await changed).id).toBe(ok.body.id);

    const twiceRepresented = await register(d(4), d(1));
    expect([twiceRepresented.status, twiceRepresented.body.error.code]).toEqual([409, 'PROXY_TAKEN']);
    const twiceActing = await register(d(5), d(0));
    expect([twiceActing.status, twiceActing.body.error.code]).toEqual([409, 'PROXY_TAKEN']);
    const chainUp = await register(d(0), d(1));
    expect([chainUp.status, chainUp.body.error.code]).toEqual([400, 'PROXY_INVALID']);
    const chainDown = await register(d(5), d(4));
    expect([chainDown.status, chainDown.body.error.code]).toEqual([400, 'PROXY_INVALID']);

    // the database holds the same rules if code were bypassed
    const insert = (represented: string, acting: string) =>
      t.dataSource.query(`INSERT INTO meeting_proxies (meeting_id, represented_delegate_id, acting_delegate_id) VALUES ($1, $2, $3)`, [f.meeting.id, represented, acting]);
    await expect(insert(d(4), d(1))).rejects.toThrow(/uq_meeting_proxies_represented_active/);
    await expect(insert(d(5), d(0))).rejects.toThrow(/uq_meeting_proxies_acting_active/);
    await expect(insert(d(5), d(5))).rejects.toThrow(/ck_meeting_proxies_distinct/);

    const list = await secretary.get<ProxyView[]>(`/api/meetings/${f.meeting.id}/proxies`);
    expect(list.body.map((p) => [p.representedDelegateId, p.actingDelegateId])).toEqual([[d(4), d(0)]]);
    const holds = await f.voters[0].http.get<MyProxies>(`/api/meetings/${f.meeting.id}/proxies/mine`);
    expect(holds.body).toMatchObject({ holds: { id: ok.body.id }, gave: null });
    const gave = await f.voters[4].http.get<MyProxies>(`/api/meetings/${f.meeting.id}/proxies/mine`);
    expect(gave.body).toMatchObject({ holds: null, gave: { id: ok.body.id, actingFullName: f.delegates[0].fullName } });
    const audit = await t.dataSource.query<{ payload: { proxyId: string } }[]>(`SELECT payload FROM audit_log WHERE action = 'proxy.registered' AND meeting_id = $1`, [f.meeting.id]);
    expect(audit.map((a) => a.payload.proxyId)).toEqual([ok.body.id]);
  });

  it('counts the represented member at open (quorum, present, eligible) only while the proxy holder is checked in', async () => {
    // 7 members, 4 checked in, d4 represented by d0: 5 present reaches the 2/3 quorum (5 of 7) that 4 would not
    const poll = await pollIn(f.meeting.id, motionBody());
    expect(poll).toMatchObject({ membersCount: 7, presentCount: 5, eligibleCount: 5 });
    const roll = await t.dataSource.query<{ delegate_id: string; acting_delegate_id: string | null }[]>(`SELECT delegate_id, acting_delegate_id FROM poll_roll WHERE poll_id = $1`, [poll.id]);
    expect(roll).toHaveLength(5);
    expect(roll.filter((r) => r.acting_delegate_id !== null)).toEqual([{ delegate_id: d(4), acting_delegate_id: d(0) }]);
    // a proxy whose holder is absent counts nobody
    expect((await register(d(5), d(6))).status).toBe(201);
    const second = await pollIn(f.meeting.id, motionBody());
    expect(second).toMatchObject({ presentCount: 5, eligibleCount: 5 });
    const [opened] = await t.dataSource.query<{ payload: { represented: number } }[]>(`SELECT payload FROM audit_log WHERE action = 'poll.opened' AND entity_id = $1`, [second.id]);
    expect(opened.payload.represented).toBe(1);
    const s6 = await connect(f.voters[6].token);
    expect(errCode(await cast(s6, second, optionId(second, 'for'), d(5)))).toBe('NOT_PRESENT');
  });

  it('casts on behalf over the socket: acked after commit, one ballot of the represented member, both ids recorded, idempotent', async () => {
    const poll = await pollIn(f.meeting.id, motionBody());
    const s0 = await connect(f.voters[0].token);
    const ballotId = randomUUID();
    const ack = await cast(s0, poll, optionId(poll, 'against'), d(4), ballotId);
    expect(ack).toMatchObject({ ok: true, pollId: poll.id, ballotId, replay: false });
    expect(await participation(poll.id)).toEqual([{ delegate_id: d(4), acting_delegate_id: d(0), channel: 'hall' }]);
    const named = await t.dataSource.query<{ delegate_id: string; choices: string[] }[]>(`SELECT delegate_id, choices FROM named_ballots WHERE poll_id = $1`, [poll.id]);
    expect(named).toEqual([{ delegate_id: d(4), choices: [optionId(poll, 'against')] }]);

    // a retry with the same ballot id is the same ballot; a new id for the same member is ALREADY_VOTED
    const retry = await cast(s0, poll, optionId(poll, 'against'), d(4), ballotId);
    expect(retry).toMatchObject({ ok: true, replay: true, receipt: ack.ok ? ack.receipt : 'x' });
    expect(errCode(await cast(s0, poll, optionId(poll, 'for'), d(4)))).toBe('ALREADY_VOTED');
    // the holder still votes for themselves
    expect(await cast(s0, poll, optionId(poll, 'for'))).toMatchObject({ ok: true, replay: false });

    // poll:state tells the holder's tablet whom they vote for and that it is done
    const state = await emitAck<WsAck<PollState>>(s0, 'poll:state', { meetingId: f.meeting.id });
    if (!state.ok) throw new Error(JSON.stringify(state));
    expect(state.proxy.holds).toMatchObject({ representedDelegateId: d(4), representedFullName: f.delegates[4].fullName });
    expect(state.proxyVotes).toEqual(
      expect.arrayContaining([
        { pollId: poll.id, voted: true, receipt: ack.ok ? ack.receipt : 'x', choices: [optionId(poll, 'against')], representedDelegateId: d(4), representedFullName: f.delegates[4].fullName, castByDelegateId: d(0) },
      ]),
    );
    expect(state.myVotes.find((v) => v.pollId === poll.id)).toMatchObject({ voted: true, choices: [optionId(poll, 'for')] });

    // published named ballots say the vote was cast by proxy
    expect((await secretary.post<PollView>(`/api/polls/${poll.id}/close`)).body.result).toMatchObject({ cast: 2, present: 5 });
    expect((await secretary.post(`/api/polls/${poll.id}/publish`)).status).toBe(200);
    const published = await f.voters[2].http.get<PollView>(`/api/polls/${poll.id}`);
    expect(published.body.ballots).toEqual(
      expect.arrayContaining([
        { delegateId: d(4), fullName: f.delegates[4].fullName, choices: [optionId(poll, 'against')], byProxy: { delegateId: d(0), fullName: f.delegates[0].fullName } },
        { delegateId: d(0), fullName: f.delegates[0].fullName, choices: [optionId(poll, 'for')] },
      ]),
    );
    const audit = await t.dataSource.query<{ actor_id: string; payload: { delegateId: string; actingDelegateId?: string } }[]>(
      `SELECT actor_id, payload FROM audit_log WHERE action = 'ballot.accepted' AND entity_id = $1 ORDER BY seq`,
      [poll.id],
    );
    expect(audit[0]).toMatchObject({ actor_id: f.voters[0].userId, payload: { delegateId: d(4), actingDelegateId: d(0) } });
  });

  it('refuses a cast for someone without a proxy from them (WS and HTTP) with NOT_PROXY_HOLDER', async () => {
    const poll = await pollIn(f.meeting.id, motionBody());
    const s1 = await connect(f.voters[1].token);
    const errorEvent = nextEvent<WsErrorEvent>(s1, 'error');
    expect(errCode(await cast(s1, poll, optionId(poll, 'for'), d(4)))).toBe('NOT_PROXY_HOLDER');
    expect((await errorEvent).code).toBe('NOT_PROXY_HOLDER');
    const viaHttp = await f.voters[1].http.post<ErrorShape>(`/api/polls/${poll.id}/ballots`, { ballotId: randomUUID(), choices: [optionId(poll, 'for')], onBehalfOf: d(6) });
    expect([viaHttp.status, viaHttp.body.error.code]).toEqual([403, 'NOT_PROXY_HOLDER']);
    const bad = await f.voters[1].http.post<ErrorShape>(`/api/polls/${poll.id}/ballots`, { ballotId: randomUUID(), choices: [optionId(poll, 'for')], onBehalfOf: 'not-a-uuid' });
    expect([bad.status, bad.body.error.code]).toEqual([400, 'VALIDATION_FAILED']);
    // onBehalfOf = oneself is an ordinary cast
    expect(await cast(s1, poll, optionId(poll, 'for'), d(1))).toMatchObject({ ok: true });
    expect(await participation(poll.id)).toEqual([{ delegate_id: d(1), acting_delegate_id: null, channel: 'hall' }]);
  });

  it('lets a represented member who is present vote in person: the proxy holder is then refused', async () => {
    expect((await register(d(2), d(3))).status).toBe(201);
    const poll = await pollIn(f.meeting.id, motionBody());
    const s2 = await connect(f.voters[2].token);
    const s3 = await connect(f.voters[3].token);
    expect(errCode(await cast(s3, poll, optionId(poll, 'for'), d(2)))).toBe('REPRESENTED_PRESENT');
    expect(await cast(s2, poll, optionId(poll, 'against'))).toMatchObject({ ok: true });
    expect(errCode(await cast(s3, poll, optionId(poll, 'for'), d(2)))).toBe('ALREADY_VOTED');
    expect(await participation(poll.id)).toEqual([{ delegate_id: d(2), acting_delegate_id: null, channel: 'hall' }]);
  });

  it('revokes: a revoked proxy cannot vote, the record stays, and the member can be represented again', async () => {
    const poll = await pollIn(f.meeting.id, motionBody());
    const list = await secretary.get<ProxyView[]>(`/api/meetings/${f.meeting.id}/proxies`);
    const proxy = list.body.find((p) => p.representedDelegateId === d(4) && p.active)!;
    const revoked = await secretary.delete<ProxyView>(`/api/meetings/${f.meeting.id}/proxies/${proxy.id}`);
    expect(revoked.status).toBe(200);
    expect(revoked.body).toMatchObject({ id: proxy.id, active: false, revokedAt: expect.any(String) as string });
    const again = await secretary.delete<ErrorShape>(`/api/meetings/${f.meeting.id}/proxies/${proxy.id}`);
    expect([again.status, again.body.error.code]).toEqual([409, 'PROXY_REVOKED']);
    const missing = await secretary.delete<ErrorShape>(`/api/meetings/${f.meeting.id}/proxies/${randomUUID()}`);
    expect(missing.status).toBe(404);

    const s0 = await connect(f.voters[0].token);
    expect(errCode(await cast(s0, poll, optionId(poll, 'for'), d(4)))).toBe('NOT_PROXY_HOLDER');
    // the open poll keeps the counts frozen at open
    expect((await f.voters[0].http.get<PollView>(`/api/polls/${poll.id}`)).body.presentCount).toBe(5);
    const mine = await f.voters[0].http.get<MyProxies>(`/api/meetings/${f.meeting.id}/proxies/mine`);
    expect(mine.body.holds).toBeNull();
    const audit = await t.dataSource.query<{ payload: { proxyId: string; openPollIds: string[] } }[]>(`SELECT payload FROM audit_log WHERE action = 'proxy.revoked'`);
    expect(audit).toHaveLength(1);
    expect(audit[0].payload).toMatchObject({ proxyId: proxy.id, openPollIds: expect.arrayContaining([poll.id]) as string[] });

    // re-registered with another holder: d4 was counted when this poll opened, so the new holder votes in it
    expect((await register(d(4), d(1))).status).toBe(201);
    const s1 = await connect(f.voters[1].token);
    expect(await cast(s1, poll, optionId(poll, 'abstain'), d(4))).toMatchObject({ ok: true });
    expect(await participation(poll.id)).toEqual([{ delegate_id: d(4), acting_delegate_id: d(1), channel: 'hall' }]);
    // and in later polls (HTTP path, secret poll: participation names both, the ballot nobody)
    const secret = await pollIn(f.meeting.id, choiceBody({ maxChoices: 1 }));
    expect(secret).toMatchObject({ presentCount: 5, eligibleCount: 5 });
    const ballotId = randomUUID();
    const body = { ballotId, choices: [secret.options[1].id], onBehalfOf: d(4) };
    const viaHttp = await f.voters[1].http.post<CastAck>(`/api/polls/${secret.id}/ballots`, body);
    expect(viaHttp.status).toBe(200);
    expect(viaHttp.body).toMatchObject({ ok: true, replay: false });
    const retry = await f.voters[1].http.post<CastAck>(`/api/polls/${secret.id}/ballots`, body);
    expect([retry.status, retry.body.replay, retry.body.receipt]).toEqual([200, true, viaHttp.body.receipt]);
    expect(await participation(secret.id)).toEqual([{ delegate_id: d(4), acting_delegate_id: d(1), channel: 'hall' }]);
    // while the poll is open the ballot exists only sealed, with no voter and no receipt beside it
    const ballots = await t.dataSource.query<Record<string, unknown>[]>(`SELECT * FROM secret_ballot_envelopes WHERE poll_id = $1`, [secret.id]);
    expect(ballots).toHaveLength(1);
    expect(Object.keys(ballots[0]).sort()).toEqual(['id', 'poll_id', 'sealed']);
    // the old holder is refused in this poll too
    expect(errCode(await cast(s0, secret, secret.options[0].id, d(4)))).toBe('NOT_PROXY_HOLDER');
  });

  it('settles races on the database: two registrations for one member, two proxy casts for one ballot', async () => {
    const { delegates, meeting, voters } = await createVotingMeeting(t, { members: 5, present: 3, voters: 3, body: { allowProxyVoting: true } });
    const reg = await Promise.all([register(delegates[3].id, delegates[0].id, meeting.id), register(delegates[3].id, delegates[1].id, meeting.id)]);
    expect(reg.map((r) => r.status).sort()).toEqual([201, 409]);
    expect(reg.find((r) => r.status === 409)?.body.error.code).toBe('PROXY_TAKEN');
    const holder = reg.find((r) => r.status === 201)!.body.actingDelegateId;
    const poll = await pollIn(meeting.id, motionBody());
    expect(poll).toMatchObject({ presentCount: 4, eligibleCount: 4 });
    const s = await connect(voters[delegates.findIndex((x) => x.id === holder)].token, meeting.id);
    const acks = await Promise.all([cast(s, poll, optionId(poll, 'for'), delegates[3].id), cast(s, poll, optionId(poll, 'against'), delegates[3].id)]);
    expect(acks.map(errCode).sort()).toEqual(['ALREADY_VOTED', 'OK']);
    expect(await participation(poll.id)).toEqual([{ delegate_id: delegates[3].id, acting_delegate_id: holder, channel: 'hall' }]);

    // a proxy registered after the poll opened votes only from the next poll: the open one's counts did not include it
    const other = [delegates[0].id, delegates[1].id].find((id) => id !== holder)!;
    expect((await register(delegates[4].id, other, meeting.id)).status).toBe(201);
    const s2 = await connect(voters[delegates.findIndex((x) => x.id === other)].token, meeting.id);
    expect(errCode(await cast(s2, poll, optionId(poll, 'for'), delegates[4].id))).toBe('NOT_ON_ROLL');
    const next = await pollIn(meeting.id, motionBody());
    expect(next).toMatchObject({ presentCount: 5, eligibleCount: 5 });
    expect(await cast(s2, next, optionId(next, 'for'), delegates[4].id)).toMatchObject({ ok: true });
  });

  it('holds every poll to its roll frozen at open: a late arrival votes from the next poll, so the close never fails', async () => {
    const late = await createVotingMeeting(t, { members: 4, present: 3, voters: 4 });
    const poll = await pollIn(late.meeting.id, motionBody());
    expect(poll).toMatchObject({ presentCount: 3, eligibleCount: 3 });
    await checkIn(t, late.meeting.id, [late.delegates[3]]);
    const s3 = await connect(late.voters[3].token, late.meeting.id);
    expect(errCode(await cast(s3, poll, optionId(poll, 'for')))).toBe('NOT_ON_ROLL');
    const viaHttp = await late.voters[3].http.post<ErrorShape>(`/api/polls/${poll.id}/ballots`, { ballotId: randomUUID(), choices: [optionId(poll, 'for')] });
    expect([viaHttp.status, viaHttp.body.error.code]).toEqual([409, 'NOT_ON_ROLL']);
    for (const v of late.voters.slice(0, 3)) expect((await v.http.post(`/api/polls/${poll.id}/ballots`, { ballotId: randomUUID(), choices: [optionId(poll, 'for')] })).status).toBe(200);
    const closed = await secretary.post<PollView>(`/api/polls/${poll.id}/close`);
    expect([closed.status, closed.body.result]).toEqual([200, expect.objectContaining({ cast: 3, present: 3, outcome: 'adopted' })]);
    const next = await pollIn(late.meeting.id, motionBody());
    expect(next).toMatchObject({ presentCount: 4, eligibleCount: 4 });
    expect(await cast(s3, next, optionId(next, 'for'))).toMatchObject({ ok: true });
  });

  it('keeps proxies visible only to the right people', async () => {
    const list = await f.voters[0].http.get<ErrorShape>(`/api/meetings/${f.meeting.id}/proxies`);
    expect(list.status).toBe(403);
    const outsider = (await clientAs(t.dataSource, t.url, Role.Delegate, { delegateId: (await createDelegate(t.dataSource)).id })).http;
    const mine = await outsider.get<ErrorShape>(`/api/meetings/${f.meeting.id}/proxies/mine`);
    expect([mine.status, mine.body.error.code]).toEqual([404, 'NOT_FOUND']);
  });
});
