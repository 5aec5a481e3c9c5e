import { randomUUID } from 'node:crypto';
import { Role } from '#core';
import { BodyKind } from '#legal';
import { InvitationKind, MeetingInvitationEntity } from '#meetings';
import type { CastAck, PollView } from '#voting';
import { checkIn, createVotingMeeting, type VotingFixture } from './factories/voting.factory.js';
import { createDelegate } from './factories/registry.factory.js';
import { clientAs } from './factories/user.factory.js';
import type { ErrorShape, HttpClient } from './utils/http.js';
import { startTestApp, type TestApp } from './utils/test-app.js';

interface OfficialResult {
  subject: number;
  name: string;
  counts: Record<string, number>;
  shares: Record<string, { vi: string; en: string }>;
  notRated: number;
  flags: string[];
}

const OFFICIALS = ['Nguyễn Văn A — Chủ tịch UBND', 'Trần Thị B — Phó Chủ tịch UBND', 'Lê Văn C — Ủy viên UBND'];

describe("legal profiles: a People's Council confidence vote, and the rules the profile locks", () => {
  let t: TestApp;
  let f: VotingFixture;
  let secretary: HttpClient;
  let admin: HttpClient;

  beforeAll(async () => {
    t = await startTestApp();
    // 30 delegates, 28 checked in (quorum 20), 28 of them with a login
    f = await createVotingMeeting(t, { members: 30, present: 28, voters: 28, body: { kind: BodyKind.PeoplesCouncil } });
    secretary = (await clientAs(t.dataSource, t.url, Role.Secretary)).http;
    admin = (await clientAs(t.dataSource, t.url, Role.Admin)).http;
  }, 240_000);
  afterAll(async () => {
    await t?.close();
  });

  const confidenceBody = (over: Record<string, unknown> = {}) => ({
    kind: 'confidence',
    ballotMode: 'secret',
    decisionType: 'confidence_rating',
    title: `Lấy phiếu tín nhiệm ${randomUUID().slice(0, 6)}`,
    options: OFFICIALS.map((label) => ({ label })),
    ...over,
  });

  it('rates 3 officials on one secret ballot; results per official as shares of ALL 30 delegates, with the Resolution 96 flags, never "won"', async () => {
    const created = await secretary.post<PollView>(`/api/meetings/${f.meeting.id}/polls`, confidenceBody());
    expect(created.status).toBe(201);
    const poll = created.body;
    expect(poll).toMatchObject({ kind: 'confidence', ballotMode: 'secret', maxChoices: 3, decisionType: { code: 'confidence_rating' } });
    expect(poll.options).toHaveLength(9);
    expect(poll.legalBasis).toContain('96/2023/QH15');
    expect(poll.ruleWords.vi).toContain('tổng số đại biểu');
    const opened = await secretary.post<PollView>(`/api/polls/${poll.id}/open`);
    expect(opened.status).toBe(200);
    expect(opened.body).toMatchObject({ membersCount: 30, presentCount: 28, eligibleCount: 28 });

    const opt = (subject: number, grade: string): string => {
      const o = poll.options.find((x) => x.subject === subject && x.grade === grade);
      if (!o) throw new Error(`no option ${subject}/${grade}`);
      return o.id;
    };
    // official 1: 20 high, 6 medium, 2 low; official 2: 5 high, 6 medium, 17 low (> 1/2, < 2/3 of 30);
    // official 3: 3 high, 3 medium, 21 low (>= 2/3 of 30), one ballot leaves them unrated
    const level = (i: number, counts: [number, number, number]): string => (i < counts[0] ? 'high' : i < counts[0] + counts[1] ? 'medium' : 'low');
    const ballots = f.voters.map((_, i) => {
      const choices = [opt(1, level(i, [20, 6, 2])), opt(2, level(i, [5, 6, 17]))];
      if (i < 27) choices.push(opt(3, level(i, [3, 3, 21])));
      return choices;
    });
    // a ballot with two levels for one official is refused, and nothing is counted for it
    const twice = await f.voters[0].http.post<ErrorShape>(`/api/polls/${poll.id}/ballots`, { ballotId: randomUUID(), choices: [opt(1, 'high'), opt(1, 'low')] });
    expect(twice.status).toBe(400);
    expect(twice.body.error.code).toBe('INVALID_CHOICE');
    const acks = await Promise.all(f.voters.map((v, i) => v.http.post<CastAck>(`/api/polls/${poll.id}/ballots`, { ballotId: randomUUID(), choices: ballots[i] })));
    expect(acks.map((a) => a.status)).toEqual(f.voters.map(() => 200));

    const closed = await secretary.post<PollView>(`/api/polls/${poll.id}/close`);
    expect(closed.status).toBe(200);
    const result = closed.body.result as unknown as { outcome: string; confidence: { officials: OfficialResult[]; members: number } };
    expect(result.outcome).toBe('counted');
    expect(result.confidence.members).toBe(30);
    const [a, b, c] = result.confidence.officials;
    expect(a).toMatchObject({ subject: 1, counts: { high: 20, medium: 6, low: 2 }, notRated: 0, flags: [] });
    expect(a.shares.high).toEqual({ vi: '66,67%', en: '66.67%' });
    expect(b).toMatchObject({ subject: 2, counts: { high: 5, medium: 6, low: 17 }, flags: ['may_resign'] });
    expect(b.shares.low).toEqual({ vi: '56,67%', en: '56.67%' });
    expect(c).toMatchObject({ subject: 3, counts: { high: 3, medium: 3, low: 21 }, notRated: 1, flags: ['dismissal_proposal'] });
    expect(c.name).toBe(OFFICIALS[2]);
    expect(JSON.stringify(closed.body.result)).not.toMatch(/"won"|adopted|Trúng/);

    // secret: the stored ballots carry no voter, and the published list is by receipt only
    const published = await secretary.post<PollView>(`/api/polls/${poll.id}/publish`);
    expect(published.status).toBe(200);
    const seen = await f.voters[3].http.get<PollView>(`/api/polls/${poll.id}`);
    expect(seen.body.ballots).toHaveLength(28);
    for (const ballot of seen.body.ballots ?? []) expect(Object.keys(ballot)).toEqual(['receipt']);
    const cols = (await t.dataSource.query(`SELECT column_name FROM information_schema.columns WHERE table_name = 'secret_ballots'`)) as { column_name: string }[];
    expect(cols.map((x) => x.column_name).sort()).toEqual(['choices', 'id', 'poll_id']);

    // the minutes state the rule in words, its legal basis and each official's result
    const minutes = await secretary.post<{ content: { sections: { heading: string; body: string }[] } }>(`/api/meetings/${f.meeting.id}/minutes/draft`);
    expect(minutes.status).toBeLessThan(300);
    const text = JSON.stringify(minutes.body);
    expect(text).toContain('Căn cứ pháp lý: Nghị quyết 96/2023/QH15');
    expect(text).toContain('Nguyên tắc biểu quyết: Mỗi người được lấy phiếu');
    expect(text).toContain('Tín nhiệm thấp 21/30 (70,00%)');
  }, 240_000);

  it('refuses a named confidence vote, another rule, and an override that is not an administrator\'s with a legal basis', async () => {
    const named = await secretary.post<ErrorShape>(`/api/meetings/${f.meeting.id}/polls`, confidenceBody({ ballotMode: 'named' }));
    expect(named.status).toBe(422);
    expect(named.body.error.code).toBe('PROFILE_LOCKED');
    const namedByAdmin = await admin.post<ErrorShape>(`/api/meetings/${f.meeting.id}/polls`, confidenceBody({ ballotMode: 'named', overrideBasis: 'Điều 99 Quy chế thử nghiệm' }));
    expect(namedByAdmin.status).toBe(422);
    const motion = { kind: 'motion', ballotMode: 'named', title: 'Nghị quyết thử', rule: 'present>1/2;quorum>=1/2;tie=chair_side' };
    const lowered = await secretary.post<ErrorShape>(`/api/meetings/${f.meeting.id}/polls`, motion);
    expect(lowered.status).toBe(422);
    expect(lowered.body.error.code).toBe('PROFILE_LOCKED');
    const bySecretary = await secretary.post<ErrorShape>(`/api/meetings/${f.meeting.id}/polls`, { ...motion, overrideBasis: 'Điều 5 Nghị quyết 104/2025/UBTVQH15' });
    expect(bySecretary.status).toBe(403);
    expect(bySecretary.body.error.code).toBe('OVERRIDE_FORBIDDEN');
    const noBasis = await admin.post<ErrorShape>(`/api/meetings/${f.meeting.id}/polls`, { ...motion, overrideBasis: ' x ' });
    expect(noBasis.status).toBe(400);
    expect(noBasis.body.error.code).toBe('LEGAL_BASIS_REQUIRED');
    const overridden = await admin.post<PollView>(`/api/meetings/${f.meeting.id}/polls`, { ...motion, overrideBasis: 'Điều 5 Nghị quyết 104/2025/UBTVQH15 (thử nghiệm)' });
    expect(overridden.status).toBe(201);
    expect(overridden.body.override).toMatchObject({ basis: 'Điều 5 Nghị quyết 104/2025/UBTVQH15 (thử nghiệm)' });
    const audit = (await t.dataSource.query(`SELECT payload FROM audit_log WHERE entity_id = $1 AND action = 'poll.created'`, [overridden.body.id]).catch(() => [])) as { payload: { overrideBasis?: string } }[];
    if (audit.length > 0) expect(audit[0].payload.overrideBasis).toContain('104/2025');
    // a resolution by default: more than half of ALL delegates, no casting vote, in words
    const resolution = await secretary.post<PollView>(`/api/meetings/${f.meeting.id}/polls`, { kind: 'motion', ballotMode: 'named', title: 'Nghị quyết mặc định' });
    expect(resolution.status).toBe(201);
    expect(resolution.body.rule).toMatchObject({ base: 'members', threshold: { kind: 'more_than', num: 1, den: 2 }, tie: 'fails' });
    expect(resolution.body.ruleWords.vi).toContain('quá nửa tổng số đại biểu');
    expect(resolution.body.legalBasis).toContain('72/2025/QH15');
    // a delegate's dismissal is a secret ballot with at least 2/3 of all delegates
    const dismissal = await secretary.post<PollView>(`/api/meetings/${f.meeting.id}/polls`, { kind: 'motion', ballotMode: 'secret', decisionType: 'delegate_dismissal', title: 'Bãi nhiệm' });
    expect(dismissal.status).toBe(201);
    expect(dismissal.body.rule.threshold).toEqual({ kind: 'at_least', num: 2, den: 3 });
    const unknownType = await secretary.post<ErrorShape>(`/api/meetings/${f.meeting.id}/polls`, { kind: 'motion', ballotMode: 'named', decisionType: 'committee_decision', title: 'x' });
    expect(unknownType.status).toBe(400);
    expect(unknownType.body.error.code).toBe('DECISION_TYPE_INVALID');
    // officials given as name and office (the web form's shape): one subject each, "name — office" on the ballot
    const byOfficials = await secretary.post<PollView>(`/api/meetings/${f.meeting.id}/polls`, {
      ...confidenceBody({ options: undefined }),
      kind: 'no_confidence',
      decisionType: 'no_confidence_vote',
      officials: [{ name: ' Nguyễn Văn A ', office: 'Chủ tịch UBND' }, { name: 'Trần Thị B' }],
    });
    expect(byOfficials.status).toBe(201);
    expect(byOfficials.body.options.map((o) => [o.subject, o.subjectName, o.grade])).toEqual([
      [1, 'Nguyễn Văn A — Chủ tịch UBND', 'trust'],
      [1, 'Nguyễn Văn A — Chủ tịch UBND', 'no_trust'],
      [2, 'Trần Thị B', 'trust'],
      [2, 'Trần Thị B', 'no_trust'],
    ]);
    const both = await secretary.post<ErrorShape>(`/api/meetings/${f.meeting.id}/polls`, { ...confidenceBody(), officials: [{ name: 'Trần Thị B' }] });
    expect(both.status).toBe(400);
    const motionOfficials = await secretary.post<ErrorShape>(`/api/meetings/${f.meeting.id}/polls`, { kind: 'motion', ballotMode: 'named', title: 'x', officials: [{ name: 'Trần Thị B' }] });
    expect(motionOfficials.status).toBe(400);
  }, 120_000);

  it('refuses proxies in a People\'s Council or Committee, and a quorum below 2/3 unless an administrator gives the legal basis', async () => {
    for (const kind of ['peoples_council', 'peoples_committee', 'council_standing']) {
      const res = await admin.post<ErrorShape>('/api/bodies', { name: `Cơ quan ${kind} ${randomUUID().slice(0, 6)}`, kind, allowProxyVoting: true });
      expect(res.status).toBe(422);
      expect(res.body.error.code).toBe('PROFILE_LOCKED');
    }
    const other = await admin.post<{ kind: string; allowProxyVoting: boolean }>('/api/bodies', { name: `Hội đồng quản trị ${randomUUID().slice(0, 6)}`, allowProxyVoting: true });
    expect(other.status).toBe(201);
    expect(other.body).toMatchObject({ kind: 'other', allowProxyVoting: true });
    // the database refuses it too
    await expect(t.dataSource.query(`UPDATE bodies SET allow_proxy_voting = true WHERE id = $1`, [f.meeting.bodyId])).rejects.toThrow(/ck_bodies_proxy_profile/);
    const kindChange = await admin.patch<ErrorShape>(`/api/bodies/${f.meeting.bodyId}`, { kind: 'other' });
    expect(kindChange.status).toBe(400);

    const meeting = { bodyId: f.meeting.bodyId, title: 'Kỳ họp chuyên đề', startsAt: new Date(Date.now() + 86400_000).toISOString(), quorumNumerator: 1, quorumDenominator: 2 };
    const low = await secretary.post<ErrorShape>('/api/meetings', meeting);
    expect(low.status).toBe(422);
    expect(low.body.error.code).toBe('PROFILE_LOCKED');
    const defaulted = await secretary.post<{ quorum: { numerator: number; denominator: number; required: number } }>('/api/meetings', { ...meeting, quorumNumerator: undefined, quorumDenominator: undefined });
    expect(defaulted.status).toBe(201);
    expect(defaulted.body.quorum).toMatchObject({ numerator: 2, denominator: 3, required: 20 });
    const overridden = await admin.post<{ id: string; quorumOverride: { basis: string } | null }>('/api/meetings', { ...meeting, quorumOverrideBasis: 'Công văn số 12/HĐND-VP ngày 01/12/2026 (thử nghiệm)' });
    expect(overridden.status).toBe(201);
    expect(overridden.body.quorumOverride).toMatchObject({ basis: 'Công văn số 12/HĐND-VP ngày 01/12/2026 (thử nghiệm)' });
  }, 120_000);

  it('never puts a guest or substitute on the roll nor counts them toward quorum', async () => {
    const guest = await createDelegate(t.dataSource);
    await t.dataSource.getRepository(MeetingInvitationEntity).save({ meetingId: f.meeting.id, delegateId: guest.id, kind: InvitationKind.Guest, canVote: false });
    await checkIn(t, f.meeting.id, [guest]);
    const poll = await secretary.post<PollView>(`/api/meetings/${f.meeting.id}/polls`, { kind: 'motion', ballotMode: 'named', title: 'Kiểm tra danh sách biểu quyết' });
    const opened = await secretary.post<PollView>(`/api/polls/${poll.body.id}/open`);
    expect(opened.status).toBe(200);
    expect(opened.body).toMatchObject({ membersCount: 30, presentCount: 28, eligibleCount: 28 });
    const onRoll = (await t.dataSource.query(`SELECT count(*)::int AS n FROM poll_roll WHERE poll_id = $1 AND delegate_id = $2`, [poll.body.id, guest.id])) as { n: number }[];
    expect(onRoll[0].n).toBe(0);
  }, 60_000);
});
