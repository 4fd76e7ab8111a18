/**
 * Report exports as engine jobs: started by a command that returns at once, followed through
 * 'report.progress' events, cancellable, listed afterwards. The export itself streams from
 * the ledger (electron/engine/reports/).
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { ReportJob, ReportScope } from '../../shared/contract.ts';
import { CheckDeskError } from '../../shared/errors.ts';
import type { EngineContext } from './index.ts';
import { exportReport } from './reports/index.ts';

interface Running {
  job: ReportJob;
  controller: AbortController;
  done: Promise<ReportJob>;
}

export class ReportJobs {
  private readonly jobs = new Map<string, Running>();

  constructor(private readonly ctx: EngineContext) {}

  /** Where a report goes when the caller names no file: <dataDir>/reports/checkdesk-<time>.xlsx. */
  defaultOut(): string {
    const stamp = new Date().toISOString().slice(0, 19).replace(/[-:]/g, '').replace('T', '-');
    return path.join(this.ctx.dataDir, 'reports', `checkdesk-report-${stamp}.xlsx`);
  }

  start(input: {
    scope: ReportScope;
    lang: 'en' | 'id';
    out?: string;
    json?: boolean;
    actor: string;
  }): { jobId: string; out: string; done: Promise<ReportJob> } {
    let out = path.resolve(input.out ?? this.defaultOut());
    if (!out.toLowerCase().endsWith('.xlsx')) out += '.xlsx';
    fs.mkdirSync(path.dirname(out), { recursive: true });
    for (const r of this.jobs.values()) {
      if (r.job.state === 'running' && r.job.out === out)
        throw new CheckDeskError('EXPORT_BUSY', `a report is already being written to ${out}`);
    }
    const id = randomUUID();
    const controller = new AbortController();
    const job: ReportJob = {
      id,
      state: 'running',
      out,
      lang: input.lang,
      rows: 0,
      total: null,
      error: null,
      startedAt: Date.now(),
      finishedAt: null,
    };
    const emit = () => this.ctx.hub.emit('report.progress', { ...job });
    const done = exportReport({
      ledger: this.ctx.ledger,
      scope: input.scope,
      lang: input.lang,
      out,
      json: input.json,
      dataDir: this.ctx.dataDir,
      signal: controller.signal,
      onProgress: (p) => {
        job.rows = p.rows;
        job.total = p.total;
        emit();
      },
    })
      .then((r) => {
        job.state = 'done';
        job.rows = r.rows;
        this.ctx.ledger.history.append({
          entity: 'report',
          what: 'report_written',
          actor: input.actor,
          reason: `${r.rows} row(s) to ${r.out}`,
        });
        return job;
      })
      .catch((err: unknown) => {
        const cancelled = err instanceof CheckDeskError && err.code === 'EXPORT_CANCELLED';
        job.state = cancelled ? 'cancelled' : 'failed';
        job.error = err instanceof Error ? err.message : String(err);
        if (!cancelled) this.ctx.log.error('report failed', { out, error: job.error });
        return job;
      })
      .finally(() => {
        job.finishedAt = Date.now();
        emit();
      });
    this.jobs.set(id, { job, controller, done });
    emit();
    return { jobId: id, out, done };
  }

  cancel(id: string): boolean {
    const r = this.jobs.get(id);
    if (!r || r.job.state !== 'running') return false;
    r.controller.abort();
    return true;
  }

  list(): ReportJob[] {
    return [...this.jobs.values()]
      .map((r) => ({ ...r.job }))
      .sort((a, b) => b.startedAt - a.startedAt);
  }

  async stop(): Promise<void> {
    for (const r of this.jobs.values()) if (r.job.state === 'running') r.controller.abort();
    await Promise.allSettled([...this.jobs.values()].map((r) => r.done));
  }
}
