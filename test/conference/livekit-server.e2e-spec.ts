import 'reflect-metadata';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join as pathJoin } from 'node:path';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { dispose } from '@livekit/rtc-node';
import { RoomServiceClient, TrackSource as ServerTrackSource, type ParticipantInfo } from 'livekit-server-sdk';
import { DataSource } from 'typeorm';
import { AttendanceRecordEntity, CheckInMethod } from '#attendance';
import { ConferenceReconciler, ConferenceSessionEntity, ConferenceWebhookEventEntity, FloorPermissionsListener, roomNameFor } from '#conference';
import { loadConfig, Role, type UserEntity } from '#core';
import type { DelegateEntity } from '#delegates';
import { InvitationKind, MeetingInvitationEntity, type MeetingEntity } from '#meetings';
import { createApp } from '../../apps/api/src/bootstrap.js';
import { createBody, createDelegate, createMeeting } from '../factories/registry.factory.js';
import { clientAs } from '../factories/user.factory.js';
import { eventually } from '../utils/eventually.js';
import { HttpClient, type ErrorShape } from '../utils/http.js';
import { createTestDatabase } from '../utils/test-app.js';
import { describeWithLiveKit, startLiveKit, WebhookRelay, type LiveKitServer } from './livekit-real.js';
import { DisconnectReason, RtcParticipant } from './rtc-participant.js';

interface TokenView {
  token: string;
  url: string;
  room: string;
  identity: string;
  role: string;
  canPublish: boolean;
}

interface App {
  app: NestExpressApplication;
  url: string;
  dataSource: DataSource;
}

/**
 * The conference against the real LiveKit server (built by scripts/livekit-local.sh, the docker config on loopback)
 * with real WebRTC participants (@livekit/rtc-node): rooms, role tokens, the server's own signed webhooks (through a
 * relay that can delay, reorder and fail deliveries so that LiveKit retries), moderation checked in the server's
 * participant list, and reconciliation after an API restart while people are in the room.
 */
describeWithLiveKit('conference on a real LiveKit server', () => {
  let lk: LiveKitServer;
  const relay = new WebhookRelay();
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let dataDir: string;
  let t: App;
  let server: RoomServiceClient;
  let meeting: MeetingEntity;
  let room: string;
  let delegates: DelegateEntity[];
  const as: Record<string, { user: UserEntity; http: HttpClient }> = {};
  const people: RtcParticipant[] = [];

  const env = (): Record<string, string> => ({
    NODE_ENV: 'test',
    DATA_DIR: dataDir,
    DEMO_SEED: 'never',
    LOG_LEVEL: 'silent',
    PORT: '0',
    HOST: '127.0.0.1',
    LOGIN_MAX_ATTEMPTS: '1000',
    ...db.env,
    LIVEKIT_URL: lk.url,
    LIVEKIT_API_KEY: lk.apiKey,
    LIVEKIT_API_SECRET: lk.apiSecret,
    LIVEKIT_RECONCILE_INTERVAL_SECONDS: '0',
    LIVEKIT_ROOM_PARTICIPANT_MARGIN: '5',
    LIVEKIT_ROOM_EMPTY_TIMEOUT_SECONDS: '120',
  });
  const startApi = async (): Promise<App> => {
    const { app } = await createApp(loadConfig(env()));
    await app.listen(0, '127.0.0.1');
    const url = `http://127.0.0.1:${(app.getHttpServer().address() as { port: number }).port}`;
    relay.target = `${url}/api/livekit/webhook`;
    return { app, url, dataSource: app.get(DataSource) };
  };
  // the restarted API listens on another port: same users, same access tokens
  const withUrl = (c: { user: UserEntity; http: HttpClient }) => {
    c.http = new HttpClient(t.url).withToken((c.http as unknown as { token: string }).token);
  };
  const tokenFor = async (who: string): Promise<TokenView> => {
    const res = await as[who].http.post<TokenView>(`/api/meetings/${meeting.id}/conference/token`);
    expect(res.status).toBe(200);
    return res.body;
  };
  const join = async (who: string): Promise<RtcParticipant> => {
    const token = await tokenFor(who);
    expect(token.url).toBe(lk.url);
    const p = await RtcParticipant.join(token.url, token.token);
    people.push(p);
    return p;
  };
  const listed = (): Promise<ParticipantInfo[]> => server.listParticipants(room);
  const inRoom = async (identity: string): Promise<ParticipantInfo | undefined> => (await listed()).find((p) => p.identity === identity);
  const sessionsOf = (userId: string) => t.dataSource.getRepository(ConferenceSessionEntity).find({ where: { meetingId: meeting.id, userId }, order: { createdAt: 'ASC' } });
  const until = async (what: string, check: () => Promise<boolean>, ms = 20_000) => {
    try {
      await eventually(check, ms);
    } catch {
      throw new Error(`timed out waiting for: ${what}\nrelay: ${relay.deliveries.map((d) => `${d.event}:${d.identity ?? ''}:${d.answered}`).join(', ')}`);
    }
  };
  const setStatus = async (status: string) => {
    const res = await as.secretary.http.post<ErrorShape>(`/api/meetings/${meeting.id}/status`, { status });
    expect(res.status).toBeLessThan(300);
  };

  beforeAll(async () => {
    const webhookUrl = await relay.start();
    lk = await startLiveKit({ webhookUrl });
    server = new RoomServiceClient(lk.httpUrl, lk.apiKey, lk.apiSecret);
    db = await createTestDatabase();
    dataDir = mkdtempSync(pathJoin(tmpdir(), 'dh-e2e-'));
    t = await startApi();
    const created = await createBody(t.dataSource, 4);
    delegates = created.delegates;
    ({ meeting } = await createMeeting(t.dataSource, created.body.id, delegates));
    room = roomNameFor(meeting.id);
    const guest = await createDelegate(t.dataSource);
    await t.dataSource.getRepository(MeetingInvitationEntity).save({ meetingId: meeting.id, delegateId: guest.id, kind: InvitationKind.Guest, canVote: false });
    as.delegate1 = await clientAs(t.dataSource, t.url, Role.Delegate, { delegateId: delegates[0].id, displayName: 'Đại biểu Một' });
    as.delegate2 = await clientAs(t.dataSource, t.url, Role.Delegate, { delegateId: delegates[1].id, displayName: 'Đại biểu Hai' });
    as.chair = await clientAs(t.dataSource, t.url, Role.Chair, { delegateId: delegates[2].id, displayName: 'Chủ tọa' });
    // an observer (e.g. from the People's Procuracy) is invited as a guest: no quorum, no vote, no microphone
    const observed = await createDelegate(t.dataSource);
    await t.dataSource.getRepository(MeetingInvitationEntity).save({ meetingId: meeting.id, delegateId: observed.id, kind: InvitationKind.Guest, canVote: false });
    as.observer = await clientAs(t.dataSource, t.url, Role.Observer, { delegateId: observed.id });
    as.guest = await clientAs(t.dataSource, t.url, Role.Delegate, { delegateId: guest.id, displayName: 'Khách mời' });
    as.secretary = await clientAs(t.dataSource, t.url, Role.Secretary);
    as.delegate4 = await clientAs(t.dataSource, t.url, Role.Delegate, { delegateId: delegates[3].id, displayName: 'Đại biểu Bốn' });
  }, 180_000);

  afterAll(async () => {
    for (const p of people) await p.leave();
    await t?.app.close();
    await lk?.stop();
    await relay.stop();
    await db?.drop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
    await dispose();
  }, 60_000);

  it('creates the meeting’s room on the server when the meeting opens, with its size, timeout and title', async () => {
    expect(await server.listRooms([room])).toEqual([]);
    await setStatus('open');
    await until('the room exists', async () => (await server.listRooms([room])).length === 1);
    const [info] = await server.listRooms([room]);
    expect(info).toMatchObject({ name: room, emptyTimeout: 120, maxParticipants: 6 + 5 });
    expect(JSON.parse(info.metadata)).toEqual({ meetingId: meeting.id, title: meeting.title });
    // auto_create is off (docker/livekit.yaml): a token for a room the API did not create cannot make one
    expect((await server.listRooms()).map((r) => r.name)).toEqual([room]);
  });

  it('a delegate publishes camera and microphone; the server lists them with the role’s permissions', async () => {
    const d1 = await join('delegate1');
    await d1.publishMicrophone();
    await d1.publishCamera();
    await until('delegate1 has two tracks on the server', async () => ((await inRoom(as.delegate1.user.id))?.tracks.length ?? 0) === 2);
    const info = (await inRoom(as.delegate1.user.id))!;
    expect(info.name).toBe('Đại biểu Một');
    expect(JSON.parse(info.metadata)).toEqual({ role: 'delegate', delegateId: delegates[0].id });
    expect(info.permission).toMatchObject({ canPublish: true, canSubscribe: true, canPublishData: true });
    expect(info.permission!.canPublishSources.sort()).toEqual([ServerTrackSource.CAMERA, ServerTrackSource.MICROPHONE].sort());
    expect(info.tracks.map((x) => x.source).sort()).toEqual([ServerTrackSource.CAMERA, ServerTrackSource.MICROPHONE].sort());
    const cam = info.tracks.find((x) => x.source === ServerTrackSource.CAMERA)!;
    expect([cam.width, cam.height]).toEqual([320, 240]);
  });

  it('observers and guests only watch: the server refuses what they try to publish', async () => {
    for (const who of ['observer', 'guest']) {
      const token = await tokenFor(who);
      expect(token).toMatchObject({ role: who, canPublish: false });
      const p = await RtcParticipant.join(token.url, token.token);
      people.push(p);
      const attempt = p.publishMicrophone().then(
        () => 'published',
        () => 'refused',
      );
      const outcome = await Promise.race([attempt, new Promise((r) => setTimeout(() => r('no answer'), 5000))]);
      expect(outcome).not.toBe('published');
      const info = (await inRoom(as[who].user.id))!;
      expect(info.permission).toMatchObject({ canPublish: false, canSubscribe: true, canPublishData: false });
      expect(info.tracks).toEqual([]);
    }
  });

  it('the hall’s device publishes the room’s camera and microphones under its own identity', async () => {
    const res = await as.secretary.http.post<TokenView>(`/api/meetings/${meeting.id}/conference/hall-token`);
    expect(res.status).toBe(200);
    const hall = await RtcParticipant.join(res.body.url, res.body.token);
    people.push(hall);
    await hall.publishCamera();
    await until('the hall camera is listed', async () => ((await inRoom(`hall-${meeting.id}`))?.tracks.length ?? 0) === 1);
    expect((await inRoom(`hall-${meeting.id}`))!.permission).toMatchObject({ canPublish: true, canPublishData: false });
  });

  it('the server’s signed webhooks become online sessions, online attendance and the quorum; track events are kept', async () => {
    await until('delegate1 online', async () => (await sessionsOf(as.delegate1.user.id)).some((s) => s.joinedAt && !s.leftAt));
    const [session] = await sessionsOf(as.delegate1.user.id);
    const info = (await inRoom(as.delegate1.user.id))!;
    expect(session).toMatchObject({ participantSid: info.sid, delegateId: delegates[0].id, leftAt: null });
    expect(session.joinEventId).toMatch(/^EV_/);
    await until('delegate1 checked in online', async () => (await t.dataSource.getRepository(AttendanceRecordEntity).countBy({ meetingId: meeting.id, delegateId: delegates[0].id })) === 1);
    expect(await t.dataSource.getRepository(AttendanceRecordEntity).findOneByOrFail({ meetingId: meeting.id, delegateId: delegates[0].id })).toMatchObject({ method: CheckInMethod.Online, status: 'present' });
    // the guest is in the room but not counted: guests are not members (no quorum, no vote)
    const summary = await as.secretary.http.get<{ presentOnline: number; quorum: { present: number; reached: boolean } }>(`/api/meetings/${meeting.id}/attendance/summary`);
    expect(summary.body.quorum.present).toBe(1);
    expect(summary.body.presentOnline).toBeGreaterThanOrEqual(1);
    // every delivery carried LiveKit's signature and was accepted; track_published arrived and was recorded
    expect(relay.deliveries.length).toBeGreaterThan(0);
    expect(relay.deliveries.every((d) => d.authorization.length > 20)).toBe(true);
    const published = relay.of('track_published', as.delegate1.user.id);
    expect(published.length).toBe(2);
    const kept = await t.dataSource.getRepository(ConferenceWebhookEventEntity).findBy({ event: 'track_published' });
    expect(kept.map((e) => e.eventId)).toEqual(expect.arrayContaining(published.map((d) => d.id)));
  });

  it('a delivery LiveKit retries (our answer was lost) is applied once', async () => {
    relay.set({ kind: 'forward-then-fail', count: 1 }, (d) => d.event === 'participant_joined' && d.identity === as.delegate2.user.id);
    const d2 = await join('delegate2');
    await d2.publishMicrophone();
    await until('LiveKit redelivered the join, and the API answered', async () => relay.of('participant_joined', as.delegate2.user.id).some((d, i) => i > 0 && d.answered === 200), 30_000);
    relay.set({ kind: 'forward' });
    const deliveries = relay.of('participant_joined', as.delegate2.user.id);
    expect(new Set(deliveries.map((d) => d.id)).size).toBe(1);
    expect(deliveries[0].answered).toBe(503);
    expect(deliveries.slice(1).every((d) => d.answered === 200)).toBe(true);
    expect(await sessionsOf(as.delegate2.user.id)).toHaveLength(1);
    expect(await t.dataSource.getRepository(AttendanceRecordEntity).countBy({ meetingId: meeting.id, delegateId: delegates[1].id })).toBe(1);
    const summary = await as.secretary.http.get<{ presentOnline: number; quorum: { present: number } }>(`/api/meetings/${meeting.id}/attendance/summary`);
    expect(summary.body.quorum.present).toBe(2);
  });

  it('deliveries that arrive out of order ("left" before "joined") give one closed session', async () => {
    const guestId = as.guest.user.id;
    const guestRtc = people.find((p) => p.identity === guestId)!;
    const before = (await sessionsOf(guestId)).length;
    relay.set({ kind: 'hold' }, (d) => d.identity === guestId);
    const again = await join('guest');
    const sid = again.room.localParticipant!.sid!;
    await again.leave();
    await until('LiveKit sent the join and the leave of the second connection', async () => relay.held.filter((d) => d.body.includes(sid)).length >= 2);
    relay.set({ kind: 'forward' });
    const statuses = await relay.release((held) => [...held].sort((a, b) => (a.event === 'participant_left' ? -1 : 0) - (b.event === 'participant_left' ? -1 : 0)));
    expect(statuses.every((s) => s === 200)).toBe(true);
    const sessions = await sessionsOf(guestId);
    expect(sessions.length).toBe(before + 1);
    const s = sessions.find((x) => x.participantSid === sid)!;
    expect(s.joinedAt).not.toBeNull();
    expect(s.leftAt).not.toBeNull();
    expect(s.leftAt!.getTime()).toBeGreaterThanOrEqual(s.joinedAt!.getTime());
    // the second connection of the same person replaced the first (LiveKit keeps one per identity)
    await until('the first connection was told it was replaced', async () => guestRtc.disconnectReason === DisconnectReason.DUPLICATE_IDENTITY, 15_000);
    expect(guestRtc.disconnectReason).toBe(DisconnectReason.DUPLICATE_IDENTITY);
  });

  it('the chair mutes a delegate’s microphone: the server and the delegate see it', async () => {
    const d1 = people.find((p) => p.identity === as.delegate1.user.id)!;
    const mic = (await inRoom(as.delegate1.user.id))!.tracks.find((x) => x.source === ServerTrackSource.MICROPHONE)!;
    const res = await as.chair.http.post<{ muted: boolean }>(`/api/meetings/${meeting.id}/conference/moderation/mute`, { identity: as.delegate1.user.id, trackSid: mic.sid });
    expect(res.status).toBe(200);
    expect(res.body.muted).toBe(true);
    await until('muted on the server', async () => (await inRoom(as.delegate1.user.id))!.tracks.find((x) => x.sid === mic.sid)!.muted);
    await until('the delegate’s client was told', async () => d1.mutedTracks.includes(mic.sid));
  });

  it('granting and ending the floor opens and closes publishing on the server; the permissions route too', async () => {
    const floor = t.app.get(FloorPermissionsListener);
    await as.chair.http.post(`/api/meetings/${meeting.id}/conference/moderation/permissions`, { identity: as.delegate2.user.id, canPublish: false });
    await until('delegate2 may not publish', async () => (await inRoom(as.delegate2.user.id))!.permission!.canPublish === false);
    const raised = await as.delegate2.http.post<{ id: string }>(`/api/meetings/${meeting.id}/speakers`, {});
    expect(raised.status).toBe(201);
    expect((await as.chair.http.post(`/api/meetings/${meeting.id}/speakers/${raised.body.id}/grant`)).status).toBe(200);
    await floor.settled(meeting.id);
    await until('delegate2 may publish', async () => (await inRoom(as.delegate2.user.id))!.permission!.canPublish === true);
    expect([200, 204]).toContain((await as.chair.http.post(`/api/meetings/${meeting.id}/speakers/${raised.body.id}/end`)).status);
    await floor.settled(meeting.id);
    await until('delegate2 may not publish again', async () => (await inRoom(as.delegate2.user.id))!.permission!.canPublish === false);
  });

  it('removing someone disconnects them; they cannot come back, not even with their old token, until readmitted', async () => {
    const id = as.delegate2.user.id;
    const d2 = people.find((p) => p.identity === id)!;
    const oldToken = await tokenFor('delegate2');
    const res = await as.chair.http.post(`/api/meetings/${meeting.id}/conference/moderation/remove`, { identity: id });
    expect(res.status).toBe(204);
    await until('gone from the server', async () => !(await inRoom(id)));
    await until('told why', async () => d2.disconnectReason === DisconnectReason.PARTICIPANT_REMOVED);
    const refused = await as.delegate2.http.post<ErrorShape>(`/api/meetings/${meeting.id}/conference/token`);
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe('CONFERENCE_REMOVED');
    const removed = await as.secretary.http.get<{ identity: string; name: string }[]>(`/api/meetings/${meeting.id}/conference/moderation/removed`);
    expect(removed.body).toEqual([expect.objectContaining({ identity: id, name: 'Đại biểu Hai' })]);
    // a token issued before the removal still opens the door at LiveKit: the joined webhook sends them out again
    const back = await RtcParticipant.join(oldToken.url, oldToken.token);
    people.push(back);
    await until('removed again', async () => back.disconnectReason === DisconnectReason.PARTICIPANT_REMOVED && !(await inRoom(id)));
    expect(await as.delegate2.http.post<ErrorShape>(`/api/meetings/${meeting.id}/conference/moderation/readmit`, { identity: id })).toMatchObject({ status: 403 });
    expect((await as.chair.http.post(`/api/meetings/${meeting.id}/conference/moderation/readmit`, { identity: id })).status).toBe(204);
    expect((await as.chair.http.post<ErrorShape>(`/api/meetings/${meeting.id}/conference/moderation/readmit`, { identity: id })).body.error.code).toBe('PARTICIPANT_NOT_REMOVED');
    const readmitted = await join('delegate2');
    await until('back in the room', async () => Boolean(await inRoom(id)));
    expect(readmitted.disconnectReason).toBeNull();
  });

  it('after an API restart, reconciliation catches the joins and leaves whose webhooks were lost', async () => {
    const chairRtc = await join('chair');
    await until('chair online', async () => (await sessionsOf(as.chair.user.id)).some((s) => s.joinedAt && !s.leftAt));
    // the reconcile pass leaves alone a session younger than its 10 s grace (its join may still be in flight)
    const chairSession = (await sessionsOf(as.chair.user.id)).at(-1)!;
    await new Promise((r) => setTimeout(r, Math.max(0, chairSession.joinedAt!.getTime() + 10_500 - Date.now())));
    // a delegate who got a token before the restart joins while the API is down
    const newcomerToken = await tokenFor('delegate4');
    await t.app.close();
    // while the API is down, LiveKit's deliveries are lost (held and dropped: retries would find the API down too)
    relay.set({ kind: 'hold' });
    await chairRtc.leave();
    const newcomer = await RtcParticipant.join(newcomerToken.url, newcomerToken.token);
    people.push(newcomer);
    await until('the server saw the chair leave', async () => !(await inRoom(as.chair.user.id)));
    relay.held.splice(0);
    relay.set({ kind: 'forward' });
    t = await startApi();
    for (const c of Object.values(as)) withUrl(c);
    const [{ n, db: name }] = await t.dataSource.query<{ n: number; db: string }[]>('SELECT count(*)::int AS n, current_database() AS db FROM conference_sessions');
    expect({ n: n > 0, db: name }).toEqual({ n: true, db: new URL(db.url!).pathname.slice(1) });
    await t.app.get(ConferenceReconciler).run();
    const chair = await sessionsOf(as.chair.user.id);
    expect(chair.at(-1)).toMatchObject({ leftSource: 'reconcile' });
    expect(chair.at(-1)!.leftAt).not.toBeNull();
    const listedSids = (await listed()).map((p) => p.sid);
    const open = await t.dataSource.getRepository(ConferenceSessionEntity).find({ where: { meetingId: meeting.id } });
    expect(open.filter((s) => s.joinedAt && !s.leftAt).map((s) => s.participantSid).sort()).toEqual([...listedSids].sort());
    expect(listedSids).toContain(newcomer.room.localParticipant!.sid);
    // the newcomer is a delegate: reconciliation checked them in online
    expect(await t.dataSource.getRepository(AttendanceRecordEntity).findOneBy({ meetingId: meeting.id, delegateId: delegates[3].id })).toMatchObject({ method: CheckInMethod.Online });
  });

  it('the minutes’ draft counts the delegates who attended online', async () => {
    const summary = (await as.secretary.http.get<{ presentOnline: number; quorum: { present: number; reached: boolean } }>(`/api/meetings/${meeting.id}/attendance/summary`)).body;
    // delegates 1, 2, 4 and the chair (a delegate) are members; the guest is present but not a member
    expect(summary.quorum.present).toBe(4);
    expect(summary.quorum.reached).toBe(true);
    const draft = await as.secretary.http.post<{ content?: unknown }>(`/api/meetings/${meeting.id}/minutes/draft`);
    expect(draft.status).toBe(200);
    expect(JSON.stringify(draft.body)).toContain(`tham dự trực tuyến: ${summary.presentOnline}`);
    expect(summary.presentOnline).toBeGreaterThanOrEqual(4);
  });

  it('closing the meeting deletes the room: everyone is sent out, room_finished closes the sessions, no more tokens', async () => {
    const d1 = people.find((p) => p.identity === as.delegate1.user.id)!;
    await setStatus('in_session');
    await setStatus('closed');
    await until('room deleted on the server', async () => (await server.listRooms([room])).length === 0);
    await until('delegate1 told the room closed', async () => d1.disconnectReason === DisconnectReason.ROOM_DELETED);
    await until('every session closed', async () => (await t.dataSource.query<{ n: string }[]>(`SELECT count(*) AS n FROM conference_sessions WHERE meeting_id = $1 AND left_at IS NULL`, [meeting.id]))[0].n === '0');
    await until('room_finished delivered', async () => relay.of('room_finished').some((d) => d.answered === 200));
    const res = await as.delegate1.http.post<ErrorShape>(`/api/meetings/${meeting.id}/conference/token`);
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('CONFERENCE_MEETING_NOT_ACTIVE');
  });
});
