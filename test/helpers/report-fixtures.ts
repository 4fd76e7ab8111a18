/**
 * Real ledgers for report tests and the reports benchmark, filled through the ledger's own repos
 * (no SQL here): inboxes, cases with expected data, files and stored documents, verifications
 * planned, claimed (so they carry a real submission time) and finalized with a canonical result,
 * pre-flight and provider checks, history events, and the case aggregate recomputed.
 *
 * Time is a settable clock handed to the Ledger, so every stored timestamp is chosen by the test.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Ledger } from '../../electron/engine/ledger/index.ts';
import type { Phase } from '../../electron/engine/ledger/verifications.ts';
import type {
  CanonicalVerification,
  Check,
  Decision,
  DocumentKind,
  ExpectedData,
  Extracted,
  ProviderName,
  Reason,
  ReviewState,
  RunStatus,
} from '../../shared/model.ts';
import { applicantName, applicantNik } from './synthetic-applicants.ts';

export interface TestClock {
  now: () => number;
  set(ms: number): void;
}

export function makeClock(start: number): TestClock {
  let t = start;
  return {
    now: () => t,
    set(ms: number) {
      t = ms;
    },
  };
}

export interface ReportLedger {
  ledger: Ledger;
  dataDir: string;
  /** A temp folder for outputs, removed by cleanup(). */
  root: string;
  clock: TestClock;
  /** Closes the ledger and removes every temp folder. */
  cleanup(): void;
}

/** 2024-03-05 09:00 WIB (UTC+7). */
export const BASE_TIME = Date.UTC(2024, 2, 5, 2, 0, 0);

export function createReportLedger(start = BASE_TIME): ReportLedger {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'cd-'));
  const dataDir = path.join(root, 'data');
  fs.mkdirSync(dataDir, { recursive: true });
  const clock = makeClock(start);
  const ledger = new Ledger({ dataDir, instanceId: 'test', now: clock.now });
  let closed = false;
  return {
    ledger,
    dataDir,
    root,
    clock,
    cleanup() {
      if (!closed) {
        closed = true;
        ledger.close();
      }
      fs.rmSync(root, { recursive: true, force: true });
    },
  };
}

export interface DocumentSpec {
  name: string;
  kind: DocumentKind;
  content?: string;
  preflight?: 'PASSED' | 'FLAGGED' | 'BLOCKED';
  checks?: (Check & { blocking?: boolean })[];
}

export interface VerificationSpec {
  provider: ProviderName;
  service: string;
  /** Names of this case's documents the verification carries, in order. */
  documents: string[];
  runStatus: RunStatus;
  decision: Decision;
  review?: ReviewState;
  phase?: Phase;
  phaseReason?: string | null;
  reviewer?: string | null;
  reviewReason?: string | null;
  externalId?: string | null;
  externalGroup?: string | null;
  vendorStatus?: string | null;
  vendorDecision?: string | null;
  credits?: number | null;
  reasons?: Reason[];
  extracted?: Extracted;
  /** Provider checks (stored in the checks table and in the canonical result). */
  checks?: Check[];
  submittedAt?: number;
  completedAt?: number;
  /** A later retry replaces this one (it stays in the report, flagged). */
  supersededBy?: number | null;
}

export interface EventSpec {
  at: number;
  what: string;
  entity?: 'case' | 'verification' | 'file' | 'document';
  from?: string | null;
  to?: string | null;
  actor?: string;
  reason?: string | null;
}

export interface CaseSpec {
  inbox: string;
  key: string;
  createdAt?: number;
  expected?: ExpectedData;
  documents?: DocumentSpec[];
  verifications?: VerificationSpec[];
  events?: EventSpec[];
}

export interface SeededCase {
  caseId: number;
  inboxId: number;
  documentIds: Record<string, number>;
  storePaths: Record<string, string>;
  verificationIds: number[];
}

const MIME: Record<string, string> = {
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.png': 'image/png',
  '.pdf': 'application/pdf',
};

function mimeOf(name: string): string {
  return MIME[path.extname(name).toLowerCase()] ?? 'application/octet-stream';
}

export function canonical(input: {
  provider: ProviderName;
  service: string;
  runStatus: RunStatus;
  decision: Decision;
  review?: ReviewState;
  reasons?: Reason[];
  checks?: Check[];
  extracted?: Extracted;
  externalId?: string | null;
  credits?: number | null;
  vendorStatus?: string | null;
  vendorDecision?: string | null;
}): CanonicalVerification {
  return {
    provider: input.provider,
    service: input.service,
    runStatus: input.runStatus,
    decision: input.decision,
    review: input.review ?? 'NONE',
    vendorStatus: input.vendorStatus ?? null,
    vendorDecision: input.vendorDecision ?? null,
    reasons: input.reasons ?? [],
    checks: input.checks ?? [],
    extracted: input.extracted ?? {},
    externalId: input.externalId ?? null,
    credits: input.credits ?? null,
    environment: 'SANDBOX',
  };
}

function inboxId(ledger: Ledger, inboxPath: string): number {
  return (ledger.inboxes.byPath(inboxPath) ?? ledger.inboxes.add({ path: inboxPath }).row).id;
}

/** Adds one fully described case. Verifications are claimed one provider at a time, so no other READY rows may exist. */
export function seedCase(r: ReportLedger, spec: CaseSpec): SeededCase {
  const { ledger, clock, dataDir } = r;
  const start = spec.createdAt ?? clock.now();
  clock.set(start);
  const inbox = inboxId(ledger, spec.inbox);
  const caseId = ledger.cases.ensure(inbox, spec.key, spec.key).id;
  if (spec.expected) ledger.cases.setExpected(caseId, spec.expected, 'applicant.json');

  const documentIds: Record<string, number> = {};
  const storePaths: Record<string, string> = {};
  for (const d of spec.documents ?? []) {
    const content = Buffer.from(d.content ?? `${spec.key}/${d.name}`);
    const sha256 = createHash('sha256').update(content).digest('hex');
    const storePath = `store/${sha256.slice(0, 2)}/${sha256}${path.extname(d.name).toLowerCase()}`;
    fs.mkdirSync(path.dirname(path.join(dataDir, storePath)), { recursive: true });
    fs.writeFileSync(path.join(dataDir, storePath), content);
    const relPath = `${spec.key}/${d.name}`;
    const file = ledger.files.seen(
      inbox,
      relPath,
      { size: content.length, mtimeMs: start },
      caseId,
    ).file;
    const { doc } = ledger.documents.insertOrGet({
      sha256,
      size: content.length,
      mime: mimeOf(d.name),
      kind: d.kind,
      storePath,
      fileId: file.id,
      caseId,
    });
    ledger.files.record(file.id, {
      state: 'RECORDED',
      reason: null,
      sha256,
      size: content.length,
      mtimeMs: start,
      mime: mimeOf(d.name),
      extMismatch: false,
      kind: d.kind,
      documentId: doc.id,
      caseId,
    });
    ledger.cases.linkDocument(caseId, doc.id, file.id, null);
    ledger.documents.setPreflight(doc.id, d.preflight ?? 'PASSED', null);
    ledger.checks.replace(
      { documentId: doc.id, caseId },
      'preflight',
      (d.checks ?? []).map((c) => ({ source: 'preflight', ...c })),
    );
    documentIds[d.name] = doc.id;
    storePaths[d.name] = storePath;
  }

  const verificationIds: number[] = [];
  (spec.verifications ?? []).forEach((v, i) => {
    clock.set(v.submittedAt ?? start);
    const id = ledger.verifications.plan({
      caseId,
      provider: v.provider,
      service: v.service,
      config: {},
      idempotencyKey: `${spec.inbox}|${spec.key}|${v.provider}|${v.service}|${i}`,
      generation: 0,
      phase: 'READY',
      documents: v.documents.map((name) => ({ documentId: documentIds[name]!, field: 'file' })),
      deadlineAt: null,
    });
    if (id === null) throw new Error(`verification ${i} of ${spec.key} was planned twice`);
    const claimed = ledger.verifications.claim({
      provider: v.provider,
      owner: 'fixture',
      leaseMs: 60_000,
      limit: 100,
    });
    const mine = claimed.find((c) => c.id === id);
    if (!mine?.leaseToken) throw new Error(`verification ${id} could not be claimed`);
    clock.set(v.completedAt ?? clock.now());
    const result = canonical({ ...v, checks: v.checks ?? [] });
    const done = ledger.verifications.finalize(id, mine.leaseToken, {
      phase: v.phase ?? 'DONE',
      phaseReason: v.phaseReason ?? null,
      runStatus: v.runStatus,
      decision: v.decision,
      review: v.review ?? 'NONE',
      vendorStatus: v.vendorStatus ?? null,
      vendorDecision: v.vendorDecision ?? null,
      externalId: v.externalId ?? null,
      externalGroup: v.externalGroup ?? null,
      credits: v.credits ?? null,
      result,
      reviewer: v.reviewer ?? null,
      reviewReason: v.reviewReason ?? null,
      completedAt: v.completedAt ?? null,
      supersededBy: v.supersededBy ?? null,
    });
    if (!done) throw new Error(`verification ${id} could not be finalized`);
    ledger.checks.replace(
      { verificationId: id, caseId },
      'provider',
      (v.checks ?? []).map((c) => ({ source: 'provider', ...c })),
    );
    verificationIds.push(id);
  });

  for (const e of spec.events ?? []) {
    clock.set(e.at);
    ledger.history.append({
      entity: e.entity ?? 'case',
      entityId: e.entity === 'verification' ? (verificationIds[0] ?? null) : caseId,
      caseId,
      what: e.what,
      from: e.from ?? null,
      to: e.to ?? null,
      actor: e.actor ?? 'system',
      reason: e.reason ?? null,
    });
  }
  ledger.cases.recompute(caseId);
  return { caseId, inboxId: inbox, documentIds, storePaths, verificationIds };
}

// ---------------------------------------------------------------------------------------------
// Bulk data for the benchmark and for cancellation tests: many similar cases, fast.

export interface BulkOptions {
  cases: number;
  /** Services per case (1–3): KTP verification, face match, BPKB verification. */
  servicesPerCase?: number;
  inbox?: string;
  /** Spread case creation over this many milliseconds from the clock's start. */
  spanMs?: number;
}

const BULK_SERVICES: readonly { service: string; kind: DocumentKind; name: string }[] = [
  { service: 'KTP_VERIFICATION', kind: 'KTP', name: 'ktp.jpg' },
  { service: 'FACE_MATCH', kind: 'SELFIE', name: 'selfie.jpg' },
  { service: 'BPKB_VERIFICATION', kind: 'BPKB', name: 'bpkb.pdf' },
];

/**
 * `cases` cases with `servicesPerCase` completed verifications each, one provider check per
 * verification, one pre-flight check per document and two history events per case. Runs in three
 * transactions (plan, claim, finalize); no files are written to the store.
 */
export function seedBulk(
  r: ReportLedger,
  options: BulkOptions,
): { cases: number; verifications: number } {
  const { ledger, clock } = r;
  const perCase = Math.min(Math.max(options.servicesPerCase ?? 2, 1), BULK_SERVICES.length);
  const services = BULK_SERVICES.slice(0, perCase);
  const inboxPath = options.inbox ?? path.join(r.root, 'Inbox');
  const start = clock.now();
  const step =
    options.spanMs && options.cases > 0 ? Math.floor(options.spanMs / options.cases) : 1000;
  const inbox = inboxId(ledger, inboxPath);
  const planned: {
    id: number;
    caseId: number;
    i: number;
    documentId: number;
    service: (typeof BULK_SERVICES)[number];
  }[] = [];

  ledger.tx(() => {
    for (let i = 0; i < options.cases; i++) {
      const at = start + i * step;
      clock.set(at);
      const key = `APP-${String(i + 1).padStart(7, '0')}`;
      const caseId = ledger.cases.ensure(inbox, key, key).id;
      const name = applicantName(i);
      ledger.cases.setExpected(
        caseId,
        { name, nik: applicantNik(i), loanId: `LN-${String(900000000000 + i)}` },
        'manifest.csv',
      );
      for (const s of services) {
        const relPath = `${key}/${s.name}`;
        const sha256 = createHash('sha256').update(relPath).digest('hex');
        const file = ledger.files.seen(inbox, relPath, { size: 2048, mtimeMs: at }, caseId).file;
        const { doc } = ledger.documents.insertOrGet({
          sha256,
          size: 2048,
          mime: mimeOf(s.name),
          kind: s.kind,
          storePath: `store/${sha256.slice(0, 2)}/${sha256}${path.extname(s.name)}`,
          fileId: file.id,
          caseId,
        });
        ledger.files.record(file.id, {
          state: 'RECORDED',
          reason: null,
          sha256,
          size: 2048,
          mtimeMs: at,
          mime: mimeOf(s.name),
          extMismatch: false,
          kind: s.kind,
          documentId: doc.id,
          caseId,
        });
        ledger.cases.linkDocument(caseId, doc.id, file.id, null);
        ledger.documents.setPreflight(doc.id, 'PASSED', null);
        // Planned (and below, claimed) at the start, so every submission precedes its completion.
        clock.set(start);
        const id = ledger.verifications.plan({
          caseId,
          provider: 'anycheck',
          service: s.service,
          config: {},
          idempotencyKey: `${key}|${s.service}`,
          generation: 0,
          phase: 'READY',
          documents: [{ documentId: doc.id, field: 'file' }],
          deadlineAt: null,
        });
        if (id !== null) planned.push({ id, caseId, i, documentId: doc.id, service: s });
        clock.set(at);
      }
      ledger.history.append({
        entity: 'case',
        entityId: caseId,
        caseId,
        what: 'case_opened',
        to: 'INTAKE',
        actor: 'system',
      });
    }
  });

  const tokens = new Map<number, string>();
  clock.set(start);
  for (;;) {
    const claimed = ledger.verifications.claim({
      provider: 'anycheck',
      owner: 'fixture',
      leaseMs: 3_600_000,
      limit: 5000,
    });
    if (claimed.length === 0) break;
    for (const c of claimed) if (c.leaseToken) tokens.set(c.id, c.leaseToken);
  }

  ledger.tx(() => {
    for (const p of planned) {
      const i = p.i;
      const at = start + i * step + 45 * 60_000;
      clock.set(at);
      const declined = i % 10 === 0;
      const review = i % 17 === 0;
      const decision: Decision = declined ? 'DECLINED' : review ? 'REVIEW' : 'APPROVED';
      const reasons: Reason[] = declined
        ? [
            {
              code: 'FACE_MISMATCH',
              vendorCode: 'SIMILARITY_FAILED',
              message: 'The face does not match.',
              severity: 'ERROR',
            },
          ]
        : [];
      const checks: Check[] = [
        {
          type: p.service.service === 'FACE_MATCH' ? 'FACE_MATCH' : 'DOC_AUTHENTICITY',
          outcome: declined ? 'FAIL' : review ? 'REVIEW' : 'PASS',
          reasons,
          score: {
            raw: declined ? 31 : 92,
            scale: '0-100',
            normalized: declined ? 0.31 : 0.92,
            threshold: 70,
            direction: 'HIGHER_IS_BETTER',
          },
        },
      ];
      const name = applicantName(i);
      const extracted: Extracted = {
        person: {
          fullName: name,
          nik: applicantNik(i),
          birthDate: `19${80 + (i % 20)}-${String((i % 12) + 1).padStart(2, '0')}-${String((i % 28) + 1).padStart(2, '0')}`,
        },
        fields: {
          nik: applicantNik(i),
          nama: name,
          tempat_lahir: 'JAKARTA',
          alamat: `JL. MERDEKA NO. ${i % 200}`,
          rt_rw: '001/002',
          kecamatan: 'MENTENG',
          agama: 'ISLAM',
          pekerjaan: 'KARYAWAN SWASTA',
          confidence: 0.9 + (i % 10) / 100,
        },
      };
      const result = canonical({
        provider: 'anycheck',
        service: p.service.service,
        runStatus: 'COMPLETED',
        decision,
        reasons,
        checks,
        extracted,
        externalId: `ac_${String(7000000000000000 + p.id)}`,
        credits: 10,
        vendorStatus: 'COMPLETED',
        vendorDecision: declined ? 'NOT_VERIFIED' : 'VERIFIED',
      });
      const token = tokens.get(p.id);
      if (!token) throw new Error(`verification ${p.id} was not claimed`);
      ledger.verifications.finalize(p.id, token, {
        phase: 'DONE',
        runStatus: 'COMPLETED',
        decision,
        review: review ? 'REQUIRED' : 'NONE',
        vendorStatus: 'COMPLETED',
        vendorDecision: declined ? 'NOT_VERIFIED' : 'VERIFIED',
        externalId: result.externalId ?? null,
        externalGroup: `grp_${p.caseId}`,
        credits: 10,
        result,
        completedAt: at,
      });
      ledger.checks.replace(
        { verificationId: p.id, caseId: p.caseId },
        'provider',
        checks.map((c) => ({ ...c, source: 'provider' as const })),
      );
    }
    let lastCase = -1;
    for (const p of planned) {
      if (p.caseId === lastCase) continue;
      lastCase = p.caseId;
      clock.set(start + p.i * step + 50 * 60_000);
      ledger.history.append({
        entity: 'case',
        entityId: p.caseId,
        caseId: p.caseId,
        what: 'result',
        from: 'SUBMITTED',
        to: 'DONE',
        actor: 'system',
      });
      ledger.cases.recompute(p.caseId);
    }
    // Pre-flight checks go in last: CaseRepo.recompute counts flagged pre-flight checks with a
    // query SQLite plans through checks_verification (verification_id IS NULL), i.e. a scan of
    // every pre-flight check per case. These are all PASS, so the aggregate is the same, and the
    // fixture stays linear instead of quadratic.
    for (const p of planned) {
      ledger.checks.replace({ documentId: p.documentId, caseId: p.caseId }, 'preflight', [
        {
          type: 'DOC_QUALITY',
          name: 'blur',
          outcome: 'PASS',
          reasons: [],
          score: {
            raw: 180 + (p.i % 50),
            scale: 'laplacian-variance',
            normalized: null,
            threshold: 100,
            direction: 'HIGHER_IS_BETTER',
          },
        },
      ]);
    }
  });
  return { cases: options.cases, verifications: planned.length };
}
