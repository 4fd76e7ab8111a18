import { describe, expect, it } from 'vitest';
import { tokenSignature } from '../../../../electron/engine/providers/advanceai/index.ts';
import { clampTokenPeriod } from '../../../../electron/engine/providers/advanceai/token.ts';
import { resolveBaseUrl } from '../../../../electron/engine/providers/advanceai/endpoints.ts';
import { epochToIso, field, toIsoDate } from '../../../../electron/engine/providers/kit/payload.ts';
import { sanitizeRaw } from '../../../../electron/engine/providers/kit/raw.ts';

describe('ADVANCE.AI token signature', () => {
  it('matches the vendor-published example (plain SHA-256 over accessKey + secretKey + timestamp)', () => {
    expect(tokenSignature('sampleaccesskey', 'samplesecretkey', '1665993522952')).toBe(
      '02209bbeaf0d0a3dd587f6a1ba22f84c98d142e3b545e77db7e4906ca56349f5',
    );
  });

  it('changes with every input', () => {
    const base = tokenSignature('a', 'b', '1665993522952');
    expect(tokenSignature('a', 'b', '1665993522953')).not.toBe(base);
    expect(tokenSignature('a', 'c', '1665993522952')).not.toBe(base);
  });

  it.each([
    [undefined, 3600],
    [30, 60],
    [120, 120],
    ['900', 900],
    [999_999, 86_400],
    ['soon', 3600],
  ])('periodSecond %s → %s', (input, expected) => {
    expect(clampTokenPeriod(input)).toBe(expected);
  });
});

describe('ADVANCE.AI base URL', () => {
  it.each([
    ['', undefined, 'https://api.advance.ai'],
    ['', 'sg', 'https://sg-api.advance.ai'],
    ['', 'PH', 'https://ph-api.advance.ai'],
    ['', 'nga-api', 'https://nga-api.advance.ai'],
    ['http://127.0.0.1:9/', 'sg', 'http://127.0.0.1:9'],
  ])('baseUrl %j, region %j → %s', (baseUrl, region, url) => {
    expect(resolveBaseUrl(baseUrl, region)).toEqual({ url });
  });

  it('refuses unknown regions and non-URLs', () => {
    expect(resolveBaseUrl('', 'mars')).toHaveProperty('error');
    expect(resolveBaseUrl('not a url', undefined)).toHaveProperty('error');
    expect(resolveBaseUrl('ftp://x', undefined)).toHaveProperty('error');
  });
});

describe('payload tools', () => {
  it('sanitizeRaw drops base64 image bytes, masks URL credentials and redacts secret keys', () => {
    const bytes = Buffer.alloc(3000, 7).toString('base64');
    const out = sanitizeRaw({
      data: {
        docDetail: { docFrontImage: bytes, small: 'abc' },
        inputParameters: { callbackUrl: 'https://cb.example/hook?token=s3cr3t&case=1' },
      },
      token: 'tok-123',
      nested: [{ secretKey: 'k' }],
    });
    expect(out).toEqual({
      data: {
        docDetail: { docFrontImage: '[base64 omitted: 4000 chars]', small: 'abc' },
        inputParameters: { callbackUrl: 'https://cb.example/hook?token=redacted&case=1' },
      },
      token: '[redacted]',
      nested: [{ secretKey: '[redacted]' }],
    });
    expect(JSON.stringify(out)).not.toContain('s3cr3t');
  });

  it('long ordinary text is kept', () => {
    const text = 'word '.repeat(300);
    expect(sanitizeRaw({ note: text })).toEqual({ note: text });
  });

  it('field() tolerates case, underscores and misspelt alternatives', () => {
    expect(field({ Overall_Result: 'x' }, 'overallResult')).toBe('x');
    expect(field({ overResult: 'y' }, 'overallResult', 'overResult')).toBe('y');
    expect(field(null, 'a')).toBeUndefined();
  });

  it.each([
    [1681751214017, '2023-04-17T17:06:54.017Z'],
    ['1681751214017', '2023-04-17T17:06:54.017Z'],
    [1681751214, '2023-04-17T17:06:54.000Z'],
    [-5, null],
    ['soon', null],
  ])('epochToIso(%j) → %s', (input, iso) => {
    expect(epochToIso(input)).toBe(iso);
  });

  it.each([
    ['2030-12-31', '2030-12-31'],
    ['2030/1/5', '2030-01-05'],
    ['5 Jan 2030', '2030-01-05'],
    ['Jan. 5, 2030', '2030-01-05'],
    ['31/02/2030', null],
    ['SEUMUR HIDUP', null],
  ])('toIsoDate(%j) → %s', (input, iso) => {
    expect(toIsoDate(input)).toBe(iso);
  });
});
