/**
 * Seeded randomness and fault injection for the sandboxes: the same seed injects the same faults
 * in the same order on every platform, and tests can arm one fault for one exact request.
 */
import { createHash } from 'node:crypto';

/** mulberry32: small, fast, and the same sequence for the same seed on every platform. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A generator seeded from text (the first 32 bits of its SHA-256): same text, same sequence. */
export function seededRandomFromText(text: string): () => number {
  return seededRandom(parseInt(createHash('sha256').update(text).digest('hex').slice(0, 8), 16));
}

/**
 * Faults, in the order a real network produces them:
 * - `500` / `502` / `503`: answered before the handler runs, so nothing was committed;
 * - `slow`: the handler runs after an extra delay;
 * - `reset`: the handler runs and commits (a create is billed), then the socket is destroyed
 *   before any answer — the case that makes a submission "in doubt".
 */
export const FAULT_KINDS = ['500', '502', '503', 'slow', 'reset'] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

export interface ArmedFault {
  kind: FaultKind;
  /** Substring of "METHOD /path" the fault waits for ('' = the next request). */
  match: string;
  count: number;
}

/** `{"kind": "reset", "match": "POST /…/submit", "count": 1}` → an armed fault; null when invalid. */
export function parseFault(body: unknown): ArmedFault | null {
  if (!body || typeof body !== 'object') return null;
  const b = body as Record<string, unknown>;
  const kind = String(b['kind'] ?? '');
  if (!(FAULT_KINDS as readonly string[]).includes(kind)) return null;
  const count = typeof b['count'] === 'number' && b['count'] > 0 ? Math.floor(b['count']) : 1;
  const match = typeof b['match'] === 'string' ? b['match'] : '';
  return { kind: kind as FaultKind, match, count };
}

/** Faults armed one by one (tests), else drawn with probability `rate` from a seeded generator. */
export class FaultInjector {
  readonly armed: ArmedFault[] = [];
  private readonly rate: number;
  private readonly random: () => number;

  constructor(rate: number | undefined, seed: number | undefined) {
    this.rate = Math.min(1, Math.max(0, rate ?? 0));
    this.random = seededRandom(seed ?? 1);
  }

  arm(fault: ArmedFault): void {
    this.armed.push(fault);
  }

  clear(): void {
    this.armed.length = 0;
  }

  /** The fault for one request, given as "METHOD /path"; null for none. */
  pick(line: string): FaultKind | null {
    const index = this.armed.findIndex((f) => line.includes(f.match));
    if (index >= 0) {
      const fault = this.armed[index]!;
      fault.count -= 1;
      if (fault.count <= 0) this.armed.splice(index, 1);
      return fault.kind;
    }
    if (this.rate > 0 && this.random() < this.rate) {
      return FAULT_KINDS[Math.floor(this.random() * FAULT_KINDS.length)] ?? '503';
    }
    return null;
  }
}
