import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createMemoryNearDuplicateStore,
  createPreflight,
} from '../../../electron/engine/checks/index.ts';
import {
  PERSON_A,
  makeTempDir,
  outcomes,
  passportMrz,
  renderCard,
  renderPassport,
  runPreflight,
} from '../../helpers/checks-fixtures.ts';

// Real tesseract.js with the eng+ind data from the npm packages, offline. Slow (~1 s per card), so
// this file keeps to one worker and a handful of recognitions.
describe('offline OCR of a KTP', () => {
  let dir: string;
  beforeAll(() => {
    dir = makeTempDir();
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('reads NIK, name, birth date and gender, validates the NIK and matches the declared data', async () => {
    const preflight = createPreflight({
      nearDuplicates: createMemoryNearDuplicateStore(),
      ocr: 'auto',
      ocrWorkers: 1,
      // As in the ledger, where the second run below is a different document with a new expected record.
      findExact: () => null,
      ocrDataDir: path.join(dir, 'tessdata'),
      today: () => new Date(2025, 5, 15),
    });
    try {
      const card = await renderCard(PERSON_A);
      const expected = {
        nik: PERSON_A.nik,
        name: 'Siti Rahayu',
        birthDate: '16-09-1997',
        gender: 'P',
      };
      const r = await runPreflight(preflight, dir, 'ktp.jpg', card, { documentId: 1, expected });
      expect(r.extracted).toEqual({
        nik: PERSON_A.nik,
        name: 'SITI RAHAYU',
        birthDate: '1997-09-16',
        gender: 'F',
      });
      const o = outcomes(r);
      expect(o).toMatchObject({
        ocr_text: 'PASS',
        nik: 'PASS',
        declared_nik: 'PASS',
        data_match: 'PASS',
      });
      const nik = r.checks.find((c) => c.name === 'nik')!;
      expect(nik.details).toMatchObject({
        source: 'document',
        gender: 'F',
        birthDate: '1997-09-16',
        regencyName: 'Kabupaten Bandung',
      });
      expect(r.verdict).toBe('PASSED');

      // The applicant declared a NIK one digit off and another birth date: flagged, not blocked.
      const r2 = await runPreflight(preflight, dir, 'ktp-again.jpg', card, {
        documentId: 2,
        expected: { ...expected, nik: '3204115609970002', birthDate: '1997-09-17' },
      });
      const match = r2.checks.find((c) => c.name === 'data_match')!;
      expect(match.outcome).toBe('REVIEW');
      expect(match.reasons.map((x) => x.code)).toEqual(
        expect.arrayContaining(['NIK_MISMATCH', 'BIRTH_DATE_MISMATCH']),
      );
      expect(match.reasons.find((x) => x.code === 'NIK_MISMATCH')!.message).toContain('1 digit');
      expect(r2.verdict).toBe('FLAGGED');
      expect(r2.checks.some((c) => c.blocking)).toBe(false);
    } finally {
      await preflight.close();
    }
  });

  it('reads and validates a passport MRZ, repairing filler misreads, and compares it with the declared data', async () => {
    const preflight = createPreflight({
      nearDuplicates: createMemoryNearDuplicateStore(),
      ocr: 'auto',
      ocrDataDir: path.join(dir, 'tessdata'),
      today: () => new Date(2025, 5, 15),
    });
    try {
      const mrz = passportMrz({
        surname: 'SANTOSO',
        given: 'BUDI',
        doc: 'C1234567',
        birth: '900521',
        sex: 'M',
        expiry: '300101',
      });
      const r = await runPreflight(preflight, dir, 'paspor.jpg', await renderPassport(mrz), {
        kind: 'PASSPORT',
        documentId: 10,
        expected: { name: 'Budi Santoso', birthDate: '1990-05-21', gender: 'L' },
      });
      const check = r.checks.find((c) => c.name === 'mrz')!;
      expect(check.outcome).toBe('PASS');
      expect(check.details).toMatchObject({
        format: 'TD3',
        documentNumber: 'C1234567',
        nationality: 'IDN',
        birthDate: '1990-05-21',
        expiryDate: '2030-01-01',
      });
      // Whatever OCR had to correct (typically the '<' fillers read as L or K) is on record.
      const repairs = (check.details!.repairs ?? []) as unknown[];
      expect(check.reasons.some((x) => x.code === 'OCR_REPAIRED')).toBe(repairs.length > 0);
      expect(r.extracted).toMatchObject({
        name: 'BUDI SANTOSO',
        birthDate: '1990-05-21',
        gender: 'M',
        mrz: { documentNumber: 'C1234567' },
      });
      expect(outcomes(r).data_match).toBe('PASS');
      expect(r.verdict).toBe('PASSED');
    } finally {
      await preflight.close();
    }
  });

  it('when OCR cannot start, the OCR check says NOT_RUN and nothing else changes', async () => {
    const notADir = path.join(dir, 'occupied');
    fs.writeFileSync(notADir, 'a file where the OCR data folder should go');
    const preflight = createPreflight({
      nearDuplicates: createMemoryNearDuplicateStore(),
      ocr: 'auto',
      ocrDataDir: path.join(notADir, 'tessdata'),
    });
    try {
      const r = await runPreflight(preflight, dir, 'ktp2.jpg', await renderCard(PERSON_A), {
        documentId: 3,
      });
      const ocr = r.checks.find((c) => c.type === 'DOC_OCR')!;
      expect(ocr.outcome).toBe('NOT_RUN');
      expect(ocr.reasons[0]).toMatchObject({ code: 'OCR_UNAVAILABLE', severity: 'INFO' });
      expect(ocr.reasons[0]!.message).toMatch(/OCR could not start/);
      expect(r.verdict).toBe('PASSED');
    } finally {
      await preflight.close();
    }
  });
});
