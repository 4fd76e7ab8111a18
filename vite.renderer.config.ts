/**
 * The renderer's Vite config, used by electron-vite (desktop build) and by the browser host when
 * it needs to build the UI itself (`checkdesk serve` on a fresh checkout).
 */
import react from '@vitejs/plugin-react';
import path from 'node:path';
import type { UserConfig } from 'vite';

const root = import.meta.dirname;

export const RENDERER_OUT = path.join(root, 'out', 'renderer');

export const rendererConfig: UserConfig = {
  root: path.join(root, 'renderer'),
  base: './',
  plugins: [react()],
  build: {
    outDir: RENDERER_OUT,
    emptyOutDir: true,
    chunkSizeWarningLimit: 2000,
    rollupOptions: { input: path.join(root, 'renderer', 'index.html') },
  },
};
