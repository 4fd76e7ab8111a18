/**
 * A bounded, lazily started pool of tesseract.js workers (each is a worker thread with its own
 * WASM heap, ~100 MB). Nothing starts until the first image needs OCR. If OCR cannot start — data
 * missing, worker failing — the pool says so once and every later request gets the same reason
 * instead of an exception.
 */
import { createWorker, OEM, PSM, type Worker } from 'tesseract.js';
import { OCR_LANGUAGES, OcrDataMissing, stageLanguageData } from './tessdata.ts';

export interface OcrText {
  text: string;
  /** Mean word confidence 0–100 as reported by tesseract. */
  confidence: number;
}

export type OcrOutcome = { ok: true; value: OcrText } | { ok: false; reason: string };

export type OcrMode = 'document' | 'mrz';

const START_TIMEOUT_MS = 60_000;
const JOB_TIMEOUT_MS = 90_000;
const MRZ_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789<';

export class OcrPool {
  private readonly idle: Worker[] = [];
  private readonly waiting: ((w: Worker | null) => void)[] = [];
  private started = 0;
  private unavailable: string | null = null;
  private closed = false;
  private langPath: string | null = null;

  constructor(private readonly options: { workers: number; dataDir?: string }) {}

  async recognize(image: Buffer, mode: OcrMode): Promise<OcrOutcome> {
    if (this.unavailable) return { ok: false, reason: this.unavailable };
    const worker = await this.acquire();
    if (!worker) return { ok: false, reason: this.unavailable ?? 'OCR was shut down' };
    let healthy = true;
    try {
      await worker.setParameters(
        mode === 'mrz'
          ? { tessedit_pageseg_mode: PSM.SINGLE_BLOCK, tessedit_char_whitelist: MRZ_ALPHABET }
          : // One uniform block keeps a KTP's "label : value" pairs on one line (auto layout splits the columns).
            { tessedit_pageseg_mode: PSM.SINGLE_BLOCK, tessedit_char_whitelist: '' },
      );
      const result = await withTimeout(
        worker.recognize(image),
        JOB_TIMEOUT_MS,
        'OCR took too long',
      );
      return { ok: true, value: { text: result.data.text, confidence: result.data.confidence } };
    } catch (err) {
      healthy = false;
      return {
        ok: false,
        reason: `OCR failed on this image (${err instanceof Error ? err.message : String(err)})`,
      };
    } finally {
      if (healthy) this.release(worker);
      else await this.discard(worker);
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const resolve of this.waiting.splice(0)) resolve(null);
    const workers = this.idle.splice(0);
    await Promise.all(workers.map((w) => w.terminate().catch(() => undefined)));
  }

  private async acquire(): Promise<Worker | null> {
    if (this.closed) return null;
    const free = this.idle.pop();
    if (free) return free;
    if (this.started < Math.max(1, this.options.workers)) {
      this.started++;
      try {
        return await this.start();
      } catch (err) {
        this.started--;
        this.unavailable = `OCR could not start: ${err instanceof Error ? err.message : String(err)}`;
        for (const resolve of this.waiting.splice(0)) resolve(null);
        return null;
      }
    }
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  private release(worker: Worker): void {
    if (this.closed) {
      void worker.terminate().catch(() => undefined);
      return;
    }
    const next = this.waiting.shift();
    if (next) next(worker);
    else this.idle.push(worker);
  }

  private async discard(worker: Worker): Promise<void> {
    this.started--;
    await worker.terminate().catch(() => undefined);
    // Someone waiting gets a fresh worker slot instead of waiting forever.
    const next = this.waiting.shift();
    if (next) void this.acquire().then(next);
  }

  private async start(): Promise<Worker> {
    if (!this.langPath) {
      try {
        this.langPath = stageLanguageData(this.options.dataDir);
      } catch (err) {
        if (err instanceof OcrDataMissing) throw err;
        throw new Error(
          `the OCR language data could not be prepared (${err instanceof Error ? err.message : String(err)})`,
          { cause: err },
        );
      }
    }
    // tesseract.js reports a failed start only through errorHandler and never settles its own
    // promise, so the start is raced against that report and a timeout.
    let reportFailure: (e: Error) => void = () => undefined;
    const failed = new Promise<never>((_, reject) => {
      reportFailure = reject;
    });
    failed.catch(() => undefined);
    const worker = createWorker([...OCR_LANGUAGES], OEM.LSTM_ONLY, {
      langPath: this.langPath,
      gzip: true,
      cacheMethod: 'none',
      logger: () => undefined,
      errorHandler: (e: unknown) => reportFailure(new Error(String(e))),
    });
    return withTimeout(
      Promise.race([worker, failed]),
      START_TIMEOUT_MS,
      'OCR did not start in time',
    );
  }
}

function withTimeout<T>(p: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    p,
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(message)), ms);
      timer.unref();
    }),
  ]).finally(() => clearTimeout(timer));
}
