/**
 * Excel's rules for sheet names: at most 31 characters, none of [ ] : * ? / \, not starting or
 * ending with an apostrophe, unique without regard to case, and not "History" (reserved for
 * change tracking: Excel refuses to open a workbook that uses it). A name that breaks them makes
 * Excel "repair" the file, so every name goes through here.
 */
export const MAX_SHEET_NAME = 31;

const FORBIDDEN = /[[\]:*?/\\]/g;
// eslint-disable-next-line no-control-regex -- control characters are not allowed in sheet names
const CONTROL = /[\u0000-\u001F\u007F]/g;
const RESERVED = ['history'];

function fold(name: string): string {
  return name.toLocaleUpperCase('en-US');
}

/** Cuts to `max` UTF-16 units (what Excel counts) without splitting a surrogate pair. */
function cut(name: string, max: number): string {
  if (name.length <= max) return name;
  let out = '';
  for (const ch of name) {
    if (out.length + ch.length > max - 1) break;
    out += ch;
  }
  return out.trimEnd() + '…';
}

export class SheetNamer {
  private readonly taken = new Set<string>(RESERVED.map(fold));

  /** A valid name close to `wanted`, unique among the names handed out so far. */
  name(wanted: string): string {
    let base = wanted.replace(CONTROL, '').replace(FORBIDDEN, '_').replace(/\s+/g, ' ').trim();
    base = base.replace(/^'+|'+$/g, '').trim() || 'Sheet';
    let candidate = cut(base, MAX_SHEET_NAME);
    for (let n = 2; this.taken.has(fold(candidate)); n++) {
      const suffix = ` (${n})`;
      candidate = cut(base, MAX_SHEET_NAME - suffix.length) + suffix;
    }
    this.taken.add(fold(candidate));
    return candidate;
  }
}

/** 1 → A, 27 → AA. */
export function columnLetter(n: number): string {
  let s = '';
  let x = n;
  while (x > 0) {
    const r = (x - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    x = Math.floor((x - 1) / 26);
  }
  return s || 'A';
}
