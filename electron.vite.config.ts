/**
 * Builds the three Electron bundles into out/: main (plus the engine's utility-process entry),
 * preload (CommonJS: sandboxed preloads cannot be ES modules) and the renderer. The browser host
 * (`checkdesk serve`) serves the same out/renderer build.
 */
import { defineConfig, externalizeDepsPlugin } from 'electron-vite';
import path from 'node:path';
import { rendererConfig } from './vite.renderer.config.ts';

const root = import.meta.dirname;

export default defineConfig({
  main: {
    plugins: [externalizeDepsPlugin()],
    build: {
      outDir: 'out/main',
      rollupOptions: {
        input: {
          index: path.join(root, 'electron/main/index.ts'),
          engine: path.join(root, 'electron/hosts/utility/entry.ts'),
        },
      },
    },
  },
  preload: {
    plugins: [externalizeDepsPlugin()],
    build: {
      outDir: 'out/preload',
      rollupOptions: {
        input: { index: path.join(root, 'electron/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: rendererConfig,
});
