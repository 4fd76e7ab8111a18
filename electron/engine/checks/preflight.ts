/**
 * The pre-flight run: every check CheckDesk can do locally, offline and free before a document is
 * sent to a paid provider. run() never throws: bad input becomes checks with reasons, and an
 * unexpected failure inside a check becomes an ERROR check that sends the file to a person.
 */
import path from 'node:path';
import type { DocumentKind } from '../../../shared/model.ts';
import { makeCheck, reason } from './check-builder.ts';
import {
  dataMatchCheck,
  normalizeGender,
  type DocumentFacts,
  type NikFacts,
} from './data-match.ts';
import { exactDuplicateCheck, nearDuplicateCheck } from './duplicates.ts';
import { extensionCheck, readStoredFile, unsupportedCheck } from './file-checks.ts';
import { idNumberCheck } from './id-checks.ts';
import { imageChecks } from './image/image-checks.ts';
import { ocrChecks } from './ocr/ocr-checks.ts';
import { OcrPool } from './ocr/pool.ts';
import { pdfChecks } from './pdf/checks.ts';
import { DEFAULT_POLICY, applyPolicy, summaryOf, verdictOf } from './policy.ts';
import type {
  Preflight,
  PreflightCheck,
  PreflightExtracted,
  PreflightInput,
  PreflightOptions,
  PreflightResult,
} from './types.ts';

export const DEFAULT_MAX_PIXELS = 50_000_000;

/** Kinds whose images are read by OCR when `ocr` is 'auto'. */
const AUTO_OCR_KINDS: ReadonlySet<DocumentKind> = new Set(['KTP', 'PASSPORT']);
/** Kinds that print the applicant's NIK/NPWP, where the declared numbers are checked (once per case). */
const DECLARED_NIK_KINDS: ReadonlySet<DocumentKind> = new Set(['KTP', 'KK', 'NPWP']);
const NEAR_MATCH_LIMIT = 10;

export function createPreflight(options: PreflightOptions): Preflight {
  const policy = options.policy ?? DEFAULT_POLICY;
  const maxPixels = options.maxPixels ?? DEFAULT_MAX_PIXELS;
  const ocrSetting = options.ocr ?? 'auto';
  const pool =
    ocrSetting === false
      ? null
      : new OcrPool({
          workers: options.ocrWorkers ?? 1,
          ...(options.ocrDataDir ? { dataDir: options.ocrDataDir } : {}),
        });
  const today = options.today ?? (() => new Date());

  // Loose files (documentId null) get negative ids for the near-duplicate store and are named by
  // their file name; without a findExact callback, exact duplicates are tracked for this session.
  const looseNames = new Map<number, string>();
  let nextLooseId = -1;
  const seenBytes = new Map<string, { documentId: number; label: string }>();
  const describe = (id: number): string =>
    looseNames.get(id) ?? options.describe?.(id) ?? `document #${id}`;

  async function run(input: PreflightInput): Promise<PreflightResult> {
    const checks: PreflightCheck[] = [];
    const extracted: PreflightExtracted = {};
    let pages: number | null = null;
    let needsPassword = false;
    try {
      const selfId = input.documentId ?? nextLooseId--;
      if (input.documentId === null) looseNames.set(selfId, path.basename(input.path));

      const found = options.findExact
        ? options.findExact(input.sha256, input.documentId)
        : (seenBytes.get(input.sha256) ?? null);
      // Checking the same document again (a re-run) is not a duplicate of itself.
      const earlier = found && found.documentId !== selfId ? found : null;
      checks.push(exactDuplicateCheck(earlier));
      if (!options.findExact && !seenBytes.has(input.sha256))
        seenBytes.set(input.sha256, { documentId: selfId, label: describe(selfId) });

      let facts: DocumentFacts | null = null;
      let documentNik: NikFacts | null = null;
      const read = await readStoredFile(input.path, input.size);
      if (!read.ok) {
        checks.push(read.check);
      } else {
        const ext = extensionCheck(input.path, input.mime);
        if (ext) checks.push(ext);
        if (input.mime.startsWith('image/')) {
          const img = await imageChecks(read.bytes, input.mime, input.kind, maxPixels);
          checks.push(...img.checks);
          if (img.decoded) pages = img.decoded.pages;
          if (img.hashes) {
            const matches = options.nearDuplicates
              .findNear(img.hashes, NEAR_MATCH_LIMIT + 1)
              .filter((m) => m.documentId !== selfId && m.documentId !== earlier?.documentId);
            checks.push(nearDuplicateCheck(matches, describe));
            options.nearDuplicates.add(selfId, img.hashes);
          }
          if (img.decoded && pool && (ocrSetting === true || AUTO_OCR_KINDS.has(input.kind))) {
            const ocr = await ocrChecks(pool, read.bytes, input.kind, maxPixels, today());
            checks.push(...ocr.checks);
            Object.assign(extracted, ocr.extracted);
            facts = ocr.facts;
            documentNik = nikFacts(ocr.nik?.parsed);
          }
        } else if (input.mime === 'application/pdf') {
          const pdf = await pdfChecks(read.bytes, input.kind, input.password ?? null, today());
          checks.push(...pdf.checks);
          pages = pdf.pages;
          needsPassword = pdf.needsPassword === true;
        } else {
          checks.push(unsupportedCheck(input.mime));
        }
      }

      let declaredNik: NikFacts | null = null;
      let declaredNpwpNik: string | null = null;
      const expected = input.expected;
      if (expected && DECLARED_NIK_KINDS.has(input.kind)) {
        if (expected.nik) {
          const r = idNumberCheck('nik', expected.nik, 'declared', { today: today(), minAge: 17 });
          checks.push(r.check);
          declaredNik = nikFacts(r.result.parsed);
        }
        if (expected.npwp && input.kind === 'NPWP') {
          const r = idNumberCheck('npwp', expected.npwp, 'declared', {
            today: today(),
            minAge: 17,
          });
          checks.push(r.check);
          if (r.result.parsed.format === 'nik') declaredNpwpNik = String(r.result.parsed.npwp);
        }
      }
      const match = dataMatchCheck({
        expected: DECLARED_NIK_KINDS.has(input.kind) || facts ? expected : null,
        document: facts,
        declaredNik,
        documentNik,
        declaredNpwpNik,
      });
      if (match) checks.push(match);
    } catch (err) {
      checks.push(
        makeCheck('OTHER', 'preflight', 'ERROR', {
          reasons: [
            reason(
              'CHECK_CRASHED',
              'WARNING',
              `CheckDesk could not finish checking this file (${err instanceof Error ? err.message : String(err)}); a person should look at it.`,
            ),
          ],
        }),
      );
    }
    applyPolicy(checks, policy);
    const verdict = verdictOf(checks);
    return {
      checks,
      verdict,
      summary: summaryOf(checks, verdict),
      pages,
      extracted,
      needsPassword,
    };
  }

  return {
    run,
    async close(): Promise<void> {
      await pool?.close();
    },
  };
}

function nikFacts(parsed: Record<string, unknown> | undefined): NikFacts | null {
  if (!parsed || typeof parsed.nik !== 'string') return null;
  const facts: NikFacts = { nik: parsed.nik };
  const g = normalizeGender(typeof parsed.gender === 'string' ? parsed.gender : null);
  if (g) facts.gender = g;
  if (typeof parsed.birthDate === 'string') facts.birthDate = parsed.birthDate;
  if (typeof parsed.provinceName === 'string') facts.provinceName = parsed.provinceName;
  return facts;
}
