/**
 * Expected (what the applicant declared) next to what was read from the documents — by the
 * providers (verification.extracted) and by the local pre-flight checks (check details). Where
 * the engine compared a field itself (DATA_MATCH), its verdict is used; otherwise values are
 * compared after normalising case, spaces, separators and date formats, only to highlight.
 */
import type { CaseDetail, StoredCheck } from '../../../shared/contract.ts';

export const COMPARED_FIELDS = [
  'name',
  'nik',
  'birthDate',
  'gender',
  'address',
  'npwp',
  'documentNumber',
] as const;
export type ComparedField = (typeof COMPARED_FIELDS)[number];

export type MatchState = 'match' | 'mismatch' | 'unknown';

export interface ExtractedValue {
  value: string;
  /** Where it was read: a verification or a pre-flight check. */
  source:
    | { kind: 'provider'; provider: string; service: string }
    | { kind: 'preflight'; fileName: string | null };
  match: MatchState;
}

export interface FieldComparison {
  field: ComparedField;
  expected: string | null;
  extracted: ExtractedValue[];
  state: MatchState;
}

export interface Consistency {
  field: string;
  left: string;
  right: string;
  match: boolean;
}

const GENDER: Record<string, 'M' | 'F'> = {
  M: 'M',
  MALE: 'M',
  L: 'M',
  'LAKI-LAKI': 'M',
  LAKILAKI: 'M',
  PRIA: 'M',
  F: 'F',
  P: 'F',
  FEMALE: 'F',
  PEREMPUAN: 'F',
  WANITA: 'F',
};

export function normalize(field: ComparedField, value: string): string {
  const v = value.trim().toUpperCase();
  switch (field) {
    case 'nik':
    case 'npwp':
    case 'documentNumber':
      return v.replace(/[\s.\-/]/g, '');
    case 'birthDate': {
      const iso = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})/.exec(v);
      if (iso) return `${iso[1]}-${iso[2]!.padStart(2, '0')}-${iso[3]!.padStart(2, '0')}`;
      const dmy = /^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})/.exec(v);
      if (dmy) return `${dmy[3]}-${dmy[2]!.padStart(2, '0')}-${dmy[1]!.padStart(2, '0')}`;
      return v;
    }
    case 'gender':
      return GENDER[v.replace(/\s+/g, '')] ?? v;
    default:
      return v
        .replace(/[.,'"]/g, ' ')
        .replace(/\s+/g, ' ')
        .trim();
  }
}

function dataMatchComparisons(checks: readonly StoredCheck[]): Consistency[] {
  const out: Consistency[] = [];
  for (const c of checks) {
    if (c.type !== 'DATA_MATCH') continue;
    const list = c.details?.comparisons;
    if (!Array.isArray(list)) continue;
    for (const item of list as unknown[]) {
      const x = item as { field?: unknown; left?: unknown; right?: unknown; match?: unknown };
      if (typeof x.field === 'string' && typeof x.match === 'boolean') {
        out.push({
          field: x.field,
          left: String(x.left ?? ''),
          right: String(x.right ?? ''),
          match: x.match,
        });
      }
    }
  }
  return out;
}

function str(v: unknown): string | null {
  if (typeof v === 'string' && v.trim()) return v.trim();
  if (typeof v === 'number') return String(v);
  return null;
}

export function compareCase(detail: CaseDetail): {
  fields: FieldComparison[];
  consistency: Consistency[];
} {
  const expected = detail.expected;
  const fileNameOf = (documentId: number | null) =>
    detail.documents.find((d) => d.id === documentId)?.fileName ?? null;
  const values = new Map<ComparedField, Omit<ExtractedValue, 'match'>[]>();
  const add = (field: ComparedField, value: unknown, source: ExtractedValue['source']) => {
    const s = str(value);
    if (!s) return;
    const list = values.get(field) ?? [];
    if (!list.some((x) => x.value === s && JSON.stringify(x.source) === JSON.stringify(source)))
      list.push({ value: s, source });
    values.set(field, list);
  };

  for (const v of detail.verifications) {
    const src = { kind: 'provider' as const, provider: v.provider, service: v.service };
    const p = v.extracted.person;
    add(
      'name',
      p?.fullName ?? ([p?.givenName, p?.familyName].filter(Boolean).join(' ') || null),
      src,
    );
    add('nik', p?.nik, src);
    add('birthDate', p?.birthDate, src);
    add('gender', p?.gender, src);
    add('address', v.extracted.address?.full, src);
    add('documentNumber', v.extracted.document?.number, src);
  }
  const engineSays = new Map<string, boolean>();
  for (const c of detail.checks) {
    if (c.source !== 'preflight') continue;
    const src = { kind: 'preflight' as const, fileName: fileNameOf(c.documentId) };
    if (c.type === 'ID_NUMBER' && c.name === 'nik' && c.details) {
      add('nik', c.details.value, src);
    }
    if (c.type === 'ID_NUMBER' && c.name === 'npwp' && c.details) add('npwp', c.details.value, src);
    if (c.type === 'DATA_MATCH') {
      for (const cmp of dataMatchComparisons([c])) {
        if ((COMPARED_FIELDS as readonly string[]).includes(cmp.field)) {
          add(cmp.field as ComparedField, cmp.right, src);
          engineSays.set(
            `${cmp.field}|${normalize(cmp.field as ComparedField, cmp.right)}`,
            cmp.match,
          );
        }
      }
    }
  }

  const fields: FieldComparison[] = [];
  for (const field of COMPARED_FIELDS) {
    const exp = expected ? str((expected as Record<string, unknown>)[field]) : null;
    const found = values.get(field) ?? [];
    if (!exp && found.length === 0) continue;
    const extracted = found.map((x) => {
      const said = engineSays.get(`${field}|${normalize(field, x.value)}`);
      const match: MatchState = !exp
        ? 'unknown'
        : said !== undefined
          ? said
            ? 'match'
            : 'mismatch'
          : normalize(field, exp) === normalize(field, x.value)
            ? 'match'
            : 'mismatch';
      return { ...x, match };
    });
    const state: MatchState = extracted.some((x) => x.match === 'mismatch')
      ? 'mismatch'
      : extracted.some((x) => x.match === 'match')
        ? 'match'
        : 'unknown';
    fields.push({ field, expected: exp, extracted, state });
  }
  const consistency = dataMatchComparisons(
    detail.checks.filter((c) => c.source === 'preflight'),
  ).filter((c) => !(COMPARED_FIELDS as readonly string[]).includes(c.field));
  return { fields, consistency };
}
