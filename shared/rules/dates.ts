/**
 * Calendar helpers on plain year/month/day numbers. Dates are compared as calendar days in the
 * local time zone of the machine running the check: a clerk's "today", not UTC's.
 */
export interface Ymd {
  y: number;
  m: number;
  d: number;
}

export function isLeapYear(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

export function daysInMonth(y: number, m: number): number {
  if (m === 2) return isLeapYear(y) ? 29 : 28;
  return [4, 6, 9, 11].includes(m) ? 30 : 31;
}

export function isRealDate(y: number, m: number, d: number): boolean {
  return Number.isInteger(y) && m >= 1 && m <= 12 && d >= 1 && d <= daysInMonth(y, m);
}

export function toYmd(date: Date): Ymd {
  return { y: date.getFullYear(), m: date.getMonth() + 1, d: date.getDate() };
}

export function compareYmd(a: Ymd, b: Ymd): number {
  return a.y - b.y || a.m - b.m || a.d - b.d;
}

export function formatYmd({ y, m, d }: Ymd): string {
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** Parses 'YYYY-MM-DD', 'DD-MM-YYYY' or 'DD/MM/YYYY' (the forms on Indonesian documents and sheets). */
export function parseDate(value: string): Ymd | null {
  const s = value.trim();
  let m = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/.exec(s);
  if (m) {
    const ymd = { y: Number(m[1]), m: Number(m[2]), d: Number(m[3]) };
    return isRealDate(ymd.y, ymd.m, ymd.d) ? ymd : null;
  }
  m = /^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$/.exec(s);
  if (m) {
    const ymd = { y: Number(m[3]), m: Number(m[2]), d: Number(m[1]) };
    return isRealDate(ymd.y, ymd.m, ymd.d) ? ymd : null;
  }
  return null;
}

/** Whole years between `birth` and `ref` (the age on `ref`). */
export function ageOn(birth: Ymd, ref: Ymd): number {
  let age = ref.y - birth.y;
  if (ref.m < birth.m || (ref.m === birth.m && ref.d < birth.d)) age--;
  return age;
}

/** `ref` moved back by `years`, clamping 29 Feb to 28 Feb in common years. */
export function minusYears(ref: Ymd, years: number): Ymd {
  const y = ref.y - years;
  return { y, m: ref.m, d: Math.min(ref.d, daysInMonth(y, ref.m)) };
}
