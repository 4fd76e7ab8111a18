/**
 * Finds, by reading the source, every reason code and every history event name ("what") the
 * engine can write, so test/unit/i18n/coverage.test.ts can insist each one has a label.
 *
 * Literal codes are collected where the code builds a reason: the reason helpers (`reason(CODE, …)`,
 * `notRun(…, …, CODE, …)`, …), object literals shaped like a reason (`{ code: CODE, message, … }`)
 * and the few code tables. Anything the scan cannot resolve to literals — a code passed through a
 * variable, a template literal, a new table, a new helper taking a `code` — must be listed in the
 * reviewed lists below, so a new source of codes fails the test until someone looks at it.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  callsOf,
  declaredWithParam,
  loadSource,
  objectLiterals,
  sourceFiles,
  valueFacts,
  type Source,
  type Span,
} from './source-scan.ts';

export const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

/** Where the engine builds reasons (pre-flight checks, ID-number rules, providers, queue, pipeline). */
export const REASON_ROOTS = [
  'electron/engine/checks',
  'electron/engine/providers',
  'electron/engine/queue',
  'electron/engine/pipeline',
  'shared/rules',
];
/** Where the engine appends history events. */
export const EVENT_ROOTS = ['electron/engine'];

export const CODE = /^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)*$/;
export const EVENT = /^[a-z][a-z0-9_]*(?::[a-z0-9_]+)?$/;

/** Functions whose argument `arg` is a reason code (optionally only in one file). */
export const REASON_HELPERS: readonly { name: string; arg: number; file?: string }[] = [
  { name: 'reason', arg: 0 }, // checks/check-builder.ts, providers/kit/reasons.ts, shared/rules/types.ts
  { name: 'notRun', arg: 2 },
  { name: 'vendorNotes', arg: 1 },
  { name: 'unusableReferenceResult', arg: 0 },
  { name: 'signal', arg: 0, file: 'electron/engine/providers/aiprise/sections.ts' },
  { name: 'fail', arg: 0, file: 'electron/engine/checks/file-checks.ts' },
  { name: 'm', arg: 0, file: 'electron/engine/providers/advanceai/error-codes.ts' },
  { name: 'missing', arg: 1, file: 'electron/engine/providers/aiprise/adapter.ts' },
  { name: 'unusable', arg: 1, file: 'electron/engine/providers/advanceai/adapter.ts' },
];

/** Functions that take a `code` parameter but do not build reasons. */
export const NOT_REASON_HELPERS: Readonly<Record<string, string>> = {
  resolve: 'providers/anycheck/catalogue.ts: looks up an AnyCheck service code',
  provinceName: 'shared/rules/regions.ts: looks up a province code',
};

/** Object keys whose literal values are reason codes (besides `code`). */
const CODE_KEYS = ['code', 'below'];

/** Lookup tables whose values are reason codes. */
export const CODE_TABLES: readonly { file: string; name: string }[] = [
  { file: 'electron/engine/providers/aiprise/sections.ts', name: 'DECLINED_CODES' },
  { file: 'electron/engine/providers/aiprise/sections.ts', name: 'STATUS_REASON_CODES' },
];

/**
 * Codes that reach a reason through a variable. Each entry says where the values come from; the
 * test fails on any site not listed here.
 */
export const REVIEWED_CODE_VARIABLES: Readonly<Record<string, string>> = {
  'electron/engine/checks/check-builder.ts: code':
    'parameter of reason()/notRun(); their calls are scanned',
  'electron/engine/checks/file-checks.ts: code': 'parameter of fail(); its calls are scanned',
  'electron/engine/checks/id-checks.ts: r.code': 'codes of shared/rules, scanned there',
  'shared/rules/types.ts: code': 'parameter of reason(); its calls are scanned',
  'electron/engine/providers/kit/reasons.ts: code': 'parameter of reason(); its calls are scanned',
  'electron/engine/providers/aiprise/sections.ts: code':
    'parameters of vendorNotes()/signal(); their calls are scanned',
  'electron/engine/providers/aiprise/adapter.ts: code':
    'parameter of missing(); its calls are scanned',
  'electron/engine/providers/advanceai/adapter.ts: code':
    'parameter of unusable(); its calls are scanned',
  'electron/engine/providers/advanceai/normalize.ts: code':
    'parameter of unusableReferenceResult(); its calls are scanned',
  'electron/engine/providers/advanceai/normalize.ts: mapping.reason':
    'ADVANCE_AI_ERROR_CODES, built with m(); scanned',
  'electron/engine/providers/advanceai/normalize.ts: ctx.mapping.reason':
    'ADVANCE_AI_ERROR_CODES, built with m(); scanned',
  'electron/engine/providers/advanceai/normalize.ts: spec.below':
    'the `below:` literals next to it; scanned',
  'electron/engine/providers/frankieone/normalize.ts: meaning.reason.code':
    'frankieone/status.ts tables ({ code, severity, message }); scanned',
  'electron/engine/providers/frankieone/normalize.ts: r.code':
    'frankieone/status.ts tables ({ code, severity, message }); scanned',
  'electron/engine/providers/frankieone/normalize.ts: code':
    "FrankieOne workflow issue names, passed through as the vendor writes them (open set; the reason's own message is shown)",
  'electron/engine/providers/anycheck/wire.ts: code':
    "an AnyCheck error body's code: becomes ProviderError.vendorCode, then lastError (open set)",
  'electron/engine/queue/runner.ts: code':
    'lastError: the vendor error code or the ProviderError kind + HTTP status (open set)',
  "electron/engine/queue/runner.ts: d.kind === 'permanent' ? d.code : code":
    'lastError: the classifier code (scanned) or the vendor code (open set)',
};

/** Codes built from a template; each either expands to documented values or is an open family. */
export const OPEN_CODE_FAMILIES: Readonly<Record<string, string>> = {
  'electron/engine/queue/classifier.ts: `HTTP_${status}`':
    'lastError of a refused request: HTTP_ + any 4xx status; the message says what the provider answered',
};

/** Codes the engine produces that the scan cannot see (not in a reason position). */
export const EXTRA_CODES: Readonly<Record<string, string>> = {
  INTERNAL: 'queue/runner.ts: lastError code of an unexpected (non-provider) error',
};

export interface Found {
  /** Name → where it was found. */
  names: Map<string, Set<string>>;
  /** `file: expression` sites not resolved to literals and not reviewed. */
  unreviewed: Set<string>;
}

function add(found: Found, name: string, where: string): void {
  if (!found.names.has(name)) found.names.set(name, new Set());
  found.names.get(name)!.add(where);
}

export function loadSources(roots: readonly string[]): Source[] {
  return roots.flatMap((r) => sourceFiles(path.join(ROOT, r))).map((f) => loadSource(ROOT, f));
}

/** Literal values of `const NAME = { … }` (or `NAME: Type = { … }`) in a source. */
function tableValues(src: Source, name: string): string[] {
  const i = src.toks.findIndex(
    (t, j) => t.k === 'id' && t.v === name && src.toks[j - 1]?.v === 'const',
  );
  if (i < 0) return [];
  const open = src.toks.findIndex((t, j) => j > i && t.k === 'p' && t.v === '{');
  const obj = objectLiterals(src).find((o) => o.at === open);
  return obj
    ? [...obj.members.values()].flatMap((span) => valueFacts(src, span, CODE).literals)
    : [];
}

/** String literals inside the first `[ … ]` after `const NAME`. */
function arrayValues(src: Source, name: string): string[] {
  const i = src.toks.findIndex(
    (t, j) => t.k === 'id' && t.v === name && src.toks[j - 1]?.v === 'const',
  );
  if (i < 0) return [];
  const open = src.toks.findIndex((t, j) => j > i && t.k === 'p' && t.v === '[');
  const close = src.match[open]!;
  return src.toks.slice(open + 1, close).flatMap((t) => (t.k === 'str' ? [t.v] : []));
}

/** Expands a template-literal code; null when it is neither documented nor an open family. */
function expandCodeTemplate(sources: readonly Source[], src: Source, tpl: string): string[] | null {
  const where = `${src.rel}: ${tpl}`;
  if (where in OPEN_CODE_FAMILIES) return [];
  // shared/rules/region-rules.ts: `${codePrefix}_BAD_PROVINCE`, … with the prefixes its callers pass.
  const region = /^`\$\{codePrefix\}(_[A-Z0-9_]+)`$/.exec(tpl);
  if (region && src.rel === 'shared/rules/region-rules.ts') {
    const prefixes = sources.flatMap((s) =>
      callsOf(s, 'checkRegion').flatMap((c) =>
        c.args[2] ? valueFacts(s, c.args[2], CODE).literals : [],
      ),
    );
    return prefixes.length > 0 ? prefixes.map((p) => `${p}${region[1]}`) : null;
  }
  // providers/aiprise/sections.ts: `AML_${type}` for every documented AML hit type.
  if (tpl === '`AML_${type}`' && src.rel === 'electron/engine/providers/aiprise/sections.ts') {
    const types = arrayValues(src, 'HIT_TYPES');
    return types.length > 0 ? types.map((t) => `AML_${t}`) : null;
  }
  return null;
}

function collectValue(
  found: Found,
  sources: readonly Source[],
  src: Source,
  span: Span,
  reviewed: Readonly<Record<string, string>>,
): void {
  const facts = valueFacts(src, span, CODE);
  for (const code of facts.literals) add(found, code, src.rel);
  for (const table of facts.tables) {
    if (!CODE_TABLES.some((t) => t.file === src.rel && t.name === table))
      found.unreviewed.add(`${src.rel}: table ${table}`);
  }
  for (const tpl of facts.templates) {
    const expanded = expandCodeTemplate(sources, src, tpl);
    if (expanded === null) found.unreviewed.add(`${src.rel}: ${tpl}`);
    else for (const code of expanded) add(found, code, `${src.rel} (${tpl})`);
  }
  if (facts.literals.length === 0 && facts.templates.length === 0 && facts.tables.length === 0) {
    const site = `${src.rel}: ${facts.text}`;
    if (!(site in reviewed)) found.unreviewed.add(site);
  }
}

const TYPE_ONLY = new Set(['string', 'number', 'boolean', 'null', 'undefined', '|']);

/** A type annotation, a zod schema or null, rather than a value that can be a name. */
function notAValue(src: Source, span: Span): boolean {
  const toks = src.toks.slice(span.from, span.to);
  return toks.every((t) => TYPE_ONLY.has(t.v)) || (toks[0]?.v === 'z' && toks[1]?.v === '.');
}

export function collectReasonCodes(
  sources: readonly Source[],
  reviewed = REVIEWED_CODE_VARIABLES,
): Found {
  const found: Found = { names: new Map(), unreviewed: new Set() };
  for (const src of sources) {
    for (const h of REASON_HELPERS) {
      if (h.file && h.file !== src.rel) continue;
      for (const call of callsOf(src, h.name)) {
        const arg = call.args[h.arg];
        if (arg) collectValue(found, sources, src, arg, reviewed);
      }
    }
    for (const obj of objectLiterals(src)) {
      if (
        !obj.members.has('severity') &&
        !obj.members.has('message') &&
        !obj.members.has('threshold')
      )
        continue;
      for (const key of CODE_KEYS) {
        const span = obj.members.get(key);
        if (!span) continue;
        if (notAValue(src, span)) continue;
        collectValue(found, sources, src, span, reviewed);
      }
    }
    for (const t of CODE_TABLES)
      if (t.file === src.rel)
        for (const code of tableValues(src, t.name)) add(found, code, `${src.rel} (${t.name})`);
    for (const name of declaredWithParam(src, 'code')) {
      if (!REASON_HELPERS.some((h) => h.name === name) && !(name in NOT_REASON_HELPERS))
        found.unreviewed.add(`${src.rel}: function ${name}(code) is not a known reason helper`);
    }
  }
  for (const code of Object.keys(EXTRA_CODES)) add(found, code, 'EXTRA_CODES');
  return found;
}

// ---------------------------------------------------------------------------------------------
// History events

/** Calls whose argument `arg` is the event name. */
export const EVENT_HELPERS: readonly {
  file: string;
  name: string;
  receiver: string;
  arg: number;
}[] = [
  { file: 'electron/engine/queue/runner.ts', name: 'finalize', receiver: 'this', arg: 3 },
  { file: 'electron/engine/queue/runner.ts', name: 'history', receiver: 'this', arg: 1 },
];

/** Functions with a `what` parameter that is not an event name. */
export const NOT_EVENT_HELPERS: Readonly<Record<string, string>> = {
  add: 'engine/index.ts: a startup log line',
  unknownValue: 'providers: which vendor field held an unknown value',
  sectionOutcome: 'providers/aiprise: which section is read',
  passFail: 'providers/advanceai: which field is read',
  write: 'providers/kit/state-file.ts: which sandbox file is written',
};

export const REVIEWED_EVENT_VARIABLES: Readonly<Record<string, string>> = {
  'electron/engine/queue/runner.ts: what':
    'parameter of finalize()/history(); their calls are scanned',
  'electron/engine/ledger/history.ts: r.what': 'reading stored events back',
  'electron/engine/ledger/history.ts: entry.what': 'HistoryRepo.append(): every append is scanned',
  'electron/engine/ledger/history.ts: params.what': 'HistoryRepo.append(): every append is scanned',
  'electron/engine/ledger/report-queries.ts: str(r[E.what])':
    'reading stored events back for the reports',
};

/** `review:${action}` (review/apply.ts record()): every review action, plus what record() is given. */
function reviewEvents(
  sources: readonly Source[],
  reviewActions: readonly string[],
): string[] | null {
  const apply = sources.find((s) => s.rel === 'electron/engine/review/apply.ts');
  if (!apply) return null;
  const given = [
    ...callsOf(apply, 'record').map((c) => c.args[2]),
    ...callsOf(apply, 'sendToProvider').map((c) => c.args[5]),
  ]
    .filter((a): a is Span => a !== undefined)
    .flatMap((a) => valueFacts(apply, a, EVENT).literals);
  return [...new Set([...reviewActions, ...given])].map((a) => `review:${a}`);
}

export function collectEvents(sources: readonly Source[], reviewActions: readonly string[]): Found {
  const found: Found = { names: new Map(), unreviewed: new Set() };
  const value = (src: Source, span: Span) => {
    const facts = valueFacts(src, span, EVENT);
    for (const name of facts.literals) add(found, name, src.rel);
    for (const tpl of facts.templates) {
      const expanded =
        tpl === '`review:${action}`' && src.rel === 'electron/engine/review/apply.ts'
          ? reviewEvents(sources, reviewActions)
          : null;
      if (expanded === null) found.unreviewed.add(`${src.rel}: ${tpl}`);
      else for (const name of expanded) add(found, name, `${src.rel} (${tpl})`);
    }
    const nothing = facts.literals.length === 0 && facts.templates.length === 0;
    if (
      nothing &&
      !notAValue(src, span) &&
      !(`${src.rel}: ${facts.text}` in REVIEWED_EVENT_VARIABLES)
    )
      found.unreviewed.add(`${src.rel}: ${facts.text}`);
  };
  for (const src of sources) {
    for (const obj of objectLiterals(src)) {
      const what = obj.members.get('what');
      if (what && obj.members.has('entity')) value(src, what);
    }
    for (const h of EVENT_HELPERS) {
      if (h.file !== src.rel) continue;
      for (const call of callsOf(src, h.name, h.receiver)) {
        const arg = call.args[h.arg];
        if (arg) value(src, arg);
      }
    }
    // Events written in SQL (ledger/open.ts): INSERT INTO events (…, what, …) VALUES (…, 'name', …).
    for (const t of src.toks) {
      if (t.k !== 'str' && t.k !== 'tpl') continue;
      const m = /INSERT INTO events\s*\(([^)]*)\)\s*VALUES\s*\(([^)]*)\)/i.exec(t.v);
      if (!m) continue;
      const cols = m[1]!.split(',').map((c) => c.trim());
      const vals = m[2]!.split(',').map((v) => v.trim());
      const v = vals[cols.indexOf('what')] ?? '';
      const literal = /^'([^']*)'$/.exec(v);
      if (literal) add(found, literal[1]!, `${src.rel} (SQL)`);
      else if (!(src.rel === 'electron/engine/ledger/history.ts' && v === '@what'))
        found.unreviewed.add(`${src.rel}: SQL what = ${v}`);
    }
    for (const name of declaredWithParam(src, 'what')) {
      if (!EVENT_HELPERS.some((h) => h.name === name) && !(name in NOT_EVENT_HELPERS))
        found.unreviewed.add(`${src.rel}: function ${name}(what) is not a known event helper`);
    }
  }
  return found;
}
