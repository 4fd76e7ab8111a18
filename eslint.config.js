// ESLint flat config. Besides style, it enforces the process boundaries of the architecture
// (ARCHITECTURE.md §2): test/unit/lint-boundaries.test.ts proves each rule fires.
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import { builtinModules } from 'node:module';
import tseslint from 'typescript-eslint';

const nodeBuiltins = [...builtinModules, ...builtinModules.map((m) => `node:${m}`)];

const noNode = {
  group: nodeBuiltins,
  message: 'Node built-ins are not available here (runtime-neutral / sandboxed code).',
};
const noElectron = {
  regex: '^electron(/|$)',
  message: 'Only electron/main and electron/preload may import Electron.',
};

/** SQL-looking string literals: the ledger is the only place with SQL. */
const SQL =
  '/^\\s*(SELECT\\s[\\s\\S]*\\sFROM|INSERT\\s+(OR\\s+\\w+\\s+)?INTO|UPDATE\\s+\\w+\\s+SET|DELETE\\s+FROM|CREATE\\s+(TABLE|INDEX)|PRAGMA\\s)/i';

const asyncTransaction = {
  selector:
    'CallExpression[callee.property.name=/^(transaction|tx)$/] > :matches(ArrowFunctionExpression, FunctionExpression)[async=true]',
  message: 'A SQLite transaction must never span an await: pass a synchronous function.',
};

export default tseslint.config(
  {
    ignores: [
      'out/**',
      'dist/**',
      'node_modules/**',
      'test-results/**',
      'playwright-report/**',
      'renderer/public/**',
      '.bench/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': [
        'error',
        { checksVoidReturn: { attributes: false } },
      ],
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-restricted-syntax': ['error', asyncTransaction],
    },
  },
  {
    files: ['**/*.{js,mjs,cjs}'],
    ...tseslint.configs.disableTypeChecked,
    languageOptions: {
      ...tseslint.configs.disableTypeChecked.languageOptions,
      globals: globals.node,
    },
  },
  {
    files: ['**/*.{js,mjs,cjs}'],
    rules: { '@typescript-eslint/consistent-type-imports': 'off' },
  },
  // shared/: runtime-neutral. Nothing platform-specific, nothing outside shared/.
  {
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            noNode,
            noElectron,
            {
              group: ['react', 'react-dom', 'react/*', 'zustand'],
              message: 'shared/ must not depend on the UI.',
            },
            {
              regex: '^\\.\\./\\.\\.?/|^\\.\\./(electron|renderer|test)/',
              message: 'shared/ imports nothing outside shared/.',
            },
          ],
        },
      ],
      'no-restricted-syntax': [
        'error',
        asyncTransaction,
        {
          selector: `Literal[value=${SQL}]`,
          message: 'SQL lives only in electron/engine/ledger/.',
        },
        {
          selector: `TemplateElement[value.raw=${SQL}]`,
          message: 'SQL lives only in electron/engine/ledger/.',
        },
      ],
    },
  },
  // renderer/: sandboxed browser code. Reaches the engine only through the contract.
  {
    files: ['renderer/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    languageOptions: { globals: globals.browser },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            noNode,
            noElectron,
            {
              regex: '(^|/)electron/',
              message: 'The renderer reaches the engine only through shared/contract.ts.',
            },
          ],
        },
      ],
      'no-restricted-syntax': [
        'error',
        {
          selector: `Literal[value=${SQL}]`,
          message: 'SQL lives only in electron/engine/ledger/.',
        },
        {
          selector: `TemplateElement[value.raw=${SQL}]`,
          message: 'SQL lives only in electron/engine/ledger/.',
        },
      ],
    },
  },
  // electron/engine/: plain Node. Never Electron, never the main process or the UI.
  {
    files: ['electron/engine/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            noElectron,
            {
              regex: '(^|/)(main|preload)/',
              message: 'The engine must not import the Electron main process or preload.',
            },
            { regex: '(^|/)renderer/', message: 'The engine must not import the UI.' },
          ],
        },
      ],
    },
  },
  // SQL only inside the ledger; vendor HTTP only inside providers.
  {
    files: ['electron/**/*.ts'],
    ignores: ['electron/engine/ledger/**'],
    rules: {
      'no-restricted-syntax': [
        'error',
        asyncTransaction,
        {
          selector: `Literal[value=${SQL}]`,
          message: 'SQL lives only in electron/engine/ledger/.',
        },
        {
          selector: `TemplateElement[value.raw=${SQL}]`,
          message: 'SQL lives only in electron/engine/ledger/.',
        },
      ],
    },
  },
  {
    files: ['electron/engine/**/*.ts'],
    ignores: ['electron/engine/ledger/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            noElectron,
            {
              regex: '(^|/)(main|preload)/',
              message: 'The engine must not import the Electron main process or preload.',
            },
            { regex: '(^|/)renderer/', message: 'The engine must not import the UI.' },
            { group: ['better-sqlite3'], message: 'Only electron/engine/ledger/ opens SQLite.' },
          ],
        },
      ],
    },
  },
  {
    files: ['electron/engine/**/*.ts'],
    ignores: ['electron/engine/providers/**'],
    rules: {
      'no-restricted-globals': [
        'error',
        { name: 'fetch', message: 'HTTP to vendors lives only in electron/engine/providers/.' },
      ],
    },
  },
  {
    files: ['electron/engine/**/*.ts'],
    ignores: ['electron/engine/providers/**', 'electron/engine/ledger/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            noElectron,
            {
              regex: '(^|/)(main|preload)/',
              message: 'The engine must not import the Electron main process or preload.',
            },
            { regex: '(^|/)renderer/', message: 'The engine must not import the UI.' },
            { group: ['better-sqlite3'], message: 'Only electron/engine/ledger/ opens SQLite.' },
            {
              group: ['node:http', 'node:https', 'http', 'https', 'undici'],
              message: 'HTTP to vendors lives only in electron/engine/providers/.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['test/**/*.ts', 'scripts/**', 'bin/**'],
    languageOptions: { globals: globals.node },
  },
);
