/**
 * The queue runner: claims due verifications per provider and drives them through the adapter.
 *
 * Protocol (see ledger/verifications.ts for the SQL):
 * 1. claim → a lease token with an expiry counted from claim time; READY rows become SUBMITTING
 *    in the same FULL-synced transaction (the durable intent to submit).
 * 2. the work happens outside any transaction; a heartbeat extends the lease during long uploads.
 * 3. finalize is a compare-and-swap on the token: a worker that lost its lease changes nothing.
 * 4. a create whose answer was lost is IN_DOUBT and is looked up at the provider before anything
 *    is sent again; what the provider cannot tell goes to a person. Never a blind resend.
 */
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import type { CanonicalVerification, ProviderName, ReviewState } from '../../../shared/model.ts';
import { scrubText } from '../../../shared/redact.ts';
import type { Ledger, VerificationRecord } from '../ledger/index.ts';
import type { Phase, VerificationPatch } from '../ledger/verifications.ts';
import type { EngineLogger } from '../log.ts';
import { PASSWORD_AGAIN_REASON, PASSWORD_AGAIN_SUMMARY } from '../pipeline/pdf-passwords.ts';
import { ProviderError } from '../providers/errors.ts';
import type { ProviderEntry, ProviderRegistry } from '../providers/registry.ts';
import type {
  ProviderAction,
  ProviderContext,
  ProviderSnapshot,
  SubmissionRequest,
} from '../providers/types.ts';
import { classify, type Disposition, type RetryPolicy } from './classifier.ts';
import { ProviderHealthMonitor } from './health.ts';
import { TokenBucket } from './rate-limit.ts';

export interface RunnerOptions {
  ledger: Ledger;
  registry: ProviderRegistry;
  log: EngineLogger;
  dataDir: string;
  /** Called with the cases whose verifications changed (events, status). */
  onChanged(caseIds: number[]): void;
  leaseMs?: number;
  policy?: Partial<RetryPolicy>;
  random?: () => number;
  probeBaseMs?: number;
  /** The password a person entered for a protected PDF in this run (memory only). */
  password?(documentId: number): string | null;
}

interface StoredError {
  code: string;
  message: string;
  failures?: number;
  since?: number;
}

const FINAL: readonly string[] = ['COMPLETED', 'FAILED', 'EXPIRED', 'CANCELLED'];

/** Where a verification goes once the provider reported a state. */
export function phaseForResult(
  result: CanonicalVerification,
  currentReview: ReviewState,
  /** True for result-import providers, whose applicants work in the provider's own flow. */
  applicantDriven = false,
): { phase: Phase; review: ReviewState; reason: string | null } {
  const first = result.reasons[0]?.message ?? null;
  const resolved = currentReview === 'RESOLVED_APPROVED' || currentReview === 'RESOLVED_DECLINED';
  if (result.runStatus === 'ON_HOLD')
    return {
      phase: 'ON_HOLD',
      review: resolved ? currentReview : 'IN_REVIEW',
      reason: first ?? 'on hold',
    };
  if (result.runStatus === 'AWAITING_INPUT') {
    // Input CheckDesk supplies (a fraud decision, a missing selfie in the case) needs one of
    // our people; an applicant still working in an import provider's own flow (an unfinished
    // ADVANCE.AI/AiPrise session) is simply polled again.
    if (applicantDriven && result.review !== 'REQUIRED' && result.review !== 'IN_REVIEW') {
      return {
        phase: 'POLLING',
        review: resolved ? currentReview : result.review,
        reason: first ?? 'waiting for the applicant to finish at the provider',
      };
    }
    return {
      phase: 'NEEDS_PERSON',
      review: 'REQUIRED',
      reason: first ?? 'the provider is waiting for a decision or more input',
    };
  }
  if (!FINAL.includes(result.runStatus))
    return { phase: 'POLLING', review: resolved ? currentReview : result.review, reason: null };
  if (result.runStatus === 'CANCELLED')
    return {
      phase: 'CANCELLED',
      review: resolved ? currentReview : 'NONE',
      reason: first ?? 'cancelled',
    };
  const doubtful =
    result.review === 'REQUIRED' ||
    result.review === 'IN_REVIEW' ||
    result.decision === 'REVIEW' ||
    result.decision === 'INCONCLUSIVE' ||
    result.runStatus === 'FAILED' ||
    result.runStatus === 'EXPIRED';
  if (doubtful && !resolved) {
    const why =
      result.runStatus === 'FAILED'
        ? `the provider could not complete it${first ? `: ${first}` : ''}`
        : result.runStatus === 'EXPIRED'
          ? 'the provider session expired'
          : (first ?? 'the provider asks for a human review');
    return { phase: 'NEEDS_PERSON', review: 'REQUIRED', reason: why };
  }
  return { phase: 'DONE', review: resolved ? currentReview : result.review, reason: null };
}

export class QueueRunner {
  readonly health: ProviderHealthMonitor;
  private readonly owner: string;
  private readonly leaseMs: number;
  private readonly buckets = new Map<ProviderName, TokenBucket>();
  private readonly inFlight = new Map<ProviderName, number>();
  private readonly jobs = new Set<Promise<void>>();
  private readonly abort = new AbortController();
  private timer: NodeJS.Timeout | null = null;
  private timerAt = 0;
  private ticking = false;
  private again = false;
  private stopped = false;

  constructor(private readonly o: RunnerOptions) {
    this.owner = o.ledger.instanceId;
    this.leaseMs = o.leaseMs ?? 60_000;
    this.health = new ProviderHealthMonitor({
      ledger: o.ledger,
      registry: o.registry,
      log: o.log,
      context: (name, signal) => this.context(name, signal),
      onChange: () => {
        this.o.onChanged([]);
        this.wake();
      },
      probeBaseMs: o.probeBaseMs,
    });
  }

  start(): void {
    this.health.start();
    this.wake();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.health.stop();
    // Give in-flight work a moment to finish cleanly, then abort it: an aborted create becomes
    // IN_DOUBT through its lease (or at the next start) and is looked up, never resent.
    const drain = Promise.allSettled([...this.jobs]);
    const timeout = new Promise((r) => setTimeout(r, 5000).unref());
    await Promise.race([drain, timeout]);
    this.abort.abort();
    await Promise.race([
      Promise.allSettled([...this.jobs]),
      new Promise((r) => setTimeout(r, 2000).unref()),
    ]);
  }

  inFlightCount(name?: ProviderName): number {
    if (name) return this.inFlight.get(name) ?? 0;
    return [...this.inFlight.values()].reduce((a, b) => a + b, 0);
  }

  /** Something may be due: run a tick soon. */
  wake(delayMs = 0): void {
    if (this.stopped) return;
    const at = Date.now() + delayMs;
    if (this.timer && this.timerAt <= at) return;
    if (this.timer) clearTimeout(this.timer);
    this.timerAt = at;
    this.timer = setTimeout(
      () => {
        this.timer = null;
        void this.tick();
      },
      Math.max(0, delayMs),
    );
    this.timer.unref?.();
  }

  private bucket(entry: ProviderEntry): TokenBucket {
    let b = this.buckets.get(entry.config.name);
    if (!b) {
      b = new TokenBucket(entry.config.ratePerSecond ?? 5);
      this.buckets.set(entry.config.name, b);
    }
    return b;
  }

  context(name: ProviderName, signal: AbortSignal): ProviderContext {
    const ledger = this.o.ledger;
    const log = this.o.log;
    return {
      signal,
      now: () => ledger.now(),
      log: {
        info: (m, f) => log.info(`${name}: ${m}`, f),
        warn: (m, f) => log.warn(`${name}: ${m}`, f),
        error: (m, f) => log.error(`${name}: ${m}`, f),
      },
      cache: {
        get: <T>(key: string) =>
          ((ledger.providers.cache<Record<string, unknown>>(name) ?? {})[key] as T | null) ?? null,
        set: (key: string, value: unknown) => {
          const all = ledger.providers.cache<Record<string, unknown>>(name) ?? {};
          all[key] = value;
          ledger.providers.setCache(name, all);
        },
      },
      rateLimitHint: (remaining, resetInMs) => {
        const entry = this.o.registry.get(name);
        if (entry) this.bucket(entry).hint(remaining, resetInMs);
      },
    };
  }

  private async tick(): Promise<void> {
    if (this.ticking) {
      this.again = true;
      return;
    }
    this.ticking = true;
    try {
      do {
        this.again = false;
        this.claimAll();
      } while (this.again && !this.stopped);
    } catch (err) {
      this.o.log.error('queue tick failed', { error: String(err) });
      this.wake(1000);
    } finally {
      this.ticking = false;
    }
    this.scheduleNext();
  }

  private claimAll(): void {
    for (const entry of this.o.registry.list()) {
      const name = entry.config.name;
      if (!this.health.gate(name).open) continue;
      const capacity = (entry.config.concurrency ?? 2) - (this.inFlight.get(name) ?? 0);
      if (capacity <= 0) continue;
      const phases = entry.adapter.capabilities.create
        ? undefined
        : (['POLLING', 'IN_DOUBT'] as const);
      const rows = this.o.ledger.verifications.claim({
        provider: name,
        owner: this.owner,
        leaseMs: this.leaseMs,
        limit: capacity,
        phases,
      });
      for (const row of rows) this.launch(entry, row);
    }
  }

  private scheduleNext(): void {
    if (this.stopped) return;
    let next: number | null = null;
    const now = this.o.ledger.now();
    for (const { config } of this.o.registry.list()) {
      const gate = this.health.gate(config.name);
      const candidates = [
        gate.open ? this.o.ledger.verifications.nextDue(config.name) : null,
        this.health.reopensAt(config.name),
      ];
      for (const c of candidates) if (c !== null && (next === null || c < next)) next = c;
    }
    if (next !== null) this.wake(Math.max(50, Math.min(60_000, next - now)));
    else this.wake(30_000);
  }

  private launch(entry: ProviderEntry, row: VerificationRecord): void {
    const name = entry.config.name;
    this.inFlight.set(name, (this.inFlight.get(name) ?? 0) + 1);
    const job = this.runJob(entry, row)
      .catch((err: unknown) =>
        this.o.log.error('queue job crashed', {
          verification: row.id,
          error: err instanceof Error ? err.stack : String(err),
        }),
      )
      .finally(() => {
        this.inFlight.set(name, (this.inFlight.get(name) ?? 1) - 1);
        this.jobs.delete(job);
        this.wake();
      });
    this.jobs.add(job);
  }

  private async runJob(entry: ProviderEntry, row: VerificationRecord): Promise<void> {
    const token = row.leaseToken!;
    const heartbeat = setInterval(
      () => {
        if (!this.o.ledger.verifications.heartbeat(row.id, token, this.leaseMs))
          clearInterval(heartbeat);
      },
      Math.max(500, Math.floor(this.leaseMs / 2)),
    );
    heartbeat.unref?.();
    try {
      if (row.phase === 'POLLING') await this.poll(entry, row);
      else if (row.phase === 'ACTION') await this.act(entry, row, token);
      else await this.send(entry, row, token);
    } finally {
      clearInterval(heartbeat);
    }
  }

  // ------------------------------------------------------------------ request building

  private request(row: VerificationRecord): SubmissionRequest {
    const ledger = this.o.ledger;
    const kase = ledger.cases.get(row.caseId)!;
    let groupRef = kase.groupRef;
    if (!groupRef) {
      // Chosen once per case and written before the first create: lookups after a lost answer
      // can then ask the provider "what do you have for this case?".
      ledger.cases.setGroupRef(kase.id, randomUUID());
      groupRef = ledger.cases.get(kase.id)!.groupRef;
    }
    const inbox = ledger.inboxes.get(kase.inboxId);
    return {
      verificationId: row.id,
      idempotencyKey: row.idempotencyKey,
      generation: row.generation,
      caseKey: kase.key,
      groupRef,
      inboxLabel: inbox?.label ?? (inbox ? path.basename(inbox.path) : 'CheckDesk'),
      service: row.service,
      config: row.config,
      documents: ledger.verifications.documentsOf(row.id).map((d) => ({
        documentId: d.documentId,
        field: d.field,
        kind: d.kind as SubmissionRequest['documents'][number]['kind'],
        sha256: d.sha256,
        path: path.join(this.o.dataDir, ...d.storePath.split('/')),
        mime: d.mime,
        fileName: ledger.documents.fileNameOf(d.documentId) ?? d.sha256.slice(0, 12),
        password: this.o.password?.(d.documentId) ?? null,
      })),
      expected: kase.expected,
      externalId: row.externalId,
      knownExternalIds: ledger.verifications.knownExternalIds(row.caseId, row.id),
      force: row.config.force === true,
    };
  }

  // ------------------------------------------------------------------ submit / reconcile

  private async send(entry: ProviderEntry, row: VerificationRecord, token: string): Promise<void> {
    const name = entry.config.name;
    const ctx = this.context(name, this.abort.signal);
    const req = this.request(row);
    let current = row;

    if (current.phase === 'IN_DOUBT' || current.needsLookup) {
      let outcome;
      try {
        await this.bucket(entry).take(this.abort.signal);
        outcome = await entry.adapter.lookup(req, ctx);
        this.health.online(name);
      } catch (err) {
        return this.fail(entry, current, token, err, 'lookup');
      }
      if (outcome.kind === 'found') {
        return this.adopt(
          entry,
          current,
          token,
          outcome,
          'found at the provider after an unanswered request; adopted, not sent again',
        );
      }
      if (outcome.kind === 'unknown') {
        this.finalize(
          current,
          token,
          {
            phase: 'NEEDS_PERSON',
            review: 'REQUIRED',
            phaseReason: `Sent earlier but the answer was lost, and ${name} cannot tell whether it arrived: ${outcome.explanation}. Check at the provider, then mark it as found or as never sent.`,
            needsLookup: true,
          },
          'in_doubt_unresolved',
        );
        return;
      }
      // 'absent': the provider is certain it never got it, so creating it now cannot double-pay.
      if (current.phase === 'IN_DOUBT') {
        const advanced = this.o.ledger.verifications.advance(
          current.id,
          token,
          { phase: 'SUBMITTING', needsLookup: false, attemptsDelta: 1, phaseReason: null },
          true,
        );
        if (!advanced) return; // lease lost: someone else owns it now
        current = advanced;
        this.history(
          current,
          'reconciled_absent',
          'IN_DOUBT',
          'SUBMITTING',
          `${name} confirmed it never received it`,
        );
      } else {
        const advanced = this.o.ledger.verifications.advance(
          current.id,
          token,
          { needsLookup: false },
          true,
        );
        if (!advanced) return;
        current = advanced;
      }
    }

    if (!entry.adapter.capabilities.create) {
      this.finalize(
        current,
        token,
        {
          phase: 'NEEDS_PERSON',
          review: 'REQUIRED',
          phaseReason: `${name} only imports results; this verification cannot be sent from CheckDesk`,
          attemptsDelta: -1,
        },
        'not_sendable',
      );
      return;
    }

    // A protected PDF whose password is not in memory (CheckDesk restarted since it was entered)
    // cannot be read by the provider: hold it for the password instead of paying for a failure.
    const locked = req.documents.filter((d) => !d.password && this.needsPassword(d.documentId));
    if (locked.length) {
      this.finalize(
        current,
        token,
        { phase: 'HELD', phaseReason: PASSWORD_AGAIN_REASON, attemptsDelta: -1 },
        'held',
        () => {
          for (const d of locked)
            this.o.ledger.documents.setPreflight(d.documentId, 'BLOCKED', PASSWORD_AGAIN_SUMMARY);
        },
      );
      return;
    }

    let snapshot: ProviderSnapshot;
    try {
      await this.bucket(entry).take(this.abort.signal);
      snapshot = await entry.adapter.submit(req, ctx);
      this.health.online(name);
    } catch (err) {
      return this.fail(
        entry,
        current,
        token,
        err,
        err instanceof ProviderError ? err.op : 'create',
      );
    }
    this.adopt(entry, current, token, snapshot, null);
  }

  /** Records a provider snapshot for a verification and decides where it goes next. */
  private adopt(
    entry: ProviderEntry,
    row: VerificationRecord,
    token: string,
    snapshot: ProviderSnapshot,
    note: string | null,
  ): void {
    const now = this.o.ledger.now();
    const next = phaseForResult(snapshot.result, row.review, !entry.adapter.capabilities.create);
    const patch: VerificationPatch = {
      phase: next.phase,
      phaseReason: note ?? next.reason,
      review: next.review,
      runStatus: snapshot.result.runStatus,
      decision: snapshot.result.decision,
      vendorStatus: snapshot.result.vendorStatus,
      vendorDecision: snapshot.result.vendorDecision,
      externalId: snapshot.externalId,
      externalGroup: snapshot.externalGroup,
      result: snapshot.result,
      raw: snapshot.raw,
      credits: snapshot.credits,
      answeredAt: now,
      needsLookup: false,
      lastError: null,
      nextAt: next.phase === 'POLLING' ? now + entry.adapter.polling.firstAfterMs : now,
      completedAt:
        next.phase === 'DONE' || next.phase === 'NEEDS_PERSON' || next.phase === 'CANCELLED'
          ? now
          : null,
    };
    this.finalize(row, token, patch, note ? 'adopted' : 'submitted', (v) => {
      if (snapshot.history?.length)
        this.o.ledger.history.appendProviderHistory(
          v.id,
          v.caseId,
          entry.config.name,
          snapshot.history,
        );
      this.o.ledger.checks.replace(
        { verificationId: v.id, caseId: v.caseId },
        'provider',
        snapshot.result.checks,
      );
    });
  }

  // ------------------------------------------------------------------ polling

  private async poll(entry: ProviderEntry, row: VerificationRecord): Promise<void> {
    const name = entry.config.name;
    const rows = [row];
    if (entry.adapter.capabilities.batchPoll && row.externalGroup) {
      rows.push(
        ...this.o.ledger.verifications
          .claimGroup(name, row.externalGroup, this.owner, this.leaseMs, 50)
          .filter((r) => r.id !== row.id),
      );
    }
    const targets = rows
      .filter((r) => r.externalId)
      .map((r) => ({
        verificationId: r.id,
        externalId: r.externalId!,
        externalGroup: r.externalGroup,
      }));
    let snapshots: Map<string, ProviderSnapshot>;
    try {
      await this.bucket(entry).take(this.abort.signal);
      snapshots = await entry.adapter.poll(targets, this.context(name, this.abort.signal));
      this.health.online(name);
    } catch (err) {
      for (const r of rows) this.fail(entry, r, r.leaseToken!, err, 'poll');
      return;
    }
    const now = this.o.ledger.now();
    for (const r of rows) {
      const t = r.leaseToken!;
      const snap = r.externalId ? snapshots.get(r.externalId) : undefined;
      if (!snap) {
        this.finalize(
          r,
          t,
          {
            phase: 'NEEDS_PERSON',
            review: 'REQUIRED',
            phaseReason: `${name} no longer knows verification ${r.externalId ?? '(no id)'}; check it at the provider`,
            pollsDelta: 1,
          },
          'missing_at_provider',
        );
        continue;
      }
      const next = phaseForResult(snap.result, r.review, !entry.adapter.capabilities.create);
      const changed =
        snap.result.runStatus !== r.runStatus ||
        snap.result.decision !== r.decision ||
        next.phase !== r.phase;
      const polls = r.polls + 1;
      const interval = Math.min(
        entry.adapter.polling.maxIntervalMs,
        Math.max(500, Math.round(entry.adapter.polling.firstAfterMs * 0.5 * 1.6 ** (polls - 1))),
      );
      const patch: VerificationPatch = {
        phase: next.phase,
        phaseReason: next.reason,
        review: next.review,
        runStatus: snap.result.runStatus,
        decision: snap.result.decision,
        vendorStatus: snap.result.vendorStatus,
        vendorDecision: snap.result.vendorDecision,
        externalGroup: snap.externalGroup ?? r.externalGroup,
        result: snap.result,
        raw: snap.raw,
        credits: snap.credits ?? r.credits,
        pollsDelta: 1,
        lastError: null,
        nextAt: next.phase === 'POLLING' ? now + interval : now,
        completedAt: next.phase === 'POLLING' ? null : now,
      };
      this.finalize(r, t, patch, changed ? 'result' : null, (v) => {
        if (snap.history?.length)
          this.o.ledger.history.appendProviderHistory(v.id, v.caseId, name, snap.history);
        if (changed)
          this.o.ledger.checks.replace(
            { verificationId: v.id, caseId: v.caseId },
            'provider',
            snap.result.checks,
          );
      });
    }
  }

  // ------------------------------------------------------------------ provider-side review actions

  private async act(entry: ProviderEntry, row: VerificationRecord, token: string): Promise<void> {
    const name = entry.config.name;
    const pa = row.pendingAction;
    if (!pa || !row.externalId) {
      this.finalize(
        row,
        token,
        {
          phase: 'NEEDS_PERSON',
          review: 'REQUIRED',
          pendingAction: null,
          phaseReason:
            'the requested action could not be sent: the provider does not know this verification',
        },
        'action_failed',
      );
      return;
    }
    const ctx = this.context(name, this.abort.signal);
    const target = {
      verificationId: row.id,
      externalId: row.externalId,
      externalGroup: row.externalGroup,
    };
    const done = (snap: ProviderSnapshot, note: string) => {
      const now = this.o.ledger.now();
      const next = phaseForResult(snap.result, row.review, !entry.adapter.capabilities.create);
      this.finalize(
        row,
        token,
        {
          phase: next.phase,
          phaseReason: next.reason ?? note,
          review:
            next.phase === 'DONE' && row.review === 'REQUIRED'
              ? snap.result.decision === 'APPROVED'
                ? 'RESOLVED_APPROVED'
                : snap.result.decision === 'DECLINED'
                  ? 'RESOLVED_DECLINED'
                  : next.review
              : next.review,
          runStatus: snap.result.runStatus,
          decision: snap.result.decision,
          vendorStatus: snap.result.vendorStatus,
          vendorDecision: snap.result.vendorDecision,
          result: snap.result,
          raw: snap.raw,
          credits: snap.credits ?? row.credits,
          pendingAction: null,
          needsLookup: false,
          lastError: null,
          approvalBy: null,
          nextAt: next.phase === 'POLLING' ? now + entry.adapter.polling.firstAfterMs : now,
          completedAt: next.phase === 'POLLING' ? null : now,
        },
        'provider_action',
        (v) => {
          if (snap.history?.length)
            this.o.ledger.history.appendProviderHistory(v.id, v.caseId, name, snap.history);
          this.o.ledger.checks.replace(
            { verificationId: v.id, caseId: v.caseId },
            'provider',
            snap.result.checks,
          );
        },
      );
    };
    if (row.needsLookup) {
      // The previous attempt's answer was lost: find out whether the action happened before
      // asking for it again (a retry at the provider may cost credits).
      try {
        await this.bucket(entry).take(this.abort.signal);
        const snap = (await entry.adapter.poll([target], ctx)).get(row.externalId);
        if (snap && snap.result.vendorStatus !== pa.vendorStatus)
          return done(snap, `${pa.action.replace(/_/g, ' ')} done at ${name}`);
      } catch (err) {
        return this.fail(entry, row, token, err, 'poll');
      }
    }
    try {
      await this.bucket(entry).take(this.abort.signal);
      const snap = await entry.adapter.act(
        pa.action as ProviderAction,
        target,
        { reason: pa.reason ?? undefined, actor: pa.actor, request: this.request(row) },
        ctx,
      );
      this.health.online(name);
      done(snap, `${pa.action.replace(/_/g, ' ')} done at ${name}`);
    } catch (err) {
      const now = this.o.ledger.now();
      const prev = (row.lastError as StoredError | null) ?? null;
      const d = classify(err, {
        op: 'action',
        now,
        failures: prev?.failures ?? 0,
        streakSince: prev?.since ?? null,
        random: this.o.random,
        policy: this.o.policy,
      });
      const message = scrubText(d.message, this.o.registry.secrets());
      if (d.kind === 'offline') this.health.offline(name, message);
      if (d.kind === 'rate_limited') this.health.rateLimited(name, d.untilMs, message);
      if (d.kind === 'auth') this.health.authFailed(name, message);
      if (d.kind === 'billing') this.health.noCredit(name, message);
      if (
        d.kind === 'offline' ||
        d.kind === 'rate_limited' ||
        d.kind === 'auth' ||
        d.kind === 'billing'
      ) {
        this.finalize(
          row,
          token,
          {
            nextAt: d.kind === 'rate_limited' ? d.untilMs : now,
            phaseReason: `waiting to send the ${pa.action.replace(/_/g, ' ')}: ${message}`,
          },
          null,
        );
        return;
      }
      if (d.kind === 'retry' || d.kind === 'in_doubt') {
        this.finalize(
          row,
          token,
          {
            nextAt: now + d.delayMs,
            needsLookup: true,
            lastError: {
              code: 'ACTION_RETRY',
              message,
              failures: (prev?.failures ?? 0) + 1,
              since: prev?.since ?? now,
            } as StoredError,
            phaseReason: `the ${pa.action.replace(/_/g, ' ')} could not be confirmed (${message}); checking again`,
          },
          null,
        );
        return;
      }
      this.finalize(
        row,
        token,
        {
          phase: pa.fromPhase,
          pendingAction: null,
          review: pa.fromPhase === 'NEEDS_PERSON' ? 'REQUIRED' : row.review,
          phaseReason: `${name} refused the ${pa.action.replace(/_/g, ' ')}: ${message}`,
          lastError: { code: 'ACTION_REFUSED', message },
        },
        'action_refused',
      );
    }
  }

  // ------------------------------------------------------------------ failures

  private fail(
    entry: ProviderEntry,
    row: VerificationRecord,
    token: string,
    err: unknown,
    op: ProviderError['op'],
  ): void {
    const name = entry.config.name;
    const now = this.o.ledger.now();
    const prev = (row.lastError as StoredError | null) ?? null;
    const failures = prev?.failures ?? 0;
    const d: Disposition = classify(err, {
      op,
      now,
      failures,
      streakSince: prev?.since ?? null,
      random: this.o.random,
      policy: this.o.policy,
    });
    const message = scrubText(d.message, this.o.registry.secrets());
    const code =
      err instanceof ProviderError
        ? (err.vendorCode ?? `${err.kind.toUpperCase()}${err.status ? `_${err.status}` : ''}`)
        : 'INTERNAL';
    const streak: StoredError = {
      code,
      message,
      failures: failures + 1,
      since: prev?.since ?? now,
    };
    // Where the row goes back to when nothing reached the provider: a submission that never
    // left is READY again (its attempt refunded); a poll stays POLLING.
    const rest: Phase = row.phase === 'SUBMITTING' ? 'READY' : row.phase;
    const refund = row.phase === 'SUBMITTING' ? -1 : 0;
    switch (d.kind) {
      case 'offline':
        this.health.offline(name, message);
        this.finalize(
          row,
          token,
          {
            phase: rest,
            attemptsDelta: refund,
            phaseReason: `waiting: ${name} is offline; it will be sent automatically when it is back`,
          },
          null,
        );
        return;
      case 'rate_limited':
        this.health.rateLimited(name, d.untilMs, message);
        this.finalize(
          row,
          token,
          {
            phase: rest,
            attemptsDelta: refund,
            nextAt: d.untilMs,
            phaseReason: `waiting: ${name} asked to slow down until ${new Date(d.untilMs).toISOString()}`,
          },
          null,
        );
        return;
      case 'auth':
        this.health.authFailed(name, message);
        this.finalize(
          row,
          token,
          {
            phase: rest,
            attemptsDelta: refund,
            phaseReason: `waiting: ${name} refused the credentials; fix them in Providers`,
          },
          null,
        );
        return;
      case 'billing':
        this.health.noCredit(name, message);
        this.finalize(
          row,
          token,
          {
            phase: rest,
            attemptsDelta: refund,
            phaseReason: `waiting: ${name} reports no credit or quota left`,
          },
          null,
        );
        return;
      case 'in_doubt':
        this.finalize(
          row,
          token,
          {
            phase: 'IN_DOUBT',
            needsLookup: true,
            nextAt: now + d.delayMs,
            lastError: streak,
            phaseReason: `sent, but the answer was lost (${message}); checking with ${name} before anything else`,
          },
          row.phase === 'IN_DOUBT' ? null : 'in_doubt',
        );
        return;
      case 'retry':
        this.finalize(
          row,
          token,
          {
            phase: rest,
            nextAt: now + d.delayMs,
            lastError: streak,
            attemptsDelta: refund,
            phaseReason: `${op === 'upload' ? 'upload' : op} failed (${message}); retrying at ${new Date(now + d.delayMs).toISOString()}`,
          },
          null,
        );
        return;
      case 'duplicate':
        this.finalize(
          row,
          token,
          {
            phase: 'NEEDS_PERSON',
            review: 'REQUIRED',
            attemptsDelta: refund,
            lastError: { code, message },
            phaseReason: message,
          },
          'duplicate_at_provider',
        );
        return;
      case 'permanent':
      case 'give_up':
        this.finalize(
          row,
          token,
          {
            phase: 'NEEDS_PERSON',
            review: 'REQUIRED',
            lastError: { code: d.kind === 'permanent' ? d.code : code, message },
            needsLookup: row.phase === 'SUBMITTING' || row.needsLookup,
            phaseReason: `${name} refused it: ${message}`,
          },
          'needs_person',
        );
        return;
    }
  }

  // ------------------------------------------------------------------ bookkeeping

  private finalize(
    row: VerificationRecord,
    token: string,
    patch: VerificationPatch,
    what: string | null,
    extra?: (v: VerificationRecord) => void,
  ): void {
    const ledger = this.o.ledger;
    const done = ledger.verifications.finalize(row.id, token, patch, (v) => {
      extra?.(v);
      if (what) {
        ledger.history.append({
          entity: 'verification',
          entityId: v.id,
          caseId: v.caseId,
          what,
          from: row.phase,
          to: v.phase,
          reason:
            v.phaseReason ?? (v.decision !== 'PENDING' ? `${v.runStatus} / ${v.decision}` : null),
        });
      }
      ledger.cases.recompute(v.caseId);
    });
    if (!done) {
      this.o.log.warn('lease lost; result discarded', { verification: row.id });
      return;
    }
    this.o.onChanged([done.caseId]);
  }

  private needsPassword(documentId: number): boolean {
    const doc = this.o.ledger.documents.get(documentId);
    // A person's "send anyway" override is respected: they chose to send it without one.
    return doc !== null && doc.needsPassword && doc.preflight !== 'OVERRIDDEN';
  }

  private history(
    v: VerificationRecord,
    what: string,
    from: string,
    to: string,
    reason: string,
  ): void {
    this.o.ledger.history.append({
      entity: 'verification',
      entityId: v.id,
      caseId: v.caseId,
      what,
      from,
      to,
      reason,
    });
  }
}
