/** The CLI commands. Each parses its own options and returns an exit code. */
import fs from 'node:fs';
import path from 'node:path';
import type { ParseArgsConfig } from 'node:util';
import {
  FILE_STATES,
  type EngineStatus,
  type FileRow,
  type FileState,
  type ReportJob,
  type ReportScope,
} from '../../../shared/contract.ts';
import { PROVIDER_NAMES } from '../../../shared/model.ts';
import type { Engine } from '../../engine/api.ts';
import { createEngine } from '../../engine/index.ts';
import { loadProfileFile, resolveProviders, type ProfileFile } from '../../engine/profile.ts';
import { runServe } from '../browser/serve-command.ts';
import { tuningFromEnv } from '../paths.ts';
import { CommandError, failure, printJson, table, UsageError, type Io } from './io.ts';
import { check, normalize, sandbox, validate, webhookRelay } from './tool-commands.ts';

export interface CommandContext {
  values: Record<string, unknown>;
  positionals: string[];
  io: Io;
  dataDir: string;
}

export interface Command {
  options: NonNullable<ParseArgsConfig['options']>;
  run(ctx: CommandContext): Promise<number>;
}

async function openEngine(
  ctx: CommandContext,
  extra: Parameters<typeof createEngine>[0] extends infer O ? Partial<O> : never,
): Promise<Engine> {
  try {
    return await createEngine({ dataDir: ctx.dataDir, run: false, ...extra });
  } catch (err) {
    throw failure(err);
  }
}

async function call<T>(
  engine: Engine,
  name: Parameters<Engine['call']>[0],
  args?: unknown,
): Promise<T> {
  const r = await engine.call(name, args);
  if (!r.ok) throw new CommandError(r.error.message);
  return r.value as T;
}

function positiveNumber(value: unknown, flag: string): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0)
    throw new UsageError(`${flag} must be a positive number, got "${String(value)}"`);
  return n;
}

function assertFolder(p: string): string {
  const abs = path.resolve(p);
  let st;
  try {
    st = fs.statSync(abs);
  } catch {
    throw new CommandError(`the inbox folder ${abs} does not exist`);
  }
  if (!st.isDirectory()) throw new CommandError(`${abs} is not a folder`);
  return abs;
}

export function summaryLine(s: EngineStatus): string {
  const files = Object.entries(s.files)
    .sort((a, b) => b[1] - a[1])
    .map(([k, v]) => `${v} ${k.toLowerCase()}`)
    .join(', ');
  const total = Object.values(s.files).reduce((a, b) => a + b, 0);
  const verifs = Object.values(s.verifications).reduce((a, b) => a + b, 0);
  const decisions = Object.entries(s.decisions)
    .map(([k, v]) => `${v} ${k.toLowerCase()}`)
    .join(', ');
  const cases = Object.values(s.cases).reduce((a, b) => a + b, 0);
  return [
    `${total} file(s)${files ? `: ${files}` : ''}`,
    `${cases} case(s)`,
    `${verifs} verification(s)${decisions ? `: ${decisions}` : ''}`,
    `${s.reviewQueue} waiting for a person`,
    `credits today ${s.creditsToday}`,
  ].join(' · ');
}

function humanStatus(s: EngineStatus): string {
  const lines = [`CheckDesk ${s.version} — data in ${s.dataDir}`, summaryLine(s)];
  const q = s.queue;
  lines.push(
    `queue: ${q.ready} ready, ${q.submitting} sending, ${q.inDoubt} in doubt, ${q.polling} awaiting results, ${q.needsPerson} need a person, ${q.held} held, ${q.done} done`,
  );
  for (const w of s.waiting) {
    const when =
      w.until && w.until > Date.now() ? ` (next at ${new Date(w.until).toLocaleString()})` : '';
    lines.push(
      `  ${w.count} ${w.phase.toLowerCase().replace('_', ' ')} at ${w.provider}${when}${w.reason ? ` — ${w.reason}` : ''}`,
    );
  }
  for (const [name, p] of Object.entries(s.providers)) {
    const until = p.pausedUntil ? ` until ${new Date(p.pausedUntil).toLocaleString()}` : '';
    lines.push(
      `provider ${name}: ${p.state}${until}${p.reason ? ` — ${p.reason}` : ''}${p.sandbox ? ' (sandbox)' : ''}`,
    );
  }
  for (const i of s.inboxes) {
    const since = i.stateSince ? ` since ${new Date(i.stateSince).toLocaleString()}` : '';
    lines.push(
      `inbox ${i.path}: ${i.state}${i.state === 'unreachable' ? since : ''}${i.stateReason ? ` — ${i.stateReason}` : ''} (${i.files} files, ${i.waiting} waiting)`,
    );
  }
  for (const n of s.notices) lines.push(`${n.level}: ${n.message}`);
  return lines.join('\n');
}

/** The `status --json` body: PRODUCT.md §5 shape first, extras after. */
export function statusJson(s: EngineStatus): Record<string, unknown> {
  const providers: Record<string, { state: string; pausedUntil?: string }> = {};
  for (const [name, p] of Object.entries(s.providers)) {
    providers[name] = {
      state: p.state,
      ...(p.pausedUntil ? { pausedUntil: new Date(p.pausedUntil).toISOString() } : {}),
    };
    Object.assign(providers[name], { reason: p.reason ?? null, sandbox: p.sandbox });
  }
  return {
    files: s.files,
    verifications: s.verifications,
    decisions: s.decisions,
    reviewQueue: s.reviewQueue,
    providers,
    documents: s.documents,
    cases: s.cases,
    queue: s.queue,
    creditsToday: s.creditsToday,
    inboxes: s.inboxes.map((i) => ({
      path: i.path,
      state: i.state,
      since: i.stateSince ? new Date(i.stateSince).toISOString() : null,
      reason: i.stateReason,
      files: i.files,
      waiting: i.waiting,
    })),
    notices: s.notices,
    waiting: s.waiting.map((w) => ({
      ...w,
      until: w.until ? new Date(w.until).toISOString() : null,
    })),
    dataDir: s.dataDir,
    version: s.version,
  };
}

function fileJson(f: FileRow): Record<string, unknown> {
  return {
    path: f.path,
    inbox: f.inbox,
    state: f.state,
    reason: f.reason,
    sha256: f.sha256,
    caseId: f.caseKey,
    kind: f.kind,
    stage: f.stage,
    size: f.size,
    mime: f.mime,
    present: f.present,
    documentId: f.documentId,
    firstSeenAt: new Date(f.firstSeenAt).toISOString(),
    updatedAt: new Date(f.updatedAt).toISOString(),
  };
}

function loadProfile(value: unknown): ProfileFile | undefined {
  if (typeof value !== 'string') return undefined;
  try {
    return loadProfileFile(path.resolve(value));
  } catch (err) {
    throw failure(err);
  }
}

function waitForSignal(): Promise<string> {
  return new Promise((resolve) => {
    const done = (sig: string) => resolve(sig);
    process.once('SIGINT', () => done('SIGINT'));
    process.once('SIGTERM', () => done('SIGTERM'));
  });
}

const run: Command = {
  options: {
    once: { type: 'boolean' },
    timeout: { type: 'string' },
    'no-submit': { type: 'boolean' },
    profile: { type: 'string' },
    provider: { type: 'string' },
    'base-url': { type: 'string' },
    report: { type: 'string' },
    verbose: { type: 'boolean', short: 'v' },
  },
  async run(ctx) {
    const { values, positionals, io } = ctx;
    if (positionals.length === 0) throw new UsageError('run needs at least one inbox folder');
    const timeoutS = positiveNumber(values.timeout, '--timeout') ?? 600;
    if (values.provider !== undefined && !PROVIDER_NAMES.includes(values.provider as never)) {
      throw new UsageError(
        `unknown provider "${String(values.provider)}" (one of ${PROVIDER_NAMES.join(', ')})`,
      );
    }
    if (values['base-url'] !== undefined) {
      if (values.provider === undefined) throw new UsageError('--base-url needs --provider NAME');
      try {
        new URL(String(values['base-url']));
      } catch {
        throw new UsageError(`--base-url "${String(values['base-url'])}" is not a URL`);
      }
    }
    if (values.report !== undefined && !String(values.report).toLowerCase().endsWith('.xlsx')) {
      throw new UsageError('--report must name an .xlsx file');
    }
    const inboxes = positionals.map(assertFolder);
    const profile = loadProfile(values.profile);
    let providers;
    try {
      providers = resolveProviders({
        profile,
        provider: values.provider as string | undefined,
        baseUrl: values['base-url'] as string | undefined,
        env: process.env,
      });
    } catch (err) {
      throw failure(err);
    }
    const submit = values['no-submit'] !== true;
    let engine: Engine;
    try {
      engine = await createEngine({
        dataDir: ctx.dataDir,
        inboxes,
        profile: profile?.inbox,
        providers,
        submit,
        run: true,
        ...tuningFromEnv(),
        onLog: values.verbose ? (line) => io.err(line) : undefined,
      });
    } catch (err) {
      throw failure(err);
    }
    try {
      if (values.once) {
        let timedOut: string | null = null;
        try {
          await engine.settled({ timeoutMs: timeoutS * 1000, submit });
        } catch (err) {
          timedOut = failure(err).message;
        }
        let report: ReportJob | null = null;
        if (typeof values.report === 'string') {
          const inboxes = await call<{ id: number; path: string }[]>(engine, 'inboxes.list');
          const ours = inboxes.filter((i) =>
            positionals.map((p) => path.resolve(p)).includes(i.path),
          );
          const scope: ReportScope =
            ours.length === 1 ? { kind: 'inbox', inboxId: ours[0]!.id } : { kind: 'all' };
          report = await writeReport(engine, io, {
            scope,
            lang: 'en',
            out: path.resolve(values.report),
          });
          if (report.state !== 'done')
            throw new CommandError(`the report was not written: ${report.error ?? report.state}`);
        }
        const status = await call<EngineStatus>(engine, 'engine.status');
        if (io.json)
          printJson(io, {
            ...statusJson(status),
            ...(report ? { report: { out: report.out, rows: report.rows } } : {}),
          });
        else
          io.out(
            summaryLine(status) + (report ? `\nreport: ${report.out} (${report.rows} rows)` : ''),
          );
        if (timedOut) throw new CommandError(timedOut);
        return 0;
      }
      io.err(
        `checkdesk: watching ${inboxes.join(', ')} — data in ${engine.dataDir}. Press Ctrl+C to stop.`,
      );
      let last = '';
      const off = engine.subscribe((e) => {
        if (e.name !== 'engine.status' || io.json) return;
        const line = summaryLine(e.payload as EngineStatus);
        if (line !== last) io.err(line);
        last = line;
      });
      await waitForSignal();
      off();
      return 0;
    } finally {
      await engine.stop();
    }
  },
};

const status: Command = {
  options: {},
  async run(ctx) {
    if (ctx.positionals.length)
      throw new UsageError(`status takes no arguments (got "${ctx.positionals[0]}")`);
    const engine = await openEngine(ctx, {});
    try {
      const s = await call<EngineStatus>(engine, 'engine.status');
      if (ctx.io.json) printJson(ctx.io, statusJson(s));
      else ctx.io.out(humanStatus(s));
      return 0;
    } finally {
      await engine.stop();
    }
  },
};

const files: Command = {
  options: { state: { type: 'string', multiple: true }, inbox: { type: 'string' } },
  async run(ctx) {
    if (ctx.positionals.length)
      throw new UsageError(`files takes no arguments (got "${ctx.positionals[0]}")`);
    const states = ((ctx.values.state as string[] | undefined) ?? [])
      .flatMap((s) => s.split(','))
      .map((s) => s.trim().toUpperCase())
      .filter(Boolean);
    const bad = states.filter((s) => !FILE_STATES.includes(s as FileState));
    if (bad.length)
      throw new UsageError(`unknown state "${bad[0]}" (one of ${FILE_STATES.join(', ')})`);
    const engine = await openEngine(ctx, {});
    try {
      let inboxId: number | undefined;
      if (typeof ctx.values.inbox === 'string') {
        const want = path.resolve(ctx.values.inbox);
        const inboxes = await call<{ id: number; path: string }[]>(engine, 'inboxes.list');
        const found = inboxes.find((i) => i.path === want);
        if (!found)
          throw new CommandError(`${want} is not an inbox of this data folder (${engine.dataDir})`);
        inboxId = found.id;
      }
      const rows: FileRow[] = [];
      for (let offset = 0; ; offset += 500) {
        const page = await call<{ items: FileRow[]; total: number }>(engine, 'files.list', {
          offset,
          limit: 500,
          sort: 'firstSeenAt',
          dir: 'asc',
          ...(states.length ? { state: states } : {}),
          ...(inboxId !== undefined ? { inboxId } : {}),
        });
        rows.push(...page.items);
        if (page.items.length < 500) break;
      }
      if (ctx.io.json) printJson(ctx.io, rows.map(fileJson));
      else if (rows.length === 0) ctx.io.out('no files');
      else {
        ctx.io.out(
          table([
            ['STATE', 'STAGE', 'KIND', 'CASE', 'PATH', 'REASON'],
            ...rows.map((f) => [
              f.state,
              f.stage ?? '-',
              f.kind ?? '-',
              f.caseKey ?? '-',
              f.relPath,
              f.reason ?? '',
            ]),
          ]),
        );
      }
      return 0;
    } finally {
      await engine.stop();
    }
  },
};

const serve: Command = {
  options: {
    port: { type: 'string' },
    host: { type: 'string' },
    inbox: { type: 'string', multiple: true },
  },
  async run(ctx) {
    if (ctx.positionals.length)
      throw new UsageError(`serve takes no arguments (got "${ctx.positionals[0]}")`);
    const port = ctx.values.port === undefined ? 0 : Number(ctx.values.port);
    if (!Number.isInteger(port) || port < 0 || port > 65535)
      throw new UsageError(`--port must be 0..65535, got "${String(ctx.values.port)}"`);
    if (ctx.values.host !== undefined && ctx.values.host !== '127.0.0.1') {
      throw new UsageError('the browser host only listens on 127.0.0.1');
    }
    const inboxes = ((ctx.values.inbox as string[] | undefined) ?? []).map(assertFolder);
    return runServe({ dataDir: ctx.dataDir, port, io: ctx.io, inboxes, waitForSignal });
  },
};

/** Runs a report job through the engine and waits for it, with progress on stderr. */
export async function writeReport(
  engine: Engine,
  io: Io,
  input: { scope: ReportScope; lang: 'en' | 'id'; out: string; json?: boolean },
): Promise<ReportJob> {
  let jobId: string | null = null;
  let last = 0;
  const finished = new Promise<ReportJob>((resolve) => {
    const off = engine.subscribe((e) => {
      if (e.name !== 'report.progress') return;
      const job = e.payload as ReportJob;
      if (jobId !== null && job.id !== jobId) return;
      if (job.state !== 'running') {
        off();
        resolve(job);
      } else if (!io.json && Date.now() - last > 1000) {
        last = Date.now();
        io.err(
          `checkdesk: writing the report… ${job.rows}${job.total ? ` of ${job.total}` : ''} rows`,
        );
      }
    });
  });
  const started = await call<{ jobId: string; out: string }>(engine, 'reports.export', input);
  jobId = started.jobId;
  const onSigint = () => void engine.call('reports.cancel', { jobId: started.jobId });
  process.once('SIGINT', onSigint);
  try {
    return await finished;
  } finally {
    process.removeListener('SIGINT', onSigint);
  }
}

const exportCommand: Command = {
  options: {
    out: { type: 'string' },
    case: { type: 'string', multiple: true },
    lang: { type: 'string' },
    'json-copy': { type: 'boolean' },
  },
  async run(ctx) {
    if (ctx.positionals.length)
      throw new UsageError(
        `export takes no arguments (got "${ctx.positionals[0]}"); use --case ID to choose cases`,
      );
    const out = ctx.values.out;
    if (typeof out !== 'string' || !out.toLowerCase().endsWith('.xlsx'))
      throw new UsageError('export needs --out FILE.xlsx');
    const lang = (ctx.values.lang ?? 'en') as string;
    if (lang !== 'en' && lang !== 'id')
      throw new UsageError(`--lang must be en or id (got "${lang}")`);
    const engine = await openEngine(ctx, {});
    try {
      let scope: ReportScope = { kind: 'all' };
      const keys = (ctx.values.case as string[] | undefined) ?? [];
      if (keys.length) {
        const ids: number[] = [];
        for (const key of keys) {
          const page = await call<{ items: { id: number; key: string }[] }>(engine, 'cases.list', {
            search: key,
            limit: 500,
          });
          const matches = page.items.filter((c) => c.key === key);
          if (matches.length === 0)
            throw new CommandError(`no case "${key}" in this data folder (${engine.dataDir})`);
          ids.push(...matches.map((c) => c.id));
        }
        scope = { kind: 'cases', caseIds: ids };
      }
      const job = await writeReport(engine, ctx.io, {
        scope,
        lang,
        out: path.resolve(out),
        json: ctx.values['json-copy'] === true,
      });
      if (job.state !== 'done')
        throw new CommandError(
          job.state === 'cancelled'
            ? 'the export was cancelled; no file was written'
            : (job.error ?? 'the export failed'),
        );
      if (ctx.io.json)
        printJson(ctx.io, {
          out: job.out,
          rows: job.rows,
          lang: job.lang,
          jsonOut: ctx.values['json-copy'] ? job.out.replace(/\.xlsx$/i, '.json') : null,
        });
      else ctx.io.out(`wrote ${job.rows} row(s) to ${job.out}`);
      return 0;
    } finally {
      await engine.stop();
    }
  },
};

export const COMMANDS: Record<string, Command> = {
  run,
  status,
  files,
  serve,
  sandbox,
  'webhook-relay': webhookRelay,
  export: exportCommand,
  normalize,
  validate,
  check,
};
