import { spawnSync, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import jwt from 'jsonwebtoken';
import { Role } from '#core';
import type { WsAck } from '#realtime';
import type { CastAck, PollView } from '#voting';
import { freePort, startRedis } from '../scripts/lib/local-services.js';
import { createVotingMeeting, motionBody, tokenOf, type VotingFixture } from './factories/voting.factory.js';
import { clientAs, createUser, TEST_PASSWORD } from './factories/user.factory.js';
import { HttpClient, type ErrorShape } from './utils/http.js';
import { connectSocket, emitAck, type TestSocket } from './utils/socket.js';
import { startTestApp, type TestApp } from './utils/test-app.js';

/**
 * Findings 1 and 2 of issue 19: a socket acts only for a live session, and password resets, deactivations and role
 * changes end every session of the account, over HTTP and on open sockets, on every instance.
 */
interface Tokens {
  accessToken: string;
  refreshToken: string;
}
type Sock = TestSocket<{ 'auth:revoked': { code: string; reason: string } }>;
type Ack = WsAck<CastAck>;

const loginTokens = async (url: string, username: string): Promise<Tokens> => {
  const res = await new HttpClient(url).post<Tokens>('/api/auth/login', { username, password: TEST_PASSWORD });
  expect(res.status).toBe(200);
  return res.body;
};

/** Resolves with the disconnect reason and whatever auth:revoked said before it, or rejects after `ms`. */
function revokedAndClosed(socket: Sock, ms = 5000): Promise<{ reason: string; notice: { code: string; reason: string } | null }> {
  let notice: { code: string; reason: string } | null = null;
  socket.on('auth:revoked', (n) => (notice = n));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`socket still connected ${ms} ms after the revocation`)), ms);
    socket.once('disconnect', (reason) => {
      clearTimeout(timer);
      resolve({ reason, notice });
    });
  });
}

describe('socket sessions and revocation (issue 19, findings 1 and 2)', () => {
  let t: TestApp;
  let f: VotingFixture;
  let admin: HttpClient;
  let secretary: HttpClient;
  let poll: PollView;
  const sockets: Sock[] = [];

  const open = async (token: string): Promise<Sock> => {
    const s = await connectSocket<{ 'auth:revoked': { code: string; reason: string } }>(t.url, token);
    sockets.push(s);
    expect((await emitAck<WsAck<object>>(s, 'meeting:join', { meetingId: f.meeting.id })).ok).toBe(true);
    return s;
  };
  const cast = (s: Sock, ballotId: string = randomUUID()): Promise<Ack> =>
    emitAck<Ack>(s, 'vote:cast', { pollId: poll.id, ballotId, choices: [poll.options[0].id] });
  const usernameOf = async (userId: string): Promise<string> => {
    const [row] = await t.dataSource.query<{ username: string }[]>('SELECT username FROM users WHERE id = $1', [userId]);
    return row.username;
  };
  const ballots = async (): Promise<number> => {
    const [{ n }] = await t.dataSource.query<{ n: number }[]>('SELECT count(*)::int AS n FROM named_ballots WHERE poll_id = $1', [poll.id]);
    return n;
  };

  beforeAll(async () => {
    t = await startTestApp();
    f = await createVotingMeeting(t, { members: 6, present: 6, voters: 6 });
    admin = (await clientAs(t.dataSource, t.url, Role.Admin)).http;
    secretary = (await clientAs(t.dataSource, t.url, Role.Secretary)).http;
    const created = await secretary.post<PollView>(`/api/meetings/${f.meeting.id}/polls`, motionBody());
    expect(created.status).toBe(201);
    poll = (await secretary.post<PollView>(`/api/polls/${created.body.id}/open`)).body;
    expect(poll.status).toBe('open');
  }, 120_000);
  afterAll(async () => {
    for (const s of sockets) s.close();
    await t?.close();
  });

  it('logout disconnects that session\'s sockets at once; the same user\'s other session keeps its socket', async () => {
    const voter = f.voters[0];
    const second = await loginTokens(t.url, await usernameOf(voter.userId));
    const ending = await open(second.accessToken);
    const other = await open(voter.token);
    const closed = revokedAndClosed(ending);
    expect((await new HttpClient(t.url, second.accessToken).post('/api/auth/logout')).status).toBe(204);
    const { reason, notice } = await closed;
    expect(reason).toBe('io server disconnect');
    expect(notice).toEqual({ code: 'TOKEN_REVOKED', reason: 'logout' });
    expect(ending.connected).toBe(false);
    expect(other.connected).toBe(true);
    expect(await cast(other)).toMatchObject({ ok: true, receipt: expect.any(String) as string });
  });

  it('deactivation ends every session: sockets closed, the access token refused over HTTP, the refresh token refused', async () => {
    const voter = f.voters[1];
    const tokens = await loginTokens(t.url, await usernameOf(voter.userId));
    const a = await open(tokens.accessToken);
    const b = await open(voter.token);
    const closed = [revokedAndClosed(a), revokedAndClosed(b)];
    expect((await admin.patch(`/api/users/${voter.userId}`, { active: false })).status).toBe(200);
    for (const c of await Promise.all(closed)) expect(c.notice).toEqual({ code: 'TOKEN_REVOKED', reason: 'deactivated' });
    const me = await new HttpClient(t.url, tokens.accessToken).get<ErrorShape>('/api/auth/me');
    expect(me.status).toBe(401);
    expect(me.body.error.code).toBe('TOKEN_REVOKED');
    const refreshed = await new HttpClient(t.url).post<ErrorShape>('/api/auth/refresh', { refreshToken: tokens.refreshToken });
    expect(refreshed.status).toBe(401);
    // nor can the old token open a new socket
    await expect(connectSocket(t.url, tokens.accessToken)).rejects.toMatchObject({ data: { code: 'TOKEN_REVOKED' } });
    expect(await ballots()).toBeLessThanOrEqual(1);
  });

  it('a password reset ends every session: a refresh token issued before it no longer refreshes, sockets close', async () => {
    const voter = f.voters[2];
    const tokens = await loginTokens(t.url, await usernameOf(voter.userId));
    const s = await open(tokens.accessToken);
    const closed = revokedAndClosed(s);
    expect((await admin.patch(`/api/users/${voter.userId}`, { password: 'a-new-password-2' })).status).toBe(200);
    expect((await closed).notice).toEqual({ code: 'TOKEN_REVOKED', reason: 'password_changed' });
    const refreshed = await new HttpClient(t.url).post<ErrorShape>('/api/auth/refresh', { refreshToken: tokens.refreshToken });
    expect(refreshed.status).toBe(401);
    expect(refreshed.body.error.code).toBe('TOKEN_REVOKED');
    expect((await new HttpClient(t.url, tokens.accessToken).get<ErrorShape>('/api/auth/me')).body.error.code).toBe('TOKEN_REVOKED');
    expect((await new HttpClient(t.url, voter.token).get<ErrorShape>('/api/auth/me')).body.error.code).toBe('TOKEN_REVOKED');
    // the new password signs in
    const fresh = await new HttpClient(t.url).post('/api/auth/login', { username: await usernameOf(voter.userId), password: 'a-new-password-2' });
    expect(fresh.status).toBe(200);
  });

  it('a role change ends the sessions whose tokens carry the old role', async () => {
    const { user, http } = await clientAs(t.dataSource, t.url, Role.Secretary);
    const s = await open(tokenOf(http));
    const closed = revokedAndClosed(s);
    expect((await admin.patch(`/api/users/${user.id}`, { role: 'observer' })).status).toBe(200);
    expect((await closed).notice).toEqual({ code: 'TOKEN_REVOKED', reason: 'role_changed' });
    expect((await http.get<ErrorShape>('/api/auth/me')).status).toBe(401);
  });

  it('an expired token stops the socket from acting until auth:refresh; the same ballot id then counts once', async () => {
    const voter = f.voters[3];
    const [, payload] = voter.token.split('.');
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString()) as Record<string, unknown>;
    const now = Math.floor(Date.now() / 1000);
    const shortLived = jwt.sign({ ...claims, iat: now, exp: now + 2 }, t.config.jwt.secret, { algorithm: 'HS256' });
    const s = await open(shortLived);
    await new Promise((r) => setTimeout(r, 2600));
    const ballotId = randomUUID();
    const refused = await cast(s, ballotId);
    expect(refused).toMatchObject({ ok: false, error: { code: 'TOKEN_EXPIRED' } });
    expect((await emitAck<Ack>(s, 'meeting:join', { meetingId: f.meeting.id })).ok).toBe(false);
    const before = await ballots();
    // another account's token does not take over this socket
    const stranger = await createUser(t.dataSource, Role.Delegate);
    const strangerToken = (await loginTokens(t.url, stranger.username)).accessToken;
    expect(await emitAck<WsAck<object>>(s, 'auth:refresh', { token: strangerToken })).toMatchObject({ ok: false, error: { code: 'TOKEN_INVALID' } });
    expect(await emitAck<WsAck<object>>(s, 'auth:refresh', { token: 'garbage' })).toMatchObject({ ok: false, error: { code: 'TOKEN_INVALID' } });
    expect(await emitAck<WsAck<object>>(s, 'auth:refresh', {})).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
    const renewed = await emitAck<WsAck<{ expiresAt: string }>>(s, 'auth:refresh', { token: voter.token });
    expect(renewed).toMatchObject({ ok: true, expiresAt: expect.any(String) as string });
    const accepted = await cast(s, ballotId);
    expect(accepted).toMatchObject({ ok: true, ballotId, replay: false });
    expect(await ballots()).toBe(before + 1);
  });

  it('a logout between the expiry and auth:refresh keeps the socket out', async () => {
    const voter = f.voters[4];
    const tokens = await loginTokens(t.url, await usernameOf(voter.userId));
    const s = await open(tokens.accessToken);
    const closed = revokedAndClosed(s);
    await new HttpClient(t.url, tokens.accessToken).post('/api/auth/logout');
    await closed;
    expect(await emitAck<WsAck<object>>(await open(voter.token), 'auth:refresh', { token: tokens.accessToken })).toMatchObject({ ok: false, error: { code: 'TOKEN_REVOKED' } });
  });
});

const hasRedis = spawnSync('redis-server', ['--version']).status === 0;

(hasRedis ? describe : describe.skip)('revocation across instances (Redis adapter)', () => {
  let redis: ChildProcess | null = null;
  let a: TestApp;
  let b: TestApp;

  beforeAll(async () => {
    let url = process.env.TEST_REDIS_URL;
    if (!url) {
      const port = await freePort();
      redis = await startRedis(port);
      url = `redis://127.0.0.1:${port}`;
    }
    a = await startTestApp({ REDIS_URL: url });
    // b uses a's database: one deployment, two instances
    b = await startTestApp({ REDIS_URL: url, ...(a.databaseUrl ? { DATABASE_URL: a.databaseUrl } : {}) });
  }, 120_000);
  afterAll(async () => {
    await b?.close().catch(() => undefined);
    await a?.close();
    redis?.kill('SIGTERM');
  });

  it('a deactivation on instance B disconnects the user\'s sockets on instance A at once', async () => {
    if (!a.databaseUrl) return; // two in-memory PGlites are two databases: nothing to share
    const { user, http } = await clientAs(a.dataSource, a.url, Role.Delegate);
    const socket = await connectSocket<{ 'auth:revoked': { code: string; reason: string } }>(a.url, tokenOf(http));
    const closed = revokedAndClosed(socket);
    const adminOnB = (await clientAs(b.dataSource, b.url, Role.Admin)).http;
    const started = Date.now();
    expect((await adminOnB.patch(`/api/users/${user.id}`, { active: false })).status).toBe(200);
    const { notice } = await closed;
    expect(notice).toEqual({ code: 'TOKEN_REVOKED', reason: 'deactivated' });
    expect(Date.now() - started).toBeLessThan(3000);
    socket.close();
  });
});
