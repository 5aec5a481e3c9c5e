/**
 * "Same person in N frames of one kiosk within W ms": cuts false accepts from a single bad frame.
 * `observe` records one sighting (call it at most once per person per frame) and says whether N is reached.
 */
export class AgreementTracker {
  private readonly seen = new Map<string, number[]>();

  constructor(
    private readonly frames: number,
    private readonly windowMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  observe(source: string, personId: string): boolean {
    const t = this.now();
    const key = `${source}\u0000${personId}`;
    const recent = (this.seen.get(key) ?? []).filter((at) => t - at <= this.windowMs);
    recent.push(t);
    if (recent.length >= this.frames) {
      this.seen.delete(key);
      return true;
    }
    this.seen.set(key, recent);
    if (this.seen.size > 10_000) this.sweep(t);
    return false;
  }

  /** Forget a person everywhere (consent withdrawn). */
  forget(personId: string): void {
    for (const key of this.seen.keys()) if (key.endsWith(`\u0000${personId}`)) this.seen.delete(key);
  }

  private sweep(t: number): void {
    for (const [key, list] of this.seen) if (list.every((at) => t - at > this.windowMs)) this.seen.delete(key);
  }
}

/** Token bucket per kiosk: `perSecond` frames a second on average, bursts up to twice that. */
export class KioskRateLimiter {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  constructor(
    private readonly perSecond: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Seconds to wait, or 0 when the frame may go through. */
  take(source: string): number {
    const t = this.now();
    const burst = this.perSecond * 2;
    const b = this.buckets.get(source) ?? { tokens: burst, at: t };
    b.tokens = Math.min(burst, b.tokens + ((t - b.at) / 1000) * this.perSecond);
    b.at = t;
    if (this.buckets.size > 10_000) this.buckets.clear();
    if (b.tokens < 1) {
      this.buckets.set(source, b);
      return Math.max(1, Math.ceil((1 - b.tokens) / this.perSecond));
    }
    b.tokens -= 1;
    this.buckets.set(source, b);
    return 0;
  }
}
