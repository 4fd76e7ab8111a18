/**
 * Preload of the main window (compiled to out/preload/index.cjs: sandboxed preloads cannot be ES
 * modules and cannot load npm packages). Exposes `window.checkdesk` and nothing else.
 */
import { contextBridge, ipcRenderer } from 'electron';
import { createBridge } from './bridge.ts';

contextBridge.exposeInMainWorld('checkdesk', createBridge(ipcRenderer));
