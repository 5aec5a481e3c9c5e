import { Role, UserEntity } from '#core';
import { clientAs, createUser, login, TEST_PASSWORD } from './factories/user.factory.js';
import { createDelegate } from './factories/registry.factory.js';
import { HttpClient, type ErrorShape } from './utils/http.js';
import { startTestApp, type TestApp } from './utils/test-app.js';

interface Tokens {
  accessToken: string;
  refreshToken: string;
  expiresIn: number;
}

describe('auth', () => {
  let t: TestApp;
  let anon: HttpClient;
  beforeAll(async () => {
    t = await startTestApp({ LOGIN_MAX_ATTEMPTS: '3', LOGIN_WINDOW_SECONDS: '60' });
    anon = new HttpClient(t.url);
  });
  afterAll(async () => {
    await t.close();
  });

  it('logs in with a password and answers the access and refresh tokens', async () => {
    const user = await createUser(t.dataSource, Role.Secretary);
    const res = await anon.post<Tokens>('/api/auth/login', { username: user.username, password: TEST_PASSWORD });
    expect(res.status).toBe(200);
    expect(res.body.accessToken.split('.')).toHaveLength(3);
    expect(res.body.refreshToken.length).toBeGreaterThan(20);
    const me = await anon.withToken(res.body.accessToken).get<{ username: string; role: string; passwordHash?: string }>('/api/auth/me');
    expect(me.body).toMatchObject({ username: user.username, role: 'secretary' });
    expect(me.body.passwordHash).toBeUndefined();
  });

  it('stores a real KDF hash, never the password', async () => {
    const user = await createUser(t.dataSource, Role.Delegate);
    const row = await t.dataSource.getRepository(UserEntity).createQueryBuilder('u').addSelect('u.passwordHash').where('u.id = :id', { id: user.id }).getOneOrFail();
    expect(row.passwordHash).toMatch(/^\$argon2id\$/);
    expect(row.passwordHash).not.toContain(TEST_PASSWORD);
  });

  it('rejects wrong passwords, unknown users and disabled accounts alike', async () => {
    const user = await createUser(t.dataSource, Role.Chair);
    const disabled = await createUser(t.dataSource, Role.Chair, { active: false });
    for (const body of [
      { username: user.username, password: 'wrong-password' },
      { username: 'nobody-here', password: TEST_PASSWORD },
      { username: disabled.username, password: TEST_PASSWORD },
    ]) {
      const res = await anon.post<ErrorShape>('/api/auth/login', body);
      expect(res.status).toBe(401);
      expect(res.body.error.code).toBe('INVALID_CREDENTIALS');
    }
  });

  it('rate-limits repeated failed logins for one account', async () => {
    const user = await createUser(t.dataSource, Role.Observer);
    for (let i = 0; i < 3; i++) expect((await anon.post('/api/auth/login', { username: user.username, password: 'nope-nope' })).status).toBe(401);
    const blocked = await anon.post<ErrorShape>('/api/auth/login', { username: user.username, password: TEST_PASSWORD });
    expect(blocked.status).toBe(429);
    expect(blocked.body.error.code).toBe('TOO_MANY_REQUESTS');
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0);
  });

  it('rotates refresh tokens and revokes the session when a rotated token is replayed', async () => {
    const user = await createUser(t.dataSource, Role.Delegate);
    const first = (await anon.post<Tokens>('/api/auth/login', { username: user.username, password: TEST_PASSWORD })).body;
    const second = await anon.post<Tokens>('/api/auth/refresh', { refreshToken: first.refreshToken });
    expect(second.status).toBe(200);
    expect(second.body.refreshToken).not.toBe(first.refreshToken);
    const replay = await anon.post<ErrorShape>('/api/auth/refresh', { refreshToken: first.refreshToken });
    expect(replay.status).toBe(401);
    // the replay looked like theft, so the whole session is gone, including the new tokens
    const after = await anon.post<ErrorShape>('/api/auth/refresh', { refreshToken: second.body.refreshToken });
    expect(after.status).toBe(401);
    expect(after.body.error.code).toBe('TOKEN_REVOKED');
    const me = await anon.withToken(second.body.accessToken).get<ErrorShape>('/api/auth/me');
    expect(me.status).toBe(401);
  });

  it('logout revokes the access token at once', async () => {
    const { http } = await clientAs(t.dataSource, t.url, Role.Secretary);
    expect((await http.get('/api/auth/me')).status).toBe(200);
    expect((await http.post('/api/auth/logout')).status).toBe(204);
    const res = await http.get<ErrorShape>('/api/auth/me');
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe('TOKEN_REVOKED');
  });

  it('refuses missing, malformed and forged tokens', async () => {
    expect((await anon.get<ErrorShape>('/api/auth/me')).body.error.code).toBe('UNAUTHENTICATED');
    expect((await anon.withToken('not-a-jwt').get<ErrorShape>('/api/auth/me')).body.error.code).toBe('TOKEN_INVALID');
    const { http } = await clientAs(t.dataSource, t.url, Role.Admin);
    const valid = (http as unknown as { token: string }).token;
    const [h, , s] = valid.split('.');
    const forgedPayload = Buffer.from(JSON.stringify({ sub: 'x', role: 'admin', typ: 'access', sid: 'y' })).toString('base64url');
    expect((await anon.withToken(`${h}.${forgedPayload}.${s}`).get<ErrorShape>('/api/auth/me')).status).toBe(401);
  });

  it('validates login input', async () => {
    for (const body of [{}, { username: 'a' }, { username: 5, password: 'x' }, { username: 'a'.repeat(65), password: 'x' }, { username: 'a', password: 'b', extra: 1 }]) {
      const res = await anon.post<ErrorShape>('/api/auth/login', body);
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('VALIDATION_FAILED');
    }
  });

  it('lets an admin create accounts linked to delegates, and a new account can log in', async () => {
    const { http } = await clientAs(t.dataSource, t.url, Role.Admin);
    const delegate = await createDelegate(t.dataSource, { fullName: 'Trần Thị Thúy Hằng' });
    const created = await http.post<{ id: string; delegateId: string }>('/api/users', {
      username: 'hang.tran',
      displayName: 'Trần Thị Thúy Hằng',
      password: 'mat-khau-dai-1',
      role: 'delegate',
      delegateId: delegate.id,
    });
    expect(created.status).toBe(201);
    expect(created.body.delegateId).toBe(delegate.id);
    const dup = await http.post<ErrorShape>('/api/users', { username: 'hang.tran', displayName: 'x', password: 'mat-khau-dai-1', role: 'delegate' });
    expect(dup.status).toBe(409);
    const asNew = await login(t.url, 'hang.tran', 'mat-khau-dai-1');
    expect((await asNew.get<{ delegateId: string }>('/api/auth/me')).body.delegateId).toBe(delegate.id);
    const disabled = await http.patch<{ active: boolean }>(`/api/users/${created.body.id}`, { active: false });
    expect(disabled.body.active).toBe(false);
    expect((await anon.post('/api/auth/login', { username: 'hang.tran', password: 'mat-khau-dai-1' })).status).toBe(401);
  });
});
