/**
 * Any Colleckt payload → the canonical verification (providers.md §8.4). Accepts the verification
 * object (detail or list item, bare or wrapped in `{data: …}`), a list answer (its first entry),
 * webhook events (`{type, data}`) and error bodies. Pure and total: odd input gives a REVIEW
 * result with a reason, never an exception.
 */
import type {
  CanonicalVerification,
  Check,
  CheckOutcome,
  Extracted,
  Reason,
  ReviewState,
} from '../../../../shared/model.ts';
import { asArray, asObj, field, isoTime, type Obj, str, unwrapData } from '../kit/payload.ts';
import { dedupeReasons, reason, unknownValue } from '../kit/reasons.ts';
import { blankResult, unrecognizedResult, vendorErrorResult } from '../kit/results.ts';
import {
  CHECKS_BY_DOCUMENT,
  DECISION_STATUSES,
  DOCUMENT_OUTCOME,
  DOCUMENT_STATUS_LABELS,
  documentStatus,
  documentType,
  VERIFICATION_LABELS,
  VERIFICATION_MEANING,
  verificationStatus,
  type VerificationStatusCode,
} from './status.ts';

export interface HistoryEntry {
  at: string;
  from: VerificationStatusCode | null;
  to: VerificationStatusCode | null;
  fromRaw: string | null;
  toRaw: string | null;
  actor: string | null;
  comment: string | null;
}

function base(): CanonicalVerification {
  return blankResult('colleckt');
}

function unrecognized(message: string): CanonicalVerification {
  return unrecognizedResult('colleckt', message);
}

/** `status` may be a number, a label, or an object `{value, label}` in some API versions. */
function rawStatus(v: Obj, ...names: string[]): unknown {
  const value = field(v, ...names);
  const obj = asObj(value);
  if (obj) return field(obj, 'value', 'id', 'code') ?? field(obj, 'label', 'name');
  return value;
}

function statusOf(v: Obj): { code: VerificationStatusCode | null; raw: string | null } {
  const primary = rawStatus(v, 'status', 'status_code', 'status_id');
  const label = rawStatus(v, 'status_label', 'statusLabel');
  const code = verificationStatus(primary) ?? verificationStatus(label);
  return { code, raw: str(label) ?? str(primary) };
}

/** Words that mean "the pipeline did it", not a person. */
const SYSTEM_ACTORS = /^(system|automatic|automated|auto|pipeline|colleckt|api)$/i;

function actorOf(value: unknown): string | null {
  const obj = asObj(value);
  if (obj) return str(field(obj, 'name', 'full_name', 'email', 'username', 'id'));
  return str(value);
}

export function parseHistory(value: unknown): HistoryEntry[] {
  const out: HistoryEntry[] = [];
  for (const item of asArray(value)) {
    const h = asObj(item);
    if (!h) continue;
    const fromValue = rawStatus(h, 'previous_status', 'from_status', 'from', 'old_status');
    const toValue = rawStatus(h, 'new_status', 'to_status', 'to', 'status');
    const fromLabel = field(h, 'previous_status_label', 'from_status_label');
    const toLabel = field(h, 'new_status_label', 'to_status_label', 'status_label');
    const from = verificationStatus(fromValue) ?? verificationStatus(fromLabel);
    const to = verificationStatus(toValue) ?? verificationStatus(toLabel);
    const at = isoTime(field(h, 'created_at', 'timestamp', 'at', 'date')) ?? '';
    out.push({
      at,
      from,
      to,
      fromRaw: from !== null ? VERIFICATION_LABELS[from] : (str(fromLabel) ?? str(fromValue)),
      toRaw: to !== null ? VERIFICATION_LABELS[to] : (str(toLabel) ?? str(toValue)),
      actor: actorOf(field(h, 'user', 'causer', 'actor', 'user_name', 'performed_by')),
      comment: str(field(h, 'comment', 'reason', 'note')),
    });
  }
  // Oldest first whatever order the vendor used, so "the latest entry" means the same everywhere.
  return out.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
}

function lastEntryTo(
  history: readonly HistoryEntry[],
  status: VerificationStatusCode,
): HistoryEntry | null {
  for (let i = history.length - 1; i >= 0; i--) {
    if (history[i]!.to === status) return history[i]!;
  }
  return null;
}

function isManual(entry: HistoryEntry | null): boolean {
  return entry !== null && entry.actor !== null && !SYSTEM_ACTORS.test(entry.actor);
}

function resolvedReview(
  code: VerificationStatusCode,
  history: readonly HistoryEntry[],
): ReviewState {
  if (code === 3) return isManual(lastEntryTo(history, 3)) ? 'RESOLVED_APPROVED' : 'NONE';
  if (code === 4) return isManual(lastEntryTo(history, 4)) ? 'RESOLVED_DECLINED' : 'NONE';
  return VERIFICATION_MEANING[code].review;
}

/** The status a Hold came from: the history's answer, else an explicit field. */
function statusBeforeHold(v: Obj, history: readonly HistoryEntry[]): VerificationStatusCode | null {
  const entry = lastEntryTo(history, 8);
  if (entry?.from != null && entry.from !== 8) return entry.from;
  const explicit = verificationStatus(rawStatus(v, 'previous_status', 'status_before_hold'));
  return explicit !== null && explicit !== 8 ? explicit : null;
}

function lastDecisionStatus(history: readonly HistoryEntry[]): VerificationStatusCode | null {
  for (let i = history.length - 1; i >= 0; i--) {
    const to = history[i]!.to;
    if (to !== null && DECISION_STATUSES.includes(to)) return to;
  }
  return null;
}

function documentChecks(documents: unknown, reasons: Reason[]): Check[] {
  const checks: Check[] = [];
  for (const item of asArray(documents)) {
    const doc = asObj(item);
    if (!doc) continue;
    const typeRaw = field(doc, 'type', 'document_type', 'type_label', 'documentType');
    const type = documentType(typeRaw) ?? documentType(field(doc, 'type_label'));
    const statusRaw = rawStatus(doc, 'status', 'status_code');
    const statusLabel = field(doc, 'status_label', 'statusLabel');
    const status = documentStatus(statusRaw) ?? documentStatus(statusLabel);
    const vendorStatus =
      status !== null
        ? (DOCUMENT_STATUS_LABELS[status] ?? null)
        : (str(statusLabel) ?? str(statusRaw));
    const docReasons: Reason[] = [];
    let outcome: CheckOutcome;
    if (status === null) {
      outcome = 'REVIEW';
      docReasons.push(unknownValue('Colleckt document status', vendorStatus ?? 'missing'));
    } else {
      outcome = DOCUMENT_OUTCOME[status] ?? 'REVIEW';
    }
    const comment = str(field(doc, 'rejection_reason', 'reason', 'comment'));
    if (outcome === 'FAIL')
      docReasons.push(
        reason(
          'DOCUMENT_REJECTED',
          comment ?? 'Colleckt rejected this document.',
          'ERROR',
          vendorStatus,
        ),
      );
    if (outcome === 'REVIEW' && status !== null) {
      docReasons.push(
        reason(
          'DOCUMENT_NEEDS_REVIEW',
          comment ?? 'Colleckt asks a person to double-check this document.',
          'WARNING',
          vendorStatus,
        ),
      );
    }
    const details: Record<string, unknown> = {
      documentId: str(field(doc, 'id', 'document_id')),
      vendorStatus,
    };
    if (type === null) {
      const label = str(typeRaw) ?? 'missing';
      docReasons.push(unknownValue('Colleckt document type', label));
      checks.push({
        type: 'OTHER',
        name: `document:${label}`,
        outcome: outcome === 'PASS' ? 'REVIEW' : outcome,
        reasons: docReasons,
        source: 'provider',
        details,
      });
    } else {
      for (const checkType of CHECKS_BY_DOCUMENT[type]) {
        checks.push({
          type: checkType,
          name: type,
          outcome,
          reasons: docReasons,
          source: 'provider',
          details,
        });
      }
    }
    reasons.push(...docReasons);
  }
  return checks;
}

function extractedFrom(v: Obj): Extracted {
  const extracted: Extracted = {};
  const fields: Record<string, string | number | boolean | null> = {};
  for (const item of asArray(field(v, 'documents'))) {
    const doc = asObj(item);
    if (!doc) continue;
    const data = asObj(field(doc, 'extracted_data', 'extracted', 'ocr_data', 'extraction'));
    if (!data) continue;
    const type = documentType(field(doc, 'type', 'document_type', 'type_label'));
    const person = asObj(field(data, 'person')) ?? data;
    const given = str(field(person, 'first_name', 'given_name'));
    const family = str(field(person, 'last_name', 'family_name', 'surname'));
    const full =
      str(field(person, 'full_name', 'name')) ??
      ([given, family].filter(Boolean).join(' ') || null);
    const birthDate = str(field(person, 'date_of_birth', 'dob', 'birth_date'));
    if (type !== 'proof_of_address' && (given || family || full || birthDate)) {
      extracted.person = { fullName: full, givenName: given, familyName: family, birthDate };
    }
    const docData = asObj(field(data, 'document')) ?? data;
    const number = str(field(docData, 'document_number', 'number', 'id_number'));
    if (type === 'photo_id' && number) {
      extracted.document = {
        type: str(field(docData, 'document_type', 'type')),
        number,
        issuingCountry: str(field(docData, 'country', 'issuing_country')),
        issueDate: str(field(docData, 'issue_date', 'issued_at')),
        expiryDate: str(field(docData, 'expiry_date', 'expiration_date', 'expires_at')),
      };
    }
    const address = asObj(field(data, 'address'));
    if (address) {
      const street = str(field(address, 'street', 'line1', 'address_line_1'));
      const city = str(field(address, 'city'));
      const region = str(field(address, 'state', 'region', 'province'));
      const postalCode = str(field(address, 'postal_code', 'zip', 'postcode'));
      const country = str(field(address, 'country'));
      extracted.address = {
        full:
          str(field(address, 'full', 'full_address')) ??
          ([street, city, region, postalCode, country].filter(Boolean).join(', ') || null),
        street,
        city,
        region,
        postalCode,
        country,
      };
    }
  }
  const reference = str(field(v, 'vendor_reference'));
  if (reference) fields['vendor_reference'] = reference;
  const flow = str(field(v, 'flow'));
  if (flow) fields['flow'] = flow;
  const submittedAt = isoTime(field(v, 'submitted_at'));
  if (submittedAt) fields['submitted_at'] = submittedAt;
  if (Object.keys(fields).length > 0) extracted.fields = fields;
  return extracted;
}

const FINAL: readonly VerificationStatusCode[] = [3, 4, 6, 7];

export function normalizeVerification(v: Obj): CanonicalVerification {
  const out = base();
  const { code, raw } = statusOf(v);
  const history = parseHistory(field(v, 'history'));
  const reasons: Reason[] = [];
  out.externalId = str(field(v, 'id', 'verification_id'));
  out.service = str(field(v, 'flow'));
  const url = str(field(v, 'url'));
  out.environment = url && /-sandbox\./i.test(url) ? 'SANDBOX' : null;
  out.checks = documentChecks(field(v, 'documents'), reasons);

  if (code === null) {
    out.vendorStatus = raw;
    reasons.push(
      raw === null
        ? reason(
            'STATUS_MISSING',
            'The Colleckt payload carries no verification status.',
            'WARNING',
          )
        : unknownValue('Colleckt verification status', raw),
    );
  } else {
    const meaning = VERIFICATION_MEANING[code];
    out.vendorStatus = VERIFICATION_LABELS[code];
    out.runStatus = meaning.runStatus;
    out.decision = meaning.decision;
    out.review = resolvedReview(code, history);
    if (DECISION_STATUSES.includes(code)) out.vendorDecision = VERIFICATION_LABELS[code];

    if (code === 8) {
      // Hold pauses; it does not undo a verdict already reached.
      const before = statusBeforeHold(v, history);
      if (before !== null) {
        out.decision = VERIFICATION_MEANING[before].decision;
        out.review = resolvedReview(before, history);
        if (DECISION_STATUSES.includes(before)) out.vendorDecision = VERIFICATION_LABELS[before];
      }
      reasons.push(reason('ON_HOLD', 'The verification is on hold at Colleckt.', 'INFO'));
    } else if (code === 7) {
      const last = lastDecisionStatus(history);
      if (last !== null) out.vendorDecision = VERIFICATION_LABELS[last];
      reasons.push(reason('CANCELLED', 'The verification was canceled at Colleckt.', 'INFO'));
    } else if (code === 6) {
      reasons.push(
        reason(
          'EXPIRED',
          'The verification expired at Colleckt before it was completed.',
          'WARNING',
        ),
      );
    } else if (code === 4) {
      const entry = lastEntryTo(history, 4);
      reasons.push(
        reason(
          'VENDOR_REJECTED',
          entry?.comment ?? 'Colleckt rejected the verification.',
          'ERROR',
          'Rejected',
        ),
      );
    } else if (code === 5) {
      reasons.push(
        reason(
          'MANUAL_REVIEW_REQUIRED',
          'Colleckt flagged the verification for a double check.',
          'WARNING',
          'Double Check',
        ),
      );
    }
  }

  // An unknown value anywhere means nobody may rely on an automatic approval.
  if (out.decision === 'APPROVED' && reasons.some((r) => r.code === 'UNKNOWN_VENDOR_VALUE')) {
    out.decision = 'REVIEW';
    out.review = 'REQUIRED';
  }
  out.reasons = dedupeReasons(reasons);
  out.extracted = extractedFrom(v);
  const finalEntry = code !== null && FINAL.includes(code) ? lastEntryTo(history, code) : null;
  out.timestamps = {
    created: isoTime(field(v, 'created_at')),
    updated: isoTime(field(v, 'updated_at')),
    completed:
      finalEntry?.at ||
      (code !== null && FINAL.includes(code) ? isoTime(field(v, 'updated_at')) : null),
  };
  return out;
}

function webhookVerification(type: string, data: Obj): Obj | null {
  const common: Obj = {
    id: field(data, 'verification_id', 'id'),
    vendor_reference: field(data, 'vendor_reference'),
    updated_at: field(data, 'timestamp'),
  };
  switch (type) {
    case 'verification.started':
      return { ...common, status: 1 };
    case 'verification.submitted':
      return { ...common, status: 2 };
    case 'verification.finished':
      return { ...common, status: field(data, 'status') ?? null };
    case 'verification.canceled':
    case 'verification.cancelled':
      return { ...common, status: 7 };
    case 'document.uploaded':
    case 'document.canceled':
    case 'document.cancelled':
      // Documents are uploaded (or withdrawn) while the verification waits for them.
      return {
        ...common,
        status: 1,
        documents: [
          {
            id: field(data, 'document_id'),
            type: field(data, 'document_type'),
            status: type === 'document.uploaded' ? 1 : 6,
          },
        ],
      };
    default:
      return null;
  }
}

function normalizeDecisionEvent(type: string, data: Obj): CanonicalVerification {
  const out = base();
  out.externalId = str(field(data, 'verification_id'));
  out.runStatus = 'PROCESSING';
  out.decision = 'PENDING';
  out.review = 'NONE';
  out.vendorStatus = type;
  if (type === 'decision.made') {
    const raw = str(field(data, 'status'));
    const status = documentStatus(raw);
    const outcome: CheckOutcome =
      status === null ? 'REVIEW' : (DOCUMENT_OUTCOME[status] ?? 'REVIEW');
    const reasons =
      status === null ? [unknownValue('Colleckt decision status', raw ?? 'missing')] : [];
    out.vendorDecision = raw;
    out.checks = [
      {
        type: 'OTHER',
        name: `document:${str(field(data, 'document_id')) ?? 'unknown'}`,
        outcome,
        reasons,
        source: 'provider',
        details: { decisionId: str(field(data, 'decision_id')) },
      },
    ];
    out.reasons = reasons;
  }
  out.timestamps = { updated: isoTime(field(data, 'timestamp')) };
  return out;
}

function isErrorBody(obj: Obj): boolean {
  const hasStatus =
    field(obj, 'status', 'status_label') !== undefined || field(obj, 'id') !== undefined;
  return (
    !hasStatus &&
    (str(field(obj, 'message', 'error')) !== null || asObj(field(obj, 'errors')) !== null)
  );
}

function normalizeError(obj: Obj): CanonicalVerification {
  const message = str(field(obj, 'message', 'error')) ?? 'Colleckt answered with an error.';
  return vendorErrorResult('colleckt', message, str(field(obj, 'code', 'error_code')));
}

export function normalizeColleckt(payload: unknown): CanonicalVerification {
  try {
    let value = payload;
    if (Array.isArray(value)) value = value[0];
    let obj = asObj(value);
    if (!obj) return unrecognized('The payload is not a Colleckt JSON object.');

    const eventType = str(field(obj, 'type', 'event'))?.toLowerCase() ?? null;
    const eventData = asObj(field(obj, 'data'));
    if (eventType && eventData && /^(verification|document|decision)\./.test(eventType)) {
      if (eventType.startsWith('decision.')) return normalizeDecisionEvent(eventType, eventData);
      const pseudo = webhookVerification(eventType, eventData);
      if (!pseudo) {
        return {
          ...base(),
          vendorStatus: eventType,
          reasons: [unknownValue('Colleckt webhook event', eventType)],
        };
      }
      return normalizeVerification(pseudo);
    }

    const list = field(obj, 'data');
    if (Array.isArray(list)) {
      const first = asObj(list[0]);
      if (!first) return unrecognized('The Colleckt list is empty.');
      obj = first;
    }
    obj = asObj(unwrapData(obj)) ?? obj;
    if (isErrorBody(obj)) return normalizeError(obj);
    return normalizeVerification(obj);
  } catch {
    return unrecognized('The Colleckt payload could not be read.');
  }
}

/** History in the engine's shape (labels as from/to). */
export function snapshotHistory(
  entries: readonly HistoryEntry[],
): { at: string; from: string | null; to: string; actor: string | null; comment: string | null }[] {
  return entries
    .filter((e) => e.toRaw !== null && e.at !== '')
    .map((e) => ({ at: e.at, from: e.fromRaw, to: e.toRaw!, actor: e.actor, comment: e.comment }));
}

/** Whether the vendor reports the verification as ever having been submitted (so billed). */
export function wasSubmitted(v: Obj): boolean {
  if (str(field(v, 'submitted_at')) !== null) return true;
  const { code } = statusOf(v);
  if (code !== null && code >= 2 && code <= 5) return true;
  return parseHistory(field(v, 'history')).some((h) => h.to === 2);
}
