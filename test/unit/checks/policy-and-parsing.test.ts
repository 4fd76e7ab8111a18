import { describe, expect, it } from 'vitest';
import { makeCheck, reason } from '../../../electron/engine/checks/check-builder.ts';
import {
  dataMatchCheck,
  nameSimilarity,
  normalizeGender,
} from '../../../electron/engine/checks/data-match.ts';
import { parseKtpText } from '../../../electron/engine/checks/ocr/ktp-text.ts';
import { findMrz } from '../../../electron/engine/checks/ocr/mrz-text.ts';
import { parsePdfDate } from '../../../electron/engine/checks/pdf/pdf-date.ts';
import { classifyProducer } from '../../../electron/engine/checks/pdf/producers.ts';
import { scanPdfStructure } from '../../../electron/engine/checks/pdf/structure.ts';
import {
  DEFAULT_POLICY,
  applyPolicy,
  summaryOf,
  verdictOf,
} from '../../../electron/engine/checks/policy.ts';

describe('policy', () => {
  const checks = () => [
    makeCheck('DUPLICATE', 'exact_duplicate', 'PASS'),
    makeCheck('DOC_QUALITY', 'blur', 'FAIL', {
      reasons: [reason('BLURRY', 'ERROR', 'The photo is too blurry to read.')],
    }),
    makeCheck('ID_NUMBER', 'nik', 'REVIEW', {
      reasons: [reason('NIK_BAD_DAY', 'WARNING', 'NIK read from the document: bad day.')],
    }),
  ];

  it('default policy: quality problems and OCR-read ID problems flag but never block', () => {
    const c = checks();
    applyPolicy(c, DEFAULT_POLICY);
    expect(c.map((x) => x.blocking)).toEqual([false, false, false]);
    expect(verdictOf(c)).toBe('FLAGGED');
    expect(summaryOf(c, 'FLAGGED')).toBe(
      'Needs a look: the photo is too blurry to read (and 1 more issue).',
    );
  });

  it('TYPE:OUTCOME, TYPE:SEVERITY and bare check names', () => {
    let c = checks();
    applyPolicy(c, { block: ['DOC_QUALITY:FAIL'] });
    expect(c.map((x) => x.blocking)).toEqual([false, true, false]);
    c = checks();
    applyPolicy(c, { block: ['ID_NUMBER:WARNING'] });
    expect(c.map((x) => x.blocking)).toEqual([false, false, true]);
    c = checks();
    applyPolicy(c, { block: ['blur'] });
    expect(c.map((x) => x.blocking)).toEqual([false, true, false]);
    expect(verdictOf(c)).toBe('BLOCKED');
    expect(summaryOf(c, 'BLOCKED')).toMatch(/^Not sent to a provider: the photo is too blurry/);
  });

  it('a declared NIK that cannot exist blocks (ID_NUMBER:ERROR); a PASS with INFO never does', () => {
    const c = [
      makeCheck('ID_NUMBER', 'declared_nik', 'FAIL', {
        reasons: [reason('NIK_FORMAT', 'ERROR', 'Declared NIK: A NIK has exactly 16 digits.')],
      }),
      makeCheck('ID_NUMBER', 'declared_npwp', 'PASS', {
        reasons: [reason('NPWP_IS_NIK', 'INFO', 'info')],
      }),
    ];
    applyPolicy(c, DEFAULT_POLICY);
    expect(c.map((x) => x.blocking)).toEqual([true, false]);
    expect(summaryOf(c, verdictOf(c))).toBe(
      'Not sent to a provider: declared NIK: A NIK has exactly 16 digits.',
    );
  });

  it('passes with nothing to say', () => {
    const c = [
      makeCheck('DUPLICATE', 'exact_duplicate', 'PASS'),
      makeCheck('FILE_INTEGRITY', 'extension', 'INFO'),
    ];
    applyPolicy(c, DEFAULT_POLICY);
    expect(verdictOf(c)).toBe('PASSED');
    expect(summaryOf(c, 'PASSED')).toBeNull();
  });
});

describe('PDF raw structure (R-PDF-3)', () => {
  const pdf = (body: string) => Buffer.from(`%PDF-1.7\n${body}`, 'latin1');

  it('counts revisions from startxref sections with a non-zero value', () => {
    const once = scanPdfStructure(
      pdf('1 0 obj<<>>endobj\nxref\ntrailer<<>>\nstartxref\n120\n%%EOF\n'),
    );
    expect(once).toMatchObject({
      isPdf: true,
      version: '1.7',
      xrefSections: 1,
      endsProperly: true,
      encrypted: false,
    });
    const twice = scanPdfStructure(
      pdf(
        'startxref\n120\n%%EOF\n2 0 obj<<>>endobj\ntrailer<</Prev 120>>\nstartxref\n400\n%%EOF\n',
      ),
    );
    expect(twice.xrefSections).toBe(2);
  });

  it('a linearised file’s first-page trailer is not a revision', () => {
    const lin = scanPdfStructure(
      pdf(
        '1 0 obj<</Linearized 1/L 900>>endobj\ntrailer<<>>\nstartxref\n0\n%%EOF\nxref\ntrailer<<>>\nstartxref\n216\n%%EOF\n',
      ),
    );
    expect(lin).toMatchObject({ linearized: true, xrefSections: 1 });
    // Even when a linearizer writes a real offset there.
    const lin2 = scanPdfStructure(
      pdf('1 0 obj<</Linearized 1>>endobj\nstartxref\n116\n%%EOF\nstartxref\n216\n%%EOF\n'),
    );
    expect(lin2.xrefSections).toBe(1);
  });

  it('finds signatures and bytes written after the signed range', () => {
    const body = '1 0 obj<</Type/Sig/ByteRange [0 100 200 60]>>endobj\nstartxref\n10\n%%EOF\n';
    const text = pdf(body);
    const exact = scanPdfStructure(
      Buffer.concat([text, Buffer.alloc(Math.max(0, 260 - text.length), 0x20)]),
    );
    expect(exact.signatures).toHaveLength(1);
    expect(exact.bytesAfterLastSignature).toBe(0);
    const appended = scanPdfStructure(
      Buffer.concat([
        text,
        Buffer.alloc(Math.max(0, 260 - text.length), 0x20),
        Buffer.from('3 0 obj<<>>endobj\n'),
      ]),
    );
    expect(appended.bytesAfterLastSignature).toBeGreaterThan(0);
  });

  it('detects encryption dictionaries and a missing end', () => {
    expect(
      scanPdfStructure(pdf('trailer<</Root 1 0 R/Encrypt 7 0 R>>\nstartxref\n9\n%%EOF')).encrypted,
    ).toBe(true);
    expect(scanPdfStructure(pdf('1 0 obj<</EncryptMetadata false>>endobj')).encrypted).toBe(false);
    expect(scanPdfStructure(pdf('1 0 obj<<>>endobj\nxref')).endsProperly).toBe(false);
    expect(scanPdfStructure(Buffer.from('GIF89a')).isPdf).toBe(false);
  });

  it('parses PDF and XMP dates with time zones', () => {
    expect(parsePdfDate("D:20240201150000+07'00'")).toBe(Date.UTC(2024, 1, 1, 8, 0, 0));
    expect(parsePdfDate('D:20240201080000Z')).toBe(Date.UTC(2024, 1, 1, 8, 0, 0));
    expect(parsePdfDate('2024-02-01T08:00:00Z')).toBe(Date.UTC(2024, 1, 1, 8, 0, 0));
    expect(parsePdfDate('yesterday')).toBeNull();
  });

  it('classifies producers: editors, office suites, bank systems, neutral libraries', () => {
    expect(classifyProducer('iLovePDF')?.cls).toBe('editor');
    expect(classifyProducer('Adobe Acrobat Pro DC 21.1')?.cls).toBe('editor');
    expect(classifyProducer('Acrobat Distiller 10.0 (Windows)')?.cls).toBe('unknown');
    expect(classifyProducer('Microsoft® Word for Microsoft 365')?.cls).toBe('authoring');
    expect(classifyProducer('Oracle FLEXCUBE Universal Banking')?.cls).toBe('bank_system');
    expect(classifyProducer('iText 5.5.13')?.cls).toBe('generator');
  });
});

describe('reading OCR text', () => {
  it('KTP fields from "label : value" lines, with NIK and date repairs recorded', () => {
    const f = parseKtpText(
      'PROVINSI JAWA BARAT\nKABUPATEN BANDUNG\nNIK : 32O41156O997OOO1\nNama : SITI RAHAYU\nTempat/Tgl Lahir : BANDUNG, 16-O9-1997\nJenis Kelamin : PEREMPUAN Gol. Darah : O\n',
    );
    expect(f).toMatchObject({
      nik: '3204115609970001',
      name: 'SITI RAHAYU',
      birthPlace: 'BANDUNG',
      birthDate: '1997-09-16',
      gender: 'F',
      province: 'JAWA BARAT',
    });
    expect(f.nikRepairs.map((r) => r.position)).toEqual([3, 9, 13, 14, 15]);
    expect(f.birthDateRepairs).toEqual([{ position: 3, from: 'O', to: '0' }]);
  });

  it('KTP fields when OCR returns the label column and the value column separately', () => {
    const f = parseKtpText(
      'NIK : 3578021203850004\nNama\nTempat/Tgl Lahir\nJenis Kelamin\n: BUDI SANTOSO\n: SURABAYA, 12-03-1985\n: LAKI-LAKI\n',
    );
    expect(f).toMatchObject({
      nik: '3578021203850004',
      name: 'BUDI SANTOSO',
      birthDate: '1985-03-12',
      gender: 'M',
    });
  });

  it('no NIK from a line of words', () => {
    expect(parseKtpText('Nama : SITI\nALAMAT : JALAN BESAR SEKALI').nik).toBeNull();
  });

  it('finds and repairs the MRZ lines at the bottom of OCR text', () => {
    const text =
      'REPUBLIK INDONESIA\nPASPOR\nP<IDNSANTOSO<<BUDI<<<<<<<<<<<<<<<<<<<<<<<<<<<\nC1234567<21DN9OO5218M3001017<<<<<<<<<<<<<<04\n';
    const m = findMrz(text);
    expect(m?.lines[1]).toBe('C1234567<2IDN9005218M3001017<<<<<<<<<<<<<<04');
    expect(m?.repairs.length).toBe(3);
    expect(findMrz('no machine readable zone here')).toBeNull();
  });
});

describe('data match (R-NIK-9, R-NPWP-4)', () => {
  it('normalises genders and compares names forgivingly', () => {
    expect(['L', 'laki-laki', 'PRIA', 'male', 'M'].map(normalizeGender)).toEqual([
      'M',
      'M',
      'M',
      'M',
      'M',
    ]);
    expect(['P', 'Perempuan', 'WANITA', 'F'].map(normalizeGender)).toEqual(['F', 'F', 'F', 'F']);
    expect(nameSimilarity('Siti Rahayu', 'SITI  RAHAYU')).toBe(1);
    expect(nameSimilarity('Hj. Siti Rahayu, S.E.', 'SITI RAHAYU')).toBe(1);
    expect(nameSimilarity('RAHAYU SITI', 'SITI RAHAYU')).toBeGreaterThanOrEqual(0.85);
    expect(nameSimilarity('BUDI SANTOSO', 'BUDI SANTOSO DD')).toBeGreaterThanOrEqual(0.85);
    expect(nameSimilarity('BUDI SANTOSO', 'SITI RAHAYU')).toBeLessThan(0.5);
  });

  it('declared vs document vs NIK-derived; a NIK birth-date difference only warns', () => {
    const c = dataMatchCheck({
      expected: {
        nik: '3204115609970001',
        name: 'Siti Rahayu',
        birthDate: '16-09-1997',
        gender: 'P',
      },
      document: {
        source: 'the card',
        nik: '3204115609970001',
        name: 'SITI RAHAYU',
        birthDate: '1997-09-17',
        gender: 'F',
      },
      declaredNik: { nik: '3204115609970001', gender: 'F', birthDate: '1997-09-16' },
      documentNik: { nik: '3204115609970001', gender: 'F', birthDate: '1997-09-16' },
      declaredNpwpNik: null,
    })!;
    expect(c.outcome).toBe('REVIEW');
    expect(c.reasons.map((r) => r.code).sort()).toEqual([
      'BIRTH_DATE_MISMATCH',
      'NIK_BIRTH_DATE_MISMATCH',
    ]);
  });

  it('an NPWP in NIK form that is someone else’s NIK fails', () => {
    const c = dataMatchCheck({
      expected: { nik: '3204115609970001' },
      document: null,
      declaredNik: { nik: '3204115609970001', gender: 'F', birthDate: '1997-09-16' },
      documentNik: null,
      declaredNpwpNik: '3578021203850004',
    })!;
    expect(c.outcome).toBe('FAIL');
    expect(c.reasons.map((r) => `${r.severity}:${r.code}`)).toEqual(['ERROR:NPWP_NIK_MISMATCH']);
  });

  it('nothing to compare → no check', () => {
    expect(
      dataMatchCheck({
        expected: null,
        document: null,
        declaredNik: null,
        documentNik: null,
        declaredNpwpNik: null,
      }),
    ).toBeNull();
  });
});
