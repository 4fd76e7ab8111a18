/**
 * Every string a clerk reads exists in English and Bahasa Indonesia: each reason code and history
 * event name the engine can write (found by reading the engine's source, see engine-names.ts),
 * and every value of the canonical enums and state lists. An Indonesian label may equal the
 * English one only for the proper nouns and codes allow-listed below.
 */
import { describe, expect, it } from 'vitest';
import { PHASES } from '../../../electron/engine/ledger/verifications.ts';
import {
  FILE_STATES,
  INBOX_STATES,
  ReportJob,
  REVIEW_ACTIONS,
  STAGES,
} from '../../../shared/contract.ts';
import {
  LABELS,
  hasLabel,
  label,
  reasonText,
  type Label,
  type LabelGroup,
} from '../../../shared/i18n/index.ts';
import { REASON_LABELS } from '../../../shared/i18n/reasons.ts';
import {
  CHECK_OUTCOMES,
  CHECK_TYPES,
  DECISIONS,
  DOCUMENT_KINDS,
  REVIEW_STATES,
  RUN_STATUSES,
} from '../../../shared/model.ts';
import {
  collectEvents,
  collectReasonCodes,
  EVENT_ROOTS,
  loadSources,
  REASON_ROOTS,
  type Found,
} from './engine-names.ts';
import { sourceFromText } from './source-scan.ts';

/** Labels that are the same in both languages on purpose: names, codes and loanwords. */
const SAME_IN_BOTH: ReadonlySet<string> = new Set([
  'entity.engine', // CheckDesk, the product's name
  'reportColumn.summary.nik', // NIK, the official abbreviation
  'reportColumn.summary.run_status', // "Status" is the Indonesian word too
  'reportColumn.service.run_status',
  'reportValueType.status',
]);

/** Groups whose keys are values a person never sees raw (report columns, sheets, flags). */
const NOT_ENUMS: ReadonlySet<LabelGroup> = new Set([
  'reportSheet',
  'reportColumn',
  'reportValueType',
  'yesNo',
  'reason',
  'event',
  'entity',
]);

const ENUMS: readonly [LabelGroup, readonly string[]][] = [
  ['runStatus', RUN_STATUSES],
  ['decision', DECISIONS],
  ['review', REVIEW_STATES],
  ['checkType', CHECK_TYPES],
  ['checkOutcome', CHECK_OUTCOMES],
  ['documentKind', DOCUMENT_KINDS],
  ['stage', STAGES],
  ['fileState', FILE_STATES],
  ['reviewAction', REVIEW_ACTIONS],
  ['inboxState', INBOX_STATES],
  ['reportJobState', ReportJob.shape.state.options],
  ['phase', PHASES],
];

/** Problems with one label: empty, untranslated, or the raw value shown as is. */
function labelProblems(
  group: LabelGroup,
  key: string,
  l: Label | undefined,
  raw: boolean,
): string[] {
  const where = `${group}.${key}`;
  if (!l) return [`${where}: no label`];
  const out: string[] = [];
  if (!l.en.trim()) out.push(`${where}: empty English label`);
  if (!l.id.trim()) out.push(`${where}: empty Indonesian label`);
  if (l.en.trim() === l.id.trim() && !SAME_IN_BOTH.has(where))
    out.push(`${where}: Indonesian label is the English one ("${l.id}")`);
  if (raw && (l.en === key || l.id === key)) out.push(`${where}: a label is the raw value`);
  return out;
}

function missing(found: Found, group: 'reason' | 'event'): string[] {
  const dict: Readonly<Record<string, Label>> = LABELS[group];
  return [...found.names.keys()].sort().flatMap((name) => {
    const l = Object.prototype.hasOwnProperty.call(dict, name) ? dict[name] : undefined;
    return labelProblems(group, name, l, group === 'event').map(
      (p) => `${p} (from ${[...found.names.get(name)!].join(', ')})`,
    );
  });
}

const reasonSources = loadSources(REASON_ROOTS);
const eventSources = loadSources(EVENT_ROOTS);
const codes = collectReasonCodes(reasonSources);
const events = collectEvents(eventSources, REVIEW_ACTIONS);

describe('reason codes the engine can produce', () => {
  it('are all found by the scan (the scan itself still works)', () => {
    // A scan that silently finds nothing would pass every check below.
    expect(codes.names.size).toBeGreaterThan(150);
    for (const sample of [
      'LOW_CONTRAST',
      'BLURRY',
      'PDF_TRUNCATED',
      'NIK_BAD_MONTH',
      'NIK_BAD_PROVINCE',
      'KK_REGENCY_MOVED',
      'MRZ_CHECK_DIGIT',
      'FACE_MISMATCH',
      'UNKNOWN_VENDOR_VALUE',
      'AML_PEP',
      'AML_DECLINED',
      'PROVIDER_PROTOCOL',
      'PASSWORD_NEEDED',
      'DOC_RISK_INDICATOR',
    ]) {
      expect(codes.names.has(sample), sample).toBe(true);
    }
  });

  it('come only from places the scan understands or that were reviewed', () => {
    expect(
      [...codes.unreviewed].sort(),
      'new code sources: resolve them to literals or review them in engine-names.ts',
    ).toEqual([]);
  });

  it('each have a plain-language text in English and Indonesian', () => {
    expect(missing(codes, 'reason')).toEqual([]);
  });

  it("keep a provider's own words in Indonesian after the translated text", () => {
    expect(reasonText('id', 'VENDOR_WARNING', 'Document looks like a screenshot')).toBe(
      'Penyedia memberikan peringatan: Document looks like a screenshot',
    );
    expect(reasonText('id', 'VENDOR_WARNING', '')).toBe(REASON_LABELS.VENDOR_WARNING!.id);
    expect(reasonText('en', 'VENDOR_WARNING', 'Document looks like a screenshot')).toBe(
      'Document looks like a screenshot',
    );
  });
});

describe('history event names the engine writes', () => {
  it('are all found by the scan (the scan itself still works)', () => {
    expect(events.names.size).toBeGreaterThan(40);
    for (const sample of [
      'case_opened',
      'file_recorded',
      'inbox_state',
      'in_doubt',
      'in_doubt_unresolved',
      'provider_history',
      'reconcile_after_restore',
      'ledger_restored',
      'review:approve',
      'review:approve_first',
      'review:released',
      'review:confirm_approval',
      'review:override_block',
      'report_written',
    ]) {
      expect(events.names.has(sample), sample).toBe(true);
    }
  });

  it('come only from places the scan understands or that were reviewed', () => {
    expect(
      [...events.unreviewed].sort(),
      'new event sources: resolve them to literals or review them in engine-names.ts',
    ).toEqual([]);
  });

  it('each have a label in English and Indonesian', () => {
    expect(missing(events, 'event')).toEqual([]);
  });

  it('are the only names the event table lists (no label for a name never written)', () => {
    expect(Object.keys(LABELS.event).filter((k) => !events.names.has(k))).toEqual([]);
  });
});

describe('canonical enums and state lists', () => {
  it.each(ENUMS.map(([g, v]) => [g, v] as const))(
    '%s: exactly the values, each labelled in both languages',
    (group, values) => {
      expect(Object.keys(LABELS[group]).sort()).toEqual([...values].sort());
      const dict: Readonly<Record<string, Label>> = LABELS[group];
      expect(values.flatMap((v) => labelProblems(group, v, dict[v], true))).toEqual([]);
      for (const v of values) expect(hasLabel(group, v)).toBe(true);
    },
  );

  it('every other label group is translated too', () => {
    const problems = (Object.keys(LABELS) as LabelGroup[]).flatMap((group) => {
      const dict: Readonly<Record<string, Label>> = LABELS[group];
      return Object.entries(dict).flatMap(([key, l]) =>
        labelProblems(group, key, l, !NOT_ENUMS.has(group)),
      );
    });
    expect(problems).toEqual([]);
  });

  it('the allow-list of identical labels holds only labels that are identical', () => {
    for (const where of SAME_IN_BOTH) {
      const [group, ...rest] = where.split('.');
      const key = rest.join('.');
      expect(label('en', group as LabelGroup, key), where).toBe(
        label('id', group as LabelGroup, key),
      );
      expect(hasLabel(group as LabelGroup, key), where).toBe(true);
    }
  });
});

describe('the scan fails when a label is missing', () => {
  it('reports a reason code and an event name that have no label', () => {
    const fake = sourceFromText(
      'electron/engine/checks/fake.ts',
      `const a = reason('NOT_A_REAL_CODE_FOR_TEST', 'ERROR', 'x');
       const b = notRun('DOC_QUALITY', 'glare', 'ANOTHER_FAKE_CODE', 'y');
       const c = { code: flag ? 'THIRD_FAKE_CODE' : 'LOW_CONTRAST', severity: 'WARNING', message: 'z' };
       ledger.history.append({ entity: 'case', what: 'fake_event_for_test' });
       const d = reason(someVariable, 'ERROR', 'not reviewed');`,
    );
    const c = collectReasonCodes([fake]);
    expect(missing(c, 'reason').map((p) => p.split(':')[0])).toEqual([
      'reason.ANOTHER_FAKE_CODE',
      'reason.NOT_A_REAL_CODE_FOR_TEST',
      'reason.THIRD_FAKE_CODE',
    ]);
    expect([...c.unreviewed]).toContain('electron/engine/checks/fake.ts: someVariable');
    const e = collectEvents([fake], []);
    expect(missing(e, 'event').map((p) => p.split(':')[0])).toEqual(['event.fake_event_for_test']);
  });
});
