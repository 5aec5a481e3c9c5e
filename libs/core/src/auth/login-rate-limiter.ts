import { DomainError } from '../errors/domain.error.js';
import { ErrorCode } from '../errors/error-code.enum.js';

/** A counter after one more hit: how many attempts the key has in its window, and when the window ends. */
export interface AttemptCount {
  count: number;
  resetInMs: number;
}

/**
 * Where login attempts are counted. `hit` must count and answer in one atomic step, so that parallel attempts
 * cannot all read "under the limit" before any of them is recorded.
 */
export interface AttemptStore {
  hit(key: string, windowMs: number): Promise<AttemptCount>;
  /** Takes one attempt back (a login that succeeded does not count against its address). */
  refund(key: string): Promise<void>;
  clear(key: string): Promise<void>;
}

/** One process: a Map, incremented synchronously (atomic within the event loop). Each instance counts its own. */
export class MemoryAttemptStore implements AttemptStore {
  private readonly hits = new Map<string, { count: number; resetAt: number }>();

  constructor(private readonly now: () => number = Date.now) {}

  hit(key: string, windowMs: number): Promise<AttemptCount> {
    return Promise.resolve(this.hitSync(key, windowMs));
  }

  hitSync(key: string, windowMs: number): AttemptCount {
    const now = this.now();
    let entry = this.hits.get(key);
    if (!entry || entry.resetAt <= now) {
      entry = { count: 0, resetAt: now + windowMs };
      this.hits.set(key, entry);
      if (this.hits.size > 100_000) this.prune(now);
    }
    entry.count += 1;
    return { count: entry.count, resetInMs: entry.resetAt - now };
  }

  refund(key: string): Promise<void> {
    const entry = this.hits.get(key);
    if (entry && entry.count > 0) entry.count -= 1;
    return Promise.resolve();
  }

  clear(key: string): Promise<void> {
    this.hits.delete(key);
    return Promise.resolve();
  }

  private prune(now: number): void {
    for (const [k, v] of this.hits) if (v.resetAt <= now) this.hits.delete(k);
  }
}

export interface LoginLimits {
  /** Attempts per address and account in a window (a success clears them). */
  perAccount: number;
  /** Failed attempts per address, whatever the username (a flood of random names). */
  perAddress: number;
  windowMs: number;
}

/** Which counters an admitted attempt used, to settle them once the password is checked. */
export interface LoginTicket {
  accountKey: string;
  addressKey: string;
}

/**
 * Counts a login attempt BEFORE the slow password hash, under its account key (address + username) and its address
 * key, and refuses with 429 + Retry-After once either is over its limit. Counting first is what makes 60 parallel
 * guesses see 60 increments; checking first and recording after the hash let them all through.
 */
export class LoginRateLimiter {
  constructor(
    private readonly store: AttemptStore,
    private readonly limits: LoginLimits,
  ) {}

  async admit(clientIp: string, username: string): Promise<LoginTicket> {
    const ticket: LoginTicket = { accountKey: `acct:${clientIp}|${username.toLowerCase()}`, addressKey: `addr:${clientIp}` };
    const [account, address] = await Promise.all([
      this.store.hit(ticket.accountKey, this.limits.windowMs),
      this.store.hit(ticket.addressKey, this.limits.windowMs),
    ]);
    const over = [account.count > this.limits.perAccount ? account : null, address.count > this.limits.perAddress ? address : null].filter(
      (c): c is AttemptCount => c !== null,
    );
    if (over.length > 0) {
      const retryAfter = Math.max(1, Math.ceil(Math.max(...over.map((c) => c.resetInMs)) / 1000));
      throw new DomainError(ErrorCode.TOO_MANY_REQUESTS, 'Too many login attempts, try again later', { retryAfter }, retryAfter);
    }
    return ticket;
  }

  /** The password was right: the account starts afresh and the attempt does not count against the address. */
  async succeeded(ticket: LoginTicket): Promise<void> {
    await Promise.all([this.store.clear(ticket.accountKey), this.store.refund(ticket.addressKey)]);
  }
}
