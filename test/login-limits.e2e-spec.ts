import { randomBytes } from 'node:crypto';
import { Role } from '#core';
import { createUser, TEST_PASSWORD } from './factories/user.factory.js';
import { HttpClient, type ErrorShape } from './utils/http.js';
import { startTestApp, type TestApp } from './utils/test-app.js';

/** Findings 3, 4 and 7 of issue 19: the login limiter cannot be raced, floods are bounded, X-Forwarded-For is trusted only from proxies. */
const statuses = (codes: number[]): Record<number, number> => codes.reduce<Record<number, number>>((m, c) => ({ ...m, [c]: (m[c] ?? 0) + 1 }), {});
const randomName = (): string => `nobody-${randomBytes(5).toString('hex')}`;

describe('login limits (issue 19, findings 3, 4, 7)', () => {
  describe('per account and per address, no proxy trusted (default)', () => {
    let t: TestApp;
    let anon: HttpClient;
    beforeAll(async () => {
      t = await startTestApp({ LOGIN_MAX_ATTEMPTS: '5', LOGIN_ADDRESS_MAX_ATTEMPTS: '1000', LOGIN_WINDOW_SECONDS: '60', LOGIN_HASH_QUEUE: '200' });
      anon = new HttpClient(t.url);
    }, 60_000);
    afterAll(async () => t?.close());

    it('60 parallel wrong passwords for one account: at most 5 reach the password check, the rest 429, and the right password is then refused too', async () => {
      const user = await createUser(t.dataSource, Role.Delegate);
      const results = await Promise.all(Array.from({ length: 60 }, () => anon.post<ErrorShape>('/api/auth/login', { username: user.username, password: 'wrong-password' })));
      const count = statuses(results.map((r) => r.status));
      expect(count[401]).toBeLessThanOrEqual(5);
      expect(count[429]).toBeGreaterThanOrEqual(55);
      const limited = results.find((r) => r.status === 429)!;
      expect(limited.body.error.code).toBe('TOO_MANY_REQUESTS');
      expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
      expect((await anon.post('/api/auth/login', { username: user.username, password: TEST_PASSWORD })).status).toBe(429);
    });

    it('rotating X-Forwarded-For from an untrusted peer does not give fresh limits', async () => {
      const user = await createUser(t.dataSource, Role.Chair);
      const codes: number[] = [];
      for (let i = 0; i < 8; i++) {
        const res = await anon.post('/api/auth/login', { username: user.username, password: 'wrong-password' }, { 'x-forwarded-for': `203.0.113.${i + 1}` });
        codes.push(res.status);
      }
      expect(codes.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
      expect(codes.slice(5)).toEqual([429, 429, 429]);
    });
  });

  describe('a flood of random usernames from one address', () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await startTestApp({ LOGIN_MAX_ATTEMPTS: '5', LOGIN_ADDRESS_MAX_ATTEMPTS: '20', LOGIN_HASH_QUEUE: '200' });
    }, 60_000);
    afterAll(async () => t?.close());

    it('is limited per address (the key is no longer only address + username)', async () => {
      const anon = new HttpClient(t.url);
      const results = await Promise.all(Array.from({ length: 40 }, () => anon.post<ErrorShape>('/api/auth/login', { username: randomName(), password: 'guess-guess' })));
      const count = statuses(results.map((r) => r.status));
      expect(count[401]).toBeLessThanOrEqual(20);
      expect(count[429]).toBeGreaterThanOrEqual(20);
    });
  });

  describe('a bound on concurrent password hashes', () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await startTestApp({ LOGIN_MAX_CONCURRENT_HASHES: '1', LOGIN_HASH_QUEUE: '2', TRUSTED_PROXIES: 'loopback' });
    }, 60_000);
    afterAll(async () => t?.close());

    it('queues a few and answers the rest 503 with Retry-After, without running them', async () => {
      const anon = new HttpClient(t.url);
      // distinct client addresses through a trusted proxy: no per-address limit gets in the way of the hash bound
      const results = await Promise.all(
        Array.from({ length: 12 }, (_, i) => anon.post<ErrorShape>('/api/auth/login', { username: randomName(), password: 'guess-guess' }, { 'x-forwarded-for': `198.51.100.${i + 1}` })),
      );
      const count = statuses(results.map((r) => r.status));
      expect(count[401]).toBeGreaterThanOrEqual(1);
      expect(count[401]).toBeLessThanOrEqual(3);
      expect(count[503]).toBeGreaterThanOrEqual(9);
      const busy = results.find((r) => r.status === 503)!;
      expect(busy.body.error.code).toBe('SERVICE_UNAVAILABLE');
      expect(Number(busy.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    });
  });

  describe('TRUSTED_PROXIES', () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await startTestApp({ LOGIN_MAX_ATTEMPTS: '2', TRUSTED_PROXIES: '127.0.0.1', LOGIN_HASH_QUEUE: '200' });
    }, 60_000);
    afterAll(async () => t?.close());

    it('believes X-Forwarded-For from a listed proxy: each client address is limited on its own', async () => {
      const anon = new HttpClient(t.url);
      const user = await createUser(t.dataSource, Role.Observer);
      const attempt = (ip: string): Promise<number> => anon.post('/api/auth/login', { username: user.username, password: 'wrong-password' }, { 'x-forwarded-for': ip }).then((r) => r.status);
      expect([await attempt('192.0.2.1'), await attempt('192.0.2.1'), await attempt('192.0.2.1')]).toEqual([401, 401, 429]);
      // another client behind the same proxy still has its own attempts; the proxy's rightmost entry is the client
      expect(await attempt('192.0.2.2')).toBe(401);
      expect(await attempt('10.9.9.9, 192.0.2.1')).toBe(429);
    });
  });
});
