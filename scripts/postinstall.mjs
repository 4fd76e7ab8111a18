#!/usr/bin/env node
// Runs after `npm install` / `npm ci`. npm 11 skips electron's own install script (package.json
// "allowScripts"), because on locked-down machines its binary download fails and would abort the
// whole install. Here we try that download ourselves and, if it cannot happen, say so in one line:
// everything except the desktop window (engine, CLI, browser UI, tests) works without it.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(import.meta.url);

function electronDir() {
  try {
    return path.dirname(require.resolve('electron/package.json'));
  } catch {
    return null;
  }
}

const dir = electronDir();
if (!dir) {
  console.log(
    'checkdesk: electron is not installed; the desktop window is unavailable (npm start serves the UI in your browser instead).',
  );
  process.exit(0);
}
if (existsSync(path.join(dir, 'path.txt'))) process.exit(0); // binary already present

if (process.env.ELECTRON_SKIP_BINARY_DOWNLOAD) {
  console.log(
    'checkdesk: ELECTRON_SKIP_BINARY_DOWNLOAD is set; the desktop window is unavailable (npm start serves the UI in your browser instead).',
  );
  process.exit(0);
}

const result = spawnSync(process.execPath, [path.join(dir, 'install.js')], {
  cwd: dir,
  encoding: 'utf8',
  timeout: 180_000,
  env: process.env,
});
if (result.status === 0 && existsSync(path.join(dir, 'path.txt'))) {
  process.exit(0);
}
const why =
  (result.error && result.error.message) ||
  (result.stderr || '')
    .split('\n')
    .find((line) => /error|ENOTFOUND|ECONN|EAI_AGAIN|fetch failed|timed out/i.test(line)) ||
  `exit code ${result.status}`;
console.log(
  `checkdesk: the Electron binary could not be downloaded (${why.trim().slice(0, 160)}); the desktop window is unavailable — npm start serves the same UI in your browser instead.`,
);
process.exit(0);
