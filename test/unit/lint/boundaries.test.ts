/**
 * The architecture's boundaries (ARCHITECTURE.md §2) are lint rules; this proves each one fires
 * on a violating file and stays quiet on a conforming one.
 */
import { ESLint } from 'eslint';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '..', '..', '..');
const BOUNDARY_RULES = new Set([
  'no-restricted-imports',
  'no-restricted-syntax',
  'no-restricted-globals',
]);

let eslint: ESLint;

beforeAll(() => {
  eslint = new ESLint({
    cwd: ROOT,
    // Virtual files are not in a tsconfig project: lint them without type information and
    // only with the boundary rules.
    overrideConfig: {
      languageOptions: { parserOptions: { projectService: false, project: null } },
    },
    ruleFilter: ({ ruleId }) => BOUNDARY_RULES.has(ruleId),
  });
});

async function messages(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(ROOT, file) });
  return (result?.messages ?? []).map((m) => `${m.ruleId}: ${m.message}`);
}

describe('boundary lint rules', () => {
  it('shared/ may not import Node built-ins, Electron, React or anything outside shared/', async () => {
    expect(
      await messages('shared/probe.ts', "import fs from 'node:fs';\nexport const x = fs;"),
    ).toEqual([expect.stringContaining('Node built-ins')]);
    expect(
      await messages('shared/probe.ts', "import path from 'path';\nexport const x = path;"),
    ).toEqual([expect.stringContaining('Node built-ins')]);
    expect(
      await messages('shared/probe.ts', "import { app } from 'electron';\nexport const x = app;"),
    ).toEqual([expect.stringContaining('Electron')]);
    expect(
      await messages(
        'shared/probe.ts',
        "import { useState } from 'react';\nexport const x = useState;",
      ),
    ).toEqual([expect.stringContaining('UI')]);
    expect(
      await messages(
        'shared/probe.ts',
        "import { Ledger } from '../electron/engine/ledger/index.ts';\nexport const x = Ledger;",
      ),
    ).toEqual([expect.stringContaining('outside shared')]);
    expect(
      await messages(
        'shared/probe.ts',
        "import { z } from 'zod';\nimport { Decision } from './model.ts';\nexport const x = [z, Decision];",
      ),
    ).toEqual([]);
  });

  it('renderer/ may not import electron/, Electron or Node', async () => {
    expect(
      await messages(
        'renderer/probe.ts',
        "import { createEngine } from '../electron/engine/index.ts';\nexport const x = createEngine;",
      ),
    ).toEqual([expect.stringContaining('only through shared/contract.ts')]);
    expect(
      await messages(
        'renderer/probe.ts',
        "import { ipcRenderer } from 'electron';\nexport const x = ipcRenderer;",
      ),
    ).toEqual([expect.stringContaining('Electron')]);
    expect(
      await messages('renderer/probe.ts', "import os from 'node:os';\nexport const x = os;"),
    ).toEqual([expect.stringContaining('Node built-ins')]);
    expect(
      await messages(
        'renderer/probe.ts',
        "import type { FileRow } from '../shared/contract.ts';\nexport type X = FileRow;",
      ),
    ).toEqual([]);
  });

  it('the engine may not import electron, the main process or the UI', async () => {
    expect(
      await messages(
        'electron/engine/probe.ts',
        "import { app } from 'electron';\nexport const x = app;",
      ),
    ).toEqual([expect.stringContaining('Electron')]);
    expect(
      await messages(
        'electron/engine/probe.ts',
        "import { x } from '../main/window.ts';\nexport const y = x;",
      ),
    ).toEqual([expect.stringContaining('main process')]);
    expect(
      await messages(
        'electron/engine/probe.ts',
        "import { App } from '../../renderer/app/App.tsx';\nexport const y = App;",
      ),
    ).toEqual([expect.stringContaining('UI')]);
  });

  it('SQL and SQLite live only in the ledger', async () => {
    expect(
      await messages('electron/engine/intake/probe.ts', "export const q = 'SELECT id FROM files';"),
    ).toEqual([expect.stringContaining('SQL lives only')]);
    expect(
      await messages(
        'electron/engine/queue/probe.ts',
        'export const q = `UPDATE verifications SET phase = 1`;',
      ),
    ).toEqual([expect.stringContaining('SQL lives only')]);
    expect(
      await messages(
        'electron/engine/queue/probe.ts',
        "import Database from 'better-sqlite3';\nexport const x = Database;",
      ),
    ).toEqual([expect.stringContaining('Only electron/engine/ledger/')]);
    expect(
      await messages('electron/engine/ledger/probe.ts', "export const q = 'SELECT id FROM files';"),
    ).toEqual([]);
  });

  it('vendor HTTP lives only in providers', async () => {
    expect(
      await messages(
        'electron/engine/queue/probe.ts',
        "export const r = fetch('https://api.example');",
      ),
    ).toEqual([expect.stringContaining('providers')]);
    expect(
      await messages(
        'electron/engine/queue/probe.ts',
        "import https from 'node:https';\nexport const x = https;",
      ),
    ).toEqual([expect.stringContaining('providers')]);
    expect(
      await messages(
        'electron/engine/providers/probe.ts',
        "export const r = fetch('https://api.example');",
      ),
    ).toEqual([]);
  });

  it('a transaction callback may not be async', async () => {
    expect(
      await messages(
        'electron/engine/ledger/probe.ts',
        'export const f = (db: any) => db.transaction(async () => { await 1; });',
      ),
    ).toEqual([expect.stringContaining('never span an await')]);
    expect(
      await messages(
        'electron/engine/intake/probe.ts',
        'export const f = (l: any) => l.tx(async () => 1);',
      ),
    ).toEqual([expect.stringContaining('never span an await')]);
  });
});
