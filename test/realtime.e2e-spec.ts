import jwt from 'jsonwebtoken';
import { Role } from '#core';
import { MeetingStatus } from '#meetings';
import { RealtimeService, type MeetingJoined, type WsAck, type WsErrorEvent } from '#realtime';
import { createBody, createMeeting } from './factories/registry.factory.js';
import { clientAs, createUser, login } from './factories/user.factory.js';
import { HttpClient } from './utils/http.js';
import { connectSocket, emitAck, nextEvent, refusedConnection, type TestSocket } from './utils/socket.js';
import { startTestApp, type TestApp } from './utils/test-app.js';

interface Tokens {
  admin: string;
  chair: string;
  delegate: string;
  outsider: string;
  observer: string;
}

const tokenOf = (http: HttpClient): string => (http as unknown as { token: string }).token;

describe('realtime gateway (socket.io, namespace /)', () => {
  let t: TestApp;
  let tokens: Tokens;
  let meetingId: string;
  let otherMeetingId: string;
  let draftMeetingId: string;
  let delegateUserId: string;
  const sockets: TestSocket[] = [];
  const track = <S extends TestSocket>(s: S): S => {
    sockets.push(s);
    return s;
  };

  beforeAll(async () => {
    t = await startTestApp();
    const { body, delegates } = await createBody(t.dataSource, 3);
    meetingId = (await createMeeting(t.dataSource, body.id, delegates.slice(0, 2))).meeting.id;
    otherMeetingId = (await createMeeting(t.dataSource, body.id, [delegates[2]])).meeting.id;
    draftMeetingId = (await createMeeting(t.dataSource, body.id, delegates, { status: MeetingStatus.Draft })).meeting.id;
    const delegate = await clientAs(t.dataSource, t.url, Role.Delegate, { delegateId: delegates[0].id });
    delegateUserId = delegate.user.id;
    tokens = {
      admin: tokenOf((await clientAs(t.dataSource, t.url, Role.Admin)).http),
      chair: tokenOf((await clientAs(t.dataSource, t.url, Role.Chair)).http),
      delegate: tokenOf(delegate.http),
      outsider: tokenOf((await clientAs(t.dataSource, t.url, Role.Delegate, { delegateId: delegates[2].id })).http),
      observer: tokenOf((await clientAs(t.dataSource, t.url, Role.Observer)).http),
    };
  });
  afterAll(async () => {
    for (const s of sockets) s.close();
    await t.close();
  });

  describe('authentication at connection', () => {
    it('refuses a connection without a token', async () => {
      const refused = await refusedConnection(t.url);
      expect(refused.data).toMatchObject({ code: 'UNAUTHENTICATED' });
      expect(refused.message).toMatch(/token/i);
    });

    it('refuses a malformed or wrongly signed token', async () => {
      expect((await refusedConnection(t.url, 'not-a-jwt')).data?.code).toBe('TOKEN_INVALID');
      const forged = jwt.sign({ sub: delegateUserId, typ: 'access' }, 'some-other-secret-of-at-least-32-chars!!', { algorithm: 'HS256' });
      expect((await refusedConnection(t.url, forged)).data?.code).toBe('TOKEN_INVALID');
      expect((await refusedConnection(t.url, 'x'.repeat(10_000))).data?.code).toBe('TOKEN_INVALID');
    });

    it('refuses an expired token', async () => {
      const [, payload] = tokens.delegate.split('.');
      const claims = JSON.parse(Buffer.from(payload, 'base64url').toString()) as Record<string, unknown>;
      const expired = jwt.sign({ ...claims, iat: Math.floor(Date.now() / 1000) - 120, exp: Math.floor(Date.now() / 1000) - 60 }, t.config.jwt.secret, {
        algorithm: 'HS256',
      });
      expect((await refusedConnection(t.url, expired)).data?.code).toBe('TOKEN_EXPIRED');
    });

    it('refuses the token of a session that signed out', async () => {
      const user = await createUser(t.dataSource, Role.Secretary);
      const http = await login(t.url, user.username);
      const token = tokenOf(http);
      const before = track(await connectSocket(t.url, token));
      expect(before.connected).toBe(true);
      expect((await http.post('/api/auth/logout')).status).toBe(204);
      expect((await refusedConnection(t.url, token)).data?.code).toBe('TOKEN_REVOKED');
    });

    it('accepts the token in auth.token or in an Authorization header', async () => {
      const viaAuth = track(await connectSocket(t.url, tokens.delegate));
      expect(viaAuth.connected).toBe(true);
      const viaHeader = track(await connectSocket(t.url, undefined, { authorization: `Bearer ${tokens.delegate}` }));
      expect(viaHeader.connected).toBe(true);
    });

    it('puts the socket in its user and delegate rooms', async () => {
      const socket = track(await connectSocket<{ 'test:ping': { n: number } }>(t.url, tokens.delegate));
      const realtime = t.app.get(RealtimeService);
      const viaUser = nextEvent<{ n: number }>(socket, 'test:ping');
      realtime.toUser(delegateUserId, 'test:ping', { n: 1 });
      expect(await viaUser).toEqual({ n: 1 });
      const [, payload] = tokens.delegate.split('.');
      const { did } = JSON.parse(Buffer.from(payload, 'base64url').toString()) as { did: string };
      const viaDelegate = nextEvent<{ n: number }>(socket, 'test:ping');
      realtime.toDelegate(did, 'test:ping', { n: 2 });
      expect(await viaDelegate).toEqual({ n: 2 });
    });
  });

  describe('meeting:join', () => {
    it('lets an invited delegate join the meeting room (not the staff room)', async () => {
      const socket = track(await connectSocket(t.url, tokens.delegate));
      const res = await emitAck<WsAck<MeetingJoined>>(socket, 'meeting:join', { meetingId });
      expect(res).toEqual({ ok: true, meetingId, staff: false, rooms: [`meeting:${meetingId}`] });
      // invited to a draft is not enough: drafts are staff-only and answer as unknown
      expect(await emitAck<WsAck<MeetingJoined>>(socket, 'meeting:join', { meetingId: draftMeetingId })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    });

    it('lets staff join any meeting, with the staff room', async () => {
      for (const token of [tokens.admin, tokens.chair]) {
        const socket = track(await connectSocket(t.url, token));
        const res = await emitAck<WsAck<MeetingJoined>>(socket, 'meeting:join', { meetingId: otherMeetingId });
        expect(res).toEqual({ ok: true, meetingId: otherMeetingId, staff: true, rooms: [`meeting:${otherMeetingId}`, `meeting:${otherMeetingId}:staff`] });
      }
    });

    it('refuses a delegate who is not invited, by ack and by an error event', async () => {
      const socket = track(await connectSocket(t.url, tokens.outsider));
      const errorEvent = nextEvent<WsErrorEvent>(socket, 'error');
      const res = await emitAck<WsAck<MeetingJoined>>(socket, 'meeting:join', { meetingId });
      expect(res).toEqual({ ok: false, error: { code: 'NOT_FOUND', message: expect.any(String) } });
      expect(await errorEvent).toMatchObject({ code: 'NOT_FOUND', event: 'meeting:join' });
      // the same socket may still join the meeting it is invited to
      expect(await emitAck<WsAck<MeetingJoined>>(socket, 'meeting:join', { meetingId: otherMeetingId })).toMatchObject({ ok: true });
    });

    it('lets observers follow scheduled meetings but not drafts; unknown meetings are NOT_FOUND', async () => {
      const socket = track(await connectSocket(t.url, tokens.observer));
      expect(await emitAck<WsAck<MeetingJoined>>(socket, 'meeting:join', { meetingId })).toMatchObject({ ok: true, staff: false });
      expect(await emitAck<WsAck<MeetingJoined>>(socket, 'meeting:join', { meetingId: draftMeetingId })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
      const unknown = '00000000-0000-4000-8000-0000000000aa';
      expect(await emitAck<WsAck<MeetingJoined>>(socket, 'meeting:join', { meetingId: unknown })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    });

    it('meeting:leave stops meeting events; the hall emit skips staff sockets', async () => {
      const staff = track(await connectSocket<{ 'test:hall': { n: number }; 'test:all': { n: number } }>(t.url, tokens.admin));
      const hall = track(await connectSocket<{ 'test:hall': { n: number }; 'test:all': { n: number } }>(t.url, tokens.delegate));
      await emitAck(staff, 'meeting:join', { meetingId });
      await emitAck(hall, 'meeting:join', { meetingId });
      const realtime = t.app.get(RealtimeService);
      const staffGot: string[] = [];
      staff.on('test:hall', () => staffGot.push('hall'));
      const hallGot = nextEvent<{ n: number }>(hall, 'test:hall');
      realtime.toMeetingHall(meetingId, 'test:hall', { n: 1 });
      expect(await hallGot).toEqual({ n: 1 });
      const staffAll = nextEvent<{ n: number }>(staff, 'test:all');
      realtime.toMeetingStaff(meetingId, 'test:all', { n: 2 });
      expect(await staffAll).toEqual({ n: 2 });
      expect(staffGot).toEqual([]);

      expect(await emitAck(hall, 'meeting:leave', { meetingId })).toEqual({ ok: true, meetingId });
      const hallAfterLeave: unknown[] = [];
      hall.on('test:all', (p) => hallAfterLeave.push(p));
      const staffAgain = nextEvent(staff, 'test:all');
      realtime.toMeeting(meetingId, 'test:all', { n: 3 });
      await staffAgain;
      await new Promise((r) => setTimeout(r, 100));
      expect(hallAfterLeave).toEqual([]);
    });
  });

  describe('malformed payloads', () => {
    it('answers VALIDATION_FAILED for a string, a missing, a non-uuid or an extra field, and keeps answering', async () => {
      const socket = track(await connectSocket(t.url, tokens.delegate));
      for (const payload of ['hello', 42, null, [], {}, { meetingId: 'nope' }, { meetingId, extra: 1 }, 'z'.repeat(200_000)]) {
        const res = await emitAck<WsAck<MeetingJoined>>(socket, 'meeting:join', payload);
        expect(res).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
      }
      const errorEvent = nextEvent<WsErrorEvent>(socket, 'error');
      socket.emit('meeting:join', 'no ack here' as unknown as { meetingId: string });
      expect(await errorEvent).toMatchObject({ code: 'VALIDATION_FAILED', event: 'meeting:join' });
      expect(await emitAck<WsAck<MeetingJoined>>(socket, 'meeting:join', { meetingId })).toMatchObject({ ok: true });
    });

    it('drops a socket that sends more than the payload limit, without hurting the server', async () => {
      const socket = track(await connectSocket(t.url, tokens.delegate));
      const disconnected = nextEvent<string>(socket, 'disconnect');
      socket.emit('meeting:join', { meetingId: 'y'.repeat(t.config.realtime.maxPayloadBytes + 1024) });
      expect(await disconnected).toMatch(/transport (close|error)/);
      const again = track(await connectSocket(t.url, tokens.delegate));
      expect(await emitAck<WsAck<MeetingJoined>>(again, 'meeting:join', { meetingId })).toMatchObject({ ok: true });
      expect((await new HttpClient(t.url).get('/api/health')).status).toBe(200);
    });
  });

  it('reports redis as disabled without REDIS_URL', async () => {
    const res = await new HttpClient(t.url).get<{ status: string; components: Record<string, { status: string }> }>('/api/health');
    expect(res.body.components.redis).toEqual({ status: 'disabled' });
    expect(res.body.status).toBe('ok');
  });
});
