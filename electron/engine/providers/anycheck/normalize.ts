/**
 * Any AnyCheck payload → CanonicalVerification. Pure and total: odd input never throws, and
 * anything CheckDesk does not recognise asks for a person (REVIEW), never approves.
 *
 * Accepted shapes:
 * - a verification object (create / get / retry answers), current or older field names;
 * - a list answer `{total, overall_status, items}`: the GROUP's canonical verdict, see normalizeList;
 * - webhook bodies: current `{event: "verification.status_changed", timestamp, …}` (verification
 *   fields inline or under `data`/`verification`) and the older `{event: "verification.completed"
 *   | "verification.failed" | "verification.needs_review", verification_id, status, output, …}`;
 * - the legacy envelopes `{success: true, data: {…}}` and `{success: false, error: {code, message}}`.
 */
import {
  aggregateDecision,
  aggregateRunStatus,
  type CanonicalVerification,
  type Check,
  type Extracted,
  type Reason,
} from '../../../../shared/model.ts';
import { isSecretKey } from '../../../../shared/redact.ts';
import { asObj, num, type Obj } from '../kit/payload.ts';
import { dedupeReasons, reason } from '../kit/reasons.ts';
import { blankResult, vendorErrorResult } from '../kit/results.ts';
import { outputDecision, statusAxes, unknownValue, vendorToken } from './mapping.ts';
import {
  isServiceCode,
  SERVICE_PROFILES,
  serviceCodeFromName,
  type AnyCheckServiceCode,
} from './services.ts';

type Scalar = string | number | boolean | null;

const obj = asObj;
// AnyCheck's own readers differ on purpose from kit/payload.ts: values are kept untrimmed, 1/0
// count as booleans and keys are matched exactly, as the AnyCheck payloads have always been read.
const str = (v: unknown): string | null =>
  typeof v === 'string' && v.length > 0
    ? v
    : typeof v === 'number' && Number.isFinite(v)
      ? String(v)
      : null;
const bool = (v: unknown): boolean | null => {
  if (typeof v === 'boolean') return v;
  if (v === 'true' || v === 1) return true;
  if (v === 'false' || v === 0) return false;
  return null;
};
function first(o: Obj | null, keys: readonly string[]): unknown {
  if (!o) return undefined;
  for (const k of keys) if (o[k] !== undefined && o[k] !== null) return o[k];
  return undefined;
}

export function normalizeAnyCheck(payload: unknown): CanonicalVerification {
  try {
    return dispatch(payload, 0);
  } catch (err) {
    // Defensive only: every branch below is written not to throw.
    return unreadable(
      `CheckDesk could not read this AnyCheck payload (${err instanceof Error ? err.message : String(err)}).`,
    );
  }
}

function dispatch(payload: unknown, depth: number): CanonicalVerification {
  if (depth > 4) return unreadable('The AnyCheck payload is nested too deeply to read.');
  if (Array.isArray(payload)) return normalizeList({ items: payload });
  const o = obj(payload);
  if (!o) return unreadable('This is not an AnyCheck verification payload.');
  if (o.success === false || (obj(o.error) && o.id === undefined && o.status === undefined))
    return vendorError(o);
  if (o.success === true && (obj(o.data) || Array.isArray(o.data)))
    return dispatch(o.data, depth + 1);
  if (Array.isArray(o.items)) return normalizeList(o);
  if (typeof o.event === 'string') return normalizeWebhook(o, depth);
  if (typeof o.error_code === 'string' && o.id === undefined) return vendorError(o);
  return normalizeSingle(o);
}

function base(): CanonicalVerification {
  return {
    ...blankResult('anycheck', 'AWAITING_INPUT'),
    externalId: null,
    groupId: null,
    service: null,
    retryable: false,
    credits: null,
    environment: null,
  };
}

function unreadable(message: string): CanonicalVerification {
  return { ...base(), reasons: [reason('UNKNOWN_VENDOR_VALUE', message, 'WARNING')] };
}

/** An error body in place of a verification: nothing was verified. */
function vendorError(o: Obj): CanonicalVerification {
  const e = obj(o.error);
  const code = str(o.error_code) ?? str(e?.code) ?? null;
  const message = str(o.message) ?? str(e?.message) ?? 'AnyCheck answered with an error.';
  return {
    ...base(),
    ...vendorErrorResult('anycheck', `AnyCheck answered with an error: ${message}`, code),
    vendorStatus: code,
  };
}

function serviceOf(v: Obj): { code: AnyCheckServiceCode | null; label: string | null } {
  const s = obj(v.service);
  const explicit =
    str(s?.code) ?? str(v.service_code) ?? (typeof v.service === 'string' ? v.service : null);
  const name = str(s?.name) ?? str(v.service_name);
  const code =
    explicit && isServiceCode(explicit.toUpperCase())
      ? (explicit.toUpperCase() as AnyCheckServiceCode)
      : serviceCodeFromName(explicit ?? name);
  return { code, label: code ?? explicit ?? name };
}

/** Checks whose outcome carries a verdict (used when AnyCheck gives none, and for consistency). */
const VERDICT_TYPES = new Set<Check['type']>([
  'FACE_MATCH',
  'GOV_DB_LOOKUP',
  'DOC_AUTHENTICITY',
  'AML_SCREENING',
  'DATA_MATCH',
]);

function boolCheck(
  type: Check['type'],
  name: string,
  value: boolean,
  failReason: Reason,
  failOutcome: Check['outcome'] = 'FAIL',
): Check {
  return {
    type,
    name,
    outcome: value ? 'PASS' : failOutcome,
    reasons: value ? [] : [failReason],
    source: 'provider',
  };
}

function checksFrom(output: Obj | null, service: AnyCheckServiceCode | null): Check[] {
  if (!output) return [];
  const checks: Check[] = [];
  const match = bool(output.is_match_face);
  const score = num(output.face_match_confidence_score);
  const level = str(output.face_match_confidence_level);
  if (match !== null || score !== null || level !== null) {
    checks.push({
      type: 'FACE_MATCH',
      name: 'face_match',
      outcome: match === null ? 'INFO' : match ? 'PASS' : 'FAIL',
      // The raw scale is undocumented (2.28 was labelled LOW): keep it raw, with the vendor's level.
      score: {
        raw: score,
        scale: 'vendor-undocumented',
        normalized: null,
        threshold: null,
        direction: 'HIGHER_IS_BETTER',
        level: level ? level.toUpperCase() : null,
      },
      reasons:
        match === false
          ? [
              reason(
                'FACE_MISMATCH',
                'The selfie does not match the KTP photo.',
                'ERROR',
                'is_match_face',
              ),
            ]
          : [],
      source: 'provider',
    });
  }
  const nikValid = bool(first(output, ['is_valid_nik', 'is_nik_valid', 'nik_valid', 'valid_nik']));
  if (nikValid !== null) {
    const why = str(output.invalid_reason);
    checks.push(
      boolCheck(
        'GOV_DB_LOOKUP',
        'nik',
        nikValid,
        reason(
          'NIK_NOT_VERIFIED',
          `The NIK was not confirmed by the population registry${why ? ` (${why})` : ''}.`,
          'ERROR',
          why,
        ),
      ),
    );
  }
  const pep = bool(output.is_pep);
  if (pep !== null) {
    checks.push(
      boolCheck(
        'AML_SCREENING',
        'pep',
        !pep,
        reason('PEP_MATCH', 'The person may be a politically exposed person.', 'WARNING'),
        'REVIEW',
      ),
    );
  }
  const authentic = bool(
    first(output, ['is_authentic', 'is_document_authentic', 'is_valid_document']),
  );
  if (authentic !== null) {
    checks.push(
      boolCheck(
        'DOC_AUTHENTICITY',
        'document',
        authentic,
        reason('DOC_NOT_AUTHENTIC', 'AnyCheck could not confirm the document is genuine.', 'ERROR'),
      ),
    );
  }
  for (const [key, label] of [
    ['is_name_match', 'name'],
    ['is_birth_date_match', 'birth_date'],
    ['is_dob_match', 'birth_date'],
  ] as const) {
    const v = bool(output[key]);
    if (v !== null)
      checks.push(
        boolCheck(
          'DATA_MATCH',
          label,
          v,
          reason(
            'DATA_MISMATCH',
            `The ${label.replace('_', ' ')} does not match the registry.`,
            'ERROR',
          ),
        ),
      );
  }
  const indicators = Array.isArray(output.fraud_indicators)
    ? output.fraud_indicators.length
    : num(output.fraud_indicator_count);
  const fraudFlag = bool(first(output, ['is_fraud_detected', 'fraud_detected']));
  if (indicators !== null || fraudFlag !== null) {
    const suspicious = (indicators ?? 0) > 0 || fraudFlag === true;
    checks.push({
      type: 'FRAUD_SIGNALS',
      name: 'document_fraud',
      outcome: suspicious ? 'REVIEW' : 'PASS',
      reasons: suspicious
        ? [
            reason(
              'FRAUD_INDICATORS',
              `AnyCheck found ${indicators ?? 'some'} sign(s) of tampering.`,
              'WARNING',
            ),
          ]
        : [],
      source: 'provider',
      details: Array.isArray(output.fraud_indicators)
        ? { indicators: output.fraud_indicators.filter((x) => typeof x === 'string').slice(0, 20) }
        : undefined,
    });
  }
  if (service === 'BANK_STATEMENT_ANALYSIS' || service === 'FINANCIAL_STATEMENT_ANALYSIS') {
    checks.push({
      type: 'FINANCIAL_ANALYSIS',
      name: service === 'BANK_STATEMENT_ANALYSIS' ? 'bank_statement' : 'financial_statement',
      outcome: 'INFO',
      reasons: [],
      source: 'provider',
    });
  } else if (service === 'BPKB_VERIFICATION' || service === 'LAND_CERTIFICATE_VERIFICATION') {
    checks.push({
      type: 'DOC_OCR',
      name: 'extraction',
      outcome: 'INFO',
      reasons: [],
      source: 'provider',
    });
  }
  return checks;
}

/** Output fields as flat scalars for the per-service report sheet. */
export function flattenFields(
  value: unknown,
  prefix = '',
  out: Record<string, Scalar> = {},
  depth = 0,
): Record<string, Scalar> {
  const o = obj(value);
  if (!o || depth > 3) return out;
  for (const [k, v] of Object.entries(o)) {
    if (Object.keys(out).length >= 200) break;
    if (isSecretKey(k)) continue;
    const key = prefix ? `${prefix}.${k}` : k;
    if (v === null || typeof v === 'string' || typeof v === 'boolean') out[key] = v;
    else if (typeof v === 'number') out[key] = Number.isFinite(v) ? v : null;
    else if (Array.isArray(v)) {
      const scalars = v.every(
        (x) => x === null || ['string', 'number', 'boolean'].includes(typeof x),
      );
      const joined = scalars ? v.map((x) => String(x)).join('; ') : null;
      if (joined !== null && joined.length <= 500) out[key] = joined;
      else out[`${key}.count`] = v.length;
    } else if (obj(v)) flattenFields(v, key, out, depth + 1);
  }
  return out;
}

function isoDate(v: unknown): string | null {
  const s = str(v);
  if (!s) return null;
  let m = /^(\d{4})[-/](\d{2})[-/](\d{2})/.exec(s);
  if (m) return `${m[1]}-${m[2]}-${m[3]}`;
  m = /^(\d{2})[-/](\d{2})[-/](\d{4})$/.exec(s);
  if (m) return `${m[3]}-${m[2]}-${m[1]}`;
  return s;
}

function gender(v: unknown): string | null {
  const s = vendorToken(v);
  if (!s) return null;
  if (['M', 'MALE', 'L', 'LAKI_LAKI', 'PRIA'].includes(s)) return 'M';
  if (['F', 'FEMALE', 'P', 'PEREMPUAN', 'WANITA'].includes(s)) return 'F';
  return s;
}

/** Timestamps mix offsets (+07:00 and Z): stored as UTC ISO-8601 when parseable, verbatim otherwise. */
function isoTime(v: unknown): string | null {
  const s = str(v);
  if (!s) return null;
  const t = Date.parse(s);
  return Number.isNaN(t) ? s : new Date(t).toISOString();
}

function extractedFrom(v: Obj, output: Obj | null, service: AnyCheckServiceCode | null): Extracted {
  const input = obj(v.input_config) ?? obj(v.configuration);
  const fields = flattenFields(output);
  const verificationType = str(input?.verification_type);
  if (verificationType && fields.verification_type === undefined)
    fields.verification_type = verificationType;
  const extracted: Extracted = {};
  if (Object.keys(fields).length > 0) extracted.fields = fields;
  const person = {
    nik: str(first(output, ['nik', 'nomor_nik'])) ?? str(input?.nik),
    fullName: str(first(output, ['full_name', 'name', 'nama', 'account_holder', 'owner_name'])),
    birthDate: isoDate(first(output, ['birth_date', 'date_of_birth', 'tanggal_lahir', 'dob'])),
    gender: gender(first(output, ['gender', 'jenis_kelamin', 'sex'])),
  };
  if (Object.values(person).some((x) => x !== null)) extracted.person = person;
  const number =
    str(
      first(output, ['bpkb_number', 'certificate_number', 'account_number', 'document_number']),
    ) ?? (service === 'KTP_VERIFICATION' ? person.nik : null);
  if (service || number) {
    extracted.document = {
      type: service ? SERVICE_PROFILES[service].documentKind : null,
      number,
      issuingCountry: 'IDN',
      issueDate: isoDate(first(output, ['issue_date', 'issued_date'])),
      expiryDate: isoDate(first(output, ['expiry_date', 'valid_until'])),
    };
  }
  const address = str(first(output, ['address', 'alamat']));
  if (address) extracted.address = { full: address };
  return extracted;
}

function normalizeSingle(v: Obj): CanonicalVerification {
  const rawStatus = first(v, ['status', 'verification_status']);
  const axes = statusAxes(rawStatus);
  const output = obj(v.output);
  const { code: service, label } = serviceOf(v);
  const checks = checksFrom(output, service);
  let { decision, review, retryable } = axes;
  const reasons = [...axes.reasons];
  const outputStatusRaw = v.output_status;

  if (axes.runStatus === 'COMPLETED' && decision === 'NOT_APPLICABLE') {
    const verdictChecks = checks.filter((c) => VERDICT_TYPES.has(c.type) && c.outcome !== 'INFO');
    const failing = verdictChecks.filter((c) => c.outcome === 'FAIL' || c.outcome === 'REVIEW');
    if (outputStatusRaw === null || outputStatusRaw === undefined) {
      if (output && verdictChecks.length > 0) {
        // No verdict from AnyCheck although the output carries verdict-like checks (older payloads):
        // CheckDesk does not invent an approval.
        decision = 'REVIEW';
        reasons.push(
          reason(
            'NO_VENDOR_VERDICT',
            failing.length > 0
              ? `AnyCheck gave no verdict, and its ${failing[0]!.name ?? failing[0]!.type} check did not pass.`
              : 'AnyCheck completed without giving a verdict.',
            'WARNING',
          ),
        );
      }
    } else {
      const od = outputDecision(outputStatusRaw);
      decision = od.decision;
      reasons.push(...od.reasons);
      if (decision === 'APPROVED' && failing.length > 0) {
        // Seen in the vendor's own examples: VERIFIED next to is_match_face=false.
        decision = 'REVIEW';
        reasons.push(
          reason(
            'VENDOR_INCONSISTENT',
            `AnyCheck says VERIFIED but its ${failing[0]!.name ?? failing[0]!.type} check did not pass.`,
            'WARNING',
            'VERIFIED',
          ),
        );
      }
      if (decision === 'DECLINED' || decision === 'REVIEW')
        for (const c of failing) reasons.push(...c.reasons);
    }
  }
  if (axes.runStatus === 'FAILED' && output) {
    const code = str(first(output, ['error_code', 'code']));
    const message = str(first(output, ['error_message', 'message', 'error']));
    if (code || message)
      reasons.push(
        reason(
          'VENDOR_PROCESSING_FAILED',
          message ?? 'AnyCheck could not process the documents.',
          'ERROR',
          code,
          true,
        ),
      );
  }
  if (axes.runStatus === 'CANCELLED' && output && bool(output.fraud_confirmed) === true) {
    decision = 'DECLINED';
    retryable = false;
    reasons.length = 0;
    reasons.push(
      reason(
        'FRAUD_CONFIRMED',
        'A person confirmed the fraud suspicion; AnyCheck stopped the verification.',
        'ERROR',
        'FRAUD_DETECTED',
      ),
    );
  }
  if (decision === 'REVIEW') review = 'REQUIRED';

  return {
    ...base(),
    runStatus: axes.runStatus,
    decision,
    review,
    vendorStatus: typeof rawStatus === 'string' ? rawStatus : null,
    vendorDecision: typeof outputStatusRaw === 'string' ? outputStatusRaw : null,
    reasons: dedupeReasons(reasons),
    checks,
    extracted: extractedFrom(v, output, service),
    externalId: str(first(v, ['id', 'verification_id'])),
    groupId: str(v.result_id),
    service: label,
    retryable,
    credits: num(v.credit_used),
    timestamps: {
      created: isoTime(v.created_at),
      completed: isoTime(first(v, ['end_date', 'completed_at'])),
      updated: isoTime(first(v, ['updated_at', 'timestamp'])),
    },
  };
}

const LEGACY_EVENTS: Record<string, string> = {
  'VERIFICATION.COMPLETED': 'COMPLETED',
  'VERIFICATION.FAILED': 'FAILED',
  'VERIFICATION.NEEDS_REVIEW': 'NEED_REVIEW',
};

function normalizeWebhook(o: Obj, depth: number): CanonicalVerification {
  const inner = obj(o.data) ?? obj(o.verification);
  if (inner) {
    const merged: Obj = { ...inner };
    if (merged.status === undefined && o.status !== undefined) merged.status = o.status;
    return dispatch(merged, depth + 1);
  }
  const v: Obj = { ...o };
  if (v.id === undefined) v.id = o.verification_id;
  if (v.status === undefined) {
    const fromEvent = LEGACY_EVENTS[String(o.event).trim().toUpperCase()];
    if (fromEvent) v.status = fromEvent;
  }
  return normalizeSingle(v);
}

/**
 * A result group → one canonical verdict for the group: run status and decision aggregated from
 * the items (shared/model.ts rules, which replace AnyCheck's PARTIALLY_* values), the items'
 * reasons and checks (each check's details name its verification), credits summed, and
 * `extracted.fields` = {total, overall_status, item_count, item_ids (comma-separated)}. An
 * `overall_status` CheckDesk does not know adds UNKNOWN_VENDOR_VALUE and forces REVIEW.
 */
export function normalizeList(o: Obj): CanonicalVerification {
  const items = (Array.isArray(o.items) ? o.items : []).slice(0, 1000);
  const children = items.map((item) =>
    obj(item)
      ? normalizeSingle(item as Obj)
      : unreadable('A list item is not a verification object.'),
  );
  const ids = children.map((c) => c.externalId).filter((x): x is string => typeof x === 'string');
  const overall = o.overall_status;
  const overallToken = vendorToken(overall);
  const known =
    overallToken === null ||
    [
      'IN_QUEUE',
      'IN_PROGRESS',
      'COMPLETED',
      'PARTIALLY_COMPLETED',
      'FAILED',
      'PARTIALLY_FAILED',
      'CANCELLED',
      'FRAUD_DETECTED',
      'NEED_REVIEW',
      'DRAFT',
    ].includes(overallToken);
  const reasons: Reason[] = children.flatMap((c) => c.reasons);
  let decision = aggregateDecision(children.map((c) => c.decision));
  if (!known) {
    reasons.push(unknownValue('overall_status', overall));
    if (decision !== 'DECLINED') decision = 'REVIEW';
  }
  const groupId = str(o.result_id) ?? children.find((c) => c.groupId)?.groupId ?? null;
  const services = [...new Set(children.map((c) => c.service).filter((s): s is string => !!s))];
  const credits = children.reduce<number | null>(
    (sum, c) => (c.credits == null ? sum : (sum ?? 0) + c.credits),
    null,
  );
  const fields: Record<string, Scalar> = {
    total: num(o.total) ?? children.length,
    overall_status: typeof overall === 'string' ? overall : null,
    item_count: children.length,
    item_ids: ids.join(','),
  };
  return {
    ...base(),
    runStatus: aggregateRunStatus(children.map((c) => c.runStatus)),
    decision,
    review:
      decision === 'REVIEW' || children.some((c) => c.review === 'REQUIRED') ? 'REQUIRED' : 'NONE',
    vendorStatus: typeof overall === 'string' ? overall : null,
    vendorDecision: null,
    reasons: dedupeReasons(reasons),
    checks: children.flatMap((c) =>
      c.checks.map((check) => ({
        ...check,
        details: { ...check.details, verificationId: c.externalId },
      })),
    ),
    extracted: { fields },
    externalId: null,
    groupId,
    service: services.length === 1 ? services[0]! : null,
    retryable: children.some((c) => c.retryable),
    credits,
  };
}
