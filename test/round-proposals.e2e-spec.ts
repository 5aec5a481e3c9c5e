import { randomUUID } from 'node:crypto';
import { Role } from '#core';
import type { RoundProposal } from '#contracts';
import { BodyKind } from '#legal';
import { MeetingStatus } from '#meetings';
import { createBody, createMeeting } from './factories/registry.factory.js';
import { clientAs } from './factories/user.factory.js';
import type { ErrorShape, HttpClient } from './utils/http.js';
import { startTestApp, type TestApp } from './utils/test-app.js';

interface Round {
  id: string;
  questions: { id: string }[];
}

/**
 * Written rounds that fail or are not decided become proposals for the body's next meeting (Decree 314/2025/ND-CP):
 * recorded when the round closes, listed while preparing a meeting of that body, taken onto its agenda once or
 * dismissed with a reason; delegates may do none of it, another body's meeting does not see them.
 */
describe('written round proposals for the next meeting', () => {
  let t: TestApp;
  let secretary: HttpClient;
  let chair: HttpClient;
  let members: HttpClient[];
  let bodyId: string;
  let meetingId: string;
  let otherMeetingId: string;

  beforeAll(async () => {
    t = await startTestApp();
    const { body, delegates } = await createBody(t.dataSource, 6, { kind: BodyKind.PeoplesCommittee });
    bodyId = body.id;
    meetingId = (await createMeeting(t.dataSource, body.id, delegates, { status: MeetingStatus.Scheduled }, 1)).meeting.id;
    const other = await createBody(t.dataSource, 2, { kind: BodyKind.PeoplesCommittee });
    otherMeetingId = (await createMeeting(t.dataSource, other.body.id, other.delegates, { status: MeetingStatus.Scheduled }, 1)).meeting.id;
    secretary = (await clientAs(t.dataSource, t.url, Role.Secretary)).http;
    chair = (await clientAs(t.dataSource, t.url, Role.Chair)).http;
    members = [];
    for (const d of delegates) members.push((await clientAs(t.dataSource, t.url, Role.Delegate, { delegateId: d.id })).http);
  }, 120_000);
  afterAll(async () => {
    await t?.close();
  });

  /** A round of the body sent to its 6 members, answered by the first `answers.length` members, then closed. */
  async function closedRound(title: string, answers: ('agree' | 'disagree')[]): Promise<string> {
    const round = await secretary.post<Round>('/api/opinion-rounds', { bodyId, title, deadline: new Date(Date.now() + 86400_000).toISOString(), questions: ['Đồng ý?'] });
    expect(round.status).toBe(201);
    expect((await secretary.post(`/api/opinion-rounds/${round.body.id}/open`)).status).toBe(200);
    for (const [i, choice] of answers.entries()) {
      expect((await members[i].post(`/api/opinion-rounds/${round.body.id}/answers`, { answers: [{ questionId: round.body.questions[0].id, choice }] })).status).toBe(200);
    }
    expect((await secretary.post(`/api/opinion-rounds/${round.body.id}/close`)).status).toBe(200);
    return round.body.id;
  }

  it('records failed and undecided rounds (never an adopted one), takes one onto the agenda once, dismisses another with a reason', async () => {
    const failed = await closedRound('Điều chỉnh dự toán', ['agree', 'disagree', 'disagree', 'disagree']);
    const undecided = await closedRound('Đặt tên đường', ['agree', 'agree']);
    const adopted = await closedRound('Kế hoạch tiếp dân', ['agree', 'agree', 'agree', 'agree']);

    const listed = await secretary.get<RoundProposal[]>(`/api/meetings/${meetingId}/round-proposals`);
    expect(listed.status).toBe(200);
    expect(listed.body.map((p) => [p.roundId, p.result, p.status, p.respondents, p.votingRecipients])).toEqual([
      [failed, 'failed', 'pending', 4, 6],
      [undecided, 'undecided', 'pending', 2, 6],
    ]);
    expect(listed.body.some((p) => p.roundId === adopted)).toBe(false);
    expect(listed.body[0]).toMatchObject({ roundTitle: 'Điều chỉnh dự toán', bodyId, meetingId: null, agendaItemId: null });
    expect(listed.body[0].basis).toContain('Nghị định 314/2025/NĐ-CP');
    expect((await chair.get(`/api/meetings/${meetingId}/round-proposals`)).status).toBe(200);
    // another body's meeting sees none of them, and cannot take them
    expect((await secretary.get<RoundProposal[]>(`/api/meetings/${otherMeetingId}/round-proposals`)).body).toEqual([]);
    const [p1, p2] = listed.body;
    const elsewhere = await secretary.post<ErrorShape>(`/api/meetings/${otherMeetingId}/round-proposals/${p1.id}/take`);
    expect(elsewhere.status).toBe(404);

    // refusals: a delegate (403), the chair may read but not decide (403), an unknown id (404)
    const byDelegate = await members[0].post<ErrorShape>(`/api/meetings/${meetingId}/round-proposals/${p1.id}/take`);
    expect(byDelegate.status).toBe(403);
    expect((await members[0].get(`/api/meetings/${meetingId}/round-proposals`)).status).toBe(403);
    expect((await chair.post(`/api/meetings/${meetingId}/round-proposals/${p1.id}/take`)).status).toBe(403);
    const unknown = await secretary.post<ErrorShape>(`/api/meetings/${meetingId}/round-proposals/${randomUUID()}/take`);
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.code).toBe('NOT_FOUND');

    const taken = await secretary.post<RoundProposal>(`/api/meetings/${meetingId}/round-proposals/${p1.id}/take`);
    expect(taken.status).toBe(200);
    expect(taken.body).toMatchObject({ status: 'taken', meetingId });
    const agenda = (await secretary.get<{ agenda: { id: string; title: string; description: string | null }[] }>(`/api/meetings/${meetingId}`)).body.agenda;
    expect(agenda).toHaveLength(2);
    expect(agenda[1]).toMatchObject({ id: taken.body.agendaItemId, title: 'Báo cáo kết quả lấy ý kiến thành viên bằng văn bản: Điều chỉnh dự toán' });
    expect(agenda[1].description).toContain('không được thông qua');
    const again = await secretary.post<ErrorShape>(`/api/meetings/${meetingId}/round-proposals/${p1.id}/take`);
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('PROPOSAL_DECIDED');
    const [round] = await t.dataSource.query<{ carried_meeting_id: string; carried_agenda_item_id: string }[]>(`SELECT carried_meeting_id, carried_agenda_item_id FROM opinion_rounds WHERE id = $1`, [failed]);
    expect(round).toEqual({ carried_meeting_id: meetingId, carried_agenda_item_id: taken.body.agendaItemId });

    const noReason = await secretary.post<ErrorShape>(`/api/meetings/${meetingId}/round-proposals/${p2.id}/dismiss`, { reason: '' });
    expect(noReason.status).toBe(400);
    const dismissed = await secretary.post<RoundProposal>(`/api/meetings/${meetingId}/round-proposals/${p2.id}/dismiss`, { reason: 'Sẽ lấy ý kiến lại sau khi bổ sung hồ sơ' });
    expect(dismissed.status).toBe(200);
    expect(dismissed.body).toMatchObject({ status: 'dismissed', dismissReason: 'Sẽ lấy ý kiến lại sau khi bổ sung hồ sơ', agendaItemId: null });
    expect((await secretary.post<ErrorShape>(`/api/meetings/${meetingId}/round-proposals/${p2.id}/take`)).status).toBe(409);

    // afterwards: the one taken into this meeting is still listed (taken), the dismissed one is gone
    const after = (await secretary.get<RoundProposal[]>(`/api/meetings/${meetingId}/round-proposals`)).body;
    expect(after.map((p) => [p.roundId, p.status])).toEqual([[failed, 'taken']]);
    const audit = await t.dataSource.query<{ action: string }[]>(`SELECT action FROM audit_log WHERE action LIKE 'round_proposal.%' ORDER BY seq`);
    expect(audit.map((a) => a.action)).toEqual(['round_proposal.taken', 'round_proposal.dismissed']);
  }, 120_000);
});
