import { describe, expect, it } from 'vitest';
import {
  analyseFile,
  checkNik,
  decideOutcome,
  findMarkers,
  type FileAnalysis,
} from '../../../../electron/engine/providers/anycheck/sandbox/rules.ts';
import {
  cardImage,
  faceImage,
  pdfBytes,
  VALID_NIK,
} from '../../../integration/providers/anycheck/helpers.ts';
import sharp from 'sharp';

const REF = new Date(Date.UTC(2025, 5, 1));

describe('sandbox NIK check', () => {
  it('accepts a well-formed NIK and reads gender and birth date (women: day + 40)', () => {
    expect(checkNik(VALID_NIK, REF)).toEqual({
      valid: true,
      reason: null,
      gender: 'F',
      birthDate: '1990-05-12',
      province: '31',
    });
    expect(checkNik('3201011508050002', REF)).toMatchObject({
      valid: true,
      gender: 'M',
      birthDate: '2005-08-15',
    });
    // Born "10": 2010 would make a KTP holder younger than 17 in 2025, so the 1900s it is.
    expect(checkNik('3201 0115.0810-0002', REF)).toMatchObject({
      valid: true,
      birthDate: '1910-08-15',
    });
  });

  it.each([
    ['12345', 'NIK_FORMAT'],
    ['317405520590000X', 'NIK_FORMAT'],
    ['2074055205900001', 'NIK_PROVINCE'],
    ['3100055205900001', 'NIK_REGION'],
    ['3170055205900001', 'NIK_REGION'],
    ['3174005205900001', 'NIK_REGION'],
    ['3174053205900001', 'NIK_DATE'],
    ['3174057205900001', 'NIK_DATE'],
    ['3174051513900001', 'NIK_DATE'],
    ['3174053002900001', 'NIK_DATE'],
    ['3174051505900000', 'NIK_SERIAL'],
  ])('rejects %s (%s)', (nik, reason) => {
    expect(checkNik(nik, REF)).toMatchObject({ valid: false, reason });
  });
});

describe('sandbox file analysis', () => {
  it('finds markers in names and bytes, whole tokens only', () => {
    expect(findMarkers(Buffer.from('xx CDX-FAILED_ALWAYS yy'), 'a.pdf')).toEqual([
      'CDX-FAILED_ALWAYS',
    ]);
    expect(findMarkers(Buffer.from(''), 'ktp CDX-NOT_VERIFIED.png')).toEqual(['CDX-NOT_VERIFIED']);
    expect(findMarkers(Buffer.from('CDX-UNKNOWN CDX-PARTIAL'), 'x')).toEqual(['CDX-PARTIAL']);
  });

  it('tells a face-like selfie from a card, and measures images and PDFs', async () => {
    const face = await analyseFile(await faceImage(3), 'selfie.png', null);
    const card = await analyseFile(await cardImage(3), 'ktp.png', null);
    expect(face).toMatchObject({
      kind: 'image',
      readable: true,
      width: 160,
      height: 160,
      pageCount: 1,
    });
    expect(face.skinRatio!).toBeGreaterThanOrEqual(0.2);
    expect(card.skinRatio!).toBeLessThan(0.2);
    const pdf = await analyseFile(await pdfBytes(3), 'bsa.pdf', null);
    expect(pdf).toMatchObject({ kind: 'pdf', readable: true, pageCount: 3, encrypted: false });
    const locked = await analyseFile(await pdfBytes(1, 'x', true), 'locked.pdf', 'pw');
    expect(locked).toMatchObject({ kind: 'pdf', encrypted: true, passwordGiven: true });
    const garbage = await analyseFile(Buffer.from('not an image at all'), 'x.png', null);
    expect(garbage).toMatchObject({ kind: 'other', readable: false });
    expect(garbage.sha256).toMatch(/^[0-9a-f]{64}$/);
  });
});

function analysis(over: Partial<FileAnalysis>): FileAnalysis {
  return {
    sha256: 'a'.repeat(64),
    name: 'f',
    size: 10,
    kind: 'image',
    readable: true,
    width: 400,
    height: 300,
    pageCount: 1,
    encrypted: false,
    passwordGiven: false,
    skinRatio: 0.5,
    markers: [],
    ...over,
  };
}

describe('sandbox outcomes', () => {
  const ktpSelfie = (selfie: Partial<FileAnalysis>, ktp: Partial<FileAnalysis> = {}, attempt = 1) =>
    decideOutcome({
      service: 'KTP_VERIFICATION',
      config: { verification_type: 'KTP_SELFIE' },
      files: [
        { field: 'ktp_file', analysis: analysis({ skinRatio: 0, ...ktp }) },
        { field: 'selfie_file', analysis: analysis(selfie) },
      ],
      attempt,
      fraudCleared: false,
      now: REF,
    });

  it('matches a selfie with a face and declines one without', () => {
    expect(ktpSelfie({})).toMatchObject({
      status: 'COMPLETED',
      outputStatus: 'VERIFIED',
      output: { is_match_face: true },
    });
    expect(ktpSelfie({ skinRatio: 0.05 })).toMatchObject({
      status: 'COMPLETED',
      outputStatus: 'NOT_VERIFIED',
      output: { is_match_face: false, face_match_confidence_level: 'LOW' },
    });
    expect(ktpSelfie({ width: 20, height: 20 })).toMatchObject({
      status: 'FAILED',
      output: { error_code: 'IMAGE_TOO_SMALL' },
    });
    expect(ktpSelfie({}, { kind: 'other', readable: false })).toMatchObject({
      status: 'FAILED',
      output: { error_code: 'UNSUPPORTED_FILE' },
    });
  });

  it('is deterministic for the same content', () => {
    expect(ktpSelfie({ sha256: 'b'.repeat(64) })).toEqual(ktpSelfie({ sha256: 'b'.repeat(64) }));
  });

  it('applies the markers in their documented order', () => {
    expect(ktpSelfie({ markers: ['CDX-FAILED'] }, {}, 1).status).toBe('FAILED');
    expect(ktpSelfie({ markers: ['CDX-FAILED'] }, {}, 2)).toMatchObject({
      status: 'COMPLETED',
      outputStatus: 'VERIFIED',
    });
    expect(ktpSelfie({ markers: ['CDX-FAILED_ALWAYS'] }, {}, 5).status).toBe('FAILED');
    expect(ktpSelfie({ markers: ['CDX-CANCELLED', 'CDX-NEED_REVIEW'] }).status).toBe('CANCELLED');
    expect(ktpSelfie({ markers: ['CDX-NEED_REVIEW', 'CDX-NOT_VERIFIED'] }).status).toBe(
      'NEED_REVIEW',
    );
    expect(ktpSelfie({ markers: ['CDX-NOT_VERIFIED', 'CDX-PARTIAL'] }).outputStatus).toBe(
      'NOT_VERIFIED',
    );
    expect(ktpSelfie({ markers: ['CDX-PARTIAL'] }).outputStatus).toBe('PARTIALLY_NOT_VERIFIED');
    expect(ktpSelfie({ skinRatio: 0, markers: ['CDX-VERIFIED'] }).outputStatus).toBe('VERIFIED');
  });

  it('stops statements at the fraud gate only with fraud_detection=true, and continues once cleared', () => {
    const bsa = (config: Record<string, unknown>, fraudCleared = false) =>
      decideOutcome({
        service: 'BANK_STATEMENT_ANALYSIS',
        config,
        files: [
          {
            field: 'bsa_file',
            analysis: analysis({ kind: 'pdf', pageCount: 3, markers: ['CDX-FRAUD_DETECTED'] }),
          },
        ],
        attempt: 1,
        fraudCleared,
        now: REF,
      });
    expect(bsa({ fraud_detection: true }).status).toBe('FRAUD_DETECTED');
    expect(bsa({})).toMatchObject({
      status: 'COMPLETED',
      outputStatus: null,
      output: { total_pages: 3, fraud_indicator_count: 0 },
    });
    expect(bsa({ fraud_detection: true }, true)).toMatchObject({
      status: 'COMPLETED',
      output: { fraud_indicator_count: 2 },
    });
    const ktp = decideOutcome({
      service: 'KTP_VERIFICATION',
      config: { verification_type: 'KTP_PEP', fraud_detection: true },
      files: [{ field: 'ktp_file', analysis: analysis({ markers: ['CDX-FRAUD_DETECTED'] }) }],
      attempt: 1,
      fraudCleared: false,
      now: REF,
    });
    expect(ktp.status).toBe('COMPLETED');
  });

  it('needs a password for an encrypted PDF and verifies NIKs by their structure', () => {
    const locked = decideOutcome({
      service: 'FINANCIAL_STATEMENT_ANALYSIS',
      config: {},
      files: [
        { field: 'financial_statement_file', analysis: analysis({ kind: 'pdf', encrypted: true }) },
      ],
      attempt: 1,
      fraudCleared: false,
      now: REF,
    });
    expect(locked).toMatchObject({ status: 'FAILED', output: { error_code: 'PASSWORD_REQUIRED' } });
    const nik = (n: string) =>
      decideOutcome({
        service: 'KTP_VERIFICATION',
        config: { verification_type: 'NIK', nik: n },
        files: [],
        attempt: 1,
        fraudCleared: false,
        now: REF,
      });
    expect(nik(VALID_NIK)).toMatchObject({
      outputStatus: 'VERIFIED',
      output: { is_valid_nik: true, gender: 'F' },
    });
    expect(nik('1234567890123456')).toMatchObject({
      outputStatus: 'NOT_VERIFIED',
      output: { is_valid_nik: false, invalid_reason: 'NIK_DATE' },
    });
    expect(nik('2034561505900001')).toMatchObject({
      outputStatus: 'NOT_VERIFIED',
      output: { invalid_reason: 'NIK_PROVINCE' },
    });
  });
});

describe('test fixtures', () => {
  it('decodes the generated fixtures with sharp (sanity)', async () => {
    expect((await sharp(await faceImage()).metadata()).format).toBe('png');
  });
});
