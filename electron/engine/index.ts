/**
 * createEngine: the one entry to CheckDesk's engine (plain Node, no Electron). Hosts call
 * `engine.call(name, args)`; arguments are validated against the contract's zod schemas here,
 * once, whatever the host; errors come back as data.
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  handlers as contractHandlers,
  type EngineStatus,
  type EventEnvelope,
  type HandlerName,
} from '../../shared/contract.ts';
import { CheckDeskError, toErrorData, type Result } from '../../shared/errors.ts';
import type { Engine, EngineOptions } from './api.ts';
import { EventHub } from './events.ts';
import { buildHandlers, type HandlerTable } from './handlers.ts';
import { Intake } from './intake/intake.ts';
import { Ledger } from './ledger/index.ts';
import { createLogger, type EngineLogger } from './log.ts';
import { PasswordVault, relockUnsent } from './pipeline/pdf-passwords.ts';
import { Planner } from './pipeline/planner.ts';
import { PreflightWorker } from './pipeline/preflight.ts';
import {
  startWebhookRelayPoller,
  type WebhookRelayPoller,
} from './providers/anycheck/relay/poller.ts';
import { ProviderRegistry } from './providers/registry.ts';
import { QueueRunner } from './queue/runner.ts';
import { ReportJobs } from './report-jobs.ts';
import { computeStatus, type Notice } from './status.ts';
import { VERSION } from './version.ts';

export type { Engine, EngineOptions } from './api.ts';

/** What the pipeline parts share; handed to handlers and workers. */
export interface EngineContext {
  readonly options: EngineOptions;
  readonly dataDir: string;
  readonly ledger: Ledger;
  readonly hub: EventHub;
  readonly log: EngineLogger;
  readonly intake: Intake;
  readonly registry: ProviderRegistry;
  /** Null when nothing may be sent (`--no-submit`) or the engine only answers queries. */
  readonly runner: QueueRunner | null;
  readonly planner: Planner;
  readonly preflight: PreflightWorker | null;
  /** Passwords of protected PDFs entered in this run: memory only, never stored. */
  readonly passwords: PasswordVault;
  readonly reports: ReportJobs;
  readonly actor: string;
  readonly startedAt: number;
  readonly notices: Notice[];
  status(): EngineStatus;
  /** Something changed that the status snapshot shows. */
  statusChanged(): void;
}

export async function createEngine(options: EngineOptions): Promise<Engine> {
  const dataDir = path.resolve(options.dataDir);
  try {
    fs.mkdirSync(dataDir, { recursive: true });
  } catch (err) {
    throw new CheckDeskError(
      'DATA_DIR_UNWRITABLE',
      `the data folder ${dataDir} cannot be created (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`,
    );
  }
  const log = createLogger(dataDir, options.onLog);
  const ledger = new Ledger({ dataDir, now: options.now, instanceId: randomUUID() });
  const hub = new EventHub();
  const notices: Notice[] = [];
  const startedAt = Date.now();
  const actor = options.actor ?? safeUserName();

  if (ledger.restored) {
    const r = ledger.restored;
    const msg = `The ledger was damaged and has been restored from the backup of ${new Date(r.backupTakenAt).toLocaleString()}. ${r.verificationsToReconcile} verification(s) will be checked with their provider before anything is sent again. The damaged file was kept as ${path.basename(r.corruptMovedTo)}.`;
    notices.push({ level: 'warning', message: msg, at: Date.now() });
    log.warn('ledger restored from backup', {
      backup: r.backup,
      reconcile: r.verificationsToReconcile,
    });
  }

  const running = options.run !== false;
  const submit = options.submit !== false;
  const registry = new ProviderRegistry({
    dataDir,
    log,
    configs: options.providers ?? [],
    autoSandbox: running,
  });
  const intake = new Intake({
    ledger,
    dataDir,
    hub,
    log,
    stableMs: options.stableMs ?? 2000,
    onDocument: () => {
      preflight?.wake();
      ctx.statusChanged();
    },
    onCaseChanged: () => {
      runner?.wake();
      ctx.statusChanged();
    },
    onStatus: () => ctx.statusChanged(),
  });
  const passwords = new PasswordVault();
  const preflight = running
    ? new PreflightWorker({
        ledger,
        dataDir,
        log,
        ocr: options.ocr,
        password: (id) => passwords.get(id),
        onChecked: (_doc, caseIds) => {
          changed(caseIds);
          // A re-check may have released held verifications.
          runner?.wake();
        },
      })
    : null;
  const planner = new Planner({
    ledger,
    settleMs: options.caseSettleMs,
    onPlanned: (ids) => {
      changed(ids);
      runner?.wake();
    },
  });
  const runner =
    running && submit
      ? new QueueRunner({
          ledger,
          registry,
          log,
          dataDir,
          policy: options.retryPolicy,
          password: (id) => passwords.get(id),
          onChanged: (ids) => changed(ids),
        })
      : null;
  function changed(caseIds: readonly number[]): void {
    for (const id of caseIds) hub.caseChanged(id);
    ctx.statusChanged();
  }
  const ctx: EngineContext = {
    options,
    dataDir,
    ledger,
    hub,
    log,
    intake,
    registry,
    runner,
    planner,
    preflight,
    passwords,
    get reports() {
      return reports;
    },
    actor,
    startedAt,
    notices,
    status: () => computeStatus(ctx),
    statusChanged: () => hub.statusChanged(() => computeStatus(ctx)),
  };
  const reports = new ReportJobs(ctx);
  hub.setFileReader((ids) => ledger.files.rows(ids));
  ledger.history.onAppend = (row) => hub.activity(row);

  const table: HandlerTable = buildHandlers(ctx);

  let pipelineTimer: NodeJS.Timeout | null = null;
  let backupTimer: NodeJS.Timeout | null = null;
  // Webhooks through a relay (optional): stopped with the engine.
  const webhookPollers: WebhookRelayPoller[] = [];
  const webhookAbort = new AbortController();
  if (running) {
    // Rolling backups with SQLite's online backup API: soon after start, then every 30 minutes.
    const backup = () =>
      void ledger.backup().then(
        (file) => log.info('ledger backed up', { file }),
        (err: unknown) => log.warn('ledger backup failed', { error: String(err) }),
      );
    backupTimer = setTimeout(function tick() {
      backup();
      backupTimer = setTimeout(tick, 30 * 60_000);
      backupTimer.unref?.();
    }, 15_000);
    backupTimer.unref?.();
    ledger.startInstance(60_000);
    // Before the queue starts: protected PDFs unlocked in an earlier run wait for their password.
    const relocked = relockUnsent(ledger);
    if (relocked.length)
      log.info('protected PDFs need their password again', { cases: relocked.length });
    await registry.start();
    // --- Webhooks through a relay (optional; providers/anycheck/relay). A verified delivery only
    // makes that verification's next poll happen now; polling stays the source of truth.
    if (runner) {
      for (const { config } of registry.list()) {
        const poller = startWebhookRelayPoller(
          config,
          runner.context(config.name, webhookAbort.signal),
          (ids) => {
            const moved = ledger.verifications.pollSoon(config.name, ids, ledger.now());
            if (moved > 0) runner.wake();
            return moved;
          },
        );
        if (poller) webhookPollers.push(poller);
      }
    }
    // --- end webhooks
    for (const inbox of options.inboxes ?? []) {
      await intake.addInbox({ path: inbox, profile: options.profile });
    }
    await intake.start();
    preflight?.wake();
    runner?.start();
    // The planner looks for settled cases a few times a second; cheap (one indexed query).
    pipelineTimer = setInterval(
      () => {
        try {
          planner.planReady();
        } catch (err) {
          log.error('planning failed', { error: String(err) });
        }
      },
      Math.max(100, Math.min(1000, Math.floor((options.caseSettleMs ?? 5000) / 2))),
    );
    pipelineTimer.unref?.();
  }
  log.info('engine started', { dataDir, version: VERSION, run: running });

  let stopped = false;
  const engine: Engine = {
    dataDir,
    async call<N extends HandlerName>(name: N, args?: unknown) {
      const spec = contractHandlers[name];
      if (!spec)
        return {
          ok: false,
          error: {
            code: 'UNKNOWN_HANDLER',
            message: `unknown handler ${String(name)}`,
            retryable: false,
          },
        };
      const fn = table[name] as ((a: unknown) => unknown) | undefined;
      if (!fn)
        return {
          ok: false,
          error: {
            code: 'NOT_AVAILABLE',
            message: `${String(name)} is not available in this engine`,
            retryable: false,
          },
        };
      try {
        const parsed = spec.args.parse(args ?? {});
        const value = await fn(parsed);
        return { ok: true, value } as Result<never>;
      } catch (err) {
        if (!(err instanceof CheckDeskError) && !(err as { issues?: unknown }).issues) {
          log.error('handler failed', {
            handler: name,
            error: err instanceof Error ? err.stack : String(err),
          });
        }
        return { ok: false, error: toErrorData(err) };
      }
    },
    subscribe(listener: (e: EventEnvelope) => void) {
      const off = hub.subscribe(listener);
      ctx.statusChanged();
      return off;
    },
    documentFile(documentId: number) {
      const doc = ledger.documents.get(documentId);
      if (!doc) return null;
      return { path: path.join(dataDir, ...doc.storePath.split('/')), mime: doc.mime };
    },
    async settled({ timeoutMs, submit: sending }) {
      const deadline = Date.now() + timeoutMs;
      let quietChecks = 0;
      while (Date.now() < deadline) {
        planner.planReady();
        const pending = pendingWork(ctx, sending);
        quietChecks = pending.total === 0 ? quietChecks + 1 : 0;
        if (quietChecks >= 2) return;
        await new Promise((r) => setTimeout(r, 100));
      }
      const pending = pendingWork(ctx, sending);
      throw new CheckDeskError(
        'TIMEOUT',
        `timed out with ${pending.total} item(s) still pending: ${pending.detail}`,
      );
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      if (pipelineTimer) clearInterval(pipelineTimer);
      if (backupTimer) clearTimeout(backupTimer);
      await reports.stop();
      await intake.stop();
      await runner?.stop();
      await preflight?.stop();
      webhookAbort.abort();
      await Promise.all(webhookPollers.map((p) => p.stop()));
      await registry.stop();
      passwords.clear();
      hub.close();
      log.info('engine stopped');
      ledger.close();
    },
  };
  return engine;
}

/**
 * What `run --once` still waits for. Work that waits for a person (review, a provider paused for
 * credentials or credit, a provider that is not configured) does not count: it will not finish
 * by itself. Offline and rate-limited providers do count: they catch up by themselves.
 */
function pendingWork(ctx: EngineContext, sending: boolean): { total: number; detail: string } {
  const { ledger } = ctx;
  const parts: string[] = [];
  let total = 0;
  const add = (n: number, what: string) => {
    if (n > 0) {
      total += n;
      parts.push(`${n} ${what}`);
    }
  };
  add(ledger.files.countsByState().WAITING ?? 0, 'file(s) still being written or read');
  add(ctx.intake.busy() ? 1 : 0, 'intake step(s) running');
  add(ledger.documents.pendingPreflightCount(), 'document(s) being checked');
  add(ledger.cases.unplannedCount(), 'case(s) settling before they are planned');
  if (sending && ctx.runner) {
    for (const p of ledger.verifications.pendingByProvider()) {
      const entry = ctx.registry.get(p.provider as never);
      if (!entry) continue; // not configured: waits for a person
      const gate = ctx.runner.health.gate(entry.config.name);
      if (
        !gate.open &&
        (gate.health === 'auth_failed' || gate.health === 'no_credit' || gate.health === 'disabled')
      )
        continue;
      if (p.phase === 'READY' && !entry.adapter.capabilities.create) continue;
      const waiting = !gate.open
        ? ` (${entry.config.name} ${gate.health}${gate.until ? ` until ${new Date(gate.until).toISOString()}` : ''})`
        : '';
      add(
        p.n,
        `verification(s) ${p.phase.toLowerCase().replace('_', ' ')} at ${p.provider}${waiting}`,
      );
    }
  }
  return { total, detail: parts.join(', ') || 'none' };
}

function safeUserName(): string {
  try {
    return os.userInfo().username || 'unknown';
  } catch {
    return process.env.USER ?? process.env.USERNAME ?? 'unknown';
  }
}
