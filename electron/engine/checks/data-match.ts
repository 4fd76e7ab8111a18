/**
 * DATA_MATCH: what the applicant declared vs what the document shows vs what the NIK itself encodes
 * (R-NIK-9, R-NPWP-4, R-MRZ-5). Differences only WARN — a NIK keeps its date after a legal
 * correction of the birth date, OCR misreads, people move — except a declared NPWP that is a
 * different person's NIK.
 */
import type { ExpectedData, Reason } from '../../../shared/model.ts';
import { formatYmd, parseDate } from '../../../shared/rules/index.ts';
import { makeCheck, outcomeFromReasons, reason } from './check-builder.ts';
import type { PreflightCheck } from './types.ts';

export interface DocumentFacts {
  /** Where the document facts came from, for messages ("the card", "the passport MRZ"). */
  source: string;
  nik?: string | null;
  name?: string | null;
  birthDate?: string | null;
  gender?: 'M' | 'F' | null;
  province?: string | null;
}

export interface NikFacts {
  nik: string;
  gender?: 'M' | 'F';
  birthDate?: string;
  provinceName?: string | null;
}

export interface Comparison {
  field: string;
  left: string;
  right: string;
  match: boolean;
}

/** Names within this similarity (0–1) are the same name spelled or read slightly differently. */
export const NAME_MIN_SIMILARITY = 0.85;

export function normalizeGender(value: string | null | undefined): 'M' | 'F' | null {
  if (!value) return null;
  const v = value.trim().toUpperCase();
  if (/^(M|L|MALE|LAKI[\s-]*LAKI|PRIA|LK)$/.test(v)) return 'M';
  if (/^(F|P|W|FEMALE|PEREMPUAN|WANITA|PR)$/.test(v)) return 'F';
  return null;
}

const TITLES =
  /\b(H|HJ|DR|DRS|DRA|IR|PROF|SE|SH|ST|SPD|SKOM|MM|MBA|BSC|MSC|AMD|SSOS|SAG|MR|MRS|MS|IBU|BAPAK|BPK|SDR|SDRI)\b/g;

export function normalizeName(name: string): string {
  return (
    name
      .toUpperCase()
      // Dotted abbreviations (degrees such as S.E. or S.Kom., and initials) vary between documents.
      .replace(/(^|\s)(?:[A-Z]{1,2}\.)+[A-Z]{0,4}\.?(?=[\s,]|$)/g, ' ')
      .replace(/[.,'`’-]/g, ' ')
      .replace(TITLES, ' ')
      .replace(/[^A-Z ]/g, ' ')
      .replace(/\s+/g, ' ')
      .trim()
  );
}

/** The better of edit-distance similarity and word-overlap similarity (word order varies on IDs). */
export function nameSimilarity(a: string, b: string): number {
  const x = normalizeName(a);
  const y = normalizeName(b);
  if (!x || !y) return 0;
  if (x === y) return 1;
  const lev = 1 - levenshtein(x, y) / Math.max(x.length, y.length);
  const wx = new Set(x.split(' '));
  const wy = new Set(y.split(' '));
  const common = [...wx].filter((w) => wy.has(w)).length;
  const overlap = (2 * common) / (wx.size + wy.size);
  const sorted =
    1 -
    levenshtein([...wx].sort().join(' '), [...wy].sort().join(' ')) / Math.max(x.length, y.length);
  // Every word of one name inside the other: a shortened name, or OCR picking up stray marks.
  const [small, big] = wx.size <= wy.size ? [wx, wy] : [wy, wx];
  const contained = small.size >= 2 && [...small].every((w) => big.has(w)) ? 0.9 : 0;
  return Math.max(lev, overlap, sorted, contained);
}

function levenshtein(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++)
      cur[j] = Math.min(
        prev[j]! + 1,
        cur[j - 1]! + 1,
        prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
    prev = cur;
  }
  return prev[b.length]!;
}

function isoDate(value: string | null | undefined): string | null {
  if (!value) return null;
  const d = parseDate(value);
  return d ? formatYmd(d) : null;
}

function differingDigits(a: string, b: string): number {
  if (a.length !== b.length) return Math.max(a.length, b.length);
  let n = 0;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) n++;
  return n;
}

const GENDER_WORD = { M: 'male', F: 'female' } as const;

/**
 * Returns null when there was nothing to compare. `declaredNik` / `documentNik` carry what the
 * rules derived from each NIK (gender, birth date); `declaredNpwpNik` is set when the declared
 * NPWP is in its 16-digit NIK form.
 */
export function dataMatchCheck(input: {
  expected: ExpectedData | null;
  document: DocumentFacts | null;
  declaredNik: NikFacts | null;
  documentNik: NikFacts | null;
  declaredNpwpNik: string | null;
}): PreflightCheck | null {
  const { expected, document: doc, declaredNik, documentNik } = input;
  const reasons: Reason[] = [];
  const comparisons: Comparison[] = [];
  const compare = (
    field: string,
    left: string | null | undefined,
    right: string | null | undefined,
    same: (a: string, b: string) => boolean,
  ): boolean | null => {
    if (!left || !right) return null;
    const match = same(left, right);
    comparisons.push({ field, left, right, match });
    return match;
  };
  const src = doc?.source ?? 'the document';

  // Declared vs document.
  if (expected && doc) {
    const nikMatch = compare(
      'nik',
      expected.nik?.replace(/[\s.-]/g, ''),
      doc.nik,
      (a, b) => a === b,
    );
    if (nikMatch === false) {
      const n = differingDigits(expected.nik!.replace(/[\s.-]/g, ''), doc.nik!);
      reasons.push(
        reason(
          'NIK_MISMATCH',
          'WARNING',
          `The NIK on ${src} (${doc.nik}) differs from the declared NIK (${expected.nik}) in ${n} digit${n === 1 ? '' : 's'}${n === 1 ? '; it may be a misreading, compare with the document' : ''}.`,
        ),
      );
    }
    if (
      compare(
        'name',
        expected.name,
        doc.name,
        (a, b) => nameSimilarity(a, b) >= NAME_MIN_SIMILARITY,
      ) === false
    ) {
      reasons.push(
        reason(
          'NAME_MISMATCH',
          'WARNING',
          `The name on ${src} ("${doc.name}") does not match the declared name ("${expected.name}").`,
        ),
      );
    }
    if (
      compare('birthDate', isoDate(expected.birthDate), doc.birthDate, (a, b) => a === b) === false
    ) {
      reasons.push(
        reason(
          'BIRTH_DATE_MISMATCH',
          'WARNING',
          `The birth date on ${src} (${doc.birthDate}) differs from the declared one (${isoDate(expected.birthDate)}).`,
        ),
      );
    }
    const declaredGender = normalizeGender(expected.gender);
    if (compare('gender', declaredGender, doc.gender, (a, b) => a === b) === false) {
      reasons.push(
        reason(
          'GENDER_MISMATCH',
          'WARNING',
          `The gender on ${src} (${GENDER_WORD[doc.gender!]}) differs from the declared one (${GENDER_WORD[declaredGender!]}).`,
        ),
      );
    }
  }

  // The NIK's own encoding vs what the card prints (R-NIK-9).
  const nikFacts = documentNik ?? declaredNik;
  if (nikFacts && doc) {
    if (compare('nikGender', nikFacts.gender, doc.gender, (a, b) => a === b) === false) {
      reasons.push(
        reason(
          'NIK_GENDER_MISMATCH',
          'WARNING',
          `The NIK ${nikFacts.nik} encodes a ${GENDER_WORD[nikFacts.gender!]} holder but ${src} says ${GENDER_WORD[doc.gender!]}.`,
        ),
      );
    }
    if (compare('nikBirthDate', nikFacts.birthDate, doc.birthDate, (a, b) => a === b) === false) {
      reasons.push(
        reason(
          'NIK_BIRTH_DATE_MISMATCH',
          'WARNING',
          `The NIK encodes birth date ${nikFacts.birthDate} but ${src} prints ${doc.birthDate}. This can be legitimate (the NIK is kept after a birth-date correction); check it.`,
        ),
      );
    }
    if (
      compare(
        'nikProvince',
        nikFacts.provinceName ?? null,
        doc.province,
        (a, b) => normalizeName(a) === normalizeName(b),
      ) === false
    ) {
      reasons.push(
        reason(
          'NIK_REGION_DIFFERS',
          'INFO',
          `The NIK was issued in ${nikFacts.provinceName} but ${src} shows ${doc.province}; holders keep their NIK when they move.`,
        ),
      );
    }
  }

  // The declared NIK's encoding vs the rest of the declared data.
  if (declaredNik && expected) {
    const g = normalizeGender(expected.gender);
    if (compare('declaredNikGender', declaredNik.gender, g, (a, b) => a === b) === false) {
      reasons.push(
        reason(
          'DECLARED_NIK_GENDER_MISMATCH',
          'WARNING',
          `The declared NIK encodes a ${GENDER_WORD[declaredNik.gender!]} holder but the declared gender is ${GENDER_WORD[g!]}.`,
        ),
      );
    }
    const b = isoDate(expected.birthDate);
    if (compare('declaredNikBirthDate', declaredNik.birthDate, b, (x, y) => x === y) === false) {
      reasons.push(
        reason(
          'DECLARED_NIK_BIRTH_DATE_MISMATCH',
          'WARNING',
          `The declared NIK encodes birth date ${declaredNik.birthDate} but the declared birth date is ${b}.`,
        ),
      );
    }
  }

  // R-NPWP-4: an NPWP in NIK form must be the applicant's own NIK.
  if (input.declaredNpwpNik) {
    const nik = documentNik?.nik ?? declaredNik?.nik ?? null;
    if (compare('npwpNik', input.declaredNpwpNik, nik, (a, b) => a === b) === false) {
      reasons.push(
        reason(
          'NPWP_NIK_MISMATCH',
          'ERROR',
          `The declared NPWP ${input.declaredNpwpNik} is a NIK, but not the applicant's NIK (${nik}).`,
        ),
      );
    }
  }

  if (comparisons.length === 0) return null;
  return makeCheck('DATA_MATCH', 'data_match', outcomeFromReasons(reasons), {
    reasons,
    details: { comparisons },
  });
}
