/**
 * Webhook delivery of the AnyCheck sandbox. A verification created with a `webhook_url` gets a
 * POST at each status change AnyCheck documents (IN_PROGRESS, then its outcome: COMPLETED,
 * FAILED, CANCELLED, NEED_REVIEW or FRAUD_DETECTED), signed the way ../webhook.ts reads it when
 * the create carried `webhook_metadata.webhook_secret`, unsigned otherwise.
 *
 * The status itself is still computed from timestamps when read (server.ts); delivery is the only
 * thing that runs on timers. Secrets live in this object's memory only, never in the state file,
 * so a sandbox restarted from its state file does not deliver for verifications created before.
 * A failed delivery is logged and retried with backoff, then dropped; it never changes the
 * sandbox's state. Injected faults apply to requests the sandbox answers, not to deliveries.
 */
import { signAnyCheckWebhook, SIGNATURE_HEADER, TIMESTAMP_HEADER } from '../webhook.ts';
import type { Logger } from '../../types.ts';

export interface WebhookTransition {
  /** When the verification reaches `status` (epoch ms). */
  at: number;
  status: string;
}

export interface WebhookJob {
  verificationId: string;
  url: string;
  /** Identifies the run (attempt + start): a delivery for a run that was replaced is skipped. */
  runKey: string;
  transitions: WebhookTransition[];
  /** The payload for one transition, built when it is sent. */
  payload(status: string, sentAt: number): Record<string, unknown>;
  /** The run's key at send time (null when the verification is gone). */
  currentRunKey(): string | null;
}

export interface WebhookSenderOptions {
  now: () => number;
  log?: Logger;
  /** Attempts per delivery (default 4). */
  attempts?: number;
  /** First retry delay, doubled after each failure (default 1000 ms). */
  retryMs?: number;
  /** Per-attempt timeout (default 10 000 ms). */
  timeoutMs?: number;
  /** Sign every delivery with this secret instead of the one each create registered. */
  signingSecret?: string;
}

export class WebhookSender {
  private readonly secrets = new Map<string, string>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly abort = new AbortController();
  private closed = false;

  constructor(private readonly o: WebhookSenderOptions) {}

  /** Keeps a create's webhook secret (memory only) for its deliveries, retries included. */
  remember(verificationId: string, secret: string | null): void {
    if (secret) this.secrets.set(verificationId, secret);
    else this.secrets.delete(verificationId);
  }

  /** Plans the deliveries of one run. */
  schedule(job: WebhookJob): void {
    for (const t of job.transitions) {
      this.later(Math.max(0, t.at - this.o.now()), () => {
        // A retry or a fraud decision started a new run: this transition never happened.
        if (job.currentRunKey() !== job.runKey) return;
        void this.deliver(job, t.status, 1);
      });
    }
  }

  close(): void {
    this.closed = true;
    this.abort.abort();
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
  }

  private later(ms: number, fn: () => void): void {
    if (this.closed) return;
    const t = setTimeout(() => {
      this.timers.delete(t);
      if (!this.closed) fn();
    }, ms);
    t.unref?.();
    this.timers.add(t);
  }

  private async deliver(job: WebhookJob, status: string, attempt: number): Promise<void> {
    const max = Math.max(1, this.o.attempts ?? 4);
    const sentAt = this.o.now();
    const body = JSON.stringify(job.payload(status, sentAt));
    const headers: Record<string, string> = {
      'content-type': 'application/json',
      'user-agent': 'AnyCheck-Webhooks (CheckDesk sandbox)',
    };
    const secret = this.o.signingSecret || this.secrets.get(job.verificationId);
    if (secret) {
      // Signed afresh on every attempt, so a retry is inside the receiver's replay window.
      const timestamp = String(Math.floor(sentAt / 1000));
      headers[TIMESTAMP_HEADER] = timestamp;
      headers[SIGNATURE_HEADER] = signAnyCheckWebhook(body, secret, timestamp);
    }
    let failure: string;
    try {
      const res = await fetch(job.url, {
        method: 'POST',
        headers,
        body,
        signal: AbortSignal.any([
          this.abort.signal,
          AbortSignal.timeout(this.o.timeoutMs ?? 10_000),
        ]),
      });
      await res.arrayBuffer().catch(() => undefined);
      if (res.ok) return;
      failure = `answered ${res.status}`;
    } catch (err) {
      if (this.closed) return;
      const cause = (err as { cause?: { code?: string } }).cause;
      failure = cause?.code ?? (err as Error).name ?? 'network error';
    }
    // Only the receiver's origin is logged: a webhook path may carry a routing token.
    const fields = {
      verification: job.verificationId,
      status,
      attempt,
      receiver: origin(job.url),
      failure,
    };
    if (attempt >= max) {
      this.o.log?.warn('anycheck sandbox gave up delivering a webhook', fields);
      return;
    }
    this.o.log?.info('anycheck sandbox could not deliver a webhook; retrying', fields);
    this.later(
      (this.o.retryMs ?? 1_000) * 2 ** (attempt - 1),
      () => void this.deliver(job, status, attempt + 1),
    );
  }
}

function origin(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return '(not a URL)';
  }
}
