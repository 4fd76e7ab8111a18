/**
 * createEngine: the one entry to CheckDesk's engine (plain Node, no Electron). Hosts call
 * `engine.call(name, args)`; arguments are validated against the contract's zod schemas here,
 * once, whatever the host; errors come back as data.
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { handlers as contractHandlers, type EngineStatus, type EventEnvelope, type HandlerName } from '../../shared/contract.ts';
import { CheckDeskError, toErrorData, type Result } from '../../shared/errors.ts';
import type { Engine, EngineOptions } from './api.ts';
import { EventHub } from './events.ts';
import { buildHandlers, type HandlerTable } from './handlers.ts';
import { Intake } from './intake/intake.ts';
import { Ledger } from './ledger/index.ts';
import { createLogger, type EngineLogger } from './log.ts';
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
    throw new CheckDeskError('DATA_DIR_UNWRITABLE', `the data folder ${dataDir} cannot be created (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`);
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
    log.warn('ledger restored from backup', { backup: r.backup, reconcile: r.verificationsToReconcile });
  }

  const intake = new Intake({
    ledger,
    dataDir,
    hub,
    log,
    stableMs: options.stableMs ?? 2000,
    onDocument: () => ctx.statusChanged(),
    onCaseChanged: () => ctx.statusChanged(),
    onStatus: () => ctx.statusChanged(),
  });
  const ctx: EngineContext = {
    options,
    dataDir,
    ledger,
    hub,
    log,
    intake,
    actor,
    startedAt,
    notices,
    status: () => computeStatus(ctx),
    statusChanged: () => hub.statusChanged(() => computeStatus(ctx)),
  };
  hub.setFileReader((ids) => ledger.files.rows(ids));
  ledger.history.onAppend = (row) => hub.activity(row);

  const table: HandlerTable = buildHandlers(ctx);
  const running = options.run !== false;

  if (running) {
    ledger.startInstance(60_000);
    for (const inbox of options.inboxes ?? []) {
      await intake.addInbox({ path: inbox, profile: options.profile });
    }
    await intake.start();
  }
  log.info('engine started', { dataDir, version: VERSION, run: running });

  let stopped = false;
  const engine: Engine = {
    dataDir,
    async call<N extends HandlerName>(name: N, args?: unknown) {
      const spec = contractHandlers[name];
      if (!spec) return { ok: false, error: { code: 'UNKNOWN_HANDLER', message: `unknown handler ${String(name)}`, retryable: false } };
      const fn = table[name] as ((a: unknown) => unknown) | undefined;
      if (!fn) return { ok: false, error: { code: 'NOT_AVAILABLE', message: `${String(name)} is not available in this engine`, retryable: false } };
      try {
        const parsed = spec.args.parse(args ?? {});
        const value = await fn(parsed);
        return { ok: true, value } as Result<never>;
      } catch (err) {
        if (!(err instanceof CheckDeskError) && !(err as { issues?: unknown }).issues) {
          log.error('handler failed', { handler: name, error: err instanceof Error ? err.stack : String(err) });
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
    async settled({ timeoutMs }) {
      const deadline = Date.now() + timeoutMs;
      let quietChecks = 0;
      while (Date.now() < deadline) {
        const pending = pendingWork(ctx);
        quietChecks = pending.total === 0 ? quietChecks + 1 : 0;
        if (quietChecks >= 2) return;
        await new Promise((r) => setTimeout(r, 100));
      }
      const pending = pendingWork(ctx);
      throw new CheckDeskError('TIMEOUT', `timed out with ${pending.total} item(s) still pending: ${pending.detail}`);
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      await intake.stop();
      hub.close();
      log.info('engine stopped');
      ledger.close();
    },
  };
  return engine;
}

function pendingWork(ctx: EngineContext): { total: number; detail: string } {
  const files = ctx.ledger.files.countsByState();
  const waiting = files.WAITING ?? 0;
  const busy = ctx.intake.busy() ? 1 : 0;
  const parts: string[] = [];
  if (waiting) parts.push(`${waiting} file(s) still being written or checked`);
  if (busy) parts.push('intake busy');
  return { total: waiting + busy, detail: parts.join(', ') || 'none' };
}

function safeUserName(): string {
  try {
    return os.userInfo().username || 'unknown';
  } catch {
    return process.env.USER ?? process.env.USERNAME ?? 'unknown';
  }
}
