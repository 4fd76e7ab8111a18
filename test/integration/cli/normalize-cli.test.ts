/**
 * `checkdesk normalize` over every vendor example payload we keep (the seeds' examples, invalid
 * JSON included): exit 0 and the canonical shape of PRODUCT.md §5, with known enum values.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CanonicalVerification } from '../../../shared/model.ts';
import { checkdesk, ROOT } from '../../helpers/cli.ts';

const FIXTURES = path.join(ROOT, 'test', 'fixtures', 'providers');

const cases = fs.readdirSync(FIXTURES).flatMap((provider) =>
  fs
    .readdirSync(path.join(FIXTURES, provider))
    .filter((f) => /\.json5?$/.test(f) && !/test-vector|error/.test(f))
    .map((f) => ({ provider, file: path.join(FIXTURES, provider, f) })),
);

describe('checkdesk normalize', () => {
  it('has vendor payloads to read for every provider', () => {
    expect(new Set(cases.map((c) => c.provider))).toEqual(
      new Set(['advanceai', 'aiprise', 'colleckt', 'frankieone']),
    );
  });

  it.each(cases)('$provider $file', async ({ provider, file }) => {
    const r = await checkdesk(['normalize', '--provider', provider, file, '--json']);
    expect(r.code, r.stderr).toBe(0);
    const out = CanonicalVerification.parse(JSON.parse(r.stdout));
    expect(out.provider).toBe(provider);
    for (const reason of out.reasons)
      expect(Object.keys(reason)).toEqual(expect.arrayContaining(['code', 'message', 'severity']));
  });

  it('reads an AnyCheck verification written by hand, and refuses what it cannot read', async () => {
    const dir = fs.mkdtempSync(path.join(ROOT, '.normalize-'));
    try {
      const payload = path.join(dir, 'anycheck.json');
      fs.writeFileSync(
        payload,
        `{ "id": "v-1", "status": "COMPLETED", "output_status": "NOT_VERIFIED", "api_key": "sk_live_secret_1234", // echo
        "output": { "is_match_face": false, "face_match_confidence_level": "LOW" }, }`,
      );
      const r = await checkdesk(['normalize', '--provider', 'anycheck', payload, '--json']);
      expect(r.code, r.stderr).toBe(0);
      expect(JSON.parse(r.stdout)).toMatchObject({
        provider: 'anycheck',
        runStatus: 'COMPLETED',
        decision: 'DECLINED',
      });
      expect(r.stdout).not.toContain('sk_live_secret_1234');
      fs.writeFileSync(payload, 'this is not json at all');
      expect((await checkdesk(['normalize', '--provider', 'anycheck', payload])).code).toBe(1);
      expect((await checkdesk(['normalize', '--provider', 'nobody', payload])).code).toBe(2);
      expect(
        (await checkdesk(['normalize', '--provider', 'anycheck', path.join(dir, 'missing.json')]))
          .code,
      ).toBe(1);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
