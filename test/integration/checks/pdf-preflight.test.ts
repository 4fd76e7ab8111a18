import fs from 'node:fs';
import { StandardFonts } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createMemoryNearDuplicateStore,
  createPreflight,
  type Preflight,
} from '../../../electron/engine/checks/index.ts';
import {
  appendIncrementalUpdate,
  buildEncryptedPdf,
  buildStatement,
  buildSubsetFontStatement,
  makeTempDir,
  outcomes,
  pdfDate,
  runPreflight,
  withTouchUpMarker,
} from '../../helpers/checks-fixtures.ts';

const AUTHENTICITY = ['pdf_producer', 'pdf_dates', 'pdf_revisions', 'pdf_text_edit', 'pdf_fonts'];

describe('PDF pre-flight', () => {
  let dir: string;
  let clean: Buffer;
  let preflight: Preflight;
  const run = (
    name: string,
    data: Buffer,
    extra: { password?: string | null; kind?: 'BANK_STATEMENT' | 'FINANCIAL_STATEMENT' } = {},
  ) =>
    runPreflight(preflight, dir, name, data, {
      kind: extra.kind ?? 'BANK_STATEMENT',
      mime: 'application/pdf',
      ...(extra.password !== undefined ? { password: extra.password } : {}),
    });
  const codesOf = (r: Awaited<ReturnType<typeof run>>, name: string) =>
    r.checks
      .find((c) => c.name === name)!
      .reasons.filter((x) => x.severity !== 'INFO')
      .map((x) => x.code);

  beforeAll(async () => {
    dir = makeTempDir();
    clean = await buildStatement();
    preflight = createPreflight({
      nearDuplicates: createMemoryNearDuplicateStore(),
      ocr: false,
      today: () => new Date('2024-06-01T00:00:00Z'),
    });
  });
  afterAll(async () => {
    await preflight.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('a clean bank statement from a core-banking system passes, with its page count', async () => {
    const r = await run('clean.pdf', clean);
    expect(r.verdict).toBe('PASSED');
    expect(r.pages).toBe(2);
    const o = outcomes(r);
    expect(o.pdf_structure).toBe('PASS');
    for (const name of AUTHENTICITY) expect(o[name], name).toBe('PASS');
    expect(r.checks.find((c) => c.name === 'pdf_producer')!.reasons.map((x) => x.code)).toContain(
      'BANK_SYSTEM',
    );
  });

  it('R-PDF-1: saved with an online editor or made in Word → REVIEW (never blocked)', async () => {
    const editor = await run(
      'editor.pdf',
      await buildStatement({ producer: 'Smallpdf.com', creator: 'Smallpdf' }),
    );
    expect(codesOf(editor, 'pdf_producer')).toEqual(['EDITOR_SOFTWARE']);
    expect(editor.verdict).toBe('FLAGGED');
    const word = await run(
      'word.pdf',
      await buildStatement({
        producer: 'Microsoft® Word for Microsoft 365',
        creator: 'Microsoft® Word for Microsoft 365',
      }),
    );
    expect(codesOf(word, 'pdf_producer')).toEqual(['AUTHORING_SOFTWARE']);
    // A company's financial statement made in Word is normal: recorded, not flagged.
    const financial = await run(
      'financials.pdf',
      await buildStatement({ producer: 'Microsoft® Word for Microsoft 365' }),
      { kind: 'FINANCIAL_STATEMENT' },
    );
    expect(outcomes(financial).pdf_producer).toBe('PASS');
  });

  it('R-PDF-2/3: an in-place edit (incremental update) by another tool, 106 days later', async () => {
    const edited = appendIncrementalUpdate(clean, {
      producer: 'iLovePDF',
      creationDate: pdfDate(new Date('2024-02-01T08:00:00Z')),
      modDate: pdfDate(new Date('2024-05-17T08:00:00Z')),
    });
    const r = await run('incremental.pdf', edited);
    expect(codesOf(r, 'pdf_revisions')).toEqual(['INCREMENTAL_UPDATES']);
    expect(codesOf(r, 'pdf_dates')).toEqual(['MODIFIED_AFTER_CREATION']);
    expect(r.checks.find((c) => c.name === 'pdf_dates')!.reasons[0]!.message).toContain('106 days');
    expect(codesOf(r, 'pdf_producer')).toEqual(['EDITOR_SOFTWARE']);
    expect(r.verdict).toBe('FLAGGED');
    expect(r.checks.every((c) => !c.blocking)).toBe(true);
  });

  it('editing signs on a scan merely wrapped in a PDF (a KTP) are recorded, not flagged', async () => {
    const edited = appendIncrementalUpdate(await buildStatement({ producer: 'iLovePDF' }), {
      producer: 'iLovePDF',
      creationDate: pdfDate(new Date('2024-02-01T08:00:00Z')),
      modDate: pdfDate(new Date('2024-02-03T08:00:00Z')),
    });
    const r = await runPreflight(preflight, dir, 'ktp-scan.pdf', edited, {
      kind: 'KTP',
      mime: 'application/pdf',
    });
    expect(r.verdict).toBe('PASSED');
    const infoCodes = r.checks.flatMap((c) =>
      c.reasons.filter((x) => x.severity === 'INFO').map((x) => x.code),
    );
    expect(infoCodes).toEqual(
      expect.arrayContaining(['EDITOR_SOFTWARE', 'INCREMENTAL_UPDATES', 'MODIFIED_AFTER_CREATION']),
    );
  });

  it('R-PDF-2: a date in the future fails', async () => {
    const r = await run(
      'future.pdf',
      await buildStatement({ creationDate: new Date('2031-01-01T00:00:00Z') }),
    );
    // Both the creation and the modification date are in 2031.
    expect(codesOf(r, 'pdf_dates')).toEqual(['DATE_IN_FUTURE', 'DATE_IN_FUTURE']);
    expect(outcomes(r).pdf_dates).toBe('FAIL');
  });

  it('R-PDF-4: the Acrobat text-edit marker inside a compressed content stream', async () => {
    const touched = await withTouchUpMarker(clean);
    expect(touched.includes(Buffer.from('TouchUp_TextEdit'))).toBe(false); // invisible to a raw byte search
    const r = await run('touchup.pdf', touched);
    expect(codesOf(r, 'pdf_text_edit')).toEqual(['ACROBAT_TEXT_EDIT']);
    expect(r.checks.find((c) => c.name === 'pdf_text_edit')!.details).toMatchObject({ marks: 1 });
  });

  it('R-PDF-5: one figure in a different font inside the body of a page', async () => {
    const r = await run(
      'fonts.pdf',
      await buildStatement({ oddFontOnRow: { page: 0, row: 17, font: StandardFonts.TimesRoman } }),
    );
    expect(codesOf(r, 'pdf_fonts')).toEqual(['FONT_SINGLE_USE']);
    expect(r.checks.find((c) => c.name === 'pdf_fonts')!.reasons[0]!.message).toContain(
      'Times-Roman',
    );
    // A different font in the page header (first lines) is normal and not flagged.
    const header = await run(
      'header-font.pdf',
      await buildStatement({ oddFontOnRow: { page: 0, row: 0, font: StandardFonts.TimesRoman } }),
    );
    expect(outcomes(header).pdf_fonts).toBe('PASS');
  });

  it('R-PDF-5: one font embedded twice under different subset tags, or a generic font among embedded ones', async () => {
    const rows = Array.from({ length: 12 }, () => ({ tag: 'ABCDEF', base: 'Arial' }));
    expect(
      outcomes(await run('subset-clean.pdf', await buildSubsetFontStatement(rows))).pdf_fonts,
    ).toBe('PASS');
    const twice = await run(
      'subset-twice.pdf',
      await buildSubsetFontStatement([
        ...rows,
        { tag: 'QRSTUV', base: 'Arial' },
        { tag: 'QRSTUV', base: 'Arial' },
        { tag: 'QRSTUV', base: 'Arial' },
      ]),
    );
    expect(codesOf(twice, 'pdf_fonts')).toEqual(['FONT_SUBSET_MIXED']);
    const generic = await run(
      'subset-generic.pdf',
      await buildSubsetFontStatement([
        ...rows,
        { tag: '', base: 'Helvetica' },
        { tag: '', base: 'Helvetica' },
        { tag: '', base: 'Helvetica' },
      ]),
    );
    expect(codesOf(generic, 'pdf_fonts')).toEqual(['FONT_STANDARD_MIXED']);
  });

  it('encrypted: password needed → blocked; wrong password → blocked; right password → opened and checked', async () => {
    const locked = buildEncryptedPdf('rahasia');
    const none = await run('locked.pdf', locked);
    const encryption = none.checks.find((c) => c.name === 'pdf_encryption')!;
    expect(encryption.outcome).toBe('FAIL');
    expect(encryption.blocking).toBe(true);
    expect(encryption.reasons[0]!.code).toBe('PASSWORD_NEEDED');
    expect(none.verdict).toBe('BLOCKED');
    expect(none.needsPassword).toBe(true);
    expect(none.summary).toMatch(/password-protected/);
    const wrong = await run('locked2.pdf', Buffer.concat([locked, Buffer.from('\n')]), {
      password: 'salah',
    });
    expect(wrong.checks.find((c) => c.name === 'pdf_encryption')!.reasons[0]!.code).toBe(
      'PASSWORD_WRONG',
    );
    expect(wrong.verdict).toBe('BLOCKED');
    const right = await run('locked3.pdf', Buffer.concat([locked, Buffer.from('\n\n')]), {
      password: 'rahasia',
    });
    expect(right.pages).toBe(1);
    expect(right.needsPassword).toBe(true);
    expect(outcomes(right)).toMatchObject({ pdf_structure: 'PASS', pdf_text_edit: 'NOT_RUN' });
    expect(right.checks.find((c) => c.name === 'pdf_producer')!.details).toMatchObject({
      producer: 'Core Banking Report Server',
    });
    expect(right.verdict).toBe('PASSED');
  });

  it('truncated, garbage and mislabelled files fail and block', async () => {
    const cases: [string, Buffer, string][] = [
      ['cut.pdf', clean.subarray(0, Math.floor(clean.length * 0.6)), 'PDF_TRUNCATED'],
      ['garbage.pdf', Buffer.from('%PDF-1.7\nnot really a pdf at all\n%%EOF\n'), 'CORRUPT_PDF'],
      ['photo.pdf', Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3]), 'NOT_A_PDF'],
    ];
    for (const [name, data, code] of cases) {
      const r = await run(name, data);
      const failed = r.checks.filter((c) => c.type === 'FILE_INTEGRITY' && c.outcome === 'FAIL');
      expect(
        failed.map((c) => c.reasons[0]!.code),
        name,
      ).toEqual([code]);
      expect(r.verdict, name).toBe('BLOCKED');
      expect(r.pages).toBeNull();
    }
  });
});
