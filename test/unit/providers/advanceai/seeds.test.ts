/**
 * Every example payload of the ADVANCE.AI eKYC seed page (stored verbatim as fixtures, invalid
 * JSON included) read the way `checkdesk normalize` reads a file, then normalised.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CanonicalVerification } from '../../../../shared/model.ts';
import { parseLenientJson } from '../../../../shared/lenient-json.ts';
import { normalizeAdvanceAi } from '../../../../electron/engine/providers/advanceai/index.ts';

const FIXTURES = join(import.meta.dirname, '../../../fixtures/providers/advanceai');

function load(name: string): CanonicalVerification {
  const { value } = parseLenientJson(readFileSync(join(FIXTURES, name), 'utf8'));
  return CanonicalVerification.parse(normalizeAdvanceAi(value));
}

describe('ADVANCE.AI seed examples', () => {
  it('PASS example: approved, scores on the 0–100 scale, forgery and exposure flagged for a person', () => {
    const r = load('seed-pass.json');
    expect([r.runStatus, r.decision, r.review, r.vendorStatus, r.vendorDecision]).toEqual([
      'COMPLETED',
      'APPROVED',
      'NONE',
      'SUCCESS',
      'PASS',
    ]);
    expect(r.externalId).toBe('f302f5d2454a85c2');
    expect(r.checks.map((c) => [c.type, c.outcome])).toEqual([
      ['LIVENESS', 'PASS'],
      ['FACE_MATCH', 'PASS'],
      ['DOC_OCR', 'PASS'],
      ['DOC_AUTHENTICITY', 'REVIEW'],
      ['DOC_QUALITY', 'INFO'],
    ]);
    expect(r.checks[0]?.score).toMatchObject({ raw: 99, normalized: 0.99, threshold: 50 });
    expect(r.checks[1]?.score).toMatchObject({ raw: 82, normalized: 0.82, threshold: 70 });
    expect(r.reasons.map((x) => `${x.code}:${x.vendorCode}`)).toEqual([
      'DOC_FORGERY_SIGN:photocopy',
      'DOC_OVEREXPOSED:isExposure',
    ]);
    expect(r.extracted.person).toMatchObject({
      fullName: 'LEE SHI YIN',
      birthDate: '1987-11-25',
      gender: 'F',
    });
    expect(r.extracted.document).toMatchObject({
      type: 'MY-ID-MYKAD',
      number: '871125523500',
      issuingCountry: 'PHL',
    });
    expect(r.extracted.fields?.['ocr.back.documentNumber']).toBe('8711567840000301');
    expect(JSON.stringify(r.extracted)).not.toContain('https://abc.com');
    expect(r.timestamps?.created).toBe('2022-10-17T07:58:42.952Z');
  });

  it('FAIL example with docResult / idFrontImage variants and float scores: declined for liveness', () => {
    const r = load('seed-fail-liveness-doc-variants.json');
    expect([r.runStatus, r.decision, r.vendorDecision]).toEqual(['COMPLETED', 'DECLINED', 'FAIL']);
    expect(r.reasons[0]).toMatchObject({
      code: 'LIVENESS_FAILED',
      vendorCode: 'LIVENESS_ATTACK',
      severity: 'ERROR',
    });
    const byType = Object.fromEntries(r.checks.map((c) => [c.type, c]));
    expect(byType.LIVENESS?.outcome).toBe('FAIL');
    expect(byType.LIVENESS?.score?.raw).toBe(0);
    expect(byType.FACE_MATCH?.outcome).toBe('PASS');
    expect(byType.FACE_MATCH?.score?.raw).toBe(82);
    expect(byType.DOC_OCR?.outcome).toBe('PASS');
    expect(byType.DOC_AUTHENTICITY?.outcome).toBe('PASS');
  });

  it('overResult "fail" example with NOT_SUPPORTED_CARD and an extra closing brace', () => {
    const text = readFileSync(join(FIXTURES, 'seed-overresult-extra-brace.json5'), 'utf8');
    const parsed = parseLenientJson(text);
    // The root closes one brace early and more members follow: the read must rejoin them.
    expect(parsed.repairs).toContain('stray-closing-bracket');
    expect(parsed.value).toMatchObject({
      code: 'SUCCESS',
      extra: null,
      transactionId: 'd3fde1547eeaf226',
      data: { overResult: 'fail', countryCodeIso3: 'PHL' },
    });
    const r = load('seed-overresult-extra-brace.json5');
    expect([r.runStatus, r.decision, r.vendorDecision]).toEqual(['COMPLETED', 'DECLINED', 'fail']);
    expect(r.reasons[0]).toMatchObject({
      code: 'DOC_TYPE_UNSUPPORTED',
      vendorCode: 'NOT_SUPPORTED_CARD',
    });
    expect(r.checks.every((c) => c.outcome === 'NOT_RUN')).toBe(true);
  });

  it('in-processing example with // comments: waiting for the applicant, partial results shown', () => {
    const text = readFileSync(join(FIXTURES, 'seed-processing-comments.json5'), 'utf8');
    expect(parseLenientJson(text).repairs).toContain('json5');
    const r = load('seed-processing-comments.json5');
    expect([r.runStatus, r.decision, r.vendorDecision, r.externalId]).toEqual([
      'AWAITING_INPUT',
      'PENDING',
      null,
      null,
    ]);
    expect(r.checks.map((c) => [c.type, c.outcome])).toEqual([
      ['LIVENESS', 'PASS'],
      ['FACE_MATCH', 'PENDING'],
      ['DOC_OCR', 'PASS'],
      ['DOC_AUTHENTICITY', 'PENDING'],
    ]);
    expect(r.extracted.person).toMatchObject({
      fullName: '**************',
      birthDate: '1977-10-28',
    });
  });

  it('SIGNATURE_NOT_EXIST example → FAILED with NOT_FOUND', () => {
    const r = load('seed-signature-not-exist.json');
    expect([r.runStatus, r.decision]).toEqual(['FAILED', 'PENDING']);
    expect(r.reasons.map((x) => x.code)).toEqual(['NOT_FOUND']);
  });

  it('ERROR example → pending, retry later', () => {
    const r = load('seed-error.json');
    expect([r.runStatus, r.decision, r.retryable]).toEqual(['PROCESSING', 'PENDING', true]);
    expect(r.reasons.map((x) => x.code)).toEqual(['VENDOR_ERROR']);
  });
});
