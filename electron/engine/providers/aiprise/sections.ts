/**
 * AiPrise result sections → canonical checks (providers.md §8.4). Every section carries the same
 * envelope (`result`, `status`, `warnings`, `status_reasons`): status PENDING / FAILED decide
 * first (PENDING / ERROR), then the result (APPROVED → PASS, DECLINED → FAIL, REVIEW → REVIEW,
 * UNKNOWN and the undocumented-but-seen FOUND → INFO). Anything else is REVIEW with a reason.
 */
import type { Check, CheckOutcome, CheckType, Reason, Score } from '../../../../shared/model.ts';
import { asArray, asObj, bool, enumValue, field, num, str, type Obj } from '../kit/payload.ts';
import { toAlpha3 } from './countries.ts';

export function unknownValue(what: string, value: string): Reason {
  return {
    code: 'UNKNOWN_VENDOR_VALUE',
    vendorCode: value === '' ? null : value,
    message:
      value === ''
        ? `AiPrise sent an empty ${what}; a person should check this result`
        : `AiPrise sent an undocumented ${what} "${value}"; a person should check this result`,
    severity: 'WARNING',
  };
}

/** Vendor warnings / reasons come as strings or as {code, message} objects. */
export function vendorNotes(list: unknown, code: string, severity: Reason['severity']): Reason[] {
  const out: Reason[] = [];
  for (const item of asArray(list)) {
    const text = str(item);
    if (text !== null) {
      out.push({ code, vendorCode: null, message: text, severity });
      continue;
    }
    const o = asObj(item);
    if (!o) continue;
    const vendorCode = str(field(o, 'code', 'type', 'name', 'key'));
    const message = str(field(o, 'message', 'description', 'title', 'detail')) ?? vendorCode;
    if (message !== null) out.push({ code, vendorCode, message, severity });
  }
  return out;
}

/** `status_reasons` codes with a canonical meaning; the rest keep their vendor code. */
const STATUS_REASON_CODES: Readonly<Record<string, string>> = {
  API_DATA_REQUIREMENTS_NOT_MET: 'INPUT_DATA_INVALID',
};

export function statusReasons(list: unknown, severity: Reason['severity']): Reason[] {
  return vendorNotes(list, 'VENDOR_FAILURE', severity).map((r) => {
    const canonical = r.vendorCode ? STATUS_REASON_CODES[r.vendorCode.toUpperCase()] : undefined;
    return canonical ? { ...r, code: canonical } : r;
  });
}

function sectionReasons(section: Obj): Reason[] {
  return [
    ...vendorNotes(field(section, 'warnings'), 'VENDOR_WARNING', 'WARNING'),
    ...statusReasons(field(section, 'status_reasons'), 'ERROR'),
  ];
}

export function sectionOutcome(section: Obj, what: string, reasons: Reason[]): CheckOutcome {
  const status = enumValue(field(section, 'status'));
  const result = enumValue(field(section, 'result'));
  if (status === 'PENDING') return 'PENDING';
  if (status === 'FAILED') return 'ERROR';
  if (status !== null && status !== 'COMPLETED')
    reasons.push(unknownValue(`${what} status`, status));
  switch (result) {
    case 'APPROVED':
      return 'PASS';
    case 'DECLINED':
      return 'FAIL';
    case 'REVIEW':
      return 'REVIEW';
    case 'UNKNOWN':
    case 'FOUND':
      return 'INFO';
    case null:
      // No verdict in the section: it carries data only.
      return 'INFO';
    default:
      reasons.push(unknownValue(`${what} result`, result));
      return 'REVIEW';
  }
}

/** Reason codes for a section AiPrise declined without saying why. */
const DECLINED_CODES: Partial<Record<CheckType, string>> = {
  FACE_MATCH: 'FACE_MISMATCH',
  LIVENESS: 'LIVENESS_FAILED',
  DOC_AUTHENTICITY: 'DOC_REJECTED',
  GOV_DB_LOOKUP: 'GOV_DB_MISMATCH',
  ADDRESS_PROOF: 'ADDRESS_PROOF_REJECTED',
  AML_SCREENING: 'AML_DECLINED',
  FRAUD_SIGNALS: 'FRAUD_SUSPECTED',
};

/** So the verification's reasons say which sections decided, even when the vendor gave no detail. */
function verdictReason(type: CheckType, name: string, outcome: CheckOutcome): Reason | null {
  if (outcome === 'FAIL')
    return {
      code: DECLINED_CODES[type] ?? 'CHECK_FAILED',
      vendorCode: 'DECLINED',
      message: `AiPrise declined ${name}`,
      severity: 'ERROR',
    };
  if (outcome === 'REVIEW')
    return {
      code: 'CHECK_NEEDS_REVIEW',
      vendorCode: 'REVIEW',
      message: `AiPrise asks for a manual review of ${name}`,
      severity: 'WARNING',
    };
  if (outcome === 'ERROR')
    return {
      code: 'CHECK_ERROR',
      vendorCode: 'FAILED',
      message: `AiPrise could not complete ${name}`,
      severity: 'WARNING',
    };
  return null;
}

function sectionCheck(
  type: CheckType,
  name: string,
  section: Obj,
  extra: { reasons?: Reason[]; score?: Score | null; details?: Record<string, unknown> } = {},
): Check {
  const reasons = sectionReasons(section);
  const outcome = sectionOutcome(section, name, reasons);
  if (reasons.length === 0 && (extra.reasons ?? []).length === 0) {
    const because = verdictReason(type, name, outcome);
    if (because) reasons.push(because);
  }
  const details = extra.details
    ? Object.fromEntries(
        Object.entries(extra.details).filter(([, v]) => v !== null && v !== undefined),
      )
    : undefined;
  return {
    type,
    name,
    outcome,
    ...(extra.score !== undefined ? { score: extra.score } : {}),
    reasons: [...reasons, ...(extra.reasons ?? [])],
    source: 'provider',
    ...(details && Object.keys(details).length > 0 ? { details } : {}),
  };
}

/** 0–100 vendor scores (face match, name match) → canonical score. */
export function percentScore(
  raw: number | null,
  direction: Score['direction'] = 'HIGHER_IS_BETTER',
): Score | null {
  if (raw === null) return null;
  return {
    raw,
    scale: '0-100',
    normalized: Math.min(1, Math.max(0, raw / 100)),
    threshold: null,
    direction,
  };
}

// --- id_info -----------------------------------------------------------------------------------

const IDENTITY_FIELDS = [
  'id_number',
  'personal_number',
  'first_name',
  'last_name',
  'full_name',
  'birth_date',
  'id_type',
];

function fieldInfoCheck(fieldInfo: Obj): Check | null {
  const reasons: Reason[] = [];
  const matched: Record<string, string[]> = {};
  const unmatched: Record<string, string[]> = {};
  for (const [name, value] of Object.entries(fieldInfo)) {
    const entry = asObj(value);
    const yes = asArray(field(entry, 'matched'))
      .map(str)
      .filter((s): s is string => s !== null);
    const no = asArray(field(entry, 'unmatched'))
      .map(str)
      .filter((s): s is string => s !== null);
    if (yes.length > 0) matched[name] = yes;
    if (no.length > 0) {
      unmatched[name] = no;
      reasons.push({
        code: 'FIELD_MISMATCH',
        vendorCode: name,
        message: `${name} does not match ${no.join(', ')}`,
        severity: 'WARNING',
      });
    }
  }
  if (Object.keys(matched).length === 0 && Object.keys(unmatched).length === 0) return null;
  // Sources disagreeing with the document need a person; the section result carries the verdict.
  const outcome: CheckOutcome = Object.keys(unmatched).length > 0 ? 'REVIEW' : 'PASS';
  return {
    type: 'DATA_MATCH',
    name: 'id_info.field_info',
    outcome,
    reasons,
    source: 'provider',
    details: { matched, unmatched },
  };
}

function idInfoChecks(idInfo: Obj, prefix: string): Check[] {
  const checks: Check[] = [
    sectionCheck('DOC_AUTHENTICITY', prefix, idInfo, {
      details: { id_type: str(field(idInfo, 'id_type')) },
    }),
  ];

  const status = enumValue(field(idInfo, 'status'));
  const extractedSomething = IDENTITY_FIELDS.some((k) => str(field(idInfo, k)) !== null);
  const ocrOutcome: CheckOutcome =
    status === 'PENDING'
      ? 'PENDING'
      : status === 'FAILED'
        ? 'ERROR'
        : extractedSomething
          ? 'PASS'
          : 'INFO';
  checks.push({
    type: 'DOC_OCR',
    name: `${prefix}.extracted`,
    outcome: ocrOutcome,
    reasons: [],
    source: 'provider',
  });

  const lookups = asArray(field(asObj(field(idInfo, 'lookup_details')), 'lookup_list'));
  lookups.forEach((item, i) => {
    const lookup = asObj(item);
    if (!lookup) return;
    const type = str(field(lookup, 'lookup_type'));
    checks.push(
      sectionCheck(
        'GOV_DB_LOOKUP',
        `${prefix}.lookup_list[${i}]${type ? `:${type}` : ''}`,
        lookup,
        {
          details: {
            lookup_source: str(field(lookup, 'lookup_source')),
            lookup_type: type,
            issuer_country: toAlpha3(field(lookup, 'issuer_country_code')),
          },
        },
      ),
    );
  });

  const fieldInfo = asObj(field(idInfo, 'field_info'));
  const match = fieldInfo ? fieldInfoCheck(fieldInfo) : null;
  if (match) checks.push(prefix === 'id_info' ? match : { ...match, name: `${prefix}.field_info` });
  return checks;
}

// --- aml_info ----------------------------------------------------------------------------------

const HIT_TYPES = new Set([
  'PEP',
  'SANCTION',
  'ADVERSE_MEDIA',
  'WARNING',
  'FITNESS_PROBITY',
  'CRIMINAL_RECORD',
  'LEGAL_BACKGROUND',
  'UNKNOWN',
]);

function amlCheck(aml: Obj): Check {
  const byType = new Map<string, { names: Set<string>; vendorValue: string }>();
  let bestName: number | null = null;
  const hits = asArray(field(aml, 'entity_hits'));
  for (const entity of hits) {
    const e = asObj(entity);
    if (!e) continue;
    const name = str(field(e, 'name')) ?? 'unnamed entity';
    const score = num(field(e, 'name_match_score'));
    if (score !== null) bestName = bestName === null ? score : Math.max(bestName, score);
    for (const hit of asArray(field(e, 'aml_hits'))) {
      const vendorValue = str(field(asObj(hit), 'hit_type')) ?? 'UNKNOWN';
      const type = HIT_TYPES.has(vendorValue.toUpperCase()) ? vendorValue.toUpperCase() : 'UNKNOWN';
      const entry = byType.get(type) ?? { names: new Set<string>(), vendorValue };
      entry.names.add(name);
      byType.set(type, entry);
    }
  }
  const reasons: Reason[] = [...byType.entries()].map(([type, { names, vendorValue }]) => ({
    code: `AML_${type}`,
    vendorCode: vendorValue,
    message: `Watch-list hit (${type.toLowerCase().replace(/_/g, ' ')}) for ${[...names].slice(0, 5).join(', ')}${names.size > 5 ? ` and ${names.size - 5} more` : ''}`,
    severity: 'WARNING' as const,
  }));
  const numHits = num(field(aml, 'num_hits'));
  if (reasons.length === 0 && numHits !== null && numHits > 0) {
    reasons.push({
      code: 'AML_HIT',
      vendorCode: null,
      message: `AiPrise reports ${numHits} watch-list hit(s) without details`,
      severity: 'WARNING',
    });
  }
  const criteria = asObj(field(aml, 'search_criteria'));
  return sectionCheck('AML_SCREENING', 'aml_info', aml, {
    reasons,
    // A closer name match is worse for the applicant.
    score: percentScore(bestName, 'LOWER_IS_BETTER'),
    details: {
      num_hits: numHits,
      fuzziness_score: num(field(criteria, 'fuzziness_score')),
      exact_match: bool(field(criteria, 'exact_match')),
    },
  });
}

// --- additional_info ---------------------------------------------------------------------------

/** Additional-info types that are numbers checked against a registry rather than documents. */
const REGISTRY_NUMBER_TYPES = new Set([
  'KENYA_KRA_PIN',
  'NIGERIA_BVN_NUMBER',
  'TAX_IDENTIFICATION_NUMBER',
]);

function indicatorReasons(data: Obj): Reason[] {
  return vendorNotes(field(data, 'risk_indicators'), 'DOC_RISK_INDICATOR', 'WARNING');
}

function additionalInfoChecks(list: unknown): Check[] {
  const checks: Check[] = [];
  asArray(list).forEach((item, i) => {
    const entry = asObj(item);
    if (!entry) return;
    const infoType = str(field(entry, 'additional_info_type'));
    const responseRaw = str(field(entry, 'additional_info_response_type'));
    const responseType = responseRaw?.toUpperCase() ?? null;
    const data = asObj(field(entry, 'data')) ?? {};
    const name = `additional_info[${i}]${infoType ? `:${infoType}` : ''}`;
    if (responseType === 'ID_INFO') {
      if (infoType && REGISTRY_NUMBER_TYPES.has(infoType.toUpperCase())) {
        checks.push(
          sectionCheck('GOV_DB_LOOKUP', name, data, {
            details: { additional_info_type: infoType },
          }),
        );
      } else {
        checks.push(...idInfoChecks(data, name));
      }
    } else if (responseType === 'ADDRESS_VERIFICATION') {
      const reasons = indicatorReasons(data);
      if (bool(field(data, 'name_match')) === false)
        reasons.push({
          code: 'NAME_MISMATCH',
          vendorCode: 'name_match',
          message: 'The name on the address document does not match',
          severity: 'WARNING',
        });
      if (bool(field(data, 'address_match')) === false)
        reasons.push({
          code: 'ADDRESS_MISMATCH',
          vendorCode: 'address_match',
          message: 'The address on the document does not match',
          severity: 'WARNING',
        });
      checks.push(
        sectionCheck('ADDRESS_PROOF', name, data, {
          reasons,
          details: {
            additional_info_type: infoType,
            document_type: str(field(data, 'document_type')),
            name_match: bool(field(data, 'name_match')),
            address_match: bool(field(data, 'address_match')),
          },
        }),
      );
    } else if (responseType === 'DOCUMENT_INSIGHTS') {
      checks.push(
        sectionCheck('DOC_AUTHENTICITY', name, data, {
          reasons: indicatorReasons(data),
          details: {
            additional_info_type: infoType,
            document_class_type: str(field(data, 'document_class_type')),
          },
        }),
      );
    } else {
      checks.push(
        sectionCheck('OTHER', name, data, {
          reasons: [unknownValue('additional_info_response_type', responseRaw ?? '')],
          details: { additional_info_type: infoType },
        }),
      );
    }
  });
  return checks;
}

// --- fraud_insights ----------------------------------------------------------------------------

function truthy(value: unknown): boolean {
  if (bool(value) === true) return true;
  return (
    typeof value === 'string' && ['Y', 'YES', 'TRUE', '1'].includes(value.trim().toUpperCase())
  );
}

function signal(code: string, message: string, severity: Reason['severity'] = 'WARNING'): Reason {
  return { code, vendorCode: null, message, severity };
}

function fraudChecks(fraud: Obj): Check[] {
  const checks: Check[] = [sectionCheck('FRAUD_SIGNALS', 'fraud_insights', fraud)];
  const ip = asObj(field(fraud, 'ip_insights'));
  if (ip) {
    const location = asObj(field(ip, 'location'));
    checks.push(
      sectionCheck('FRAUD_SIGNALS', 'fraud_insights.ip_insights', ip, {
        reasons: truthy(field(ip, 'vpn'))
          ? [signal('VPN_DETECTED', 'The applicant used a VPN or proxy')]
          : [],
        details: {
          country: toAlpha3(field(location, 'country_code')),
          isp: str(field(ip, 'internet_service_provider')),
        },
      }),
    );
  }
  const device = asObj(field(fraud, 'device_insights'));
  if (device) {
    const reasons: Reason[] = [];
    if (truthy(field(device, 'bot_status')))
      reasons.push(signal('BOT_DETECTED', 'The session looked automated (bot)'));
    if (truthy(field(device, 'incognito')))
      reasons.push(
        signal(
          'INCOGNITO_BROWSER',
          'The applicant used a private/incognito browser window',
          'INFO',
        ),
      );
    checks.push(
      sectionCheck('FRAUD_SIGNALS', 'fraud_insights.device_insights', device, {
        reasons,
        details: { os: str(field(device, 'os')), browser: str(field(device, 'browser_name')) },
      }),
    );
  }
  asArray(field(fraud, 'email_insights')).forEach((item, i) => {
    const email = asObj(item);
    if (!email) return;
    const domain = asObj(field(email, 'domain_info'));
    const reasons = truthy(field(domain, 'disposable'))
      ? [signal('DISPOSABLE_EMAIL', 'The e-mail address is from a disposable-address provider')]
      : [];
    checks.push(
      sectionCheck('FRAUD_SIGNALS', `fraud_insights.email_insights[${i}]`, email, {
        reasons,
        details: {
          is_breached: bool(field(email, 'is_breached')),
          no_of_breaches: num(field(email, 'no_of_breaches')),
        },
      }),
    );
  });
  asArray(field(fraud, 'phone_insights')).forEach((item, i) => {
    const phone = asObj(item);
    if (!phone) return;
    const reasons: Reason[] = [];
    if (truthy(field(phone, 'phone_disposable')))
      reasons.push(signal('DISPOSABLE_PHONE', 'The phone number is disposable'));
    if (bool(field(phone, 'phone_valid')) === false)
      reasons.push(signal('PHONE_INVALID', 'The phone number is not valid'));
    checks.push(
      sectionCheck('FRAUD_SIGNALS', `fraud_insights.phone_insights[${i}]`, phone, {
        reasons,
        details: {
          country: toAlpha3(field(phone, 'country')),
          phone_type: str(field(phone, 'phone_type')),
          carrier: str(field(phone, 'current_carrier')),
        },
      }),
    );
  });
  const geo = asObj(field(fraud, 'geolocation_insights'));
  if (geo) checks.push(sectionCheck('FRAUD_SIGNALS', 'fraud_insights.geolocation_insights', geo));
  return checks;
}

// --- all sections ------------------------------------------------------------------------------

export function sectionChecks(result: Obj): Check[] {
  const checks: Check[] = [];
  const idInfo = asObj(field(result, 'id_info'));
  if (idInfo) checks.push(...idInfoChecks(idInfo, 'id_info'));
  const face = asObj(field(result, 'face_match_info'));
  if (face)
    checks.push(
      sectionCheck('FACE_MATCH', 'face_match_info', face, {
        score: percentScore(num(field(face, 'face_match_score'))),
      }),
    );
  const liveness = asObj(field(result, 'face_liveness_info'));
  if (liveness)
    checks.push(
      sectionCheck('LIVENESS', 'face_liveness_info', liveness, {
        details: { source: str(field(liveness, 'source')) },
      }),
    );
  const aml = asObj(field(result, 'aml_info'));
  if (aml) checks.push(amlCheck(aml));
  checks.push(...additionalInfoChecks(field(result, 'additional_info')));
  const fraud = asObj(field(result, 'fraud_insights'));
  if (fraud) checks.push(...fraudChecks(fraud));
  return checks;
}
