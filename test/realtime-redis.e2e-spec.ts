import { spawnSync, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { Role } from '#core';
import { FaceGalleryEvents, type FaceGalleryChange } from '#face';
import { RealtimeService } from '#realtime';
import { freePort, startRedis } from '../scripts/lib/local-services.js';
import { clientAs } from './factories/user.factory.js';
import { HttpClient } from './utils/http.js';
import { eventually } from './utils/eventually.js';
import { connectSocket, nextEvent, type TestSocket } from './utils/socket.js';
import { startTestApp, type TestApp } from './utils/test-app.js';

const hasRedis = spawnSync('redis-server', ['--version']).status === 0;
const tokenOf = (http: HttpClient): string => (http as unknown as { token: string }).token;

async function stopRedis(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  await exited;
}

interface Health {
  status: string;
  components: Record<string, { status: string; latencyMs?: number }>;
}
const health = async (t: TestApp): Promise<Health> => (await new HttpClient(t.url).get<Health>('/api/health')).body;

(hasRedis ? describe : describe.skip)('realtime over the Redis adapter (REDIS_URL)', () => {
  let redis: ChildProcess;
  let port: number;
  let a: TestApp;
  let b: TestApp;
  let socket: TestSocket<{ 'test:cross': { from: string } }>;
  let userId: string;

  beforeAll(async () => {
    port = await freePort();
    redis = await startRedis(port);
    const env = { REDIS_URL: `redis://127.0.0.1:${port}` };
    a = await startTestApp(env);
    b = await startTestApp(env);
    const { user, http } = await clientAs(a.dataSource, a.url, Role.Delegate);
    userId = user.id;
    socket = await connectSocket(a.url, tokenOf(http));
  }, 120_000);
  afterAll(async () => {
    socket?.close();
    await a?.close();
    await b?.close();
    if (redis) await stopRedis(redis);
  });

  it('reports redis up', async () => {
    const h = await health(a);
    expect(h.components.redis).toMatchObject({ status: 'up', latencyMs: expect.any(Number) });
    expect(h.status).toBe('ok');
  });

  it('delivers an event emitted on another instance', async () => {
    const got = nextEvent<{ from: string }>(socket, 'test:cross');
    b.app.get(RealtimeService).toUser(userId, 'test:cross', { from: 'b' });
    expect(await got).toEqual({ from: 'b' });
  });

  it('tells the other instances when enrolments change, so their face matcher caches drop the person', async () => {
    const change: FaceGalleryChange = { delegateId: randomUUID(), kind: 'removed' };
    const seenOnB = new Promise<FaceGalleryChange>((resolve) => {
      const off = b.app.get(FaceGalleryEvents).on((c) => {
        off();
        resolve(c);
      });
    });
    const seenOnA: FaceGalleryChange[] = [];
    const offA = a.app.get(FaceGalleryEvents).on((c) => seenOnA.push(c));
    a.app.get(FaceGalleryEvents).emit(change);
    expect(await seenOnB).toEqual(change);
    // the sender's own listeners hear it once (locally), not a second time back from Redis
    await new Promise((r) => setTimeout(r, 300));
    offA();
    expect(seenOnA).toEqual([change]);
  });

  it('keeps serving its own sockets when Redis goes down, and recovers when it is back', async () => {
    await stopRedis(redis);
    await eventually(async () => (await health(a)).components.redis.status === 'down', 15_000);
    expect((await health(a)).status).toBe('degraded');
    const local = nextEvent<{ from: string }>(socket, 'test:cross');
    a.app.get(RealtimeService).toUser(userId, 'test:cross', { from: 'a' });
    expect(await local).toEqual({ from: 'a' });
    // new connections still work on this instance
    const { http } = await clientAs(a.dataSource, a.url, Role.Observer);
    const fresh = await connectSocket(a.url, tokenOf(http));
    expect(fresh.connected).toBe(true);
    fresh.close();

    redis = await startRedis(port);
    await eventually(async () => (await health(a)).components.redis.status === 'up' && (await health(b)).components.redis.status === 'up', 15_000);
    // subscriptions are restored: cross-instance delivery works again
    await eventually(async () => {
      const got = nextEvent<{ from: string }>(socket, 'test:cross', 500).then(
        () => true,
        () => false,
      );
      b.app.get(RealtimeService).toUser(userId, 'test:cross', { from: 'b' });
      return got;
    }, 15_000);
  }, 60_000);
});

describe('realtime with an unreachable REDIS_URL', () => {
  it('starts anyway, reports redis down and serves sockets locally', async () => {
    const port = await freePort();
    const t = await startTestApp({ REDIS_URL: `redis://127.0.0.1:${port}` });
    try {
      const h = await health(t);
      expect(h.components.redis.status).toBe('down');
      expect(h.status).toBe('degraded');
      const { user, http } = await clientAs(t.dataSource, t.url, Role.Delegate);
      const s = await connectSocket<{ 'test:local': { n: number } }>(t.url, tokenOf(http));
      const got = nextEvent<{ n: number }>(s, 'test:local');
      t.app.get(RealtimeService).toUser(user.id, 'test:local', { n: 1 });
      expect(await got).toEqual({ n: 1 });
      s.close();
    } finally {
      await t.close();
    }
  }, 60_000);

  it('refuses a REDIS_URL that is not a redis URL at start-up', async () => {
    await expect(startTestApp({ REDIS_URL: 'http://localhost:6379' })).rejects.toThrow(/REDIS_URL: must be a redis:\/\/ or rediss:\/\/ URL/);
  });
});
