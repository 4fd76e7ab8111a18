/**
 * Vendor payloads (and the vendors' own documentation examples) are not always valid JSON:
 * comments, trailing commas, single quotes, a stray closing brace at the end. This parser
 * accepts those and nothing more exotic; it reports what it had to repair.
 */
import JSON5 from 'json5';

export interface LenientParse {
  value: unknown;
  repairs: string[];
}

export function parseLenientJson(text: string): LenientParse {
  const repairs: string[] = [];
  let body = text.replace(/^\uFEFF/, '').trim();
  try {
    return { value: JSON.parse(body), repairs };
  } catch {
    // fall through to the lenient path
  }
  // JSON5 covers comments, trailing commas, single quotes and unquoted keys.
  try {
    const value = JSON5.parse(body);
    repairs.push('json5');
    return { value, repairs };
  } catch {
    // continue with structural repairs
  }
  // Unbalanced closing brackets at the end (seen in vendor examples): trim extras.
  const balanced = trimExtraClosers(body);
  if (balanced !== body) {
    body = balanced;
    repairs.push('extra-closing-bracket');
    try {
      return { value: JSON5.parse(body), repairs: [...repairs, 'json5'] };
    } catch {
      // fall through
    }
  }
  // A root object closed too early with more members after it (`}, "extra": …}`): drop the
  // stray closer so the members rejoin the object the author meant.
  const unstrayed = dropStrayRootCloser(body);
  if (unstrayed !== body) {
    try {
      return {
        value: JSON5.parse(unstrayed),
        repairs: [...repairs, 'stray-closing-bracket', 'json5'],
      };
    } catch {
      // fall through
    }
  }
  // Missing closing brackets at the end (truncated copy-paste).
  const closed = closeOpenBrackets(body);
  if (closed !== body) {
    repairs.push('missing-closing-bracket');
    return { value: JSON5.parse(closed), repairs: [...repairs, 'json5'] };
  }
  // Let JSON5 produce its own error message with a position.
  return { value: JSON5.parse(body), repairs };
}

function scanDepth(text: string, onClose?: (index: number, depth: number) => boolean): number {
  let depth = 0;
  let quote: string | null = null;
  let lineComment = false;
  let blockComment = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    const next = text[i + 1];
    if (lineComment) {
      if (ch === '\n') lineComment = false;
      continue;
    }
    if (blockComment) {
      if (ch === '*' && next === '/') {
        blockComment = false;
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
    else if (ch === '/' && next === '/') lineComment = true;
    else if (ch === '/' && next === '*') blockComment = true;
    else if (ch === '{' || ch === '[') depth++;
    else if (ch === '}' || ch === ']') {
      depth--;
      if (onClose && onClose(i, depth)) return depth;
    }
  }
  return depth;
}

/** Where the first top-level value closes, or -1 if it never does. */
function rootCloseIndex(text: string): number {
  let cut = -1;
  scanDepth(text, (index, depth) => {
    if (depth === 0) {
      cut = index;
      return true;
    }
    return false;
  });
  return cut;
}

function trimExtraClosers(text: string): string {
  const cut = rootCloseIndex(text);
  if (cut < 0) return text;
  const rest = text.slice(cut + 1).trim();
  return /^[\]}\s,]*$/.test(rest) && rest.length > 0 ? text.slice(0, cut + 1) : text;
}

function dropStrayRootCloser(text: string): string {
  const cut = rootCloseIndex(text);
  if (cut < 0 || !/^\s*,/.test(text.slice(cut + 1))) return text;
  return text.slice(0, cut) + text.slice(cut + 1);
}

function closeOpenBrackets(text: string): string {
  const stack: string[] = [];
  let quote: string | null = null;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quote) {
      if (ch === '\\') i++;
      else if (ch === quote) quote = null;
      continue;
    }
    if (ch === '"' || ch === "'") quote = ch;
    else if (ch === '{') stack.push('}');
    else if (ch === '[') stack.push(']');
    else if (ch === '}' || ch === ']') stack.pop();
  }
  if (quote || stack.length === 0) return text;
  return text.replace(/,\s*$/, '') + stack.reverse().join('');
}
