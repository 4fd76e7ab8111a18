/**
 * Test helpers for the AnyCheck adapter and sandbox: a real ProviderContext (in-memory cache, a
 * logger that records lines, a rate-limit hint recorder), fixtures generated on the fly, and
 * submission requests built from real files in a temp directory.
 */
import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import sharp from 'sharp';
import type { DocumentKind } from '../../../../shared/model.ts';
import { createAnyCheckAdapter } from '../../../../electron/engine/providers/anycheck/index.ts';
import type { AnyCheckAdapter } from '../../../../electron/engine/providers/anycheck/adapter.ts';
import type {
  ProviderContext,
  RunningSandbox,
  SubmissionDocument,
  SubmissionRequest,
} from '../../../../electron/engine/providers/types.ts';

export interface TestContext {
  ctx: ProviderContext;
  /** Every log line as JSON text (message + fields), for secret scans. */
  logs: string[];
  hints: { remaining: number; resetInMs: number | null }[];
  cache: Map<string, unknown>;
}

export function makeCtx(
  options: { cache?: Map<string, unknown>; signal?: AbortSignal } = {},
): TestContext {
  const logs: string[] = [];
  const hints: TestContext['hints'] = [];
  const cache = options.cache ?? new Map<string, unknown>();
  const record = (level: string) => (message: string, fields?: Record<string, unknown>) => {
    logs.push(JSON.stringify({ level, message, fields: fields ?? null }));
  };
  const ctx: ProviderContext = {
    signal: options.signal ?? new AbortController().signal,
    now: () => Date.now(),
    log: { info: record('info'), warn: record('warn'), error: record('error') },
    cache: {
      get: <T>(key: string) =>
        cache.has(key) ? (JSON.parse(JSON.stringify(cache.get(key))) as T) : null,
      set: (key: string, value: unknown) => {
        cache.set(key, value === undefined ? null : JSON.parse(JSON.stringify(value)));
      },
    },
    rateLimitHint: (remaining, resetInMs) => hints.push({ remaining, resetInMs }),
  };
  return { ctx, logs, hints, cache };
}

export function tempDir(): { dir: string; cleanup: () => void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cd-'));
  return { dir, cleanup: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

/**
 * A selfie-like image: a skin-toned oval on a dark background (the sandbox sees a face). The seed
 * is written in a dark corner, outside the face area, so every seed gives different bytes (the
 * sandbox's check-duplicate must not see two tests' selfies as the same file).
 */
export function faceImage(seed = 0, size = 160): Promise<Buffer> {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${size}" height="${size}">
    <rect width="100%" height="100%" fill="rgb(30,${40 + (seed % 50)},60)"/>
    <ellipse cx="${size / 2}" cy="${size / 2}" rx="${size * 0.3}" ry="${size * 0.38}" fill="rgb(224,172,140)"/>
    <circle cx="${size * 0.42}" cy="${size * 0.44}" r="${2 + (seed % 3)}" fill="rgb(40,30,30)"/>
    <text x="2" y="${Math.round(size * 0.08)}" font-size="${Math.round(size * 0.07)}" fill="rgb(8,8,8)">${seed}</text>
  </svg>`;
  return sharp(Buffer.from(svg)).png().toBuffer();
}

/** A card-like image without skin tones (a KTP scan stand-in; no face for the selfie rule). */
export function cardImage(seed = 0, width = 320, height = 200): Promise<Buffer> {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">
    <rect width="100%" height="100%" fill="rgb(70,110,${160 + (seed % 60)})"/>
    <rect x="20" y="20" width="${width / 3}" height="${height / 2}" fill="rgb(230,230,235)"/>
    <text x="${width / 2}" y="${height / 2}" font-size="14" fill="white">KTP ${seed}</text>
  </svg>`;
  return sharp(Buffer.from(svg)).png().toBuffer();
}

export async function pdfBytes(pages = 2, text = 'statement', password = false): Promise<Buffer> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  for (let i = 0; i < pages; i++)
    doc.addPage([300, 400]).drawText(`${text} ${i + 1}`, { x: 20, y: 360, size: 12, font });
  let bytes = Buffer.from(await doc.save({ useObjectStreams: false }));
  if (password) {
    // A minimal marker of encryption for the sandbox: an /Encrypt entry in the trailer.
    bytes = Buffer.from(
      bytes
        .toString('latin1')
        .replace(
          /trailer\s*<</,
          'trailer\n<<\n/Encrypt << /Filter /Standard /V 1 /R 2 /O <00> /U <00> /P -4 >>',
        ),
      'latin1',
    );
  }
  return bytes;
}

/** Appends a marker the sandbox finds in the bytes (a PDF comment; harmless after %%EOF). */
export function withMarker(bytes: Buffer, marker: string): Buffer {
  return Buffer.concat([bytes, Buffer.from(`\n%${marker}\n`)]);
}

let nextDocId = 1;

export function writeDoc(
  dir: string,
  fileName: string,
  bytes: Buffer,
  field: string,
  kind: DocumentKind,
  password: string | null = null,
): SubmissionDocument {
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const stored = path.join(dir, `${sha256.slice(0, 16)}-${fileName}`);
  fs.writeFileSync(stored, bytes);
  const mime = fileName.endsWith('.pdf')
    ? 'application/pdf'
    : fileName.endsWith('.png')
      ? 'image/png'
      : 'application/octet-stream';
  return { documentId: nextDocId++, field, kind, sha256, path: stored, mime, fileName, password };
}

let nextVerificationId = 1;

export function request(
  overrides: Partial<SubmissionRequest> & Pick<SubmissionRequest, 'service'>,
): SubmissionRequest {
  return {
    verificationId: nextVerificationId++,
    idempotencyKey: randomUUID(),
    generation: 1,
    caseKey: 'APP-2024-0117',
    groupRef: randomUUID(),
    inboxLabel: 'Inbox Jakarta',
    config: {},
    documents: [],
    expected: null,
    externalId: null,
    knownExternalIds: [],
    force: false,
    ...overrides,
  };
}

export function adapterFor(
  sandbox: RunningSandbox,
  options: Record<string, string | number | boolean> = {},
  extra: { timeoutMs?: number; credentials?: Record<string, string> } = {},
): AnyCheckAdapter {
  return createAnyCheckAdapter({
    name: 'anycheck',
    baseUrl: sandbox.url,
    credentials: extra.credentials ?? { apiKey: sandbox.apiKey },
    options: { firstPollMs: 50, ...options },
    sandbox: true,
    timeoutMs: extra.timeoutMs ?? 5_000,
  });
}

/** A valid NIK: Jakarta (31), female born 1990-05-12 (day 12 + 40), serial 0001. */
export const VALID_NIK = '3174055205900001';
