import { performance } from 'node:perf_hooks';
import { DomainError } from '../errors/domain.error.js';
import { ErrorCode } from '../errors/error-code.enum.js';

/**
 * Bounds how many password hashes run at once (argon2id takes 64 MiB and a libuv thread each): the rest wait in a
 * short queue, and past it the login is answered 503 with Retry-After at once. A login flood then costs one core,
 * not the votes and check-ins that share the process.
 */
export class HashGate {
  private active = 0;
  private readonly waiting: (() => void)[] = [];
  /** Moving average of one hash, for Retry-After. */
  private averageMs = 200;

  constructor(
    private readonly maxConcurrent: number,
    private readonly maxQueue: number,
  ) {}

  get queued(): number {
    return this.waiting.length;
  }

  async run<T>(work: () => Promise<T>): Promise<T> {
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
