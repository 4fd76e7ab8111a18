// Regenerates build/icon.png (512×512) from the drawing in electron/main/app-icon.ts; electron-builder
// derives the Windows .ico and macOS .icns from it. Run: npx tsx build/make-icon.mjs
import { writeFileSync } from 'node:fs';
import { iconPng } from '../electron/main/app-icon.ts';

writeFileSync(new URL('./icon.png', import.meta.url), iconPng(512));
