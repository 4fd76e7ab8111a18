/**
 * A small TypeScript source scanner for the i18n coverage test: a lexer that drops comments and
 * regular expressions and keeps strings and template literals whole, plus helpers to read call
 * arguments and object-literal members. Enough to find the reason codes and history event names
 * the engine writes, without a full parser.
 */
import fs from 'node:fs';
import path from 'node:path';

export type Tok =
  | { k: 'str'; v: string; at: number; end: number }
  | { k: 'tpl'; v: string; dyn: boolean; at: number; end: number }
  | { k: 'id' | 'num' | 'p'; v: string; at: number; end: number };

export interface Source {
  /** Path relative to the repository root, with forward slashes. */
  rel: string;
  text: string;
  toks: Tok[];
  /** Index of the matching bracket for every ( [ { ) ] } token, -1 elsewhere. */
  match: number[];
}

const REGEX_AFTER_PUNCT = new Set([
  '(',
  ',',
  '=',
  ':',
  '[',
  '!',
  '&',
  '|',
  '?',
  '{',
  '}',
  ';',
  '+',
  '-',
  '*',
  '%',
  '<',
  '>',
  '~',
  '^',
]);
const REGEX_AFTER_WORDS = new Set([
  'return',
  'typeof',
  'case',
  'in',
  'of',
  'new',
  'delete',
  'void',
  'throw',
  'else',
  'do',
  'yield',
  'await',
]);

function skipString(src: string, i: number): number {
  const q = src[i];
  let j = i + 1;
  while (j < src.length && src[j] !== q) j += src[j] === '\\' ? 2 : 1;
  return j + 1;
}

function skipExpression(src: string, j: number): number {
  let depth = 1;
  while (j < src.length) {
    const c = src[j];
    if (c === "'" || c === '"') j = skipString(src, j);
    else if (c === '`') j = skipTemplate(src, j);
    else {
      if (c === '{') depth++;
      else if (c === '}' && --depth === 0) return j + 1;
      j++;
    }
  }
  return j;
}

function skipTemplate(src: string, i: number): number {
  let j = i + 1;
  while (j < src.length && src[j] !== '`') {
    if (src[j] === '\\') j += 2;
    else if (src[j] === '$' && src[j + 1] === '{') j = skipExpression(src, j + 2);
    else j++;
  }
  return j + 1;
}

function skipRegex(src: string, i: number): number {
  let j = i + 1;
  let inClass = false;
  while (j < src.length && src[j] !== '\n') {
    const c = src[j];
    if (c === '\\') {
      j += 2;
      continue;
    }
    if (c === '[') inClass = true;
    else if (c === ']') inClass = false;
    else if (c === '/' && !inClass) break;
    j++;
  }
  j++;
  while (j < src.length && /[a-z]/.test(src[j]!)) j++;
  return j;
}

function regexAllowed(prev: Tok | undefined): boolean {
  if (!prev) return true;
  if (prev.k === 'p') return REGEX_AFTER_PUNCT.has(prev.v);
  return prev.k === 'id' && REGEX_AFTER_WORDS.has(prev.v);
}

export function lex(src: string): Tok[] {
  const out: Tok[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i]!;
    if (/\s/.test(c)) {
      i++;
    } else if (c === '/' && src[i + 1] === '/') {
      const nl = src.indexOf('\n', i);
      i = nl < 0 ? src.length : nl;
    } else if (c === '/' && src[i + 1] === '*') {
      const close = src.indexOf('*/', i + 2);
      i = close < 0 ? src.length : close + 2;
    } else if (c === "'" || c === '"') {
      const end = skipString(src, i);
      out.push({ k: 'str', v: src.slice(i + 1, end - 1), at: i, end });
      i = end;
    } else if (c === '`') {
      const end = skipTemplate(src, i);
      const raw = src.slice(i, end);
      out.push({ k: 'tpl', v: raw, dyn: raw.includes('${'), at: i, end });
      i = end;
    } else if (/[A-Za-z_$]/.test(c)) {
      let j = i + 1;
      while (j < src.length && /[\w$]/.test(src[j]!)) j++;
      out.push({ k: 'id', v: src.slice(i, j), at: i, end: j });
      i = j;
    } else if (/\d/.test(c)) {
      let j = i + 1;
      while (j < src.length && /[\w.]/.test(src[j]!)) j++;
      out.push({ k: 'num', v: src.slice(i, j), at: i, end: j });
      i = j;
    } else if (c === '/' && regexAllowed(out.at(-1))) {
      i = skipRegex(src, i);
    } else {
      out.push({ k: 'p', v: c, at: i, end: i + 1 });
      i++;
    }
  }
  return out;
}

function matchBrackets(toks: readonly Tok[]): number[] {
  const match = new Array<number>(toks.length).fill(-1);
  const stack: number[] = [];
  toks.forEach((t, i) => {
    if (t.k !== 'p') return;
    if (t.v === '(' || t.v === '[' || t.v === '{') stack.push(i);
    else if (t.v === ')' || t.v === ']' || t.v === '}') {
      const open = stack.pop();
      if (open !== undefined) {
        match[open] = i;
        match[i] = open;
      }
    }
  });
  return match;
}

export function sourceFromText(rel: string, text: string): Source {
  const toks = lex(text);
  return { rel, text, toks, match: matchBrackets(toks) };
}

export function loadSource(root: string, file: string): Source {
  return sourceFromText(
    path.relative(root, file).split(path.sep).join('/'),
    fs.readFileSync(file, 'utf8'),
  );
}

/** Every .ts file under `dir`, without tests and without the vendor sandboxes (fake servers). */
export function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) {
      if (e.name !== 'sandbox' && e.name !== 'node_modules') out.push(...sourceFiles(p));
    } else if (
      e.name.endsWith('.ts') &&
      !e.name.endsWith('.test.ts') &&
      !e.name.includes('sandbox')
    ) {
      out.push(p);
    }
  }
  return out.sort();
}

/** A token range [from, to) of a source. */
export interface Span {
  from: number;
  to: number;
}

/** Splits [from, to) at top-level separators (brackets are skipped whole). */
export function splitTop(src: Source, from: number, to: number, seps: readonly string[]): Span[] {
  const parts: Span[] = [];
  let start = from;
  for (let i = from; i < to; i++) {
    const t = src.toks[i]!;
    if (t.k === 'p' && (t.v === '(' || t.v === '[' || t.v === '{') && src.match[i]! > i) {
      i = src.match[i]!;
    } else if (t.k === 'p' && seps.includes(t.v)) {
      if (i > start) parts.push({ from: start, to: i });
      start = i + 1;
    }
  }
  if (to > start) parts.push({ from: start, to });
  return parts;
}

export function spanText(src: Source, span: Span): string {
  if (span.to <= span.from) return '';
  return src.text.slice(src.toks[span.from]!.at, src.toks[span.to - 1]!.end).replace(/\s+/g, ' ');
}

export interface Call {
  src: Source;
  /** Token index of the callee name. */
  at: number;
  args: Span[];
}

const KEYWORDS = new Set([
  'if',
  'for',
  'while',
  'switch',
  'catch',
  'function',
  'return',
  'typeof',
  'await',
  'new',
]);

/**
 * Calls of `name(…)`. Plain calls only, unless `receiver` is given: then only `receiver.name(…)`.
 * Declarations (`function name(`, methods `name(…) {`) are skipped.
 */
export function callsOf(src: Source, name: string, receiver?: string): Call[] {
  const out: Call[] = [];
  const { toks, match } = src;
  for (let i = 0; i < toks.length - 1; i++) {
    const t = toks[i]!;
    const open = toks[i + 1]!;
    if (t.k !== 'id' || t.v !== name || open.k !== 'p' || open.v !== '(') continue;
    const prev = toks[i - 1];
    // `a.name(` is a method call, `...name(` a spread of a plain call.
    const member = prev?.k === 'p' && prev.v === '.' && toks[i - 2]?.v !== '.';
    if (receiver === undefined) {
      if (member || (prev?.k === 'id' && prev.v === 'function')) continue;
    } else if (!(
      prev?.k === 'p' &&
      prev.v === '.' &&
      toks[i - 2]?.k === 'id' &&
      toks[i - 2]!.v === receiver
    )) {
      continue;
    }
    const close = match[i + 1]!;
    if (close < 0) continue;
    // A method or function declaration: `name(…) {` or `name(…): Type {`.
    const after = toks[close + 1];
    if (
      after &&
      after.k === 'p' &&
      (after.v === '{' || after.v === ':') &&
      receiver === undefined &&
      isDeclaration(src, i, close)
    )
      continue;
    out.push({ src, at: i, args: splitTop(src, i + 2, close, [',']) });
  }
  return out;
}

function isDeclaration(src: Source, nameAt: number, close: number): boolean {
  // Parameters with type annotations (`x: T`) only appear in declarations.
  for (const p of splitTop(src, nameAt + 2, close, [','])) {
    const second = src.toks[p.from + 1];
    if (src.toks[p.from]?.k === 'id' && second?.k === 'p' && (second.v === ':' || second.v === '?'))
      return true;
  }
  return src.toks[close + 1]?.v === '{' && splitTop(src, nameAt + 2, close, [',']).length === 0;
}

export interface ObjectLiteral {
  src: Source;
  /** Token index of the opening brace. */
  at: number;
  /** Key → value tokens; a shorthand member (`{ code }`) maps to itself. */
  members: Map<string, Span>;
}

/** Every `{ … }` that is not a destructuring pattern, with its `key: value` members. */
export function objectLiterals(src: Source): ObjectLiteral[] {
  const out: ObjectLiteral[] = [];
  const { toks, match } = src;
  for (let i = 0; i < toks.length; i++) {
    const t = toks[i]!;
    if (t.k !== 'p' || t.v !== '{' || match[i]! < i) continue;
    const close = match[i]!;
    const prev = toks[i - 1];
    const next = toks[close + 1];
    const destructuring =
      (prev?.k === 'id' && (prev.v === 'const' || prev.v === 'let' || prev.v === 'var')) ||
      (next?.k === 'p' &&
        next.v === '=' &&
        toks[close + 2]?.v !== '>' &&
        toks[close + 2]?.v !== '=');
    if (destructuring) continue;
    const members = new Map<string, Span>();
    for (const m of splitTop(src, i + 1, close, [',', ';'])) {
      const first = toks[m.from]!;
      const second = toks[m.from + 1];
      if ((first.k === 'id' || first.k === 'str') && second?.k === 'p' && second.v === ':') {
        members.set(first.v, { from: m.from + 2, to: m.to });
      } else if (first.k === 'id' && m.to === m.from + 1) {
        members.set(first.v, { from: m.from, to: m.to });
      }
    }
    out.push({ src, at: i, members });
  }
  return out;
}

/** What a value expression says about the names it can produce. */
export interface ValueFacts {
  /** String literals in the expression that match `pattern`. */
  literals: string[];
  /** Template literals with `${…}` (raw, backticks included). */
  templates: string[];
  /** UPPER_CASE identifiers indexed like a table (`TABLE[key]`). */
  tables: string[];
  text: string;
}

export function valueFacts(src: Source, span: Span, pattern: RegExp): ValueFacts {
  const facts: ValueFacts = { literals: [], templates: [], tables: [], text: spanText(src, span) };
  for (let i = span.from; i < span.to; i++) {
    const t = src.toks[i]!;
    if (t.k === 'str' && pattern.test(t.v)) facts.literals.push(t.v);
    else if (t.k === 'tpl' && !t.dyn && pattern.test(t.v.slice(1, -1)))
      facts.literals.push(t.v.slice(1, -1));
    else if (t.k === 'tpl' && t.dyn) facts.templates.push(t.v);
    else if (t.k === 'id' && /^[A-Z][A-Z0-9_]+$/.test(t.v) && src.toks[i + 1]?.v === '[')
      facts.tables.push(t.v);
  }
  return facts;
}

/** Names of functions, arrows and methods that declare a parameter `param: string`. */
export function declaredWithParam(src: Source, param: string): string[] {
  const names: string[] = [];
  const { toks, match } = src;
  for (let i = 1; i < toks.length; i++) {
    const t = toks[i]!;
    if (t.k !== 'p' || t.v !== '(' || match[i]! < i) continue;
    const params = splitTop(src, i + 1, match[i]!, [',']);
    const has = params.some((p) => {
      const a = toks[p.from];
      const b = toks[p.from + 1];
      const c = toks[p.from + 2];
      const type = b?.v === '?' ? toks[p.from + 3] : c;
      return (
        a?.k === 'id' &&
        a.v === param &&
        b?.k === 'p' &&
        (b.v === ':' || (b.v === '?' && c?.v === ':')) &&
        type?.v === 'string'
      );
    });
    if (!has) continue;
    const prev = toks[i - 1]!;
    let name: string | null = null;
    if (prev.k === 'id' && !KEYWORDS.has(prev.v) && prev.v !== 'async') name = prev.v;
    else {
      let j = i - 1;
      if (toks[j]?.k === 'id' && toks[j]!.v === 'async') j--;
      if (toks[j]?.v === '=' && toks[j - 1]?.k === 'id') name = toks[j - 1]!.v;
    }
    names.push(name ?? '(anonymous)');
  }
  return names;
}
