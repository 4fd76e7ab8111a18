/**
 * Fault test: the sandbox fails 30 % of requests (500/502/503, slow answers past the client's
 * timeout, connection resets after the create was committed) and rate-limits with 429 +
 * Retry-After. Every verification still ends terminal or waiting for a person, nothing is
 * billed twice, and every billed create is adopted by exactly one verification.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Ledger } from '../../../electron/engine/ledger/index.ts';
import { startAnyCheckSandbox } from '../../../electron/engine/providers/anycheck/index.ts';
import type { RunningSandbox } from '../../../electron/engine/providers/types.ts';
import { exited, startRun } from '../../helpers/engine-process.ts';
import { writeCases, type CaseSpec } from '../../helpers/inbox-fixtures.ts';
import { tmpDir } from '../../helpers/tmp.ts';

let t: ReturnType<typeof tmpDir>;
let sandbox: RunningSandbox;

const CASES: CaseSpec[] = [
  ...Array.from({ length: 6 }, (_, i) => ({ key: `APP-KTP-${i}`, kind: 'ktp_selfie' as const })),
  ...Array.from({ length: 4 }, (_, i) => ({ key: `APP-NIK-${i}`, kind: 'nik_only' as const })),
  ...Array.from({ length: 3 }, (_, i) => ({ key: `APP-BPKB-${i}`, kind: 'bpkb' as const })),
  ...Array.from({ length: 3 }, (_, i) => ({ key: `APP-BSA-${i}`, kind: 'statement' as const })),
];

beforeAll(async () => {
  t = tmpDir('cd-faults-');
  sandbox = await startAnyCheckSandbox({
    faultRate: 0.3,
    seed: 7,
    slowMs: 2500,
    rateLimit: 6,
    processingMs: 400,
  });
});
afterAll(async () => {
  await sandbox.close();
  t.cleanup();
});

describe('under a 30 % fault rate', () => {
  it('every verification ends terminal or in review, with zero double billing', async () => {
    const inbox = path.join(t.dir, 'inbox');
    const dataDir = path.join(t.dir, 'data');
    await writeCases(inbox, CASES);
    const profile = path.join(t.dir, 'profile.json');
    // A client timeout shorter than the sandbox's slow answers turns those into lost answers.
    fs.writeFileSync(
      profile,
      JSON.stringify({
        providers: [
          {
            name: 'anycheck',
            baseUrl: sandbox.url,
            timeoutMs: 1200,
            concurrency: 3,
            ratePerSecond: 20,
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
    expect(code, run.output().slice(-2000)).toBe(0);

    const ledger = new Ledger({ dataDir, instanceId: 'inspector' });
    try {
      const cases = ledger.cases.list({ offset: 0, limit: 100, dir: 'asc', sort: 'key' }).items;
      const verifications = cases.flatMap((c) => ledger.verifications.forCase(c.id));
      expect(verifications).toHaveLength(6 + 4 + 3 + 3);
      for (const v of verifications) expect(['DONE', 'NEEDS_PERSON']).toContain(v.phase);
      const journal = sandbox.journal();
      const keys = journal.map(
        (e) => `${e.service}|${e.resultId}|${[...e.sha256s].sort().join(',')}`,
      );
      expect(new Set(keys).size).toBe(keys.length);
      const adopted = verifications.map((v) => v.externalId).filter((x): x is string => x !== null);
      expect(new Set(adopted).size).toBe(adopted.length);
      expect([...adopted].sort()).toEqual(journal.map((e) => e.id).sort());
      const count = (what: string) =>
        ledger.history.list({ offset: 0, limit: 1, dir: 'asc', what }).total;
      const rateLimited = ledger.history
        .list({ offset: 0, limit: 50, dir: 'asc', what: 'provider_health' })
        .items.filter((e) => e.to === 'rate_limited').length;
      console.log(
        `fault test: ${journal.length} billed creates for ${verifications.length} verifications; ${count('in_doubt')} went in doubt, ${count('adopted')} adopted after lookup, ${count('reconciled_absent')} confirmed absent and sent, ${rateLimited} rate-limit pauses, ${verifications.filter((v) => v.phase === 'NEEDS_PERSON').length} with a person`,
      );
    } finally {
      ledger.close();
    }
  }, 300_000);
});
