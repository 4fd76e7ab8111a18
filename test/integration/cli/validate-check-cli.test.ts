/** `checkdesk validate` and `checkdesk check`: the JSON shapes scripts rely on (PRODUCT.md §5). */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildStatement, renderCard, PERSON_A } from '../../helpers/checks-fixtures.ts';
import { checkdesk } from '../../helpers/cli.ts';
import { nikFor } from '../../helpers/inbox-fixtures.ts';
import { tmpDir } from '../../helpers/tmp.ts';

let t: ReturnType<typeof tmpDir>;
beforeAll(() => {
  t = tmpDir('cd-validate-');
});
afterAll(() => t.cleanup());

describe('checkdesk validate', () => {
  it('a NIK: valid with gender and birth date parsed; an impossible day is invalid with an ERROR reason and exit 1', async () => {
    const nik = nikFor(1, true); // a woman: day + 40
    const ok = await checkdesk(['validate', 'nik', nik, '--json']);
    expect(ok.code).toBe(0);
    const body = JSON.parse(ok.stdout);
    expect(body).toMatchObject({ kind: 'nik', input: nik, valid: true, parsed: { gender: 'F' } });
    expect(body.parsed.birthDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    const bad = `${nik.slice(0, 6)}32${nik.slice(8)}`;
    const no = await checkdesk(['validate', 'nik', bad, '--json']);
    expect(no.code).toBe(1);
    const r = JSON.parse(no.stdout);
    expect(r.valid).toBe(false);
    expect(r.reasons.some((x: { severity: string }) => x.severity === 'ERROR')).toBe(true);
  });

  it('refuses an unknown kind or a missing value with exit 2', async () => {
    expect((await checkdesk(['validate', 'passport-number', 'X'])).code).toBe(2);
    expect((await checkdesk(['validate', 'nik'])).code).toBe(2);
  });
});

describe('checkdesk check', () => {
  it('prints one object per file with sha256, mime, kind and checks; the same bytes twice are caught', async () => {
    const card = path.join(t.dir, 'ktp.jpg');
    fs.writeFileSync(card, await renderCard(PERSON_A));
    fs.copyFileSync(card, path.join(t.dir, 'ktp copy.jpg'));
    fs.writeFileSync(path.join(t.dir, 'rekening koran.pdf'), await buildStatement());
    const r = await checkdesk(
      [
        'check',
        card,
        path.join(t.dir, 'ktp copy.jpg'),
        path.join(t.dir, 'rekening koran.pdf'),
        '--json',
      ],
      { env: { CHECKDESK_OCR: 'off' } },
    );
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout) as {
      file: string;
      sha256: string;
      mime: string;
      kind: string;
      checks: { type: string; outcome: string; reasons: unknown[] }[];
    }[];
    expect(out).toHaveLength(3);
    expect(out[0]).toMatchObject({ mime: 'image/jpeg', kind: 'KTP' });
    expect(out[0]!.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(out[2]).toMatchObject({ mime: 'application/pdf', kind: 'BANK_STATEMENT' });
    expect(
      out[1]!.checks.find((c) => c.type === 'DUPLICATE' && c.outcome === 'FAIL'),
    ).toBeDefined();
    expect(
      out[0]!.checks.find((c) => c.type === 'DUPLICATE' && c.outcome === 'FAIL'),
    ).toBeUndefined();
  });
});
