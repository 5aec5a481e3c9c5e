import type { INestApplicationContext } from '@nestjs/common';
import { IoAdapter } from '@nestjs/platform-socket.io';
import { createAdapter } from '@socket.io/redis-adapter';
import { createClient } from 'redis';
import { shuttingDown, type ComponentHealth, type InFlight, type JsonLogger } from '#core';
import { toWsErrorBody, type ServerShutdownNotice } from './realtime.events.js';

type IoServer = ReturnType<IoAdapter['createIOServer']>;
type IoNamespace = ReturnType<IoServer['of']>;
type IoServerOptions = Parameters<IoAdapter['createIOServer']>[1];
type RedisAdapterFactory = Parameters<IoServer['adapter']>[0];

function makeRedisClient(url: string) {
  return createClient({
    url,
    socket: { connectTimeout: 2000, reconnectStrategy: (retries: number) => Math.min(200 * (retries + 1), 5000) },
  });
}
type RedisClient = ReturnType<typeof makeRedisClient>;

export interface RealtimeAdapterOptions {
  redisUrl: string | null;
  maxPayloadBytes: number;
  corsOrigins: string[];
  /** Socket events with an ack count as in flight, so a graceful shutdown waits for their answers. */
  inFlight?: InFlight;
}


const FIRST_CONNECT_WAIT_MS = 3000;
const PING_TIMEOUT_MS = 1000;

/**
 * socket.io server settings for every gateway: the per-message size limit, CORS, and, when REDIS_URL is set,
 * the Redis adapter so rooms span instances. Redis being down never stops this instance serving its own
 * sockets: publishes fail quietly (logged) and node-redis keeps reconnecting in the background.
 */
export class RealtimeIoAdapter extends IoAdapter {
  private pub: RedisClient | null = null;
  private sub: RedisClient | null = null;
  private readonly servers: IoServer[] = [];

  constructor(
    app: INestApplicationContext,
    private readonly settings: RealtimeAdapterOptions,
    private readonly log: JsonLogger,
  ) {
    super(app);
  }

  /** Starts the Redis clients; waits a little for the first connection but never fails start-up. */
  async connectToRedis(): Promise<void> {
    const url = this.settings.redisUrl;
    if (!url) return;
    const make = (role: 'pub' | 'sub'): RedisClient => {
      const client = makeRedisClient(url);
      let lastError = '';
      client.on('error', (err: unknown) => {
        // node-redis emits an error per failed reconnect: log each distinct failure once, not every 200 ms
        const text = err instanceof Error ? err.message : String(err);
        if (text === lastError) return;
        lastError = text;
        this.log.write('warn', 'redis connection error (socket.io adapter)', { role, error: text });
      });
      client.on('ready', () => {
        if (lastError) this.log.write('info', 'redis connection restored (socket.io adapter)', { role });
        lastError = '';
      });
      return client;
    };
    this.pub = make('pub');
    this.sub = make('sub');
    this.guardRejections(this.pub, ['publish'], 'pub');
    this.guardRejections(this.sub, ['subscribe', 'pSubscribe', 'unsubscribe', 'pUnsubscribe'], 'sub');
    const connecting = Promise.all([this.pub.connect(), this.sub.connect()]).then(
      () => true,
      (err: unknown) => {
        this.log.write('warn', 'redis first connection failed; socket.io runs on this instance only until it is back', {
          error: err instanceof Error ? err.message : String(err),
        });
        return false;
      },
    );
    const connected = await Promise.race([connecting, new Promise<false>((r) => setTimeout(() => r(false), FIRST_CONNECT_WAIT_MS).unref())]);
    this.log.write(connected ? 'info' : 'warn', connected ? 'socket.io uses the Redis adapter' : 'redis not reachable yet; will keep retrying', {});
  }

  // @nestjs/platform-socket.io carries its own socket.io copy: types come from it, not from our socket.io import
  override createIOServer(port: number, options?: IoServerOptions): IoServer {
    const server = super.createIOServer(port, {
      ...options,
      maxHttpBufferSize: this.settings.maxPayloadBytes,
      cors: { origin: this.settings.corsOrigins.length > 0 ? this.settings.corsOrigins : false, credentials: true },
    } as IoServerOptions);
    if (this.pub && this.sub) server.adapter(createAdapter(this.pub, this.sub) as unknown as RedisAdapterFactory);
    const inFlight = this.settings.inFlight;
    if (inFlight) {
      const track = (nsp: IoNamespace): void => {
        nsp.use((_socket, next) => (inFlight.isDraining ? next(new Error(shuttingDown().code)) : next()));
        nsp.on('connection', (socket) => socket.use((packet, next) => trackAck(inFlight, packet, next)));
      };
      track(server.of('/'));
      server.on('new_namespace', track);
    }
    this.servers.push(server);
    return server;
  }

  /** Shutdown, step 1: tell this instance's sockets (not other instances') that it is going away. */
  announceShutdown(reconnectInMs: number): number {
    const notice: ServerShutdownNotice = { reconnect: true, reconnectInMs };
    let sockets = 0;
    for (const server of this.servers) {
      for (const nsp of server._nsps.values()) {
        nsp.local.emit('server:shutdown', notice);
        sockets += nsp.sockets.size;
      }
    }
    return sockets;
  }

  /**
   * Shutdown, last step: close the transports rather than disconnect the sockets, so socket.io clients see a
   * "transport close" and reconnect by themselves (a server-side disconnect would tell them not to).
   */
  closeConnections(): void {
    for (const server of this.servers) {
      for (const nsp of server._nsps.values()) {
        for (const socket of nsp.sockets.values()) socket.conn.close();
      }
    }
  }

  /** For HealthService: 'disabled' without REDIS_URL, 'down' when unreachable (the instance keeps serving). */
  async health(): Promise<ComponentHealth> {
    if (!this.pub || !this.sub) return { status: 'disabled' };
    if (!this.pub.isReady || !this.sub.isReady) return { status: 'down', error: 'not connected' };
    const started = Date.now();
    let timer: NodeJS.Timeout | undefined;
    try {
      await Promise.race([
        this.pub.ping(),
        new Promise((_, reject) => {
          timer = setTimeout(() => reject(new Error(`no PING answer within ${PING_TIMEOUT_MS} ms`)), PING_TIMEOUT_MS);
        }),
      ]);
      return { status: 'up', latencyMs: Date.now() - started };
    } catch (err: unknown) {
      return { status: 'down', error: err instanceof Error ? err.message : String(err) };
    } finally {
      clearTimeout(timer);
    }
  }

  override async dispose(): Promise<void> {
    await super.dispose();
    for (const client of [this.pub, this.sub]) {
      if (client?.isOpen) client.destroy();
    }
    this.pub = null;
    this.sub = null;
  }

  /**
   * The Redis adapter calls publish/subscribe without handling their promises; while Redis is down those reject,
   * which would be an unhandled rejection. Catch and log them instead.
   */
  private guardRejections(client: RedisClient, methods: string[], role: string): void {
    const target = client as unknown as Record<string, unknown>;
    for (const name of methods) {
      const original = target[name];
      if (typeof original !== 'function') continue;
      const call = (original as (...args: unknown[]) => unknown).bind(client);
      target[name] = (...args: unknown[]): unknown => {
        const result = call(...args);
        if (!(result instanceof Promise)) return result;
        return result.catch((err: unknown) => {
          this.log.write('debug', 'redis command failed (socket.io adapter)', { role, command: name, error: err instanceof Error ? err.message : String(err) });
          return undefined;
        });
      };
    }
  }
}

type Packet = unknown[];

/** Counts an event with an ack until the ack is sent; while draining, answers it at once with SHUTTING_DOWN. */
function trackAck(inFlight: InFlight, packet: Packet, next: (err?: Error) => void): void {
  const last = packet.length > 1 ? packet[packet.length - 1] : undefined;
  if (typeof last !== 'function') return next();
  const ack = last as (...args: unknown[]) => void;
  if (inFlight.isDraining) {
    ack({ ok: false, error: toWsErrorBody(shuttingDown()) });
    return;
  }
  const done = inFlight.enter();
  packet[packet.length - 1] = (...args: unknown[]): void => {
    done();
    ack(...args);
  };
  // an ack the handler never calls (a bug, or the client went away) must not hold a shutdown forever: whenIdle has a cap
  next();
}
