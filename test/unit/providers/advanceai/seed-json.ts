/**
 * Reads a seed fixture the way `checkdesk normalize` does (shared/lenient-json.ts), with one extra
 * repair the shared parser lacks today: the vendor's third eKYC example closes its root object one
 * brace too early and then carries on with more members (`}, "extra": …}`). The repair drops that
 * stray closer; it is proposed for shared/lenient-json.ts. `sharedOnly` says whether the shared
 * parser managed alone, so the gap stays visible in the tests.
 */
import { parseLenientJson } from '../../../../shared/lenient-json.ts';

/** Index of a closer that ends the root while more members follow, or -1. */
export function strayRootCloser(text: string): number {
  let depth = 0;
  let quote: string | null = null;
  let line = false;
  let block = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    const next = text[i + 1];
    if (line) {
      if (ch === '\n') line = false;
      continue;
    }
    if (block) {
      if (ch === '*' && next === '/') {
        block = false;
        i++;
      }
      continue;
    }
    if (quote) {
      if (ch === '\\') i++;
      else if (ch === quote) quote = null;
      continue;
    }
    if (ch === '"' || ch === "'") quote = ch;
    else if (ch === '/' && next === '/') line = true;
    else if (ch === '/' && next === '*') block = true;
    else if (ch === '{' || ch === '[') depth++;
    else if (ch === '}' || ch === ']') {
      depth--;
      if (depth === 0) return /^\s*,/.test(text.slice(i + 1)) ? i : -1;
    }
  }
  return -1;
}

export function parseSeedJson(text: string): { value: unknown; repairs: string[]; sharedOnly: boolean } {
  try {
    const parsed = parseLenientJson(text);
    return { ...parsed, sharedOnly: true };
  } catch (err) {
    const cut = strayRootCloser(text);
    if (cut < 0) throw err;
    const parsed = parseLenientJson(text.slice(0, cut) + text.slice(cut + 1));
    return { value: parsed.value, repairs: ['stray-root-closer', ...parsed.repairs], sharedOnly: false };
  }
}
