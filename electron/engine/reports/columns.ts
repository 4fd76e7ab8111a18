/**
 * The report's schema: every column of every sheet, declared before any row is written (a
 * streamed sheet's widths and formats are fixed by its first row). A column yields the raw value
 * of a row; render.ts turns it into a typed, localised, safe cell and into its JSON value.
 */
import {
  hasLabel,
  label,
  type Lang,
  type LabelGroup,
  type ReportColumnKey,
  type ReportValueType,
} from '../../../shared/i18n/index.ts';
import type {
  ReportCaseRecord,
  ReportCheckRecord,
  ReportDocumentRef,
  ReportEventRecord,
  ReportVerificationRecord,
} from '../ledger/report-queries.ts';
import { isSecretKey } from '../../../shared/redact.ts';
import { baseName } from './cells.ts';

export type ColumnKind =
  | 'text'
  | 'code'
  | 'status'
  | 'integer'
  | 'decimal'
  | 'credits'
  | 'datetime'
  | 'date'
  | 'link'
  | 'yesno'
  | 'list'
  | 'reasons'
  | 'value';

/** A stored file to link to: its path inside the data folder and the name it arrived with. */
export interface LinkRef {
  storePath: string;
  fileName: string;
}

export interface Column<R> {
  /** Stable machine key (Fields sheet, JSON); never translated. */
  key: string;
  header: string;
  kind: ColumnKind;
  width: number;
  get(row: R): unknown;
  /** Labels for 'status' and 'list' values; absent = shown as stored. */
  labelOf?: (lang: Lang, code: string) => string;
  /** Colour 'status' cells by their value (decisions, outcomes, review states). */
  toned?: boolean;
  /** For 'value' columns: the provider's field name (decides identifier vs number). */
  fieldName?: string;
}

const DEFAULT_WIDTH: Record<ColumnKind, number> = {
  text: 26,
  code: 20,
  status: 18,
  integer: 10,
  decimal: 10,
  credits: 11,
  datetime: 18,
  date: 13,
  link: 26,
  yesno: 9,
  list: 24,
  reasons: 46,
  value: 18,
};

export const VALUE_TYPE: Record<ColumnKind, ReportValueType> = {
  text: 'text',
  code: 'code',
  status: 'status',
  integer: 'integer',
  decimal: 'number',
  credits: 'number',
  datetime: 'datetime',
  date: 'date',
  link: 'link',
  yesno: 'yesno',
  list: 'list',
  reasons: 'text',
  value: 'value',
};

function widthFor(kind: ColumnKind, header: string): number {
  return Math.min(Math.max(DEFAULT_WIDTH[kind], header.length + 3), 48);
}

function byGroup(group: LabelGroup): (lang: Lang, code: string) => string {
  return (lang, code) => label(lang, group, code);
}

/** State names in history rows come from several vocabularies; the first that knows one wins. */
const STATE_GROUPS: readonly LabelGroup[] = [
  'stage',
  'runStatus',
  'decision',
  'review',
  'phase',
  'fileState',
  'preflight',
  'checkOutcome',
];
export function stateLabel(lang: Lang, code: string): string {
  for (const group of STATE_GROUPS) if (hasLabel(group, code)) return label(lang, group, code);
  return code;
}

function eventLabel(lang: Lang, code: string): string {
  return hasLabel('event', code) ? label(lang, 'event', code) : label(lang, 'reviewAction', code);
}

type Extra<R> = Partial<Pick<Column<R>, 'labelOf' | 'toned' | 'fieldName'>>;

/** A column builder for one sheet's rows: headers in `lang`, widths from kind and header. */
function columnMaker<R>(lang: Lang) {
  return (
    key: ReportColumnKey,
    kind: ColumnKind,
    get: (row: R) => unknown,
    extra: Extra<R> = {},
  ): Column<R> => {
    const header = label(lang, 'reportColumn', key);
    return { key, header, kind, width: widthFor(kind, header), get, ...extra };
  };
}

function fileNames(docs: readonly ReportDocumentRef[]): string[] {
  return docs.map((d) => (d.relPath ? baseName(d.relPath) : baseName(d.storePath)));
}

function firstLink(docs: readonly ReportDocumentRef[]): LinkRef | null {
  const d = docs[0];
  if (!d) return null;
  return {
    storePath: d.storePath,
    fileName: d.relPath ? baseName(d.relPath) : baseName(d.storePath),
  };
}

export function summaryColumns(lang: Lang): Column<ReportCaseRecord>[] {
  const c = columnMaker<ReportCaseRecord>(lang);
  return [
    c('summary.case_id', 'code', (r) => r.caseKey),
    c('summary.applicant', 'text', (r) => r.applicant),
    c('summary.nik', 'code', (r) => r.nik),
    c('summary.loan_id', 'code', (r) => r.loanId),
    c('summary.inbox', 'text', (r) => r.inboxLabel || r.inboxPath),
    c('summary.documents', 'integer', (r) => r.documents),
    c('summary.document_kinds', 'list', (r) => r.documentKinds, {
      labelOf: byGroup('documentKind'),
    }),
    c('summary.verifications', 'integer', (r) => r.verifications),
    c('summary.stage', 'status', (r) => r.stage, { labelOf: byGroup('stage'), toned: true }),
    c('summary.run_status', 'status', (r) => r.runStatus, {
      labelOf: byGroup('runStatus'),
      toned: true,
    }),
    c('summary.decision', 'status', (r) => r.decision, {
      labelOf: byGroup('decision'),
      toned: true,
    }),
    c('summary.review', 'status', (r) => r.review, { labelOf: byGroup('review'), toned: true }),
    c('summary.open_issues', 'integer', (r) => r.openIssues),
    c('summary.credits', 'credits', (r) => r.credits),
    c('summary.assignee', 'text', (r) => r.assignee),
    c('summary.created_at', 'datetime', (r) => r.createdAt),
    c('summary.updated_at', 'datetime', (r) => r.updatedAt),
  ];
}

/**
 * Person / document / address values of the canonical result. Each becomes a column of a service
 * sheet only when at least one of its rows holds a value (a bank-statement sheet has no birth date).
 */
export const EXTRACTED_COLUMNS: readonly {
  path: string;
  key: ReportColumnKey;
  kind: ColumnKind;
  pick: (r: ReportVerificationRecord) => unknown;
}[] = [
  {
    path: '$.extracted.person.fullName',
    key: 'service.person.full_name',
    kind: 'text',
    pick: (r) => r.extracted.person?.fullName,
  },
  {
    path: '$.extracted.person.givenName',
    key: 'service.person.given_name',
    kind: 'text',
    pick: (r) => r.extracted.person?.givenName,
  },
  {
    path: '$.extracted.person.familyName',
    key: 'service.person.family_name',
    kind: 'text',
    pick: (r) => r.extracted.person?.familyName,
  },
  {
    path: '$.extracted.person.nik',
    key: 'service.person.nik',
    kind: 'code',
    pick: (r) => r.extracted.person?.nik,
  },
  {
    path: '$.extracted.person.birthDate',
    key: 'service.person.birth_date',
    kind: 'date',
    pick: (r) => r.extracted.person?.birthDate,
  },
  {
    path: '$.extracted.person.gender',
    key: 'service.person.gender',
    kind: 'text',
    pick: (r) => r.extracted.person?.gender,
  },
  {
    path: '$.extracted.document.type',
    key: 'service.document.type',
    kind: 'text',
    pick: (r) => r.extracted.document?.type,
  },
  {
    path: '$.extracted.document.number',
    key: 'service.document.number',
    kind: 'code',
    pick: (r) => r.extracted.document?.number,
  },
  {
    path: '$.extracted.document.issuingCountry',
    key: 'service.document.issuing_country',
    kind: 'text',
    pick: (r) => r.extracted.document?.issuingCountry,
  },
  {
    path: '$.extracted.document.issueDate',
    key: 'service.document.issue_date',
    kind: 'date',
    pick: (r) => r.extracted.document?.issueDate,
  },
  {
    path: '$.extracted.document.expiryDate',
    key: 'service.document.expiry_date',
    kind: 'date',
    pick: (r) => r.extracted.document?.expiryDate,
  },
  {
    path: '$.extracted.address.full',
    key: 'service.address.full',
    kind: 'text',
    pick: (r) => r.extracted.address?.full,
  },
  {
    path: '$.extracted.address.street',
    key: 'service.address.street',
    kind: 'text',
    pick: (r) => r.extracted.address?.street,
  },
  {
    path: '$.extracted.address.city',
    key: 'service.address.city',
    kind: 'text',
    pick: (r) => r.extracted.address?.city,
  },
  {
    path: '$.extracted.address.region',
    key: 'service.address.region',
    kind: 'text',
    pick: (r) => r.extracted.address?.region,
  },
  {
    path: '$.extracted.address.postalCode',
    key: 'service.address.postal_code',
    kind: 'code',
    pick: (r) => r.extracted.address?.postalCode,
  },
  {
    path: '$.extracted.address.country',
    key: 'service.address.country',
    kind: 'text',
    pick: (r) => r.extracted.address?.country,
  },
];

export function serviceColumns(
  lang: Lang,
  presentPaths: readonly string[],
  fieldKeys: readonly string[],
): Column<ReportVerificationRecord>[] {
  type R = ReportVerificationRecord;
  const c = columnMaker<R>(lang);
  const fixed: Column<R>[] = [
    c('service.case_id', 'code', (r) => r.caseKey),
    c('service.applicant', 'text', (r) => r.applicant),
    c('service.provider', 'text', (r) => r.provider),
    c('service.service', 'text', (r) => r.service),
    c('service.external_id', 'code', (r) => r.externalId),
    c('service.external_group', 'code', (r) => r.externalGroup),
    c('service.run_status', 'status', (r) => r.runStatus, {
      labelOf: byGroup('runStatus'),
      toned: true,
    }),
    c('service.decision', 'status', (r) => r.decision, {
      labelOf: byGroup('decision'),
      toned: true,
    }),
    c('service.review', 'status', (r) => r.review, { labelOf: byGroup('review'), toned: true }),
    c('service.reviewer', 'text', (r) => r.reviewer),
    c('service.review_reason', 'text', (r) => r.reviewReason),
    c('service.reasons', 'reasons', (r) => r.reasons),
    c('service.reason_codes', 'list', (r) => r.reasons.map((x) => x.code)),
    c('service.note', 'text', (r) => r.phaseReason),
    c('service.vendor_status', 'text', (r) => r.vendorStatus),
    c('service.vendor_decision', 'text', (r) => r.vendorDecision),
    c('service.credits', 'credits', (r) => r.credits),
    c('service.attempts', 'integer', (r) => r.attempts),
    c('service.submitted_at', 'datetime', (r) => r.submittedAt),
    c('service.completed_at', 'datetime', (r) => r.completedAt),
    c('service.documents', 'list', (r) => fileNames(r.documents)),
    c('service.document_link', 'link', (r) => firstLink(r.documents)),
    c('service.superseded', 'yesno', (r) => r.supersededBy !== null),
  ];
  const present = new Set(presentPaths);
  const extracted = EXTRACTED_COLUMNS.filter((e) => present.has(e.path)).map((e) =>
    c(e.key, e.kind, e.pick),
  );
  // A field named like a credential (api_key, token, …) is dropped: secrets never reach a report.
  const fields = fieldKeys
    .filter((name) => !isSecretKey(name))
    .map((name): Column<R> => {
      // A provider's own field name is its header: it is what the provider's documentation calls it.
      const header = name;
      return {
        key: `service.field.${name}`,
        header,
        kind: 'value',
        width: widthFor('value', header),
        get: (r) => r.extracted.fields?.[name],
        fieldName: name,
      };
    });
  return [...fixed, ...extracted, ...fields];
}

/**
 * Checks name their document but do not link it: the service sheets carry the links, and a
 * formula per check row (several per verification) would make up a third of a large workbook.
 */
export function checkColumns(lang: Lang): Column<ReportCheckRecord>[] {
  type R = ReportCheckRecord;
  const c = columnMaker<R>(lang);
  return [
    c('checks.case_id', 'code', (r) => r.caseKey),
    c('checks.source', 'status', (r) => r.source, { labelOf: byGroup('checkSource') }),
    c('checks.type', 'status', (r) => r.type, { labelOf: byGroup('checkType') }),
    c('checks.name', 'text', (r) => r.name),
    c('checks.outcome', 'status', (r) => r.outcome, {
      labelOf: byGroup('checkOutcome'),
      toned: true,
    }),
    c('checks.blocking', 'yesno', (r) => r.blocking),
    c('checks.score', 'decimal', (r) => r.score?.raw ?? null),
    c('checks.score_scale', 'text', (r) => r.score?.scale ?? null),
    c('checks.score_threshold', 'decimal', (r) => r.score?.threshold ?? null),
    c('checks.score_level', 'text', (r) => r.score?.level ?? null),
    c('checks.reasons', 'reasons', (r) => r.reasons),
    c('checks.reason_codes', 'list', (r) => r.reasons.map((x) => x.code)),
    c('checks.document', 'list', (r) => fileNames(r.documents)),
    c('checks.document_kind', 'list', (r) => [...new Set(r.documents.map((d) => d.kind))], {
      labelOf: byGroup('documentKind'),
    }),
    c('checks.verification', 'text', (r) =>
      r.provider ? `${r.provider} ${r.service ?? ''}`.trim() : null,
    ),
    c('checks.external_id', 'code', (r) => r.externalId),
    c('checks.checked_at', 'datetime', (r) => r.createdAt),
  ];
}

export function historyColumns(lang: Lang): Column<ReportEventRecord>[] {
  type R = ReportEventRecord;
  const c = columnMaker<R>(lang);
  return [
    c('history.at', 'datetime', (r) => r.at),
    c('history.case_id', 'code', (r) => r.caseKey),
    c('history.entity', 'status', (r) => r.entity, { labelOf: byGroup('entity') }),
    c('history.subject', 'text', (r) => r.subject),
    c('history.what', 'status', (r) => r.what, { labelOf: eventLabel }),
    c('history.from', 'status', (r) => r.from, { labelOf: stateLabel, toned: true }),
    c('history.to', 'status', (r) => r.to, { labelOf: stateLabel, toned: true }),
    c('history.actor', 'text', (r) => r.actor),
    c('history.reason', 'text', (r) => r.reason),
  ];
}

export interface FieldRow {
  sheet: string;
  column: string;
  header: string;
  key: string;
  type: ReportValueType;
}

export function fieldColumns(lang: Lang): Column<FieldRow>[] {
  type R = FieldRow;
  const c = columnMaker<R>(lang);
  return [
    { ...c('fields.sheet', 'text', (r) => r.sheet), width: 32 },
    c('fields.column', 'code', (r) => r.column),
    { ...c('fields.header', 'text', (r) => r.header), width: 30 },
    { ...c('fields.key', 'code', (r) => r.key), width: 36 },
    c('fields.type', 'status', (r) => r.type, { labelOf: byGroup('reportValueType') }),
  ];
}
