import { Clock, Role } from '#core';
import { MeetingEntity, MeetingStatus } from '#meetings';
import { OpinionEntity, RoundAnswerEntity, RoundsService } from '#opinions';
import { clientAs } from './factories/user.factory.js';
import { createBody, createDelegate, createMeeting } from './factories/registry.factory.js';
import type { HttpClient, ErrorShape } from './utils/http.js';
import { connectSocket, emitAck, nextEvent } from './utils/socket.js';
import { startTestApp, type TestApp } from './utils/test-app.js';

interface QueueItem {
  id: string;
  delegateId: string;
  status: string;
  position: number;
}

describe('opinions, speaker queue and written opinion rounds', () => {
  let t: TestApp;
  let secretary: HttpClient;
  let chair: HttpClient;
  let observer: HttpClient;
  const delegates: HttpClient[] = [];
  let meetingId: string;
  let agendaItemId: string;
  let bodyId: string;
  let delegateIds: string[];

  beforeAll(async () => {
    t = await startTestApp({ SCHEDULER_INTERVAL_SECONDS: '0' });
    const made = await createBody(t.dataSource, 5);
    bodyId = made.body.id;
    delegateIds = made.delegates.map((d) => d.id);
    const { meeting, agendaItems } = await createMeeting(t.dataSource, bodyId, made.delegates, { status: MeetingStatus.InSession });
    meetingId = meeting.id;
    agendaItemId = agendaItems[0].id;
    secretary = (await clientAs(t.dataSource, t.url, Role.Secretary)).http;
    chair = (await clientAs(t.dataSource, t.url, Role.Chair, { delegateId: delegateIds[0] })).http;
    observer = (await clientAs(t.dataSource, t.url, Role.Observer)).http;
    for (const id of delegateIds.slice(1)) delegates.push((await clientAs(t.dataSource, t.url, Role.Delegate, { delegateId: id })).http);
  });
  afterAll(async () => {
    await t.close();
  });

  describe('in a meeting', () => {
    it('a delegate submits an opinion on an agenda item; staff see all, the delegate sees their own', async () => {
      const res = await delegates[0].post<{ id: string; content: string }>(`/api/meetings/${meetingId}/opinions`, {
        agendaItemId,
        content: 'Đề nghị làm rõ nguồn vốn cho dự án đường Vành đai 4.',
      });
      expect(res.status).toBe(201);
      await delegates[1].post(`/api/meetings/${meetingId}/opinions`, { content: 'Tôi đồng ý với tờ trình.' });
      const staffView = await secretary.get<{ content: string; delegateName: string }[]>(`/api/meetings/${meetingId}/opinions`);
      expect(staffView.body.map((o) => o.content)).toEqual(['Đề nghị làm rõ nguồn vốn cho dự án đường Vành đai 4.', 'Tôi đồng ý với tờ trình.']);
      expect(staffView.body[0].delegateName).toContain('Nguyễn Văn Thử');
      const own = await delegates[0].get<{ content: string }[]>(`/api/meetings/${meetingId}/opinions`);
      expect(own.body).toHaveLength(1);
      const addressed = await secretary.post<{ status: string }>(`/api/meetings/${meetingId}/opinions/${res.body.id}/addressed`);
      expect(addressed.body.status).toBe('addressed');
      const row = await t.dataSource.getRepository(OpinionEntity).findOneByOrFail({ id: res.body.id });
      expect(row.addressedAt).not.toBeNull();
    });

    it('refuses opinions from the uninvited, on foreign agenda items, and outside an active meeting', async () => {
      const stranger = await createDelegate(t.dataSource);
      const outsider = (await clientAs(t.dataSource, t.url, Role.Delegate, { delegateId: stranger.id })).http;
      expect((await outsider.post<ErrorShape>(`/api/meetings/${meetingId}/opinions`, { content: 'x' })).body.error.code).toBe('NOT_FOUND');
      // nothing of the meeting reaches a delegate who is not invited: not its opinions, not its speaker queue (names, ids)
      expect((await outsider.get<ErrorShape>(`/api/meetings/${meetingId}/opinions`)).status).toBe(404);
      const queue = await outsider.get<ErrorShape>(`/api/meetings/${meetingId}/speakers`);
      expect([queue.status, queue.body.error.code]).toEqual([404, 'NOT_FOUND']);
      const other = await createMeeting(t.dataSource, bodyId, [], {}, 1);
      const foreign = await delegates[0].post<ErrorShape>(`/api/meetings/${meetingId}/opinions`, { content: 'x', agendaItemId: other.agendaItems[0].id });
      expect(foreign.status).toBe(400);
      const closed = await createMeeting(t.dataSource, bodyId, [], { status: MeetingStatus.Closed });
      await t.dataSource.query(`INSERT INTO meeting_invitations (meeting_id, delegate_id, kind, can_vote) VALUES ($1, $2, 'member', true)`, [closed.meeting.id, delegateIds[1]]);
      const late = await delegates[0].post<ErrorShape>(`/api/meetings/${closed.meeting.id}/opinions`, { content: 'x' });
      expect(late.status).toBe(409);
      expect(late.body.error.code).toBe('MEETING_NOT_ACTIVE');
      expect((await delegates[0].post<ErrorShape>(`/api/meetings/${meetingId}/opinions`, { content: '' })).status).toBe(400);
      expect((await delegates[0].post<ErrorShape>(`/api/meetings/${meetingId}/opinions`, { content: 'a'.repeat(5001) })).status).toBe(400);
      expect((await observer.post<ErrorShape>(`/api/meetings/${meetingId}/opinions`, { content: 'x' })).status).toBe(403);
    });

    it('keeps a speaker queue the chair orders and grants, one floor at a time', async () => {
      const a = await delegates[0].post<QueueItem>(`/api/meetings/${meetingId}/speakers`, {});
      const b = await delegates[1].post<QueueItem>(`/api/meetings/${meetingId}/speakers`, {});
      const c = await delegates[2].post<QueueItem>(`/api/meetings/${meetingId}/speakers`, {});
      expect([a.status, b.status, c.status]).toEqual([201, 201, 201]);
      const again = await delegates[0].post<ErrorShape>(`/api/meetings/${meetingId}/speakers`, {});
      expect(again.body.error.code).toBe('HAND_ALREADY_RAISED');
      expect((await chair.put(`/api/meetings/${meetingId}/speakers/order`, { requestIds: [c.body.id, a.body.id, b.body.id] })).status).toBe(204);
      const bad = await chair.put<ErrorShape>(`/api/meetings/${meetingId}/speakers/order`, { requestIds: [c.body.id] });
      expect(bad.status).toBe(400);
      expect((await chair.post(`/api/meetings/${meetingId}/speakers/${c.body.id}/grant`)).status).toBe(200);
      expect((await chair.post(`/api/meetings/${meetingId}/speakers/${a.body.id}/grant`)).status).toBe(200);
      const queue = (await observer.get<QueueItem[]>(`/api/meetings/${meetingId}/speakers`)).body;
      // granting a second speaker ends the first: exactly one holds the floor
      expect(queue.filter((q) => q.status === 'speaking').map((q) => q.id)).toEqual([a.body.id]);
      expect(queue.map((q) => q.id)).toEqual([a.body.id, b.body.id]);
      expect((await delegates[1].delete(`/api/meetings/${meetingId}/speakers/mine`)).status).toBe(204);
      expect((await chair.post(`/api/meetings/${meetingId}/speakers/${a.body.id}/end`)).status).toBe(204);
      expect((await observer.get<QueueItem[]>(`/api/meetings/${meetingId}/speakers`)).body).toEqual([]);
      expect((await delegates[0].post<ErrorShape>(`/api/meetings/${meetingId}/speakers/${a.body.id}/grant`)).status).toBe(403);
    });
    it('raises and lowers a hand over socket.io; the room sees the queue and staff see opinions live', async () => {
      const tokenOf = (http: HttpClient): string => (http as unknown as { token: string }).token;
      const chairSock = await connectSocket(t.url, tokenOf(chair));
      const delegateSock = await connectSocket(t.url, tokenOf(delegates[3]));
      try {
        for (const s of [chairSock, delegateSock]) expect(await emitAck<{ ok: boolean }>(s, 'meeting:join', { meetingId })).toMatchObject({ ok: true });
        const queued = nextEvent<{ queue: QueueItem[] }>(chairSock, 'speakers:updated');
        const raised = await emitAck<{ ok: boolean; requestId: string }>(delegateSock, 'hand:raise', { meetingId });
        expect(raised).toMatchObject({ ok: true });
        expect((await queued).queue.map((q) => q.id)).toContain(raised.requestId);
        const again = await emitAck<{ ok: boolean; error: { code: string } }>(delegateSock, 'hand:raise', { meetingId });
        expect(again).toMatchObject({ ok: false, error: { code: 'HAND_ALREADY_RAISED' } });
        expect(await emitAck<{ ok: boolean; error: { code: string } }>(delegateSock, 'hand:raise', { meetingId: 'nope' })).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
        expect(await emitAck<{ ok: boolean }>(delegateSock, 'hand:lower', { meetingId })).toMatchObject({ ok: true });
        expect((await observer.get<QueueItem[]>(`/api/meetings/${meetingId}/speakers`)).body).toEqual([]);
        const submitted = nextEvent<{ content: string }>(chairSock, 'opinion:submitted');
        await delegates[3].post(`/api/meetings/${meetingId}/opinions`, { content: 'Ý kiến gửi trực tiếp' });
        expect((await submitted).content).toBe('Ý kiến gửi trực tiếp');
      } finally {
        chairSock.close();
        delegateSock.close();
      }
    });
  });

  describe('written opinion round', () => {
    let roundId: string;
    let questionIds: string[];

    it('is created as a draft with questions and sent to every active member', async () => {
      const deadline = new Date(Date.now() + 48 * 3600_000).toISOString();
      const created = await secretary.post<{ id: string; status: string; questions: { id: string }[] }>('/api/opinion-rounds', {
        bodyId,
        title: 'Lấy ý kiến về Đề án chuyển đổi số',
        deadline,
        questions: ['Thông qua Đề án?', 'Đồng ý bố trí kinh phí năm 2027?'],
        remindHoursBefore: 24,
      });
      expect(created.status).toBe(201);
      expect(created.body.status).toBe('draft');
      roundId = created.body.id;
      questionIds = created.body.questions.map((q) => q.id);
      // a delegate cannot see a draft that was not sent to them yet
      expect((await delegates[0].get(`/api/opinion-rounds/${roundId}`)).status).toBe(404);
      const opened = await secretary.post<{ status: string; recipients: number }>(`/api/opinion-rounds/${roundId}/open`);
      expect(opened.body).toMatchObject({ status: 'open', recipients: 5 });
      expect((await secretary.post<ErrorShape>(`/api/opinion-rounds/${roundId}/open`)).status).toBe(409);
    });

    it('accepts answers (changeable until the deadline) and validates them', async () => {
      const answer = (http: HttpClient, choices: string[]) =>
        http.post<{ myAnswers: { choice: string }[] } & ErrorShape>(`/api/opinion-rounds/${roundId}/answers`, {
          answers: choices.map((choice, i) => ({ questionId: questionIds[i], choice, comment: choice === 'other' ? 'Cần bổ sung đánh giá tác động' : undefined })),
        });
      expect((await answer(delegates[0], ['agree', 'agree'])).status).toBe(200);
      expect((await answer(delegates[1], ['agree', 'disagree'])).status).toBe(200);
      expect((await answer(delegates[2], ['disagree', 'other'])).status).toBe(200);
      const changed = await answer(delegates[2], ['agree', 'other']);
      expect(changed.body.myAnswers.map((a) => a.choice).sort()).toEqual(['agree', 'other']);
      expect(await t.dataSource.getRepository(RoundAnswerEntity).countBy({ roundId })).toBe(6);
      const bad = await delegates[0].post<ErrorShape>(`/api/opinion-rounds/${roundId}/answers`, { answers: [{ questionId: questionIds[0], choice: 'maybe' }] });
      expect(bad.status).toBe(400);
      const foreign = await delegates[0].post<ErrorShape>(`/api/opinion-rounds/${roundId}/answers`, { answers: [{ questionId: meetingId, choice: 'agree' }] });
      expect(foreign.status).toBe(400);
    });

    it('reminds only those who have not answered, once the reminder time comes', async () => {
      const rounds = t.app.get(RoundsService);
      expect(await rounds.tick()).toEqual({ closed: 0, reminded: 0 });
      t.app.get(Clock).advance(25 * 3600_000);
      // chair (delegate 0) and delegates[3] have not answered
      expect(await rounds.tick()).toEqual({ closed: 0, reminded: 2 });
      expect(await rounds.tick()).toEqual({ closed: 0, reminded: 0 });
    });

    it('closes at the deadline with a summary by the majority rule and refuses late answers', async () => {
      t.app.get(Clock).advance(24 * 3600_000);
      const late = await delegates[3].post<ErrorShape>(`/api/opinion-rounds/${roundId}/answers`, { answers: [{ questionId: questionIds[0], choice: 'agree' }] });
      expect(late.status).toBe(409);
      expect(late.body.error.code).toBe('DEADLINE_PASSED');
      expect(await t.app.get(RoundsService).tick()).toEqual({ closed: 1, reminded: 0 });
      const closed = await secretary.get<{ status: string; summary: { respondents: number; questions: { agree: number; disagree: number; other: number; notAnswered: number; outcome: string; arithmetic: string }[] } }>(
        `/api/opinion-rounds/${roundId}`,
      );
      expect(closed.body.status).toBe('closed');
      expect(closed.body.summary.respondents).toBe(3);
      // 3 of 5 members agree: more than 1/2 of all members -> adopted
      expect(closed.body.summary.questions[0]).toMatchObject({ agree: 3, disagree: 0, other: 0, notAnswered: 2, outcome: 'adopted' });
      // 1 of 5 agrees -> rejected
      expect(closed.body.summary.questions[1]).toMatchObject({ agree: 1, disagree: 1, other: 1, notAnswered: 2, outcome: 'rejected' });
      expect(closed.body.summary.questions[0].arithmetic).toMatch(/3\/5/);
      const after = await delegates[3].post<ErrorShape>(`/api/opinion-rounds/${roundId}/answers`, { answers: [{ questionId: questionIds[0], choice: 'agree' }] });
      expect(after.body.error.code).toBe('ROUND_CLOSED');
    });

    it('validates round creation', async () => {
      const past = await secretary.post<ErrorShape>('/api/opinion-rounds', { bodyId, title: 'x', deadline: '2020-01-01T00:00:00Z', questions: ['q'] });
      expect(past.status).toBe(400);
      const none = await secretary.post<ErrorShape>('/api/opinion-rounds', { bodyId, title: 'x', deadline: new Date(Date.now() + 9e9).toISOString(), questions: [] });
      expect(none.status).toBe(400);
      const unknownBody = await secretary.post<ErrorShape>('/api/opinion-rounds', { bodyId: meetingId, title: 'x', deadline: new Date(Date.now() + 9e9).toISOString(), questions: ['q'] });
      expect(unknownBody.status).toBe(404);
      expect((await delegates[0].post<ErrorShape>('/api/opinion-rounds', { bodyId, title: 'x', deadline: new Date(Date.now() + 9e9).toISOString(), questions: ['q'] })).status).toBe(403);
    });
  });

  it('leaves the meeting untouched', async () => {
    expect((await t.dataSource.getRepository(MeetingEntity).findOneByOrFail({ id: meetingId })).status).toBe(MeetingStatus.InSession);
  });
});
