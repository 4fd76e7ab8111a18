/**
 * Colleckt request building: base URLs and the path table, expected_data, names and dates,
 * the token expiry warning and the allowed-actions table.
 */
import { describe, expect, it } from 'vitest';
import { buildExpectedData } from '../../../../electron/engine/providers/colleckt/expected.ts';
import { isoDate, splitName } from '../../../../electron/engine/providers/kit/person.ts';
import {
  apiRoot,
  DEFAULT_PATHS,
  fillPath,
  flowBase,
  resolvePaths,
} from '../../../../electron/engine/providers/colleckt/paths.ts';
import { ALLOWED_FROM } from '../../../../electron/engine/providers/colleckt/status.ts';
import { tokenExpiryWarning } from '../../../../electron/engine/providers/colleckt/token.ts';
import { ProviderError } from '../../../../electron/engine/providers/errors.ts';

describe('Colleckt base URL and paths', () => {
  it.each([
    [{ baseUrl: '', options: { workspace: 'acme' } }, 'https://acme.colleckt.io/api/v1/usps1583'],
    [
      { baseUrl: '', options: { workspace: 'acme', environment: 'sandbox' } },
      'https://acme-sandbox.colleckt.io/api/v1/usps1583',
    ],
    [{ baseUrl: 'http://127.0.0.1:9000/', options: {} }, 'http://127.0.0.1:9000/api/v1/usps1583'],
    [{ baseUrl: 'https://x.example/api/v1', options: {} }, 'https://x.example/api/v1/usps1583'],
    [
      { baseUrl: 'https://x.example/custom/{flow}/v1', options: {} },
      'https://x.example/custom/usps1583/v1',
    ],
  ])('%j → %s', (config, expected) => {
    expect(flowBase(apiRoot(config, 'probe'), 'usps1583', 'probe')).toBe(expected);
  });

  it('refuses a missing workspace and flow names that would escape the path', () => {
    expect(() => apiRoot({ baseUrl: '', options: {} }, 'create')).toThrow(ProviderError);
    expect(() => apiRoot({ baseUrl: '', options: { workspace: 'a.b/c' } }, 'create')).toThrow(
      /workspace/,
    );
    for (const flow of ['../admin', 'a/b', '', 'x?y'])
      expect(() => flowBase('https://h', flow, 'create')).toThrow(/not a Colleckt flow/);
  });

  it('path options override single entries; bad overrides are ignored', () => {
    const paths = resolvePaths({
      'path.submit': '/verifications/{id}/actions/submit',
      'path.approve': 'no-leading-slash',
      unrelated: 1,
    });
    expect(paths.submit).toBe('/verifications/{id}/actions/submit');
    expect(paths.approve).toBe(DEFAULT_PATHS.approve);
    expect(fillPath(paths.submit, { id: 'ver/1 2' })).toBe(
      '/verifications/ver%2F1%202/actions/submit',
    );
  });
});

describe('Colleckt expected_data', () => {
  it('maps a full case', () => {
    const out = buildExpectedData(
      {
        name: 'Siti Nurhaliza Rahman',
        nik: ' 3174095708900002 ',
        birthDate: '17/08/1990',
        address: 'Jl. Melati 5',
        extra: { Kota: 'Jakarta Selatan', 'Kode Pos': '12160', Provinsi: 'DKI Jakarta' },
      },
      'BANK_STATEMENT',
      { country: 'IDN', photoIdType: 'national_id' },
    );
    expect(out).toEqual({
      person: { first_name: 'Siti Nurhaliza', last_name: 'Rahman', date_of_birth: '1990-08-17' },
      address: {
        street: 'Jl. Melati 5',
        city: 'Jakarta Selatan',
        state: 'DKI Jakarta',
        postal_code: '12160',
        country: 'IDN',
      },
      documents: {
        photo_id: { type: 'national_id', number: '3174095708900002', country: 'IDN' },
        proof_of_address: { type: 'bank_statement', country: 'IDN' },
      },
    });
  });

  it('a mononym goes to the last name; nothing declared stays null', () => {
    expect(
      buildExpectedData({ name: 'Sukarno' }, null, { country: 'IDN', photoIdType: 'national_id' })
        .person,
    ).toEqual({ first_name: null, last_name: 'Sukarno', date_of_birth: null });
    const empty = buildExpectedData(null, null, { country: 'IDN', photoIdType: 'national_id' });
    expect(empty.person).toEqual({ first_name: null, last_name: null, date_of_birth: null });
    expect(empty.documents.proof_of_address).toBeUndefined();
  });
});

describe('names and dates', () => {
  it.each([
    ['Budi', { given: null, family: 'Budi' }],
    ['  Budi   Santoso ', { given: 'Budi', family: 'Santoso' }],
    ['Siti Nurhaliza Rahman', { given: 'Siti Nurhaliza', family: 'Rahman' }],
    ['   ', null],
  ])('splitName(%j)', (input, expected) => {
    expect(splitName(input)).toEqual(expected);
  });

  it.each([
    ['1990-08-17', '1990-08-17'],
    ['1990-8-7', '1990-08-07'],
    ['1990-08-17T00:00:00Z', '1990-08-17'],
    ['17-08-1990', '1990-08-17'],
    ['17/08/1990', '1990-08-17'],
    ['17.08.1990', '1990-08-17'],
    ['31-02-1990', null],
    ['1990-13-01', null],
    ['yesterday', null],
    ['', null],
  ])('isoDate(%j) = %j', (input, expected) => {
    expect(isoDate(input)).toBe(expected);
  });
});

describe('Colleckt token expiry warning', () => {
  const day = 24 * 3600 * 1000;
  const created = Date.parse('2025-01-01T00:00:00Z');
  it.each([
    [0, null],
    [165.9, null],
    [166, /expires in 14 days/],
    [179, /expires in 1 day \(on 2025-06-30\)/],
    [180, /expired on 2025-06-30/],
    [400, /expired/],
  ] as const)('day %d', (d, expected) => {
    const out = tokenExpiryWarning({ createdAt: '2025-01-01T00:00:00Z' }, created + d * day);
    if (expected === null) expect(out).toBeNull();
    else expect(out).toMatch(expected);
  });

  it('a custom lifetime and missing or bad dates', () => {
    expect(
      tokenExpiryWarning(
        { createdAt: '2025-01-01T00:00:00Z', lifetimeDays: 30 },
        created + 20 * day,
      ),
    ).toMatch(/expires in 10 days/);
    expect(tokenExpiryWarning({ createdAt: null }, created)).toBeNull();
    expect(tokenExpiryWarning({ createdAt: 'soon' }, created)).toBeNull();
  });
});

describe('Colleckt allowed actions', () => {
  it('match the vendor guide', () => {
    expect(ALLOWED_FROM).toEqual({
      approve: [2, 5],
      reject: [2, 5],
      hold: [1, 2, 5],
      resume: [8],
      cancel: [1, 2, 8, 5],
      resubmit: [4],
    });
  });
});
