/**
 * Pulls AnyCheck webhook deliveries from the relay (./server.ts) and turns each verified one into
 * "poll this verification now". Polling stays the source of truth: a delivery's payload never
 * sets a status, it only makes the next poll happen sooner.
 *
 * Configured on the AnyCheck provider: option `webhookRelayUrl` (and `webhookRelayPollMs`,
 * default 5000), credentials `webhookRelayToken` and `webhookSecret`.
 *
 * Per delivery, in order:
 * 1. the relay's receivedAt may not be more than FUTURE_SKEW_MS ahead of our clock;
 * 2. verifyAnyCheckWebhook with now = receivedAt: the signature must match and the signed
 *    timestamp be within 5 minutes of when the delivery reached the relay (a CheckDesk that was
 *    offline for a day still accepts what arrived fresh, and nothing else);
 * 3. a signature seen before is a replay and is dropped;
 * 4. the payload must name a verification (current or older webhook shape).
 * What fails is logged with its reason (never the body or a secret) and ignored. The cursor and
 * the recent signatures live in the provider cache, so a restart neither re-reads nor forgets.
 * An unreachable relay is one logged state change and a growing pause, never an error per try.
 */
import { createHash } from 'node:crypto';
import type { ProviderConfig, ProviderContext } from '../../types.ts';
import { verifyAnyCheckWebhook, WEBHOOK_TOLERANCE_MS } from '../webhook.ts';
import { fetchRelayPage, relayBaseUrl, RelayError, type RelayDeliveryWire } from './client.ts';

/** How far ahead of our clock the relay's receivedAt may be (clock drift between two hosts). */
export const FUTURE_SKEW_MS = 5 * 60_000;
const PAGE_LIMIT = 100;
const MAX_PAGES_PER_TICK = 20;
const MAX_SEEN = 5_000;
/** Rejections logged one by one per pull; beyond that, a count (a flooded relay must not flood the log). */
const MAX_REJECTION_LINES = 20;

export interface RelayPollerOptions {
  baseUrl: string;
  token: string;
  /** Empty: every delivery is refused (nothing can be verified). */
  secret: string;
  intervalMs: number;
  maxBackoffMs?: number;
}

export interface PullSummary {
  fetched: number;
  accepted: number;
  rejected: { id: string; reason: string }[];
}

interface RelayCursorState {
  cursor: string;
  /** Signature (hex) → the relay's receivedAt, for replay detection. */
  seen: [string, number][];
  /** Latest receivedAt processed: the clock that ages `seen` out. */
  latest: number;
}

const SIGNATURE_HEADERS = ['x-anycheck-signature', 'x-webhook-signature', 'x-signature'];

/** The HMAC a delivery carries, lower-cased: the same bytes whatever prefix or layout was used. */
function signatureOf(headers: Record<string, string>): string | null {
  for (const name of SIGNATURE_HEADERS) {
    const value = headers[name];
    if (typeof value === 'string' && value.trim() !== '')
      return /[0-9a-f]{64}/i.exec(value)?.[0]?.toLowerCase() ?? null;
  }
  return null;
}

function text(value: unknown): string | null {
  return typeof value === 'string' && value.trim() !== '' && value.length <= 200
    ? value.trim()
    : null;
}

function record(value: unknown): Record<string, unknown> | null {
  return value && typeof value === 'object' && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : null;
}

/**
 * The AnyCheck verification a webhook body is about: the current shape
 * (`{event: "verification.status_changed", …}` with the verification inline or under
 * `data` / `verification`) and the older one (`{event: "verification.completed", verification_id, …}`).
 */
export function webhookVerificationId(payload: unknown): string | null {
  const o = record(payload);
  if (!o) return null;
  const top = text(o.verification_id);
  if (top) return top;
  for (const inner of [record(o.data), record(o.verification)]) {
    const id = inner ? (text(inner.verification_id) ?? text(inner.id)) : null;
    if (id) return id;
  }
  return text(o.id);
}

/** The relay settings of a provider config, or null when webhooks through a relay are off. */
export function relayPollerOptions(
  config: ProviderConfig,
  ctx: ProviderContext,
): RelayPollerOptions | null {
  if (config.name !== 'anycheck') return null;
  const raw = config.options.webhookRelayUrl;
  if (raw === undefined || raw === '') return null;
  const baseUrl = relayBaseUrl(raw);
  if (!baseUrl) {
    ctx.log.warn('webhookRelayUrl is not an http(s) URL; webhooks through the relay are off');
    return null;
  }
  const token = config.credentials.webhookRelayToken ?? '';
  if (!token) {
    ctx.log.warn(
      'webhookRelayUrl is set without the webhookRelayToken credential; webhooks through the relay are off',
    );
    return null;
  }
  const n = Number(config.options.webhookRelayPollMs);
  const intervalMs = Number.isFinite(n) && n > 0 ? Math.min(300_000, Math.max(100, n)) : 5_000;
  return { baseUrl, token, secret: config.credentials.webhookSecret ?? '', intervalMs };
}

export class WebhookRelayPoller {
  private readonly abort = new AbortController();
  private readonly cacheKey: string;
  private readonly origin: string;
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private failures = 0;
  private problem: string | null = null;
  private stopped = false;

  constructor(
    private readonly o: RelayPollerOptions,
    private readonly ctx: ProviderContext,
    /** Asks the engine to poll these verifications now; returns how many it moved forward. */
    private readonly pollSoon: (externalIds: string[]) => number,
  ) {
    // One cursor per relay: pointing CheckDesk at another relay starts from that relay's oldest.
    this.cacheKey = `webhookRelay:${createHash('sha256').update(o.baseUrl).digest('hex').slice(0, 12)}`;
    this.origin = new URL(o.baseUrl).origin;
  }

  start(): void {
    this.ctx.log.info('pulling webhook deliveries from the relay', {
      relay: this.origin,
      everyMs: this.o.intervalMs,
    });
    if (!this.o.secret)
      this.ctx.log.warn(
        'webhook relay set without the webhookSecret credential: every delivery will be ignored',
      );
    this.schedule(0);
  }

  /** What the last pulls met: the current problem (null when the relay answers) and failures in a row. */
  health(): { problem: string | null; failures: number } {
    return { problem: this.problem, failures: this.failures };
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.abort.abort();
    await this.running;
  }

  private schedule(ms: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.running = this.tick().finally(() => (this.running = null));
    }, ms);
    this.timer.unref?.();
  }

  private async tick(): Promise<void> {
    try {
      await this.pullOnce();
      if (this.problem)
        this.ctx.log.info('the webhook relay answers again', { relay: this.origin });
      this.problem = null;
      this.failures = 0;
    } catch (err) {
      if (this.stopped) return;
      const problem = err instanceof RelayError ? err.problem : 'failed';
      const message = err instanceof RelayError ? err.message : 'reading the webhook relay failed';
      if (problem !== this.problem) {
        this.ctx.log.warn(`${message}; verifications are polled as usual meanwhile`, {
          relay: this.origin,
          ...(err instanceof RelayError ? {} : { error: String(err) }),
        });
      }
      this.problem = problem;
      this.failures++;
    }
    const pause = Math.min(
      this.o.maxBackoffMs ?? 60_000,
      this.o.intervalMs * 2 ** Math.min(this.failures, 10),
    );
    this.schedule(this.failures === 0 ? this.o.intervalMs : Math.max(this.o.intervalMs, pause));
  }

  private load(): RelayCursorState {
    const s = this.ctx.cache.get<Partial<RelayCursorState>>(this.cacheKey);
    return {
      cursor: typeof s?.cursor === 'string' ? s.cursor : '0',
      seen: Array.isArray(s?.seen)
        ? s.seen.filter(
            (e): e is [string, number] =>
              Array.isArray(e) && typeof e[0] === 'string' && typeof e[1] === 'number',
          )
        : [],
      latest: typeof s?.latest === 'number' ? s.latest : 0,
    };
  }

  /** Reads everything new on the relay (a few pages at most) and acts on it. Throws RelayError. */
  async pullOnce(): Promise<PullSummary> {
    const state = this.load();
    const seen = new Map(state.seen);
    const summary: PullSummary = { fetched: 0, accepted: 0, rejected: [] };
    try {
      for (let pages = 0; pages < MAX_PAGES_PER_TICK && !this.stopped; pages++) {
        const page = await fetchRelayPage({
          baseUrl: this.o.baseUrl,
          token: this.o.token,
          after: state.cursor,
          limit: PAGE_LIMIT,
          signal: AbortSignal.any([this.abort.signal, this.ctx.signal]),
        });
        for (const d of page.deliveries) {
          summary.fetched++;
          const why = this.handle(d, seen, state);
          if (why === null) summary.accepted++;
          else summary.rejected.push({ id: d.id, reason: why });
        }
        state.cursor = page.next;
        // Saved page by page: a crash in between re-reads at most one page, and replays are caught.
        this.save(state, seen);
        if (page.deliveries.length < PAGE_LIMIT) break;
      }
    } finally {
      this.logRejections(summary.rejected);
    }
    return summary;
  }

  /** null when the delivery was verified and acted on, else why it was ignored. */
  private handle(
    d: RelayDeliveryWire,
    seen: Map<string, number>,
    state: RelayCursorState,
  ): string | null {
    if (!Number.isFinite(d.receivedAt) || d.receivedAt > this.ctx.now() + FUTURE_SKEW_MS) {
      return 'the relay dates its arrival in the future';
    }
    const verdict = verifyAnyCheckWebhook({
      rawBody: d.body,
      headers: d.headers,
      secret: this.o.secret,
      now: d.receivedAt,
    });
    if (!verdict.ok) return verdict.reason;
    const signature = signatureOf(d.headers);
    if (!signature) return 'the signature cannot be read';
    if (seen.has(signature)) return 'the same signed delivery was already seen (a replay)';
    seen.set(signature, d.receivedAt);
    state.latest = Math.max(state.latest, d.receivedAt);
    let payload: unknown;
    try {
      payload = JSON.parse(d.body);
    } catch {
      return 'the signed body is not JSON';
    }
    const externalId = webhookVerificationId(payload);
    if (!externalId) return 'the payload names no verification';
    let moved: number;
    try {
      moved = this.pollSoon([externalId]);
    } catch (err) {
      this.ctx.log.error('webhook: could not move the poll of a verification forward', {
        externalId,
        error: String(err),
      });
      return 'CheckDesk could not schedule the poll';
    }
    if (moved > 0) {
      this.ctx.log.info('webhook: the verification changed at AnyCheck; polling it now', {
        externalId,
        delivery: d.id,
      });
    } else {
      this.ctx.log.info(
        'webhook for a verification CheckDesk is not waiting on (unknown, finished or already due); nothing to do',
        { externalId, delivery: d.id },
      );
    }
    return null;
  }

  private save(state: RelayCursorState, seen: Map<string, number>): void {
    // A replay must reach the relay within the window of its signed timestamp, so a signature
    // older than twice the window (by the relay's own clock) can no longer come back verified.
    const horizon = state.latest - 2 * WEBHOOK_TOLERANCE_MS - FUTURE_SKEW_MS;
    const kept = [...seen].filter(([, at]) => at >= horizon).slice(-MAX_SEEN);
    this.ctx.cache.set(this.cacheKey, {
      cursor: state.cursor,
      seen: kept,
      latest: state.latest,
    } satisfies RelayCursorState);
  }

  private logRejections(rejected: PullSummary['rejected']): void {
    for (const r of rejected.slice(0, MAX_REJECTION_LINES)) {
      this.ctx.log.warn('webhook delivery ignored', { delivery: r.id, reason: r.reason });
    }
    if (rejected.length > MAX_REJECTION_LINES) {
      this.ctx.log.warn('more webhook deliveries ignored', {
        count: rejected.length - MAX_REJECTION_LINES,
      });
    }
  }
}

/**
 * A started poller for a provider whose config asks for webhooks through a relay, else null.
 * `pollSoon` is the engine's hook (ledger + queue wake-up); this module never touches either.
 */
export function startWebhookRelayPoller(
  config: ProviderConfig,
  ctx: ProviderContext,
  pollSoon: (externalIds: string[]) => number,
): WebhookRelayPoller | null {
  const options = relayPollerOptions(config, ctx);
  if (!options) return null;
  const poller = new WebhookRelayPoller(options, ctx, pollSoon);
  poller.start();
  return poller;
}
