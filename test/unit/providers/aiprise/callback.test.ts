import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  signAiPriseCallback,
  verifyAiPriseCallback,
} from '../../../../electron/engine/providers/aiprise/index.ts';

const vector = JSON.parse(
  readFileSync(
    join(import.meta.dirname, '../../../fixtures/providers/aiprise/callback-test-vector.json'),
    'utf8',
  ),
) as {
  apiKey: string;
  body: string;
  signature: string;
};

/** An independent HMAC implementation: the openssl command line. */
function opensslHmac(body: Buffer, key: string): string {
  const out = execFileSync('openssl', ['dgst', '-sha256', '-hmac', key], { input: body })
    .toString('utf8')
    .trim();
  return out.slice(out.lastIndexOf(' ') + 1);
}

describe('verifyAiPriseCallback', () => {
  it('accepts the vendor-published test vector', () => {
    expect(verifyAiPriseCallback(vector.body, vector.signature, vector.apiKey)).toBe(true);
    expect(
      verifyAiPriseCallback(Buffer.from(vector.body, 'utf8'), vector.signature, vector.apiKey),
    ).toBe(true);
  });

  it('tolerates surrounding whitespace and upper-case hex in the header', () => {
    expect(
      verifyAiPriseCallback(vector.body, ` ${vector.signature.toUpperCase()} `, vector.apiKey),
    ).toBe(true);
  });

  it.each([
    [
      'a changed body',
      vector.body.replace('APPROVED', 'DECLINED'),
      vector.signature,
      vector.apiKey,
    ],
    [
      're-serialised JSON',
      JSON.stringify(JSON.parse(vector.body)),
      vector.signature,
      vector.apiKey,
    ],
    ['another key', vector.body, vector.signature, 'abcdef12-pqrs-abcd-pqrs-abcde0123457'],
    ['a missing header', vector.body, undefined, vector.apiKey],
    ['an empty key', vector.body, vector.signature, ''],
    ['a truncated signature', vector.body, vector.signature.slice(0, 63), vector.apiKey],
    ['a non-hex signature', vector.body, 'z'.repeat(64), vector.apiKey],
    [
      'a base64 signature',
      vector.body,
      Buffer.from(vector.signature, 'hex').toString('base64'),
      vector.apiKey,
    ],
  ])('rejects %s', (_label, body, header, key) => {
    expect(verifyAiPriseCallback(body, header, key)).toBe(false);
  });

  it('agrees with openssl on random bodies and keys', () => {
    for (let i = 0; i < 5; i++) {
      const body = randomBytes(64 + i * 97);
      const key = randomBytes(18).toString('hex');
      const theirs = opensslHmac(body, key);
      expect(signAiPriseCallback(body, key)).toBe(theirs);
      expect(verifyAiPriseCallback(body, theirs, key)).toBe(true);
    }
    expect(opensslHmac(Buffer.from(vector.body, 'utf8'), vector.apiKey)).toBe(vector.signature);
  });
});
