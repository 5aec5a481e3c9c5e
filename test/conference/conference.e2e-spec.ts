import { TokenVerifier, type ClaimGrants } from 'livekit-server-sdk';
import { AttendanceRecordEntity, CheckInMethod } from '#attendance';
import {
  ConferenceReconciler,
  ConferenceRecordingEntity,
  ConferenceRoomEntity,
  ConferenceRoomsService,
  ConferenceSessionEntity,
  ConferenceWebhookEventEntity,
  FloorPermissionsListener,
  roomNameFor,
} from '#conference';
import { Role, type UserEntity } from '#core';
import type { DelegateEntity } from '#delegates';
import { MeetingEntity, MeetingStatus } from '#meetings';
import { createBody, createDelegate, createMeeting } from '../factories/registry.factory.js';
import { clientAs } from '../factories/user.factory.js';
import { HttpClient, type ErrorShape } from '../utils/http.js';
import { startTestApp, type TestApp } from '../utils/test-app.js';
import { FakeLiveKitTwirpServer } from './fake-livekit-twirp.server.js';
import { signWebhook, webhookBody } from './livekit-webhook.signer.js';

const API_KEY = 'APItestkey';
const API_SECRET = 'test-secret-for-livekit-0123456789abcdef';

interface TokenView {
  token: string;
  url: string;
  room: string;
  identity: string;
  role: string;
  expiresAt: string;
}

describe('conference (LiveKit)', () => {
  let t: TestApp;
  let livekit: FakeLiveKitTwirpServer;
  let delegates: DelegateEntity[];
  let meeting: MeetingEntity;
  let room: string;
  const as: Record<string, { user: UserEntity; http: HttpClient }> = {};
  let outsider: { user: UserEntity; http: HttpClient };
  let webhookCount = 0;

  const verify = (token: string): Promise<ClaimGrants> => new TokenVerifier(API_KEY, API_SECRET).verify(token);
  const setStatus = async (id: string, status: MeetingStatus): Promise<void> => {
    await t.dataSource.getRepository(MeetingEntity).update({ id }, { status });
  };
  const counts = async (): Promise<{ events: number; sessions: number; attendance: number }> => ({
    events: await t.dataSource.getRepository(ConferenceWebhookEventEntity).count(),
    sessions: await t.dataSource.getRepository(ConferenceSessionEntity).count(),
    attendance: await t.dataSource.getRepository(AttendanceRecordEntity).count(),
  });
  const postWebhook = async (body: string, authorization?: string, contentType = 'application/webhook+json'): Promise<{ status: number; body: Record<string, unknown> }> => {
    const headers: Record<string, string> = { 'content-type': contentType };
    if (authorization !== undefined) headers.authorization = authorization;
    const res = await fetch(`${t.url}/api/livekit/webhook`, { method: 'POST', headers, body });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  };
  const sendEvent = async (e: Parameters<typeof webhookBody>[0]): Promise<{ status: number; body: Record<string, unknown> }> => {
    const body = webhookBody(e);
    return postWebhook(body, await signWebhook(body, API_KEY, API_SECRET));
  };
  const nextId = (): string => `EV_test_${++webhookCount}`;

  beforeAll(async () => {
    livekit = new FakeLiveKitTwirpServer(API_KEY, API_SECRET);
    const url = await livekit.start();
    t = await startTestApp({
      // ws:// as a client would be given; the SDK calls the server API over http
      LIVEKIT_URL: url.replace('http://', 'ws://'),
      LIVEKIT_PUBLIC_URL: 'wss://livekit.dienhong.test',
      LIVEKIT_API_KEY: API_KEY,
      LIVEKIT_API_SECRET: API_SECRET,
      LIVEKIT_EGRESS_ENABLED: 'true',
      LIVEKIT_RECONCILE_INTERVAL_SECONDS: '0',
      LIVEKIT_ROOM_PARTICIPANT_MARGIN: '5',
      LIVEKIT_ROOM_EMPTY_TIMEOUT_SECONDS: '120',
    });
    const created = await createBody(t.dataSource, 4);
    delegates = created.delegates;
    ({ meeting } = await createMeeting(t.dataSource, created.body.id, delegates));
    room = roomNameFor(meeting.id);
    as.delegate = await clientAs(t.dataSource, t.url, Role.Delegate, { delegateId: delegates[0].id, displayName: 'Đại biểu Một' });
    as.delegate2 = await clientAs(t.dataSource, t.url, Role.Delegate, { delegateId: delegates[1].id });
    as.chair = await clientAs(t.dataSource, t.url, Role.Chair, { delegateId: delegates[2].id });
    as.observer = await clientAs(t.dataSource, t.url, Role.Observer, { delegateId: delegates[3].id });
    as.secretary = await clientAs(t.dataSource, t.url, Role.Secretary);
    as.admin = await clientAs(t.dataSource, t.url, Role.Admin);
    outsider = await clientAs(t.dataSource, t.url, Role.Delegate, { delegateId: (await createDelegate(t.dataSource)).id });
  });
  afterAll(async () => {
    await t.close();
    await livekit.stop();
  });

  it('reports conferencing up in health', async () => {
    const res = await new HttpClient(t.url).get<{ components: Record<string, { status: string; egress: boolean }> }>('/api/health');
    expect(res.body.components.conferencing).toMatchObject({ status: 'up', egress: true });
  });

  it('refuses tokens while the meeting is draft (404: a delegate does not see a draft) or scheduled (409), and creates no room', async () => {
    const expected: [MeetingStatus, number, string][] = [
      [MeetingStatus.Draft, 404, 'NOT_FOUND'],
      [MeetingStatus.Scheduled, 409, 'CONFERENCE_MEETING_NOT_ACTIVE'],
    ];
    for (const [status, code, error] of expected) {
      await setStatus(meeting.id, status);
      const res = await as.delegate.http.post<ErrorShape>(`/api/meetings/${meeting.id}/conference/token`);
      expect([status, res.status, res.body.error.code]).toEqual([status, code, error]);
    }
    // staff see a draft: they get the status refusal
    await setStatus(meeting.id, MeetingStatus.Draft);
    expect((await as.secretary.http.post<ErrorShape>(`/api/meetings/${meeting.id}/conference/token`)).body.error.code).toBe('CONFERENCE_MEETING_NOT_ACTIVE');
    await setStatus(meeting.id, MeetingStatus.Scheduled);
    expect(livekit.rooms.size).toBe(0);
  });

  it('creates the room when the meeting opens, idempotently, with timeout, size and title', async () => {
    await setStatus(meeting.id, MeetingStatus.Open);
    const rooms = t.app.get(ConferenceRoomsService);
    await rooms.onMeetingStatusChanged(meeting.id, MeetingStatus.Open);
    await rooms.onMeetingStatusChanged(meeting.id, MeetingStatus.Open);
    expect([...livekit.rooms.keys()]).toEqual([room]);
    expect(livekit.rooms.get(room)).toMatchObject({ emptyTimeout: 120, maxParticipants: 4 + 5 });
    expect(JSON.parse(livekit.rooms.get(room)!.metadata)).toEqual({ meetingId: meeting.id, title: meeting.title });
    const create = livekit.callsTo('CreateRoom')[0];
    expect(create.grants.video?.roomCreate).toBe(true);
    // opening also reconciles participants, with a roomAdmin token for this room only
    expect(livekit.callsTo('ListParticipants')[0].grants.video).toMatchObject({ roomAdmin: true, room });
    expect(await t.dataSource.getRepository(ConferenceRoomEntity).findOneBy({ meetingId: meeting.id })).toMatchObject({ roomName: room, closedAt: null });
    expect(livekit.refused).toEqual([]);
  });

  it('gives a delegate a short-lived token to publish audio, video and data', async () => {
    const res = await as.delegate.http.post<TokenView>(`/api/meetings/${meeting.id}/conference/token`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ url: 'wss://livekit.dienhong.test', room, identity: as.delegate.user.id, role: 'delegate' });
    const claims = await verify(res.body.token);
    expect(claims.sub).toBe(as.delegate.user.id);
    expect(claims.name).toBe('Đại biểu Một');
    expect(JSON.parse(claims.metadata!)).toEqual({ role: 'delegate', delegateId: delegates[0].id });
    expect(claims.video).toMatchObject({ room, roomJoin: true, canPublish: true, canSubscribe: true, canPublishData: true, canPublishSources: ['camera', 'microphone'] });
    expect(claims.video?.roomAdmin).toBeUndefined();
    expect(claims.exp! - claims.nbf!).toBe(600);
  });

  it('gives observers (and the administrator) subscribe-only tokens', async () => {
    for (const who of ['observer', 'admin']) {
      const res = await as[who].http.post<TokenView>(`/api/meetings/${meeting.id}/conference/token`);
      expect(res.status).toBe(200);
      const claims = await verify(res.body.token);
      expect(claims.video).toMatchObject({ room, roomJoin: true, canSubscribe: true, canPublish: false, canPublishData: false });
      expect(claims.video?.roomAdmin).toBeUndefined();
    }
  });

  it('gives chair and secretary roomAdmin', async () => {
    for (const who of ['chair', 'secretary']) {
      const res = await as[who].http.post<TokenView>(`/api/meetings/${meeting.id}/conference/token`);
      expect(res.status).toBe(200);
      const claims = await verify(res.body.token);
      expect(claims.video).toMatchObject({ room, roomJoin: true, roomAdmin: true, canPublish: true, canPublishData: true });
      expect(JSON.parse(claims.metadata!)).toMatchObject({ role: who });
    }
  });

  it('gives staff a hall device token that publishes; others may not ask for one', async () => {
    const res = await as.secretary.http.post<TokenView>(`/api/meetings/${meeting.id}/conference/hall-token`);
    expect(res.status).toBe(200);
    const claims = await verify(res.body.token);
    expect(claims.sub).toBe(`hall-${meeting.id}`);
    expect(JSON.parse(claims.metadata!)).toEqual({ role: 'hall', delegateId: null });
    expect(claims.video).toMatchObject({ room, roomJoin: true, canPublish: true, canPublishSources: ['camera', 'microphone'] });
    expect(claims.video?.roomAdmin).toBeUndefined();
    const denied = await as.delegate.http.post<ErrorShape>(`/api/meetings/${meeting.id}/conference/hall-token`);
    expect(denied.status).toBe(403);
    expect(denied.body.error.code).toBe('FORBIDDEN');
  });

  it('refuses a token to a delegate not invited and for an unknown meeting, both 404 (MeetingAccess)', async () => {
    const res = await outsider.http.post<ErrorShape>(`/api/meetings/${meeting.id}/conference/token`);
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('NOT_FOUND');
    const missing = await as.secretary.http.post<ErrorShape>('/api/meetings/00000000-0000-4000-8000-00000000abcd/conference/token');
    expect(missing.status).toBe(404);
    const bad = await as.secretary.http.post<ErrorShape>('/api/meetings/not-a-uuid/conference/token');
    expect(bad.status).toBe(400);
  });

  describe('webhooks', () => {
    const joinedAt = new Date(Date.now() - 30 * 60_000);

    it('records a signed participant_joined as an online session and online attendance', async () => {
      const res = await sendEvent({ event: 'participant_joined', id: 'EV_join_1', room, at: joinedAt, participant: { sid: 'PA_d1', identity: as.delegate.user.id, joinedAt } });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ event: 'participant_joined', duplicate: false, ignored: false });
      const session = await t.dataSource.getRepository(ConferenceSessionEntity).findOneByOrFail({ participantSid: 'PA_d1' });
      expect(session).toMatchObject({ meetingId: meeting.id, delegateId: delegates[0].id, userId: as.delegate.user.id, joinEventId: 'EV_join_1', leftAt: null });
      expect(session.joinedAt?.getTime()).toBe(joinedAt.getTime());
      const attendance = await t.dataSource.getRepository(AttendanceRecordEntity).findOneByOrFail({ meetingId: meeting.id, delegateId: delegates[0].id });
      expect(attendance).toMatchObject({ method: CheckInMethod.Online, status: 'present' });
    });

    it('ignores a duplicate delivery', async () => {
      const before = await counts();
      const res = await sendEvent({ event: 'participant_joined', id: 'EV_join_1', room, at: joinedAt, participant: { sid: 'PA_d1', identity: as.delegate.user.id, joinedAt } });
      expect(res.status).toBe(200);
      expect(res.body.duplicate).toBe(true);
      expect(await counts()).toEqual(before);
    });

    it('rejects unsigned, wrongly signed and tampered webhooks with 401, writing nothing', async () => {
      const before = await counts();
      const body = webhookBody({ event: 'participant_joined', id: nextId(), room, at: new Date(), participant: { sid: 'PA_evil', identity: as.delegate2.user.id, joinedAt: new Date() } });
      const unsigned = await postWebhook(body);
      const wrongKey = await postWebhook(body, await signWebhook(body, API_KEY, 'some-other-secret-0123456789abcdef'));
      const wrongIssuer = await postWebhook(body, await signWebhook(body, 'APIother', API_SECRET));
      const tampered = await postWebhook(body.replace('PA_evil', 'PA_evi2'), await signWebhook(body, API_KEY, API_SECRET));
      const garbageToken = await postWebhook(body, 'not-a-jwt');
      for (const res of [unsigned, wrongKey, wrongIssuer, tampered, garbageToken]) {
        expect(res.status).toBe(401);
        expect((res.body.error as { code: string }).code).toBe('WEBHOOK_SIGNATURE_INVALID');
      }
      expect(await counts()).toEqual(before);
    });

    it('answers 400 to signed garbage, writing nothing', async () => {
      const before = await counts();
      for (const body of ['{"event": "participant_joined", ', '[1,2,3]', '{"event": 42}']) {
        const res = await postWebhook(body, await signWebhook(body, API_KEY, API_SECRET));
        expect(res.status).toBe(400);
        expect(['INVALID_JSON', 'WEBHOOK_INVALID']).toContain((res.body.error as { code: string }).code);
      }
      // a webhook another parser already consumed cannot be verified
      const body = webhookBody({ event: 'room_started', id: nextId(), room, at: new Date() });
      const asJson = await postWebhook(body, await signWebhook(body, API_KEY, API_SECRET), 'application/json');
      expect(asJson.status).toBe(400);
      expect(await counts()).toEqual(before);
    });

    it('handles "left" before its "joined": one closed session, never counted online', async () => {
      const join = new Date(Date.now() - 20 * 60_000);
      const leave = new Date(Date.now() - 5 * 60_000);
      const identity = as.delegate2.user.id;
      const left = await sendEvent({ event: 'participant_left', id: 'EV_left_2', room, at: leave, participant: { sid: 'PA_d2', identity } });
      expect(left.status).toBe(200);
      let session = await t.dataSource.getRepository(ConferenceSessionEntity).findOneByOrFail({ participantSid: 'PA_d2' });
      expect(session.leftAt?.getTime()).toBe(Math.floor(leave.getTime() / 1000) * 1000);
      const joined = await sendEvent({ event: 'participant_joined', id: 'EV_join_2', room, at: join, participant: { sid: 'PA_d2', identity, joinedAt: join } });
      expect(joined.status).toBe(200);
      session = await t.dataSource.getRepository(ConferenceSessionEntity).findOneByOrFail({ participantSid: 'PA_d2' });
      expect(session.joinedAt?.getTime()).toBe(join.getTime());
      expect(session.leftAt?.getTime()).toBe(Math.floor(leave.getTime() / 1000) * 1000);
      expect(session).toMatchObject({ joinEventId: 'EV_join_2', leaveEventId: 'EV_left_2' });
      // a replay of either changes nothing
      await sendEvent({ event: 'participant_left', id: 'EV_left_2', room, at: new Date(), participant: { sid: 'PA_d2', identity } });
      expect((await t.dataSource.getRepository(ConferenceSessionEntity).findOneByOrFail({ participantSid: 'PA_d2' })).leftAt?.getTime()).toBe(session.leftAt?.getTime());

      const summary = await as.secretary.http.get<{ delegateId: string; online: boolean; minutesOnline: number; sessions: number }[]>(`/api/meetings/${meeting.id}/conference/attendance`);
      expect(summary.status).toBe(200);
      const d2 = summary.body.find((s) => s.delegateId === delegates[1].id)!;
      expect(d2).toMatchObject({ online: false, sessions: 1 });
      expect(d2.minutesOnline).toBeGreaterThanOrEqual(14.9);
      expect(d2.minutesOnline).toBeLessThanOrEqual(15.1);
      expect(summary.body.find((s) => s.delegateId === delegates[0].id)).toMatchObject({ online: true });
      const online = await t.dataSource.query<{ n: string }[]>(`SELECT count(*) AS n FROM conference_sessions WHERE meeting_id = $1 AND joined_at IS NOT NULL AND left_at IS NULL`, [meeting.id]);
      expect(Number(online[0].n)).toBe(1);
    });

    it('ignores rooms this system did not name', async () => {
      const before = await counts();
      const res = await sendEvent({ event: 'participant_joined', id: nextId(), room: 'someone-elses-room', at: new Date(), participant: { sid: 'PA_x', identity: 'x' } });
      expect(res.status).toBe(200);
      expect(res.body.ignored).toBe(true);
      expect((await counts()).sessions).toBe(before.sessions);
    });
  });

  it('reconciles with listParticipants: adds a missed join, closes a missed leave', async () => {
    const reconciler = t.app.get(ConferenceReconciler);
    const joinedAt = Date.now() - 3 * 60_000;
    livekit.addParticipant(room, { sid: 'PA_chair', identity: as.chair.user.id, joinedAtMs: joinedAt });
    livekit.addParticipant(room, { sid: 'PA_d1', identity: as.delegate.user.id, joinedAtMs: Date.now() - 30 * 60_000 });
    await reconciler.run();
    const chairSession = await t.dataSource.getRepository(ConferenceSessionEntity).findOneByOrFail({ participantSid: 'PA_chair' });
    expect(chairSession).toMatchObject({ delegateId: delegates[2].id, leftAt: null, joinEventId: null });
    expect(await t.dataSource.getRepository(AttendanceRecordEntity).findOneBy({ meetingId: meeting.id, delegateId: delegates[2].id })).toMatchObject({ method: CheckInMethod.Online });
    // the chair's connection drops without a webhook: the next pass closes it
    livekit.participants.set(room, (livekit.participants.get(room) ?? []).filter((p) => p.sid !== 'PA_chair'));
    await reconciler.run();
    const closed = await t.dataSource.getRepository(ConferenceSessionEntity).findOneByOrFail({ participantSid: 'PA_chair' });
    expect(closed.leftAt).not.toBeNull();
    expect(closed.leftSource).toBe('reconcile');
    expect((await t.dataSource.getRepository(ConferenceSessionEntity).findOneByOrFail({ participantSid: 'PA_d1' })).leftAt).toBeNull();
    // a late exact "left" webhook replaces the reconcile guess
    const exact = new Date(joinedAt + 60_000);
    await sendEvent({ event: 'participant_left', id: 'EV_left_chair', room, at: exact, participant: { sid: 'PA_chair', identity: as.chair.user.id } });
    const fixed = await t.dataSource.getRepository(ConferenceSessionEntity).findOneByOrFail({ participantSid: 'PA_chair' });
    expect(fixed.leftAt?.getTime()).toBe(Math.floor(exact.getTime() / 1000) * 1000);
    expect(fixed.leftSource).toBe('webhook');
  });

  describe('moderation', () => {
    beforeAll(() => {
      livekit.addParticipant(room, {
        sid: 'PA_d1',
        identity: as.delegate.user.id,
        joinedAtMs: Date.now() - 30 * 60_000,
        tracks: [{ sid: 'TR_mic1', type: 'AUDIO', source: 'MICROPHONE', muted: false }],
      });
    });

    it('lists participants with their tracks for staff', async () => {
      const res = await as.chair.http.get<{ identity: string; tracks: { sid: string; source: string }[] }[]>(`/api/meetings/${meeting.id}/conference/participants`);
      expect(res.status).toBe(200);
      expect(res.body.find((p) => p.identity === as.delegate.user.id)?.tracks).toEqual([expect.objectContaining({ sid: 'TR_mic1', source: 'MICROPHONE' })]);
    });

    it('mutes a track', async () => {
      const res = await as.secretary.http.post<{ muted: boolean }>(`/api/meetings/${meeting.id}/conference/moderation/mute`, { identity: as.delegate.user.id, trackSid: 'TR_mic1' });
      expect(res.status).toBe(200);
      expect(res.body.muted).toBe(true);
      const call = livekit.callsTo('MutePublishedTrack').at(-1)!;
      expect(call.body).toMatchObject({ room, identity: as.delegate.user.id, trackSid: 'TR_mic1', muted: true });
      expect(call.grants.video).toMatchObject({ roomAdmin: true, room });
    });

    it('updates permissions, keeping what is not mentioned', async () => {
      const res = await as.chair.http.post<{ canPublish: boolean; canSubscribe: boolean }>(`/api/meetings/${meeting.id}/conference/moderation/permissions`, {
        identity: as.delegate.user.id,
        canPublish: false,
      });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ canPublish: false, canSubscribe: true });
      const call = livekit.callsTo('UpdateParticipant').at(-1)!;
      expect(call.body).toMatchObject({ room, identity: as.delegate.user.id, permission: { canSubscribe: true, canPublishData: true } });
      // protobuf JSON leaves false out
      expect((call.body.permission as { canPublish?: boolean }).canPublish ?? false).toBe(false);
    });

    it('answers 404 for someone not in the room, 400 for a bad identity, 403 for delegates', async () => {
      const missing = await as.chair.http.post<ErrorShape>(`/api/meetings/${meeting.id}/conference/moderation/remove`, { identity: outsider.user.id });
      expect(missing.status).toBe(404);
      expect(missing.body.error.code).toBe('PARTICIPANT_NOT_FOUND');
      const bad = await as.chair.http.post<ErrorShape>(`/api/meetings/${meeting.id}/conference/moderation/remove`, { identity: 'a b/c' });
      expect(bad.status).toBe(400);
      const denied = await as.delegate.http.post<ErrorShape>(`/api/meetings/${meeting.id}/conference/moderation/remove`, { identity: as.delegate2.user.id });
      expect(denied.status).toBe(403);
    });

    it('removes a participant', async () => {
      livekit.addParticipant(room, { sid: 'PA_d2b', identity: as.delegate2.user.id, joinedAtMs: Date.now() });
      const res = await as.secretary.http.post(`/api/meetings/${meeting.id}/conference/moderation/remove`, { identity: as.delegate2.user.id });
      expect(res.status).toBe(204);
      expect(livekit.callsTo('RemoveParticipant').at(-1)!.body).toMatchObject({ room, identity: as.delegate2.user.id });
      expect((livekit.participants.get(room) ?? []).some((p) => p.identity === as.delegate2.user.id)).toBe(false);
    });
  });

  it('opens an online delegate\'s publishing when the chair grants the floor, and closes it when the floor ends', async () => {
    const floor = t.app.get(FloorPermissionsListener);
    const raised = await as.delegate.http.post<{ id: string }>(`/api/meetings/${meeting.id}/speakers`, {});
    expect(raised.status).toBe(201);
    const before = livekit.callsTo('UpdateParticipant').length;
    const granted = await as.chair.http.post(`/api/meetings/${meeting.id}/speakers/${raised.body.id}/grant`);
    expect(granted.status).toBe(200);
    await floor.settled(meeting.id);
    const grant = livekit.callsTo('UpdateParticipant').slice(before);
    expect(grant).toHaveLength(1);
    expect(grant[0].body).toMatchObject({ room, identity: as.delegate.user.id, permission: { canPublish: true, canSubscribe: true } });
    const ended = await as.chair.http.post(`/api/meetings/${meeting.id}/speakers/${raised.body.id}/end`);
    expect([200, 204]).toContain(ended.status);
    await floor.settled(meeting.id);
    const end = livekit.callsTo('UpdateParticipant').slice(before + 1);
    expect(end).toHaveLength(1);
    expect(end[0].body).toMatchObject({ room, identity: as.delegate.user.id });
    expect((end[0].body.permission as { canPublish?: boolean }).canPublish ?? false).toBe(false);
  });

  it('granting the floor to someone else first closes the previous speaker\'s publishing', async () => {
    const floor = t.app.get(FloorPermissionsListener);
    const first = await as.delegate.http.post<{ id: string }>(`/api/meetings/${meeting.id}/speakers`, {});
    const second = await as.delegate2.http.post<{ id: string }>(`/api/meetings/${meeting.id}/speakers`, {});
    expect([first.status, second.status]).toEqual([201, 201]);
    await as.chair.http.post(`/api/meetings/${meeting.id}/speakers/${first.body.id}/grant`);
    await floor.settled(meeting.id);
    const before = livekit.callsTo('UpdateParticipant').length;
    // the queue ends the first speaker's turn itself when the chair grants the next one
    expect((await as.chair.http.post(`/api/meetings/${meeting.id}/speakers/${second.body.id}/grant`)).status).toBe(200);
    await floor.settled(meeting.id);
    const calls = livekit.callsTo('UpdateParticipant').slice(before);
    expect(calls.map((c) => [c.body.identity, (c.body.permission as { canPublish?: boolean }).canPublish ?? false])).toEqual([
      [as.delegate.user.id, false],
      [as.delegate2.user.id, true],
    ]);
    await as.chair.http.post(`/api/meetings/${meeting.id}/speakers/${second.body.id}/end`);
    await floor.settled(meeting.id);
  });

  it('starts and stops a recording through Egress', async () => {
    const start = await as.secretary.http.post<{ egressId: string; stoppedAt: string | null }>(`/api/meetings/${meeting.id}/conference/recording/start`);
    expect(start.status).toBe(200);
    const call = livekit.callsTo('StartRoomCompositeEgress').at(-1)!;
    expect(call.body).toMatchObject({ roomName: room });
    expect(call.grants.video?.roomRecord).toBe(true);
    expect(start.body.egressId).toMatch(/^EG_/);
    const again = await as.chair.http.post<ErrorShape>(`/api/meetings/${meeting.id}/conference/recording/start`);
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('RECORDING_ALREADY_RUNNING');
    const stop = await as.chair.http.post<{ stoppedAt: string | null }>(`/api/meetings/${meeting.id}/conference/recording/stop`);
    expect(stop.status).toBe(200);
    expect(stop.body.stoppedAt).not.toBeNull();
    expect(livekit.callsTo('StopEgress').at(-1)!.body).toMatchObject({ egressId: start.body.egressId });
    const stopAgain = await as.chair.http.post<ErrorShape>(`/api/meetings/${meeting.id}/conference/recording/stop`);
    expect(stopAgain.status).toBe(409);
    expect(stopAgain.body.error.code).toBe('RECORDING_NOT_RUNNING');
    expect(await t.dataSource.getRepository(ConferenceRecordingEntity).countBy({ meetingId: meeting.id })).toBe(1);
  });

  it('room_finished closes every open session', async () => {
    const res = await sendEvent({ event: 'room_finished', id: nextId(), room, at: new Date() });
    expect(res.status).toBe(200);
    const open = await t.dataSource.getRepository(ConferenceSessionEntity).findBy({ meetingId: meeting.id });
    expect(open.every((s) => s.leftAt !== null && (s.joinedAt === null || s.leftAt >= s.joinedAt))).toBe(true);
  });

  it('deletes the room when the meeting closes (twice is fine), and refuses tokens after', async () => {
    await setStatus(meeting.id, MeetingStatus.Closed);
    const rooms = t.app.get(ConferenceRoomsService);
    await rooms.onMeetingStatusChanged(meeting.id, MeetingStatus.Closed);
    await rooms.onMeetingStatusChanged(meeting.id, MeetingStatus.Closed);
    expect(livekit.rooms.has(room)).toBe(false);
    expect(livekit.callsTo('DeleteRoom').map((c) => c.body.room)).toEqual([room, room]);
    expect((await t.dataSource.getRepository(ConferenceRoomEntity).findOneByOrFail({ meetingId: meeting.id })).closedAt).not.toBeNull();
    const res = await as.delegate.http.post<ErrorShape>(`/api/meetings/${meeting.id}/conference/token`);
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('CONFERENCE_MEETING_NOT_ACTIVE');
  });

  it('follows meeting statuses from the reconcile job when no event came', async () => {
    const { body, delegates: ds } = await createBody(t.dataSource, 2);
    const { meeting: other } = await createMeeting(t.dataSource, body.id, ds, { status: MeetingStatus.InSession });
    const otherRoom = roomNameFor(other.id);
    await t.app.get(ConferenceReconciler).run();
    expect(livekit.rooms.get(otherRoom)).toMatchObject({ maxParticipants: 2 + 5 });
    await setStatus(other.id, MeetingStatus.Closed);
    await t.app.get(ConferenceReconciler).run();
    expect(livekit.rooms.has(otherRoom)).toBe(false);
    expect(livekit.refused).toEqual([]);
  });
});
