/**
 * Shared steps of the UI specs: a fast `checkdesk serve`, calls to the contract with the page's
 * token (for set-up and for checking what the UI did), axe-core checks and screenshots.
 */
import { expect, test as base, type Page } from '@playwright/test';
import fs from 'node:fs';
import path from 'node:path';
import type { HandlerArgs, HandlerName, HandlerResult } from '../../shared/contract.ts';
import type { Result } from '../../shared/errors.ts';
import { serveApp, type ServedApp } from './host.ts';

const ROOT = path.resolve(import.meta.dirname, '..', '..');
export const SCREENS_DIR = path.join(ROOT, 'test-results', 'screens');
const AXE = path.join(ROOT, 'node_modules', 'axe-core', 'axe.min.js');

/** Files count as written after 300 ms, cases are planned 500 ms after their last file. */
export function serveFast(): Promise<ServedApp> {
  return serveApp({ env: { CHECKDESK_STABLE_MS: '300', CHECKDESK_CASE_SETTLE_MS: '500' } });
}

/**
 * `test` with an `app` fixture: a served CheckDesk per test (fast timings unless the spec sets
 * `test.use({ fastTimings: false })`), stopped after the page is closed, because a connected page
 * keeps the browser host's event stream open.
 */
export const test = base.extend<{ app: ServedApp; fastTimings: boolean }>({
  fastTimings: [true, { option: true }],
  app: async ({ page, fastTimings }, use) => {
    const app = await (fastTimings ? serveFast() : serveApp());
    await use(app);
    await page.close();
    await app.stop();
  },
});
export { expect };

export type Api = <N extends HandlerName>(
  name: N,
  args?: HandlerArgs<N>,
) => Promise<HandlerResult<N>>;

/** The contract over HTTP with the app's token; throws on an error result. */
export function apiOf(app: ServedApp): Api & {
  raw: <N extends HandlerName>(name: N, args?: HandlerArgs<N>) => Promise<Result<HandlerResult<N>>>;
} {
  const token = new URL(app.url).searchParams.get('token')!;
  const raw = async <N extends HandlerName>(
    name: N,
    args?: HandlerArgs<N>,
  ): Promise<Result<HandlerResult<N>>> => {
    const res = await fetch(`${app.origin}/api/invoke/${name}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify(args ?? {}),
    });
    return (await res.json()) as Result<HandlerResult<N>>;
  };
  const api = (async <N extends HandlerName>(name: N, args?: HandlerArgs<N>) => {
    const r = await raw(name, args);
    if (!r.ok) throw new Error(`${name}: ${r.error.code} ${r.error.message}`);
    return r.value;
  }) as Api & { raw: typeof raw };
  api.raw = raw;
  return api;
}

/** Polls the engine until `check` returns a value (for set-up only; UI assertions wait on the page). */
export async function until<T>(
  what: string,
  check: () => Promise<T | null | undefined | false>,
  timeoutMs = 45_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await check();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** Runs axe-core on the page; fails on serious or critical violations (all listed in the message). */
export async function expectAccessible(page: Page, label: string): Promise<void> {
  const loaded = await page.evaluate(
    () => typeof (window as unknown as { axe?: unknown }).axe !== 'undefined',
  );
  // Evaluated through the debugging protocol: the app's CSP (script-src 'self') stays in force.
  if (!loaded) await page.evaluate(`${fs.readFileSync(AXE, 'utf8')}\n;void 0`);
  const result = await page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: {
          run(
            ctx: unknown,
            opts: unknown,
          ): Promise<{
            violations: {
              id: string;
              impact: string | null;
              help: string;
              nodes: { target: unknown[]; failureSummary?: string }[];
            }[];
          }>;
        };
      }
    ).axe;
    const r = await axe.run(document, { resultTypes: ['violations'] });
    return r.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes
        .slice(0, 3)
        .map((n) => `${JSON.stringify(n.target)} ${n.failureSummary ?? ''}`),
    }));
  });
  const bad = result.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  const minor = result.filter((v) => !bad.includes(v));
  if (minor.length > 0 && process.env.CHECKDESK_A11Y_VERBOSE)
    console.log(`axe ${label}: ${minor.map((v) => `${v.id} (${v.impact})`).join(', ')}`);
  expect(bad, `${label}: ${JSON.stringify(bad, null, 1)}`).toEqual([]);
}

export async function screenshot(page: Page, screen: string, lang: 'en' | 'id'): Promise<void> {
  fs.mkdirSync(SCREENS_DIR, { recursive: true });
  await page.screenshot({ path: path.join(SCREENS_DIR, `${screen}-${lang}.png`), fullPage: false });
}

/** Drops files on the window the way a person drags them from the file manager. */
export async function dropFiles(
  page: Page,
  files: { name: string; data: Buffer; type: string }[],
): Promise<void> {
  const payload = files.map((f) => ({
    name: f.name,
    type: f.type,
    b64: f.data.toString('base64'),
  }));
  const dt = await page.evaluateHandle((list) => {
    const t = new DataTransfer();
    for (const f of list) {
      const bytes = Uint8Array.from(atob(f.b64), (c) => c.charCodeAt(0));
      t.items.add(new File([bytes], f.name, { type: f.type }));
    }
    return t;
  }, payload);
  await page.dispatchEvent('main', 'dragenter', { dataTransfer: dt });
  await page.dispatchEvent('main', 'dragover', { dataTransfer: dt });
  await page.dispatchEvent('main', 'drop', { dataTransfer: dt });
}
