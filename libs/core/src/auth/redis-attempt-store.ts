import { createClient } from 'redis';
import type { JsonLogger } from '../logging/json.logger.js';
import { MemoryAttemptStore, type AttemptCount, type AttemptStore } from './login-rate-limiter.js';

// INCR and the window's expiry in one server-side step: parallel attempts on any instance each see their own count
const HIT = `local c = redis.call('INCR', KEYS[1])
if c == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
local ttl = redis.call('PTTL', KEYS[1])
if ttl < 0 then redis.call('PEXPIRE', KEYS[1], ARGV[1]); ttl = tonumber(ARGV[1]) end
return {c, ttl}`;
const REFUND = `if redis.call('EXISTS', KEYS[1]) == 1 and tonumber(redis.call('GET', KEYS[1])) > 0 then return redis.call('DECR', KEYS[1]) end return 0`;
const PREFIX = 'dh:login:';

/**
 * Login attempts counted in Redis (REDIS_URL), shared by every instance. While Redis is unreachable the instance
 * counts in its own memory rather than letting attempts through uncounted (logged once per outage).
 */
export class RedisAttemptStore implements AttemptStore {
  private readonly client;
  private readonly fallback = new MemoryAttemptStore();
  private degraded = false;

  constructor(
    url: string,
    private readonly log: JsonLogger,
  ) {
    this.client = createClient({
      url,
      // fail fast while disconnected instead of queueing: a login must not wait for Redis to come back
      disableOfflineQueue: true,
      socket: { connectTimeout: 2000, reconnectStrategy: (retries: number) => Math.min(200 * (retries + 1), 5000) },
    });
    this.client.on('error', () => this.markDegraded('error'));
    this.client.on('ready', () => {
      if (this.degraded) this.log.write('info', 'login limiter back on Redis', {});
      this.degraded = false;
    });
    this.client.connect().catch(() => this.markDegraded('first connection failed'));
  }

  async hit(key: string, windowMs: number): Promise<AttemptCount> {
    try {
      const [count, ttl] = (await this.client.eval(HIT, { keys: [PREFIX + key], arguments: [String(windowMs)] })) as [number, number];
      return { count: Number(count), resetInMs: Number(ttl) };
    } catch (err: unknown) {
      this.markDegraded(err instanceof Error ? err.message : String(err));
      return this.fallback.hit(key, windowMs);
    }
  }

  async refund(key: string): Promise<void> {
    await this.client.eval(REFUND, { keys: [PREFIX + key], arguments: [] }).catch(() => this.fallback.refund(key));
  }

  async clear(key: string): Promise<void> {
    await this.client.del(PREFIX + key).catch(() => this.fallback.clear(key));
    await this.fallback.clear(key);
  }

  close(): void {
    if (this.client.isOpen) this.client.destroy();
  }

  private markDegraded(reason: string): void {
    if (this.degraded) return;
    this.degraded = true;
    this.log.write('warn', 'login limiter cannot reach Redis; counting in this instance until it is back', { reason });
  }
}
