/**
 * Offline OCR language data. The eng and ind traineddata ship inside the @tesseract.js-data npm
 * packages, each in its own folder (`<pkg>/4.0.0_best_int/<lang>.traineddata.gz`, LSTM-only,
 * gzipped). tesseract.js reads every language from one `langPath`, so the two files are staged
 * side by side in one folder once (a copy, written atomically); nothing is ever downloaded.
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';

export const OCR_LANGUAGES = ['eng', 'ind'] as const;
/** LSTM-only "best_int" models: smaller and faster than the legacy+LSTM ones, same LSTM accuracy. */
const MODEL_FOLDER = '4.0.0_best_int';

export class OcrDataMissing extends Error {}

function packageFile(lang: string): string {
  const require = createRequire(import.meta.url);
  let pkg: string;
  try {
    pkg = require.resolve(`@tesseract.js-data/${lang}/package.json`);
  } catch {
    throw new OcrDataMissing(
      `the OCR language package @tesseract.js-data/${lang} is not installed`,
    );
  }
  const file = path.join(path.dirname(pkg), MODEL_FOLDER, `${lang}.traineddata.gz`);
  if (!fs.existsSync(file)) throw new OcrDataMissing(`the OCR language file ${file} is missing`);
  return file;
}

export function defaultOcrDataDir(): string {
  return path.join(os.tmpdir(), 'checkdesk-tessdata');
}

/** Returns the folder to use as tesseract.js `langPath` (gzip: true). */
export function stageLanguageData(dir: string = defaultOcrDataDir()): string {
  fs.mkdirSync(dir, { recursive: true });
  for (const lang of OCR_LANGUAGES) {
    const source = packageFile(lang);
    const target = path.join(dir, `${lang}.traineddata.gz`);
    const size = fs.statSync(source).size;
    if (fs.existsSync(target) && fs.statSync(target).size === size) continue;
    const tmp = `${target}.${process.pid}.${Date.now()}.tmp`;
    fs.copyFileSync(source, tmp);
    fs.renameSync(tmp, target);
  }
  return dir;
}
