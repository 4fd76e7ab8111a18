/**
 * Crash test: `checkdesk run --once` against a sandbox with latency is killed with SIGKILL at 30+
 * random moments across intake, checks and the submission path, and restarted each time. At the
 * end every file is accounted for, the sandbox billed each document at most once per service,
 * every billed create is adopted by exactly one verification, and quick_check is ok.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Ledger } from '../../../electron/engine/ledger/index.ts';
import { startAnyCheckSandbox } from '../../../electron/engine/providers/anycheck/index.ts';
import type { RunningSandbox } from '../../../electron/engine/providers/types.ts';
import { exited, startRun } from '../../helpers/engine-process.ts';
import { writeCases, type CaseSpec } from '../../helpers/inbox-fixtures.ts';
import { tmpDir } from '../../helpers/tmp.ts';

const KILLS = 32;

let t: ReturnType<typeof tmpDir>;
let sandbox: RunningSandbox;

const CASES: CaseSpec[] = [
  ...Array.from({ length: 6 }, (_, i) => ({ key: `APP-KTP-${i}`, kind: 'ktp_selfie' as const })),
  ...Array.from({ length: 3 }, (_, i) => ({ key: `APP-NIK-${i}`, kind: 'nik_only' as const })),
  ...Array.from({ length: 3 }, (_, i) => ({ key: `APP-BPKB-${i}`, kind: 'bpkb' as const })),
  ...Array.from({ length: 4 }, (_, i) => ({ key: `APP-BSA-${i}`, kind: 'statement' as const })),
];

/** Deterministic kill moments (mulberry32), so a failing run can be replayed. */
function prng(seed: number): () => number {
  return () => {
    seed |= 0;
    seed = (seed + 0x6d2b79f5) | 0;
    let x = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}

beforeAll(async () => {
  t = tmpDir('cd-crash-');
  // Latency on every request widens the window in which a kill lands mid-submission.
  sandbox = await startAnyCheckSandbox({ latencyMs: 250, processingMs: 1500 });
});
afterAll(async () => {
  await sandbox.close();
  t.cleanup();
});

describe('crash safety', () => {
  it(`survives ${KILLS} SIGKILLs across the submission path without losing a file or paying twice`, async () => {
    const inbox = path.join(t.dir, 'inbox');
    const dataDir = path.join(t.dir, 'data');
    await writeCases(inbox, CASES);
    const random = prng(Number(process.env.CRASH_SEED ?? 20261127));
    let killedMidRun = 0;
    for (let i = 0; i < KILLS; i++) {
      const run = startRun({
        inbox,
        dataDir,
        anycheck: { baseUrl: sandbox.url, apiKey: sandbox.apiKey },
      });
      const delay = 250 + Math.floor(random() * 2200);
      const outcome = await Promise.race([
        exited(run).then(() => 'exited' as const),
        new Promise<'kill'>((r) => setTimeout(() => r('kill'), delay)),
      ]);
      if (outcome === 'kill') {
        run.kill('SIGKILL');
        await exited(run);
        killedMidRun++;
      }
    }
    // The last run is left alone and must finish everything.
    const last = startRun({
      inbox,
      dataDir,
      anycheck: { baseUrl: sandbox.url, apiKey: sandbox.apiKey },
    });
    expect(await exited(last)).toBe(0);
    expect(killedMidRun).toBeGreaterThanOrEqual(30);

    const ledger = new Ledger({ dataDir, instanceId: 'inspector' });
    try {
      expect((ledger.db.pragma('quick_check') as { quick_check: string }[])[0]!.quick_check).toBe(
        'ok',
      );
      // Every file accounted for: 16 cases' documents, applicant files, the manifest.
      const files = ledger.files.list({ offset: 0, limit: 500, dir: 'asc', sort: 'path' }).items;
      expect(files.filter((f) => f.state === 'WAITING')).toEqual([]);
      expect(files.filter((f) => f.state === 'RECORDED')).toHaveLength(6 * 2 + 3 + 4);
      // Every verification is settled: terminal, or waiting for a person with a reason.
      const cases = ledger.cases.list({ offset: 0, limit: 100, dir: 'asc', sort: 'key' }).items;
      expect(cases).toHaveLength(CASES.length);
      const verifications = cases.flatMap((c) => ledger.verifications.forCase(c.id));
      expect(verifications).toHaveLength(6 + 3 + 3 + 4);
      for (const v of verifications) expect(['DONE', 'NEEDS_PERSON']).toContain(v.phase);
      // Billing: at most once per documents + service, and each billed create adopted once.
      const journal = sandbox.journal();
      const keys = journal.map(
        (e) => `${e.service}|${e.resultId}|${[...e.sha256s].sort().join(',')}`,
      );
      expect(new Set(keys).size).toBe(keys.length);
      const adopted = verifications.map((v) => v.externalId).filter((x): x is string => x !== null);
      expect(new Set(adopted).size).toBe(adopted.length);
      expect([...adopted].sort()).toEqual(journal.map((e) => e.id).sort());
      const inDoubt = ledger.history.list({
        offset: 0,
        limit: 1,
        dir: 'asc',
        what: 'in_doubt',
      }).total;
      const reconciled = ledger.history.list({
        offset: 0,
        limit: 1,
        dir: 'asc',
        what: 'adopted',
      }).total;
      console.log(
        `crash test: ${killedMidRun} kills, ${inDoubt} submissions found in doubt, ${reconciled} adopted after lookup, ${journal.length} billed creates`,
      );
    } finally {
      ledger.close();
    }
  }, 420_000);
});
