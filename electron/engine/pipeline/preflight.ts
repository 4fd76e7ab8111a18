/**
 * Runs the offline pre-flight checks on every recorded document that has not been checked,
 * two at a time (both cores; OCR has its own bounded pool), stores the canonical checks and the
 * verdict, and tells the planner. A crash mid-check simply checks the document again.
 */
import path from 'node:path';
import type { DocumentKind } from '../../../shared/model.ts';
import {
  createPreflight,
  DEFAULT_POLICY,
  type Preflight,
  type PreflightPolicy,
} from '../checks/index.ts';
import { applyPolicy, summaryOf, verdictOf } from '../checks/policy.ts';
import type { Ledger } from '../ledger/index.ts';
import type { EngineLogger } from '../log.ts';
import { holdReady, releaseHeld } from './holds.ts';

export interface PreflightWorkerOptions {
  ledger: Ledger;
  dataDir: string;
  log: EngineLogger;
  ocr?: boolean | 'auto';
  concurrency?: number;
  /** The password a person entered for a protected PDF in this run (memory only). */
  password?(documentId: number): string | null;
  onChecked(documentId: number, caseIds: number[]): void;
}

export class PreflightWorker {
  private readonly preflight: Preflight;
  private running = 0;
  private readonly inProgress = new Set<number>();
  private stopped = false;
  private pumping = false;

  constructor(private readonly o: PreflightWorkerOptions) {
    const ledger = o.ledger;
    this.preflight = createPreflight({
      nearDuplicates: ledger.nearDuplicates,
      describe: (id) => {
        const doc = ledger.documents.get(id);
        if (!doc) return `document ${id}`;
        const kase = doc.caseId ? ledger.cases.get(doc.caseId) : null;
        const name = ledger.documents.fileNameOf(id);
        return `${doc.kind} in case ${kase?.key ?? '?'}${name ? ` (${name})` : ''}`;
      },
      ocr: o.ocr ?? 'auto',
      ocrWorkers: 1,
      // The OCR language data is unpacked next to the ledger, not in the OS temp folder.
      ocrDataDir: path.join(o.dataDir, 'tessdata'),
    });
  }

  busy(): boolean {
    return this.running > 0;
  }

  wake(): void {
    if (this.pumping || this.stopped) return;
    this.pumping = true;
    try {
      const limit = this.o.concurrency ?? 2;
      while (this.running < limit) {
        const next = this.o.ledger.documents
          .pendingPreflight(limit * 4)
          .find((d) => !this.inProgress.has(d.id));
        if (!next) break;
        this.inProgress.add(next.id);
        this.running++;
        void this.check(next.id).finally(() => {
          this.inProgress.delete(next.id);
          this.running--;
          this.wake();
        });
      }
    } finally {
      this.pumping = false;
    }
  }

  private policyFor(caseId: number | null): PreflightPolicy {
    if (caseId === null) return DEFAULT_POLICY;
    const kase = this.o.ledger.cases.get(caseId);
    const block = kase ? this.o.ledger.inboxes.get(kase.inboxId)?.profile.block : undefined;
    return block ? { block } : DEFAULT_POLICY;
  }

  private async check(documentId: number): Promise<void> {
    const ledger = this.o.ledger;
    const doc = ledger.documents.get(documentId);
    if (!doc || doc.preflight !== 'PENDING') return;
    const kase = doc.caseId ? ledger.cases.get(doc.caseId) : null;
    let result;
    try {
      result = await this.preflight.run({
        documentId,
        path: path.join(this.o.dataDir, ...doc.storePath.split('/')),
        mime: doc.mime,
        kind: doc.kind as DocumentKind,
        sha256: doc.sha256,
        size: doc.size,
        expected: kase?.expected ?? null,
        password: this.o.password?.(documentId) ?? null,
      });
    } catch (err) {
      // run() promises never to throw; if it does, the document is flagged for a person
      // rather than left unchecked forever.
      this.o.log.error('pre-flight crashed', {
        document: documentId,
        error: err instanceof Error ? err.stack : String(err),
      });
      result = {
        checks: [
          {
            type: 'OTHER' as const,
            name: 'preflight',
            outcome: 'ERROR' as const,
            reasons: [
              {
                code: 'PREFLIGHT_ERROR',
                message: 'The local checks could not run on this file; a person should look at it.',
                severity: 'WARNING' as const,
              },
            ],
            source: 'preflight' as const,
            blocking: false,
          },
        ],
        verdict: 'FLAGGED' as const,
        summary: 'the local checks could not run on this file',
        pages: null,
        extracted: {},
        needsPassword: false,
      };
    }
    if (this.stopped) return;
    // An inbox profile may block more (or less) than the default policy.
    const policy = this.policyFor(doc.caseId);
    if (policy !== DEFAULT_POLICY) {
      applyPolicy(result.checks, policy);
      result.verdict = verdictOf(result.checks);
      result.summary = summaryOf(result.checks, result.verdict);
    }
    const caseIds = ledger.tx(() => {
      ledger.checks.replace(
        { documentId, caseId: doc.caseId },
        'preflight',
        result.checks.map((c) => ({ ...c, source: 'preflight' as const })),
      );
      ledger.documents.setPreflight(documentId, result.verdict, result.summary, {
        pages: result.pages,
        extracted: result.extracted,
        needsPassword: result.needsPassword,
      });
      ledger.history.append({
        entity: 'document',
        entityId: documentId,
        caseId: doc.caseId,
        what: 'preflight',
        to: result.verdict,
        reason: result.summary,
      });
      const ids = ledger.cases.casesOfDocument(documentId);
      // Checked again after its case was planned (a password was entered): its verifications
      // follow the new verdict.
      if (result.verdict === 'BLOCKED') holdReady(ledger, documentId);
      else releaseHeld(ledger, ids, 'CheckDesk', 'the document passed the checks');
      for (const id of ids) ledger.cases.recompute(id);
      return ids;
    });
    this.o.onChecked(documentId, caseIds);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    const deadline = Date.now() + 10_000;
    while (this.running > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 25));
    await this.preflight.close();
  }
}
