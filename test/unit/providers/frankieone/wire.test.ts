/**
 * FrankieOne request building: service names, base URL, the individual body.
 */
import { describe, expect, it } from 'vitest';
import {
  individualBody,
  SUBMISSION_REFERENCE,
} from '../../../../electron/engine/providers/frankieone/entity.ts';
import {
  apiRoot,
  parseService,
  resolvePaths,
} from '../../../../electron/engine/providers/frankieone/paths.ts';

describe('FrankieOne services and URLs', () => {
  it.each([
    ['idv', { kind: 'idv' }],
    ['IDV', { kind: 'idv' }],
    [
      'workflow:KYC/onboarding-v2',
      { kind: 'workflow', serviceProfile: 'KYC', workflowName: 'onboarding-v2' },
    ],
    ['workflow:KYC', null],
    ['workflow:KYC/a/b', null],
    ['workflow:../x/y', null],
    ['aml', null],
  ])('parseService(%j)', (input, expected) => {
    expect(parseService(input)).toEqual(expected);
  });

  it('defaults to UAT unless production is asked for; a base URL wins', () => {
    expect(apiRoot({ baseUrl: '', options: {} })).toBe('https://api.uat.frankie.one');
    expect(apiRoot({ baseUrl: '', options: { environment: 'production' } })).toBe(
      'https://api.frankie.one',
    );
    expect(
      apiRoot({ baseUrl: 'http://127.0.0.1:1234/', options: { environment: 'production' } }),
    ).toBe('http://127.0.0.1:1234');
    expect(resolvePaths({ 'path.search': '/v2/search' }).search).toBe('/v2/search');
  });
});

describe('FrankieOne individual body', () => {
  it('carries the name, birth date, address and both references', () => {
    const body = individualBody(
      {
        name: 'Budi Santoso',
        birthDate: '12-03-1985',
        address: 'Jl. Melati 5',
        gender: 'Laki-laki',
      },
      'APP-1',
      'idem-1',
      { country: 'IDN', idDocumentType: 'NATIONAL_ID' },
    );
    expect(body).toEqual({
      individual: {
        name: { givenName: 'Budi', familyName: 'Santoso', displayName: 'Budi Santoso' },
        dateOfBirth: { year: '1985', month: '03', day: '12', normalized: '1985-03-12' },
        addresses: [{ type: 'RESIDENTIAL', longForm: 'Jl. Melati 5', country: 'IDN' }],
        gender: { gender: 'MALE' },
        externalReferences: [
          {
            name: SUBMISSION_REFERENCE,
            value: 'idem-1',
            type: 'OTHER',
            description: 'CheckDesk submission (idempotency key)',
          },
          {
            name: 'CHECKDESK_CASE',
            value: 'APP-1',
            type: 'CUSTOMER',
            description: 'CheckDesk case',
          },
        ],
      },
    });
  });

  it('a mononym is the family name; no name at all falls back to the case key', () => {
    expect(
      (
        individualBody({ name: 'Sukarno', gender: 'F' }, 'APP-2', 'k', {
          country: 'IDN',
          idDocumentType: 'NATIONAL_ID',
        }).individual as Record<string, unknown>
      )['name'],
    ).toEqual({
      givenName: undefined,
      familyName: 'Sukarno',
      displayName: 'Sukarno',
    });
    expect(
      individualBody({ gender: 'PEREMPUAN' }, 'A', 'k', {
        country: 'IDN',
        idDocumentType: 'NATIONAL_ID',
      }).individual,
    ).toMatchObject({ gender: { gender: 'FEMALE' } });
    expect(
      individualBody({ gender: 'unknown' }, 'A', 'k', {
        country: 'IDN',
        idDocumentType: 'NATIONAL_ID',
      }).individual,
    ).not.toHaveProperty('gender');
    const anonymous = individualBody(null, 'APP-3', 'k', {
      country: 'IDN',
      idDocumentType: 'NATIONAL_ID',
    }).individual as Record<string, unknown>;
    expect(anonymous['name']).toEqual({ familyName: 'APP-3' });
    expect(anonymous['dateOfBirth']).toBeUndefined();
  });
});
