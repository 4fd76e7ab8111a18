/**
 * AnyCheck end to end: an inbox of 20 cases (KTP + selfie, NIK-only, BPKB, bank statements
 * with fraud detection) → `checkdesk run --once` as a real process against the sandbox → every
 * case ends completed, declined or in review as the sandbox decided, and the credits in the
 * ledger equal what the sandbox billed.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Ledger } from '../../../electron/engine/ledger/index.ts';
import { startAnyCheckSandbox } from '../../../electron/engine/providers/anycheck/index.ts';
import type { RunningSandbox } from '../../../electron/engine/providers/types.ts';
import { checkdesk } from '../../helpers/cli.ts';
import { exited, FAST_ENV, startRun } from '../../helpers/engine-process.ts';
import { writeCases, type CaseSpec } from '../../helpers/inbox-fixtures.ts';
import { tmpDir } from '../../helpers/tmp.ts';

let t: ReturnType<typeof tmpDir>;
let sandbox: RunningSandbox;

const CASES: CaseSpec[] = [
  ...Array.from({ length: 6 }, (_, i) => ({ key: `APP-KTP-${i}`, kind: 'ktp_selfie' as const })),
  { key: 'APP-REVIEW-0', kind: 'review' },
  { key: 'APP-DECLINE-0', kind: 'not_verified' },
  ...Array.from({ length: 3 }, (_, i) => ({ key: `APP-NIK-${i}`, kind: 'nik_only' as const })),
  ...Array.from({ length: 3 }, (_, i) => ({ key: `APP-BPKB-${i}`, kind: 'bpkb' as const })),
  ...Array.from({ length: 4 }, (_, i) => ({ key: `APP-BSA-${i}`, kind: 'statement' as const })),
  { key: 'APP-FRAUD-0', kind: 'statement_fraud' },
  { key: 'APP-KTPONLY-0', kind: 'ktp_only' },
];

beforeAll(async () => {
  t = tmpDir('cd-e2e-');
  sandbox = await startAnyCheckSandbox({ processingMs: 400 });
});
afterAll(async () => {
  await sandbox.close();
  t.cleanup();
});

describe('AnyCheck end to end through the CLI', () => {
  it('20 cases reach completed, declined or review; ledger credits equal the billing journal', async () => {
    const inbox = path.join(t.dir, 'inbox');
    const dataDir = path.join(t.dir, 'data');
    await writeCases(inbox, CASES);
    const profile = path.join(t.dir, 'profile.json');
    fs.writeFileSync(
      profile,
      JSON.stringify({
        providers: [
          {
            name: 'anycheck',
            baseUrl: sandbox.url,
            options: { firstPollMs: 500, maxPollIntervalMs: 2000 },
          },
        ],
      }),
    );

    const run = startRun({
      inbox,
      dataDir,
      anycheck: { baseUrl: sandbox.url, apiKey: sandbox.apiKey },
      extra: ['--profile', profile],
    });
    const code = await exited(run);
    expect(run.output()).not.toContain('Error');
    expect(code).toBe(0);

    const ledger = new Ledger({ dataDir, instanceId: 'inspector' });
    try {
      const cases = ledger.cases.list({ offset: 0, limit: 100, dir: 'asc', sort: 'key' }).items;
      expect(cases).toHaveLength(CASES.length);
      const byKey = new Map(cases.map((c) => [c.key, c]));
      for (const c of cases) expect(['DONE', 'REVIEW']).toContain(c.stage);
      for (let i = 0; i < 6; i++)
        expect(byKey.get(`APP-KTP-${i}`)).toMatchObject({ stage: 'DONE', decision: 'APPROVED' });
      expect(byKey.get('APP-REVIEW-0')).toMatchObject({ stage: 'REVIEW', decision: 'REVIEW' });
      expect(byKey.get('APP-DECLINE-0')).toMatchObject({ stage: 'DONE', decision: 'DECLINED' });
      for (let i = 0; i < 3; i++)
        expect(byKey.get(`APP-NIK-${i}`)).toMatchObject({ stage: 'DONE', decision: 'APPROVED' });
      expect(byKey.get('APP-FRAUD-0')).toMatchObject({ stage: 'REVIEW' });
      // The fraud gate waits for a person with the right actions offered.
      const fraud = ledger.verifications.forCase(byKey.get('APP-FRAUD-0')!.id)[0]!;
      expect(fraud.vendorStatus).toBe('FRAUD_DETECTED');

      // Billing: one entry per billable create, never two for the same documents and service.
      const journal = sandbox.journal();
      const keys = journal.map(
        (e) => `${e.service}|${e.resultId}|${[...e.sha256s].sort().join(',')}`,
      );
      expect(new Set(keys).size).toBe(keys.length);
      const verifications = cases.flatMap((c) => ledger.verifications.forCase(c.id));
      expect(verifications.filter((v) => v.externalId !== null)).toHaveLength(journal.length);
      const services = (await (
        await fetch(`${sandbox.url}/services`, { headers: { 'X-API-Key': sandbox.apiKey } })
      ).json()) as { items: { id: string; code: string; credit_cost_default?: number }[] };
      const costById = new Map(services.items.map((s) => [s.id, s.credit_cost_default ?? 0]));
      const billed = journal.reduce(
        (sum, e) =>
          sum +
          (costById.get(e.service) ??
            services.items.find((s) => s.code === e.service)?.credit_cost_default ??
            0),
        0,
      );
      const credited = verifications.reduce((sum, v) => sum + (v.credits ?? 0), 0);
      expect(credited).toBeGreaterThan(0);
      expect(credited).toBe(billed);
    } finally {
      ledger.close();
    }

    // What a clerk sees: every file has a state, nothing waits.
    const files = JSON.parse(
      (await checkdesk(['files', '--json', '--data-dir', dataDir])).stdout,
    ) as { state: string; path: string }[];
    expect(files.filter((f) => f.state === 'WAITING')).toEqual([]);
    const status = JSON.parse(
      (await checkdesk(['status', '--json', '--data-dir', dataDir], { env: FAST_ENV })).stdout,
    );
    expect(status.reviewQueue).toBe(2);
  }, 240_000);
});
