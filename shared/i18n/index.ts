/**
 * Runtime-neutral label dictionaries (English / Bahasa Indonesia) for the UI and the reports.
 *
 * `label(lang, group, value)` never throws and never returns an empty string for a non-empty
 * value: an unknown value (a new vendor status, an engine event added later) is shown exactly as
 * stored, so nothing is ever hidden behind a missing translation.
 */
import {
  CHECK_OUTCOME_LABELS,
  CHECK_SOURCE_LABELS,
  CHECK_TYPE_LABELS,
  DECISION_LABELS,
  DOCUMENT_KIND_LABELS,
  ENTITY_LABELS,
  EVENT_LABELS,
  FILE_STATE_LABELS,
  INBOX_STATE_LABELS,
  PHASE_LABELS,
  PREFLIGHT_LABELS,
  PROVIDER_HEALTH_LABELS,
  REPORT_JOB_STATE_LABELS,
  REVIEW_ACTION_LABELS,
  REVIEW_STATE_LABELS,
  RUN_STATUS_LABELS,
  SEVERITY_LABELS,
  STAGE_LABELS,
  YES_NO_LABELS,
} from './enums.ts';
import { PROVIDER_WORDS_CODES, REASON_LABELS } from './reasons.ts';
import { REPORT_COLUMN_LABELS, REPORT_SHEET_LABELS, REPORT_VALUE_TYPE_LABELS } from './report.ts';
import type { Label, Lang } from './types.ts';

export const LABELS = {
  runStatus: RUN_STATUS_LABELS,
  decision: DECISION_LABELS,
  review: REVIEW_STATE_LABELS,
  checkType: CHECK_TYPE_LABELS,
  checkOutcome: CHECK_OUTCOME_LABELS,
  documentKind: DOCUMENT_KIND_LABELS,
  stage: STAGE_LABELS,
  fileState: FILE_STATE_LABELS,
  severity: SEVERITY_LABELS,
  checkSource: CHECK_SOURCE_LABELS,
  phase: PHASE_LABELS,
  preflight: PREFLIGHT_LABELS,
  reviewAction: REVIEW_ACTION_LABELS,
  providerHealth: PROVIDER_HEALTH_LABELS,
  inboxState: INBOX_STATE_LABELS,
  reportJobState: REPORT_JOB_STATE_LABELS,
  entity: ENTITY_LABELS,
  event: EVENT_LABELS,
  yesNo: YES_NO_LABELS,
  reason: REASON_LABELS,
  reportSheet: REPORT_SHEET_LABELS,
  reportColumn: REPORT_COLUMN_LABELS,
  reportValueType: REPORT_VALUE_TYPE_LABELS,
} as const satisfies Record<string, Readonly<Record<string, Label>>>;

export type LabelGroup = keyof typeof LABELS;

/** The known values of a group, e.g. `LabelValue<'decision'>` = 'APPROVED' | 'DECLINED' | … */
export type LabelValue<G extends LabelGroup> = Extract<keyof (typeof LABELS)[G], string>;

function lookup(group: LabelGroup, value: string): Label | undefined {
  const dict: Readonly<Record<string, Label>> = LABELS[group];
  return Object.prototype.hasOwnProperty.call(dict, value) ? dict[value] : undefined;
}

/** The label of `value` in `lang`; the raw value when the dictionary does not know it. */
export function label(lang: Lang, group: LabelGroup, value: string | null | undefined): string {
  if (value === null || value === undefined || value === '') return '';
  const found = lookup(group, value);
  return found ? found[lang] : value;
}

export function hasLabel(group: LabelGroup, value: string): boolean {
  return lookup(group, value) !== undefined;
}

/**
 * Plain-language text of a reason. English keeps the message that came with the reason (it is the
 * most specific, e.g. which digits of a NIK are wrong); Indonesian uses the translated text of the
 * code when there is one. Either falls back to the other, then to the code itself. Where the
 * message is the provider's own words (PROVIDER_WORDS_CODES), Indonesian shows the translated
 * text followed by those words.
 */
export function reasonText(lang: Lang, code: string, message?: string | null): string {
  const known = code ? lookup('reason', code) : undefined;
  const given = message?.trim() ?? '';
  if (lang === 'en') return given || known?.en || code;
  if (known && given && PROVIDER_WORDS_CODES.has(code))
    return `${known.id.replace(/[.:;\s]+$/, '')}: ${given}`;
  return known?.id || given || code;
}

/** A label for a yes/no flag. */
export function yesNo(lang: Lang, value: boolean): string {
  return YES_NO_LABELS[value ? 'yes' : 'no'][lang];
}

export { LANGS, isLang, type Label, type Lang } from './types.ts';
export type { ReportColumnKey, ReportValueType } from './report.ts';
