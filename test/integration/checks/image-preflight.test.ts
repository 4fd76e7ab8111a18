import fs from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createMemoryNearDuplicateStore,
  createPreflight,
  type Preflight,
} from '../../../electron/engine/checks/index.ts';
import {
  PERSON_A,
  cardVariant,
  makeTempDir,
  outcomes,
  renderCard,
  runPreflight,
} from '../../helpers/checks-fixtures.ts';

const QUALITY = [
  'dark',
  'overexposed',
  'blur',
  'glare',
  'contrast',
  'resolution',
  'upscaled',
  'compression',
];

describe('image pre-flight (no OCR)', () => {
  let dir: string;
  let card: Buffer;
  // A fresh preflight per test keeps near-duplicate matches between variants out of these checks.
  const fresh = (): Preflight =>
    createPreflight({ nearDuplicates: createMemoryNearDuplicateStore(), ocr: false });

  beforeAll(async () => {
    dir = makeTempDir();
    card = await renderCard(PERSON_A);
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('a clean card passes every check', async () => {
    const r = await runPreflight(fresh(), dir, 'clean.jpg', card);
    expect(r.verdict).toBe('PASSED');
    expect(r.summary).toBeNull();
    expect(r.pages).toBe(1);
    const o = outcomes(r);
    for (const name of QUALITY) expect(o[name], name).toBe('PASS');
    expect(o.exact_duplicate).toBe('PASS');
    expect(o.near_duplicate).toBe('PASS');
    for (const c of r.checks) {
      expect(c.source).toBe('preflight');
      expect(c.blocking).toBe(false);
    }
    const blur = r.checks.find((c) => c.name === 'blur')!;
    expect(blur.score).toMatchObject({
      scale: 'laplacian-variance@1000px',
      threshold: 60,
      direction: 'HIGHER_IS_BETTER',
    });
    expect(blur.score!.raw!).toBeGreaterThan(600);
  });

  it.each([
    ['blurred', 'blur', 'FAIL', 'BLURRY'],
    ['dark', 'dark', 'FAIL', 'TOO_DARK'],
    ['overexposed', 'overexposed', 'FAIL', 'OVEREXPOSED'],
    ['glare', 'glare', 'REVIEW', 'GLARE'],
    ['low_contrast', 'contrast', 'REVIEW', 'LOW_CONTRAST'],
    ['low_resolution', 'resolution', 'FAIL', 'TOO_SMALL'],
    ['upscaled', 'upscaled', 'REVIEW', 'UPSCALED'],
    ['recompressed_heavy', 'compression', 'REVIEW', 'HEAVY_COMPRESSION'],
  ] as const)(
    '%s → %s %s, and only that quality problem',
    async (variant, check, outcome, code) => {
      const r = await runPreflight(
        fresh(),
        dir,
        `${variant}.jpg`,
        await cardVariant(card, variant),
      );
      const o = outcomes(r);
      expect(o[check]).toBe(outcome);
      const c = r.checks.find((x) => x.name === check)!;
      expect(c.reasons.map((x) => x.code)).toEqual([code]);
      expect(c.reasons[0]!.message).toMatch(/\d/); // says by how much
      const otherProblems = r.checks.filter(
        (x) =>
          x.type === 'DOC_QUALITY' &&
          x.name !== check &&
          (x.outcome === 'FAIL' || x.outcome === 'REVIEW'),
      );
      expect(otherProblems.map((x) => x.name)).toEqual([]);
      expect(r.verdict).toBe('FLAGGED'); // quality never blocks by default
      expect(r.summary).toMatch(/^Needs a look: /);
    },
  );

  it('applies EXIF orientation before measuring: a sideways-stored upright card passes', async () => {
    const rotated = await cardVariant(card, 'exif_rotated');
    const meta = await sharp(rotated).metadata();
    expect([meta.width, meta.height, meta.orientation]).toEqual([638, 1011, 6]);
    const r = await runPreflight(fresh(), dir, 'exif.jpg', rotated);
    expect(r.verdict).toBe('PASSED');
    expect(r.checks.find((c) => c.name === 'image_decode')!.details).toMatchObject({
      width: 1011,
      height: 638,
      exifOrientation: 6,
    });
  });

  it('PNG with transparency, 16-bit PNG, TIFF and WebP decode to the same checks as the JPEG', async () => {
    const variants: [string, Buffer, string][] = [
      ['alpha.png', await sharp(card).ensureAlpha(1).png().toBuffer(), 'image/png'],
      ['deep.png', await sharp(card).toColourspace('rgb16').png().toBuffer(), 'image/png'],
      ['scan.tiff', await sharp(card).tiff().toBuffer(), 'image/tiff'],
      ['photo.webp', await sharp(card).webp({ quality: 90 }).toBuffer(), 'image/webp'],
    ];
    for (const [name, data, mime] of variants) {
      const r = await runPreflight(fresh(), dir, name, data, { mime });
      expect(r.verdict, name).toBe('PASSED');
      expect(r.checks.find((c) => c.name === 'image_decode')!.details, name).toMatchObject({
        width: 1011,
        height: 638,
      });
    }
  });

  it('a dark photo is not also reported as blurry or low-contrast', async () => {
    const r = await runPreflight(fresh(), dir, 'dark2.jpg', await cardVariant(card, 'dark'));
    expect(outcomes(r)).toMatchObject({ dark: 'FAIL', blur: 'PASS', contrast: 'NOT_RUN' });
  });

  it('decompression bomb: refused from the header, without decoding', async () => {
    // A highly compressible 9 MP image against a 5 MP limit (the default limit is 50 MP).
    const bomb = await sharp({
      create: { width: 3000, height: 3000, channels: 3, background: '#fff' },
    })
      .png({ compressionLevel: 9 })
      .toBuffer();
    expect(bomb.length).toBeLessThan(200_000);
    const preflight = createPreflight({
      nearDuplicates: createMemoryNearDuplicateStore(),
      ocr: false,
      maxPixels: 5_000_000,
    });
    const r = await runPreflight(preflight, dir, 'bomb.png', bomb, { mime: 'image/png' });
    const c = r.checks.find((x) => x.type === 'FILE_INTEGRITY' && x.outcome === 'FAIL')!;
    expect(c.reasons[0]!.code).toBe('DECOMPRESSION_BOMB');
    expect(c.blocking).toBe(true);
    expect(r.verdict).toBe('BLOCKED');
  });

  it('bad input becomes blocking FILE_INTEGRITY checks, never an exception', async () => {
    const cases: [string, Buffer, string, string][] = [
      ['empty.jpg', Buffer.alloc(0), 'image/jpeg', 'EMPTY_FILE'],
      [
        'truncated.jpg',
        card.subarray(0, Math.floor(card.length * 0.6)),
        'image/jpeg',
        'TRUNCATED_IMAGE',
      ],
      [
        'corrupt.jpg',
        Buffer.concat([card.subarray(0, 200), Buffer.alloc(5000, 7)]),
        'image/jpeg',
        'CORRUPT_IMAGE',
      ],
      [
        'notes.bin',
        Buffer.from('just some text, not a document'),
        'application/octet-stream',
        'UNSUPPORTED_FORMAT',
      ],
      [
        'photo.heic',
        Buffer.concat([
          Buffer.from([0, 0, 0, 0x18]),
          Buffer.from('ftypheic'),
          Buffer.alloc(400, 1),
        ]),
        'image/heic',
        'UNSUPPORTED_FORMAT',
      ],
    ];
    for (const [name, data, mime, code] of cases) {
      const r = await runPreflight(fresh(), dir, name, data, { mime });
      const failed = r.checks.filter((c) => c.type === 'FILE_INTEGRITY' && c.outcome === 'FAIL');
      expect(
        failed.map((c) => c.reasons[0]!.code),
        name,
      ).toEqual([code]);
      expect(r.verdict, name).toBe('BLOCKED');
      expect(r.summary, name).toMatch(/^Not sent to a provider: /);
    }
  });

  it('a missing stored copy is reported, and a wrong extension is only INFO', async () => {
    const missing = await fresh().run({
      documentId: 5,
      path: path.join(dir, 'gone.jpg'),
      mime: 'image/jpeg',
      kind: 'KTP',
      sha256: 'x'.repeat(64),
      size: 10,
      expected: null,
    });
    expect(missing.checks.find((c) => c.outcome === 'FAIL')!.reasons[0]!.code).toBe('FILE_MISSING');
    const r = await runPreflight(fresh(), dir, 'card.pdf', card, { mime: 'image/jpeg' });
    expect(outcomes(r).extension).toBe('INFO');
    expect(r.checks.find((c) => c.name === 'extension')!.reasons[0]!.message).toBe(
      'The file is named .pdf but is actually a JPEG image; it was checked as a JPEG image.',
    );
    expect(r.verdict).toBe('PASSED');
  });

  it('paper documents are judged as pages: a white page with text is not "overexposed"', async () => {
    const lines = Array.from(
      { length: 40 },
      (_, i) =>
        `<text x="60" y="${80 + i * 26}" font-family="DejaVu Sans" font-size="16">${String(i + 1).padStart(2, '0')}-01-2024 TRANSFER MASUK 1.250.000 SALDO 12.500.000</text>`,
    ).join('');
    const page = await sharp(
      Buffer.from(
        `<svg xmlns="http://www.w3.org/2000/svg" width="1240" height="1754"><rect width="100%" height="100%" fill="#fff"/>${lines}</svg>`,
      ),
    )
      .jpeg({ quality: 90 })
      .toBuffer();
    const r = await runPreflight(fresh(), dir, 'statement.jpg', page, { kind: 'BANK_STATEMENT' });
    const o = outcomes(r);
    expect(o).toMatchObject({
      overexposed: 'PASS',
      contrast: 'PASS',
      resolution: 'PASS',
      blur: 'PASS',
    });
    expect(o.glare).toBeUndefined();
    expect(r.verdict).toBe('PASSED');
    // The same page photographed at a third of the size is too coarse for A4 small print.
    const small = await runPreflight(
      fresh(),
      dir,
      'statement-small.jpg',
      await sharp(page).resize({ width: 413 }).jpeg().toBuffer(),
      { kind: 'BANK_STATEMENT' },
    );
    expect(small.checks.find((c) => c.name === 'resolution')!.reasons.map((x) => x.code)).toEqual([
      'LOW_DPI',
    ]);
    // A file of unknown kind has no known paper size: a normal photo is not judged by DPI.
    expect(
      outcomes(await runPreflight(fresh(), dir, 'unknown.jpg', card, { kind: 'OTHER' })).resolution,
    ).toBe('PASS');
  });
});
