/**
 * Expected-data helpers for the adapters that send a person's name and birth date (Colleckt,
 * FrankieOne).
 */

export interface SplitName {
  /** Everything but the last word; null for a single-word name. */
  given: string | null;
  family: string;
}

/**
 * Splits a full name into given and family parts. Many Indonesians have a single name; ICAO 9303
 * (and Indonesian passports) put a mononym in the primary identifier, i.e. the family name, and
 * leave the given name empty. Multi-word names: the last word is the family name.
 */
export function splitName(fullName: string): SplitName | null {
  const words = fullName
    .trim()
    .split(/\s+/)
    .filter((w) => w.length > 0);
  if (words.length === 0) return null;
  if (words.length === 1) return { given: null, family: words[0]! };
  return { given: words.slice(0, -1).join(' '), family: words[words.length - 1]! };
}

/**
 * A birth date as YYYY-MM-DD. Accepts ISO (`1990-02-17`, with or without time) and the day-first
 * forms Indonesian forms use (`17-02-1990`, `17/02/1990`, `17.02.1990`). Null when it is not a
 * real calendar date.
 */
export function isoDate(value: string | null | undefined): string | null {
  if (!value) return null;
  const s = value.trim();
  let y: number, m: number, d: number;
  let match = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[T\s].*)?$/.exec(s);
  if (match) {
    y = Number(match[1]);
    m = Number(match[2]);
    d = Number(match[3]);
  } else {
    match = /^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$/.exec(s);
    if (!match) return null;
    d = Number(match[1]);
    m = Number(match[2]);
    y = Number(match[3]);
  }
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d)
    return null;
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}
