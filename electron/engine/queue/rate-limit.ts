/**
 * Per-provider token bucket. `take()` waits for a token; the provider's own rate-limit headers
 * (X-RateLimit-Remaining / Reset) can empty the bucket until the reset so that we slow down
 * before the provider answers 429.
 */
export class TokenBucket {
  private tokens: number;
  private last: number;
  private blockedUntil = 0;

  constructor(
    private ratePerSecond: number,
    private burst: number = Math.max(1, Math.ceil(ratePerSecond)),
    private readonly now: () => number = Date.now,
  ) {
    this.tokens = this.burst;
    this.last = now();
  }

  configure(ratePerSecond: number, burst?: number): void {
    this.ratePerSecond = ratePerSecond;
    this.burst = burst ?? Math.max(1, Math.ceil(ratePerSecond));
    this.tokens = Math.min(this.tokens, this.burst);
  }

  private refill(): void {
    const t = this.now();
    this.tokens = Math.min(this.burst, this.tokens + ((t - this.last) / 1000) * this.ratePerSecond);
    this.last = t;
  }

  /** Milliseconds until a token is available (0 = now). */
  waitMs(): number {
    this.refill();
    const t = this.now();
    if (t < this.blockedUntil) return this.blockedUntil - t;
    if (this.tokens >= 1) return 0;
    return Math.ceil(((1 - this.tokens) / this.ratePerSecond) * 1000);
  }

  tryTake(): boolean {
    if (this.waitMs() > 0) return false;
    this.tokens -= 1;
    return true;
  }

  async take(signal?: AbortSignal): Promise<void> {
    for (;;) {
      if (signal?.aborted) throw signal.reason ?? new Error('aborted');
      const wait = this.waitMs();
      if (wait === 0) {
        this.tokens -= 1;
        return;
      }
      await new Promise((r) => setTimeout(r, Math.min(wait, 1000)));
    }
  }

  /** The provider said how many requests remain until its window resets. */
  hint(remaining: number, resetInMs: number | null): void {
    if (remaining <= 0 && resetInMs !== null && resetInMs > 0) {
      this.blockedUntil = Math.max(this.blockedUntil, this.now() + resetInMs);
      this.tokens = 0;
    }
  }
}
