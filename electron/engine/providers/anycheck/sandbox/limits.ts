/** Seeded fault dice and the request token bucket of the sandbox. */

/** mulberry32: small, fast, and the same sequence for the same seed on every platform. */
export function prng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

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
    return { limit: this.rate, remaining: Math.floor(this.tokens), resetAt: Math.ceil((now + fullInMs) / 1000) };
  }
}
