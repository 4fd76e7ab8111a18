/**
 * The AiPrise seed page's example payloads (stored verbatim as fixtures; the sample response has
 * trailing commas) read the way `checkdesk normalize` reads a file, then normalised.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CanonicalVerification } from '../../../../shared/model.ts';
import { parseLenientJson } from '../../../../shared/lenient-json.ts';
import { normalizeAiPrise } from '../../../../electron/engine/providers/aiprise/index.ts';

const FIXTURES = join(import.meta.dirname, '../../../fixtures/providers/aiprise');

function load(name: string): { result: CanonicalVerification; repairs: string[] } {
  const { value, repairs } = parseLenientJson(readFileSync(join(FIXTURES, name), 'utf8'));
  return { result: CanonicalVerification.parse(normalizeAiPrise(value)), repairs };
}

describe('AiPrise seed examples', () => {
  it('sample verification response (invalid JSON: trailing commas) → approved, every section mapped', () => {
    const { result: r, repairs } = load('seed-sample-response.json5');
    expect(repairs).toContain('json5');
    expect([r.runStatus, r.decision, r.review, r.vendorStatus, r.vendorDecision]).toEqual([
      'COMPLETED',
      'APPROVED',
      'NONE',
      'COMPLETED',
      'APPROVED',
    ]);
    expect(r.externalId).toBe('2479f0221-517e-4f60-8dff-14a906098ad1');
    expect(r.service).toBe('template:5fd6dddd-4bb1-4d31-8bd7-27801a176c8f');
    // No `environment` field: production.
    expect(r.environment).toBe('PRODUCTION');
    expect(r.timestamps?.created).toBe('2023-04-17T17:06:54.017Z');
    expect(r.checks.map((c) => [c.type, c.name, c.outcome])).toEqual([
      ['DOC_AUTHENTICITY', 'id_info', 'PASS'],
      ['DOC_OCR', 'id_info.extracted', 'PASS'],
      ['FACE_MATCH', 'face_match_info', 'PASS'],
      ['LIVENESS', 'face_liveness_info', 'PASS'],
      ['AML_SCREENING', 'aml_info', 'PASS'],
      ['FRAUD_SIGNALS', 'fraud_insights', 'INFO'],
      ['FRAUD_SIGNALS', 'fraud_insights.ip_insights', 'INFO'],
      ['FRAUD_SIGNALS', 'fraud_insights.device_insights', 'INFO'],
      ['FRAUD_SIGNALS', 'fraud_insights.email_insights[0]', 'INFO'],
      ['FRAUD_SIGNALS', 'fraud_insights.phone_insights[0]', 'INFO'],
    ]);
    expect(r.checks[2]?.score).toEqual({
      raw: 98.59,
      scale: '0-100',
      normalized: 0.9859,
      threshold: null,
      direction: 'HIGHER_IS_BETTER',
    });
    expect(r.reasons).toEqual([]);
    expect(r.extracted.person).toEqual({
      fullName: 'TEST_FIRST_NAME TEST_LAST_NAME',
      givenName: 'TEST_FIRST_NAME',
      familyName: 'TEST_LAST_NAME',
      birthDate: '1990-01-31',
      gender: 'M',
    });
    expect(r.extracted.document).toEqual({
      type: 'DRIVER_LICENSE',
      number: 'TEST123',
      issuingCountry: 'MEX',
      issueDate: '2015-12-31',
      expiryDate: '2030-12-31',
    });
    expect(r.extracted.address).toMatchObject({
      full: 'TEST_FULL_ADDRESS',
      city: 'TEST_CITY',
      country: 'USA',
    });
    expect(r.extracted.fields).toMatchObject({
      'ocr.Place of Birth': 'MADRID',
      'ocr.Driver License Category': true,
      aml_num_hits: 0,
    });
    expect(r.checks[6]?.details).toMatchObject({ country: 'NGA' });
  });

  it('status_reasons example → FAILED with INPUT_DATA_INVALID', () => {
    const { result: r } = load('seed-status-reasons-fragment.json5');
    expect([r.runStatus, r.decision]).toEqual(['FAILED', 'PENDING']);
    expect(r.reasons).toEqual([
      {
        code: 'INPUT_DATA_INVALID',
        vendorCode: 'API_DATA_REQUIREMENTS_NOT_MET',
        message: 'Invalid user data. identity_number_type missing.',
        severity: 'ERROR',
      },
    ]);
  });

  it('additional_info skeleton (empty type strings) → an OTHER check flagged for a person', () => {
    const { result: r } = load('seed-additional-info-template.json5');
    expect(r.checks.map((c) => [c.type, c.outcome])).toEqual([['OTHER', 'INFO']]);
    expect(r.reasons[0]).toMatchObject({ code: 'UNKNOWN_VENDOR_VALUE', vendorCode: null });
  });

  it('the callback test-vector payload (older summary format) → approved', () => {
    const vector = JSON.parse(
      readFileSync(join(FIXTURES, 'callback-test-vector.json'), 'utf8'),
    ) as { body: string };
    const r = CanonicalVerification.parse(normalizeAiPrise(parseLenientJson(vector.body).value));
    expect([r.runStatus, r.decision, r.externalId]).toEqual([
      'COMPLETED',
      'APPROVED',
      '123408f2-2bbb-415f-aafc-92212341234',
    ]);
  });
});
