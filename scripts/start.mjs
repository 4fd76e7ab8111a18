#!/usr/bin/env node
// `npm start`: opens the desktop app; where the Electron binary is missing (locked-down build
// machines), says so in one line and serves the same UI through the browser host instead.
// With no configuration, data and an inbox live in the OS app-data folder "CheckDesk".
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);

function electronBinary() {
  try {
    const p = require('electron'); // the package's main export is the binary's path
    return typeof p === 'string' && existsSync(p) ? p : null;
  } catch {
    return null;
  }
}

function forward(child) {
  for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
  child.on('exit', (code) => process.exit(code ?? 0));
}

const binary = electronBinary();
if (binary) {
  const build = spawnSync(
    process.execPath,
    [require.resolve('electron-vite/bin/electron-vite.js'), 'build'],
    { cwd: root, stdio: 'inherit' },
  );
  if (build.status === 0) {
    forward(spawn(binary, [root], { cwd: root, stdio: 'inherit' }));
  } else {
    console.error('checkdesk: the desktop build failed; serving the UI in your browser instead.');
    forward(
      spawn(
        process.execPath,
        [path.join(root, 'bin', 'checkdesk.mjs'), 'serve', ...process.argv.slice(2)],
        { cwd: root, stdio: 'inherit' },
      ),
    );
  }
} else {
  console.error(
    'checkdesk: the Electron desktop window is unavailable on this machine (no Electron binary); serving the same UI in your browser — open the URL below.',
  );
  forward(
    spawn(
      process.execPath,
      [path.join(root, 'bin', 'checkdesk.mjs'), 'serve', ...process.argv.slice(2)],
      { cwd: root, stdio: 'inherit' },
    ),
  );
}
