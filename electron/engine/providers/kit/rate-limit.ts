/** The sandboxes' request rate limit: a token bucket, and the headers that describe it. */

export interface BucketState {
  limit: number;
  remaining: number;
  /** Epoch seconds at which the bucket is full again. */
  resetAt: number;
}

/** `rate` tokens per second, holding at most one second's worth (and at least one token). */
export class TokenBucket {
  private tokens: number;
  private at: number;
  private readonly capacity: number;

  constructor(
    private readonly rate: number,
    now: number,
  ) {
    this.capacity = Math.max(1, rate);
    this.tokens = this.capacity;
    this.at = now;
  }

  private refill(now: number): void {
    if (now > this.at) {
      this.tokens = Math.min(this.capacity, this.tokens + ((now - this.at) / 1000) * this.rate);
      this.at = now;
    }
  }

  /** Takes one token; returns null when granted, or the wait in ms before one is available. */
  take(now: number): number | null {
    this.refill(now);
    if (this.tokens >= 1) {
      this.tokens -= 1;
      return null;
    }
    return Math.ceil(((1 - this.tokens) / this.rate) * 1000);
  }

  state(now: number): BucketState {
    this.refill(now);
    const fullInMs = ((this.capacity - this.tokens) / this.rate) * 1000;
    return {
      limit: this.rate,
      remaining: Math.floor(this.tokens),
      resetAt: Math.ceil((now + fullInMs) / 1000),
    };
  }
}

/** X-RateLimit-Limit / Remaining / Reset (epoch seconds) for a bucket state. */
export function rateLimitHeaders(state: BucketState): Record<string, string> {
  return {
    'x-ratelimit-limit': String(state.limit),
    'x-ratelimit-remaining': String(state.remaining),
    'x-ratelimit-reset': String(state.resetAt),
  };
}

/** Retry-After in whole seconds (at least 1) for a wait in milliseconds. */
export function retryAfterSeconds(waitMs: number): string {
  return String(Math.max(1, Math.ceil(waitMs / 1000)));
}
