import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { RULES, scanSources, type RuleId, type SourceText } from './security-rules.ts';

const root = path.resolve(import.meta.dirname, '../../..');

function tsFilesUnder(dir: string): SourceText[] {
  const out: SourceText[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...tsFilesUnder(full));
    else if (entry.name.endsWith('.ts'))
      out.push({ path: path.relative(root, full), text: fs.readFileSync(full, 'utf8') });
  }
  return out;
}

/** Sources that satisfy every project-wide rule, so a snippet test sees only its own rule. */
const GUARDS: SourceText = {
  path: 'guards.ts',
  text: `
    session.setPermissionRequestHandler((_c, _p, cb) => cb(false));
    session.setPermissionCheckHandler(() => false);
    contents.setWindowOpenHandler(() => ({ action: 'deny' }));
    contents.on('will-navigate', (event) => event.preventDefault());
    const headers = { 'Content-Security-Policy': "default-src 'self'; script-src 'self'" };
  `,
};

function rulesFiredBy(snippet: string, withGuards = true): RuleId[] {
  const sources = [{ path: 'snippet.ts', text: snippet }, ...(withGuards ? [GUARDS] : [])];
  return [...new Set(scanSources(sources).map((v) => v.rule))].sort();
}

describe('static Electron security scan of electron/main and electron/preload', () => {
  it('finds no violation in the real sources', () => {
    const sources = [
      ...tsFilesUnder(path.join(root, 'electron/main')),
      ...tsFilesUnder(path.join(root, 'electron/preload')),
    ];
    expect(sources.length).toBeGreaterThan(10);
    expect(scanSources(sources)).toEqual([]);
  });

  it('stays quiet on a hardened snippet', () => {
    const clean = `
      new BrowserWindow({ webPreferences: { sandbox: true, contextIsolation: true, nodeIntegration: false, webSecurity: true, webviewTag: false } });
      const provider = { name: 'x', sandbox: false };
      async function open(url: string) {
        const answer = await dialog.showMessageBox({ message: url, buttons: ['Open', 'Cancel'] });
        if (answer.response === 0) await shell.openExternal(url);
      }
      contextBridge.exposeInMainWorld('api', createBridge(ipcRenderer));
      void win.loadURL('app://checkdesk/index.html');
    `;
    expect(rulesFiredBy(clean)).toEqual([]);
  });

  const cases: [RuleId, string][] = [
    ['node-integration', `new BrowserWindow({ webPreferences: { nodeIntegration: true } });`],
    ['node-integration', `const prefs = { nodeIntegrationInSubFrames: enabled };`],
    [
      'context-isolation-off',
      `new BrowserWindow({ webPreferences: { contextIsolation: false } });`,
    ],
    ['sandbox-off', `new BrowserWindow({ webPreferences: { preload: p, sandbox: false } });`],
    ['sandbox-off', `app.commandLine.appendSwitch('no-sandbox');`],
    ['web-security-off', `new BrowserWindow({ webPreferences: { webSecurity: false } });`],
    [
      'insecure-content',
      `new BrowserWindow({ webPreferences: { allowRunningInsecureContent: true } });`,
    ],
    [
      'experimental-features',
      `new BrowserWindow({ webPreferences: { experimentalFeatures: true } });`,
    ],
    [
      'blink-features',
      `new BrowserWindow({ webPreferences: { enableBlinkFeatures: 'CSSVariables' } });`,
    ],
    ['node-in-worker', `new BrowserWindow({ webPreferences: { nodeIntegrationInWorker: true } });`],
    ['webview-tag', `new BrowserWindow({ webPreferences: { webviewTag: true } });`],
    ['exposes-ipc-renderer', `contextBridge.exposeInMainWorld('electron', ipcRenderer);`],
    ['exposes-ipc-renderer', `contextBridge.exposeInMainWorld('electron', { ipcRenderer });`],
    ['exposes-ipc-renderer', `contextBridge.exposeInMainWorld('electron', { ipc: ipcRenderer });`],
    ['open-external-unconfirmed', `function go(url: string) { return shell.openExternal(url); }`],
    [
      'open-external-unconfirmed',
      `async function go(url: string) { await deps.shell.openExternal(url); await dialog.showMessageBox({ message: 'opened' }); }`,
    ],
    ['insecure-load-url', `void win.loadURL('http://example.com/');`],
    ['insecure-load-url', `void win.loadURL(\`file://\${dir}/index.html\`);`],
    ['insecure-load-url', `void win.loadFile('index.html');`],
    ['weak-csp', `const csp = "default-src 'self'; script-src 'self' 'unsafe-eval'";`],
  ];

  it.each(cases)('rule %s fires on a violating snippet', (rule, snippet) => {
    expect(rulesFiredBy(snippet)).toEqual([rule]);
  });

  const projectRules: [RuleId, string][] = [
    ['missing-permission-handler', 'setPermissionRequestHandler'],
    ['missing-permission-check-handler', 'setPermissionCheckHandler'],
    ['missing-window-open-handler', 'setWindowOpenHandler'],
    ['missing-navigation-guard', "on('will-navigate'"],
    ['missing-csp', 'Content-Security-Policy'],
  ];

  it.each(projectRules)('project rule %s fires when no source has %s', (rule, marker) => {
    const withoutGuard = GUARDS.text
      .split('\n')
      .filter((line) => !line.includes(marker))
      .join('\n');
    const fired = [
      ...new Set(scanSources([{ path: 'guards.ts', text: withoutGuard }]).map((v) => v.rule)),
    ];
    expect(fired).toEqual([rule]);
  });

  it('does not count a will-navigate handler that never prevents navigation', () => {
    const guards = GUARDS.text.replace(
      "contents.on('will-navigate', (event) => event.preventDefault());",
      "contents.on('will-navigate', (event) => log(event));",
    );
    expect(scanSources([{ path: 'guards.ts', text: guards }]).map((v) => v.rule)).toEqual([
      'missing-navigation-guard',
    ]);
  });

  it('has a snippet test for every rule', () => {
    const covered = new Set<string>([
      ...cases.map(([rule]) => rule),
      ...projectRules.map(([rule]) => rule),
    ]);
    expect([...covered].sort()).toEqual(Object.keys(RULES).sort());
  });
});
