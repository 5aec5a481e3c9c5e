import { Inject, Injectable } from '@nestjs/common';
import { Clock, DomainError } from '#core';
import { VotingErrorCode } from '../voting.errors.js';
import { VOTING_OPTIONS, type VotingOptions } from '../voting.options.js';

interface Bucket {
  tokens: number;
  at: number;
}

/** A small in-memory token bucket per user (per instance): a burst of castBurst, refilled at castPerSecond. */
@Injectable()
export class CastRateLimiter {
  private readonly buckets = new Map<string, Bucket>();

  constructor(
    @Inject(VOTING_OPTIONS) private readonly options: VotingOptions,
    private readonly clock: Clock,
  ) {}

  take(userId: string): void {
    const now = this.clock.now().getTime();
    const { castBurst, castPerSecond } = this.options;
    const b = this.buckets.get(userId) ?? { tokens: castBurst, at: now };
    b.tokens = Math.min(castBurst, b.tokens + (Math.max(0, now - b.at) / 1000) * castPerSecond);
    b.at = now;
    if (b.tokens < 1) {
      this.buckets.set(userId, b);
      const wait = Math.ceil((1 - b.tokens) / castPerSecond);
      throw new DomainError(VotingErrorCode.VOTE_RATE_LIMITED, 'Too many ballots: wait a moment and retry with the same ballot id', undefined, wait);
    }
    b.tokens -= 1;
    this.buckets.set(userId, b);
    if (this.buckets.size > 50_000) this.buckets.clear();
  }
}
