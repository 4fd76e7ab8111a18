/**
 * `checkdesk serve`: the engine in-process plus the browser host. Builds the UI first when the
 * checkout has no (or an outdated) build, so it works right after `npm install`.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Engine } from '../../engine/api.ts';
import { createEngine } from '../../engine/index.ts';
import { defaultInbox, tuningFromEnv } from '../paths.ts';
import { failure, type Io } from '../cli/io.ts';
import { startBrowserHost } from './server.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
export const RENDERER_DIR = path.join(ROOT, 'out', 'renderer');

function newestMtime(dir: string): number {
  let newest = 0;
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      if (e.name === 'node_modules' || e.name.startsWith('.')) continue;
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else newest = Math.max(newest, fs.statSync(p).mtimeMs);
    }
  };
  if (fs.existsSync(dir)) walk(dir);
  return newest;
}

/** Builds out/renderer with Vite when it is missing or older than the sources. */
export async function ensureRendererBuilt(io: Pick<Io, 'err'>): Promise<string> {
  const index = path.join(RENDERER_DIR, 'index.html');
  const built = fs.existsSync(index) ? fs.statSync(index).mtimeMs : 0;
  const sources = Math.max(
    newestMtime(path.join(ROOT, 'renderer')),
    newestMtime(path.join(ROOT, 'shared')),
  );
  if (built > 0 && built >= sources) return RENDERER_DIR;
  if (!fs.existsSync(path.join(ROOT, 'renderer', 'index.html'))) {
    if (built > 0) return RENDERER_DIR;
    throw new Error('the UI sources are missing from this installation');
  }
  io.err('checkdesk: building the user interface (first run or sources changed)…');
  const { build } = await import('vite');
  const { rendererConfig } = await import('../../../vite.renderer.config.ts');
  await build({ ...rendererConfig, configFile: false, logLevel: 'error' });
  return RENDERER_DIR;
}

export async function runServe(options: {
  dataDir: string;
  port: number;
  io: Io;
  inboxes?: string[];
  waitForSignal(): Promise<string>;
}): Promise<number> {
  const { io } = options;
  const rendererDir = await ensureRendererBuilt(io).catch((err: unknown) => {
    throw failure(err);
  });
  let engine: Engine;
  try {
    engine = await createEngine({
      dataDir: options.dataDir,
      inboxes: options.inboxes,
      run: true,
      ...tuningFromEnv(),
    });
    const listed = await engine.call('inboxes.list');
    if (listed.ok && listed.value.length === 0) {
      // First run with nothing configured: an inbox in the app-data folder, created for the user.
      const inbox = defaultInbox(engine.dataDir);
      fs.mkdirSync(inbox, { recursive: true });
      await engine.call('inboxes.add', { path: inbox, label: 'Inbox' });
    }
  } catch (err) {
    throw failure(err);
  }
  const host = await startBrowserHost({ engine, rendererDir, port: options.port });
  // The URL (with its token) is the first line of stdout: scripts and `npm start` read it.
  io.out(host.url);
  io.err(
    `checkdesk: serving CheckDesk on ${host.url.replace(/\?token=.*/, '')} (data in ${engine.dataDir}). Press Ctrl+C to stop.`,
  );
  await options.waitForSignal();
  await host.close();
  await engine.stop();
  return 0;
}
