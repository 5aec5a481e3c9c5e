import { performance } from 'node:perf_hooks';
import { DomainError } from '../errors/domain.error.js';
import { ErrorCode } from '../errors/error-code.enum.js';

/**
 * Bounds how many password hashes run at once (argon2id takes 64 MiB and a libuv thread each): the rest wait in a
 * short queue, and past it the login is answered 503 with Retry-After at once. A login flood then costs one core,
 * not the votes and check-ins that share the process. One client address holds at most `perKey` places (running or
 * waiting): past that it gets 429 at once, so a flood from one address cannot fill the queue in front of everyone else.
 */
export class HashGate {
  private active = 0;
  private readonly waiting: (() => void)[] = [];
  private readonly byKey = new Map<string, number>();
  /** Moving average of one hash, for Retry-After. */
  private averageMs = 200;

  constructor(
    private readonly maxConcurrent: number,
    private readonly maxQueue: number,
    private readonly perKey = Number.POSITIVE_INFINITY,
  ) {}

  get queued(): number {
    return this.waiting.length;
  }

  async run<T>(work: () => Promise<T>, key?: string): Promise<T> {
    if (key === undefined) return this.admit(work);
    const held = this.byKey.get(key) ?? 0;
    if (held >= this.perKey) {
      const retryAfter = Math.max(1, Math.ceil(this.averageMs / 1000));
      throw new DomainError(ErrorCode.TOO_MANY_REQUESTS, 'Too many sign-ins from this address at once, try again shortly', { reason: 'login_address_busy', retryAfter }, retryAfter);
    }
    this.byKey.set(key, held + 1);
    try {
      return await this.admit(work);
    } finally {
      const left = (this.byKey.get(key) ?? 1) - 1;
      if (left > 0) this.byKey.set(key, left);
      else this.byKey.delete(key);
    }
  }

  private async admit<T>(work: () => Promise<T>): Promise<T> {
    if (this.active < this.maxConcurrent) {
      this.active += 1;
    } else {
      if (this.waiting.length >= this.maxQueue) {
        const retryAfter = Math.max(1, Math.ceil((((this.waiting.length + this.active) / this.maxConcurrent) * this.averageMs) / 1000));
        throw new DomainError(ErrorCode.SERVICE_UNAVAILABLE, 'Too many sign-ins at once, try again shortly', { reason: 'login_queue_full', retryAfter }, retryAfter);
      }
      // the slot is handed over by the finishing hash (active stays the same)
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    }
    const started = performance.now();
    try {
      return await work();
    } finally {
      this.averageMs = 0.8 * this.averageMs + 0.2 * (performance.now() - started);
      const next = this.waiting.shift();
      if (next) next();
      else this.active -= 1;
    }
  }
}
