/**
 * The UI at scale, in real Chromium against a real `checkdesk serve`:
 *
 *  1. a ledger of 100,000 cases (written through the Ledger repos in one transaction);
 *  2. time until the cases table is interactive (first rows painted, then a quiet main thread);
 *  3. the longest main-thread task while scrolling through it (wheel steps, then jumps anywhere
 *     in the 100k rows, waiting each time for the rows to arrive);
 *  4. the longest task while the engine emits ≥ 500 events a second — files are written into the
 *     inbox at a steady rate (the real intake path: file added/changed, case changed, activity,
 *     status), counted on the event stream itself — on the live cases table, on the same table
 *     while scrolling hard through it, on the live activity log and on the dashboard.
 *
 * "Longest task" is measured two ways: PerformanceObserver 'longtask' entries (tasks ≥ 50 ms, the
 * browser's own definition) and, for the exact figure below 50 ms, the longest RunTask of the
 * renderer's main thread in a Chromium trace of the same phase — as wall time (what a person
 * feels, and what the target is about) and as the main thread's CPU time (the UI's own work,
 * unaffected by other processes competing for the machine's cores; the load average is printed).
 *
 *   node bin/bench.mjs ui
 *   BENCH_UI_CASES=20000 BENCH_UI_FILES_PER_SECOND=300 node bin/bench.mjs ui
 */
import { chromium, type Browser, type Page } from '@playwright/test';
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { seedLargeLedger } from '../helpers/ui-ledger.ts';

const ROOT = path.resolve(import.meta.dirname, '..', '..');
const CASES = Number(process.env.BENCH_UI_CASES ?? 100_000);
const FILES_PER_SECOND = Number(process.env.BENCH_UI_FILES_PER_SECOND ?? 250);
const EVENT_SECONDS = Number(process.env.BENCH_UI_EVENT_SECONDS ?? 8);
const TARGET_INTERACTIVE_MS = 1000;
const TARGET_TASK_MS = 50;
const TARGET_EVENTS_PER_S = 500;

function bench(name: string, value: number, unit: string): void {
  console.log(`BENCH ui.${name} ${Number.isInteger(value) ? value : value.toFixed(2)} ${unit}`);
}

function note(text: string): void {
  console.log(`# ${text}`);
}

// ------------------------------------------------------------------------------------------------
// The engine

interface Served {
  url: string;
  origin: string;
  token: string;
  child: ChildProcess;
}

async function serve(dataDir: string): Promise<Served> {
  const child = spawn(
    process.execPath,
    [path.join(ROOT, 'bin', 'checkdesk.mjs'), 'serve', '--data-dir', dataDir],
    {
      cwd: ROOT,
      env: { ...process.env, CHECKDESK_STABLE_MS: '300', CHECKDESK_CASE_SETTLE_MS: '500' },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    const rl = readline.createInterface({ input: child.stdout! });
    rl.once('line', (line) => resolve(line.trim()));
    child.once('exit', (code) => reject(new Error(`serve exited with ${code}: ${stderr}`)));
    setTimeout(() => reject(new Error(`serve did not start: ${stderr}`)), 120_000).unref();
  });
  const u = new URL(url);
  return { url, origin: u.origin, token: u.searchParams.get('token')!, child };
}

async function stop(s: Served): Promise<void> {
  if (s.child.exitCode !== null) return;
  const exited = new Promise((r) => s.child.once('exit', r));
  s.child.kill('SIGTERM');
  await exited;
}

/** Counts what the engine emits: envelopes, and the items they carry (files, cases, events). */
function countEvents(s: Served): {
  stop(): { envelopes: number; items: number; byName: Record<string, number> };
} {
  const controller = new AbortController();
  const byName: Record<string, number> = {};
  let envelopes = 0;
  let items = 0;
  void (async () => {
    try {
      const res = await fetch(`${s.origin}/api/events`, {
        headers: { authorization: `Bearer ${s.token}` },
        signal: controller.signal,
      });
      const reader = res.body!.getReader();
      const decoder = new TextDecoder();
      let buffer = '';
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        buffer += decoder.decode(value, { stream: true });
        let at: number;
        while ((at = buffer.indexOf('\n\n')) >= 0) {
          const frame = buffer.slice(0, at);
          buffer = buffer.slice(at + 2);
          const line = frame.split('\n').find((l) => l.startsWith('data: '));
          if (!line) continue;
          const e = JSON.parse(line.slice(6)) as { name: string; payload: Record<string, unknown> };
          const p = e.payload;
          const n = Array.isArray(p.files)
            ? p.files.length
            : Array.isArray(p.ids)
              ? p.ids.length
              : Array.isArray(p.events)
                ? p.events.length
                : 1;
          envelopes++;
          items += n;
          byName[e.name] = (byName[e.name] ?? 0) + n;
        }
      }
    } catch {
      // aborted at the end of the phase
    }
  })();
  return {
    stop() {
      controller.abort();
      return { envelopes, items, byName };
    },
  };
}

/** Writes `perSecond` small files a second into the inbox (20 folders = 20 cases per second). */
function writeFiles(inbox: string, perSecond: number, seconds: number): Promise<number> {
  let written = 0;
  const ticks = seconds * 10;
  const perTick = Math.max(1, Math.round(perSecond / 10));
  return new Promise((resolve) => {
    let tick = 0;
    const timer = setInterval(() => {
      const folder = path.join(inbox, `EVT-${String(Math.floor(tick / 5)).padStart(4, '0')}`);
      fs.mkdirSync(folder, { recursive: true });
      for (let i = 0; i < perTick; i++) {
        fs.writeFileSync(path.join(folder, `note-${tick}-${i}.txt`), `event ${tick}/${i}\n`);
        written++;
      }
      if (++tick >= ticks) {
        clearInterval(timer);
        resolve(written);
      }
    }, 100);
  });
}

// ------------------------------------------------------------------------------------------------
// The page

const INIT = `
  window.__longtasks = [];
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) window.__longtasks.push({ start: e.startTime, duration: e.duration });
    }).observe({ type: 'longtask', buffered: true });
  } catch (e) {}
`;

interface LongTask {
  start: number;
  duration: number;
}

async function longTasks(page: Page, since = 0): Promise<LongTask[]> {
  return (
    await page.evaluate(() => (window as unknown as { __longtasks: LongTask[] }).__longtasks)
  ).filter((t) => t.start >= since);
}

async function frame(page: Page): Promise<void> {
  await page.evaluate(
    () => new Promise<void>((r) => requestAnimationFrame(() => requestAnimationFrame(() => r()))),
  );
}

/** Longest main-thread task of the page's renderer in a Chromium trace (ms). */
async function traced<T>(
  browser: Browser,
  page: Page,
  work: () => Promise<T>,
): Promise<{ result: T; longestMs: number; longestCpuMs: number; tasks: number }> {
  // 'toplevel' alone records every task at little cost; the timeline categories (what a task did)
  // only when asked for, as they slow the renderer down themselves.
  const categories = process.env.BENCH_UI_DEBUG
    ? ['toplevel', 'devtools.timeline', 'disabled-by-default-devtools.timeline']
    : ['toplevel'];
  await browser.startTracing(page, { categories });
  const result = await work();
  const buffer = await browser.stopTracing();
  const trace = JSON.parse(buffer.toString('utf8')) as {
    traceEvents: {
      name: string;
      ph: string;
      pid: number;
      tid: number;
      dur?: number;
      args?: { name?: string };
    }[];
  };
  const mains = new Set<string>();
  for (const e of trace.traceEvents)
    if (e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain')
      mains.add(`${e.pid}:${e.tid}`);
  let longest = 0;
  let longestCpu = 0;
  let tasks = 0;
  const top: { ts: number; dur: number; tdur: number; pid: number; tid: number }[] = [];
  for (const e of trace.traceEvents as {
    name: string;
    ph: string;
    pid: number;
    tid: number;
    ts: number;
    dur?: number;
    tdur?: number;
  }[]) {
    if (
      e.ph !== 'X' ||
      !(e.name === 'RunTask' || e.name === 'ThreadControllerImpl::RunTask') ||
      !mains.has(`${e.pid}:${e.tid}`)
    )
      continue;
    tasks++;
    longest = Math.max(longest, (e.dur ?? 0) / 1000);
    longestCpu = Math.max(longestCpu, (e.tdur ?? 0) / 1000);
    top.push({ ts: e.ts, dur: e.dur ?? 0, tdur: e.tdur ?? 0, pid: e.pid, tid: e.tid });
  }
  if (process.env.BENCH_UI_DEBUG) {
    top.sort((a, b) => b.dur - a.dur);
    for (const t of top.slice(0, 4)) {
      const inside = (
        trace.traceEvents as {
          name: string;
          ph: string;
          pid: number;
          tid: number;
          ts: number;
          dur?: number;
        }[]
      )
        .filter(
          (e) =>
            e.pid === t.pid &&
            e.tid === t.tid &&
            e.ph === 'X' &&
            e.ts >= t.ts &&
            e.ts < t.ts + t.dur &&
            e.name !== 'RunTask' &&
            e.name !== 'ThreadControllerImpl::RunTask',
        )
        .sort((a, b) => (b.dur ?? 0) - (a.dur ?? 0))
        .slice(0, 6)
        .map((e) => `${e.name}:${((e.dur ?? 0) / 1000).toFixed(1)}`);
      note(
        `task ${(t.dur / 1000).toFixed(1)} ms wall, ${(t.tdur / 1000).toFixed(1)} ms cpu: ${inside.join(', ')}`,
      );
    }
  }
  return { result, longestMs: longest, longestCpuMs: longestCpu, tasks };
}

/** Scrolls like a person (wheel), then jumps anywhere and waits for the rows each time. */
async function scrollThrough(page: Page, wheelSteps: number, jumps: number): Promise<number[]> {
  const box = (await page.getByTestId('cases-scroll').boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  for (let i = 0; i < wheelSteps; i++) {
    await page.mouse.wheel(0, 1200);
    await frame(page);
  }
  const fills: number[] = [];
  let seed = 7;
  for (let i = 0; i < jumps; i++) {
    seed = (seed * 16807) % 2147483647;
    const ratio = seed / 2147483647;
    const t0 = Date.now();
    await page.evaluate((r) => {
      const el = document.querySelector<HTMLElement>('[data-testid="cases-scroll"]')!;
      el.scrollTop = Math.floor((el.scrollHeight - el.clientHeight) * r);
    }, ratio);
    await page.waitForFunction(
      () =>
        document.querySelectorAll('[data-testid="cases-row"]').length > 10 &&
        !document.querySelector('.vrow.placeholder'),
      null,
      { polling: 'raf', timeout: 15_000 },
    );
    fills.push(Date.now() - t0);
    for (let k = 0; k < 5; k++) {
      await page.mouse.wheel(0, 400);
      await frame(page);
    }
  }
  return fills;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? 0;
}

function chromiumPath(): string | undefined {
  const fromEnv = process.env.CHECKDESK_CHROMIUM ?? process.env.PLAYWRIGHT_CHROMIUM_EXECUTABLE_PATH;
  if (fromEnv) return fromEnv;
  for (const p of ['/usr/bin/chromium', '/usr/bin/chromium-browser'])
    if (fs.existsSync(p)) return p;
  return undefined;
}

// ------------------------------------------------------------------------------------------------

export default async function run(): Promise<void> {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'cd-ui-bench-'));
  const dataDir = path.join(root, 'data');
  const inbox = path.join(root, 'inbox');
  fs.mkdirSync(inbox, { recursive: true });
  let served: Served | null = null;
  let browser: Browser | null = null;
  try {
    // Wall-clock task lengths depend on what else runs on the machine: say how busy it was.
    bench('machine_load_1m_before', os.loadavg()[0]!, 'load');
    bench('machine_cpus', os.cpus().length, 'cpus');
    const { ensureRendererBuilt } = await import('../../electron/hosts/browser/serve-command.ts');
    await ensureRendererBuilt({ err: (l) => note(l) });
    const seeded = seedLargeLedger(dataDir, inbox, CASES);
    bench('seed_cases', seeded.cases, 'cases');
    bench('seed_ms', Math.round(seeded.ms), 'ms');

    served = await serve(dataDir);
    browser = await chromium.launch({
      executablePath: chromiumPath(),
      headless: true,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--no-first-run',
      ],
    });
    const context = await browser.newContext({ viewport: { width: 1366, height: 900 } });
    await context.addInitScript(INIT);
    const page = await context.newPage();

    // --- 2. Time to an interactive table (cold: first visit, nothing cached) ---------------------
    const interactive = async (): Promise<{ firstRows: number; interactive: number }> => {
      await page.goto(`${served!.url}#/cases`);
      const firstRows = await (
        await page.waitForFunction(
          () =>
            document.querySelectorAll('[data-testid="cases-row"]').length > 10
              ? performance.now()
              : 0,
          null,
          { polling: 'raf', timeout: 60_000 },
        )
      ).jsonValue();
      // Interactive: rows painted and then 500 ms without a long task (a short TTI quiet window).
      await page.waitForTimeout(1500);
      let at = firstRows;
      for (const t of (await longTasks(page)).sort((a, b) => a.start - b.start))
        if (t.start <= at + 500) at = Math.max(at, t.start + t.duration);
      // And the table answers: a click selects a row within a frame.
      await page.getByTestId('cases-row').first().getByRole('checkbox').click();
      await page.getByTestId('cases-row').first().getByRole('checkbox').click();
      return { firstRows, interactive: at };
    };
    const cold = await interactive();
    const total = await page.getByTestId('cases-table').getAttribute('data-total');
    if (Number(total) !== CASES)
      throw new Error(`the table says ${total} cases, expected ${CASES}`);
    const warm = await interactive();
    bench('cases_first_rows_ms', Math.round(cold.firstRows), 'ms');
    bench('cases_interactive_ms', Math.round(cold.interactive), 'ms');
    bench('cases_interactive_warm_ms', Math.round(warm.interactive), 'ms');
    bench('cases_interactive.vs_target', cold.interactive / TARGET_INTERACTIVE_MS, 'x');
    bench('dom_rows_rendered', await page.getByTestId('cases-row').count(), 'rows');

    // --- 3. Scrolling through 100k rows ---------------------------------------------------------
    const mark = await page.evaluate(() => performance.now());
    const scroll = await traced(browser, page, () => scrollThrough(page, 150, 25));
    const scrollLong = await longTasks(page, mark);
    bench('scroll_longest_task_ms', scroll.longestMs, 'ms');
    bench('scroll_longest_task.vs_target', scroll.longestMs / TARGET_TASK_MS, 'x');
    bench('scroll_longest_task_cpu_ms', scroll.longestCpuMs, 'ms');
    bench('scroll_longtasks_over_50ms', scrollLong.length, 'count');
    bench(
      'scroll_longtask_max_ms',
      scrollLong.reduce((m, t) => Math.max(m, t.duration), 0),
      'ms',
    );
    bench('scroll_jump_rows_ms_median', median(scroll.result), 'ms');
    bench('scroll_main_thread_tasks', scroll.tasks, 'tasks');

    // --- 4. With the engine emitting events --------------------------------------------------------
    // 4a: the cases table on screen with live updates (what a clerk sees while a batch comes in).
    const phase = async (label: string, seconds: number, interact: () => Promise<unknown>) => {
      let since = 0;
      const counter = countEvents(served!);
      const t0 = Date.now();
      const traceOf = await traced(browser!, page, async () => {
        since = await page.evaluate(() => performance.now());
        const writing = writeFiles(inbox, FILES_PER_SECOND, seconds);
        while (Date.now() - t0 < seconds * 1000) await interact();
        await writing;
      });
      const elapsed = (Date.now() - t0) / 1000;
      const seen = counter.stop();
      const lt = await longTasks(page, since);
      bench(`${label}_events_per_second`, seen.items / elapsed, 'events/s');
      bench(
        `${label}_events_per_second.vs_target`,
        seen.items / elapsed / TARGET_EVENTS_PER_S,
        'x',
      );
      bench(`${label}_envelopes_per_second`, seen.envelopes / elapsed, 'envelopes/s');
      bench(`${label}_longest_task_ms`, traceOf.longestMs, 'ms');
      bench(`${label}_longest_task.vs_target`, traceOf.longestMs / TARGET_TASK_MS, 'x');
      bench(`${label}_longest_task_cpu_ms`, traceOf.longestCpuMs, 'ms');
      bench(`${label}_longtasks_over_50ms`, lt.length, 'count');
      note(`${label}: events by kind ${JSON.stringify(seen.byName)}`);
    };
    await page.evaluate(() =>
      document.querySelector<HTMLElement>('[data-testid="cases-scroll"]')!.scrollTo({ top: 0 }),
    );
    await phase('events_cases_live', EVENT_SECONDS, () => page.waitForTimeout(250));
    // 4b: the same while scrolling hard through the table (wheel steps and jumps), the worst case.
    await phase('events_cases_scrolling', EVENT_SECONDS, () => scrollThrough(page, 20, 3));

    // 4c: the live activity log (every event lands there) and the dashboard.
    for (const screen of ['activity', 'dashboard'] as const) {
      await page.goto(`${served.url.replace(/\?token=.*/, '')}#/${screen}`);
      await page.getByRole('heading', { level: 1 }).waitFor();
      await phase(`events_${screen}`, Math.max(3, Math.floor(EVENT_SECONDS / 2)), () =>
        page.waitForTimeout(250),
      );
    }
    bench('machine_load_1m_after', os.loadavg()[0]!, 'load');
  } finally {
    await browser?.close();
    if (served) await stop(served);
    fs.rmSync(root, { recursive: true, force: true });
  }
}
