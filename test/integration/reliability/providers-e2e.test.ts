/**
 * One desk for all providers: a profile that mixes them. Colleckt and FrankieOne get documents
 * through profile routes; ADVANCE.AI and AiPrise results are imported from sheets of session
 * ids dropped into the inbox. One `checkdesk run --once` collects everything into the same
 * cases and review queue, each provider against its own sandbox.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Ledger } from '../../../electron/engine/ledger/index.ts';
import { startAdvanceAiSandbox } from '../../../electron/engine/providers/advanceai/index.ts';
import { startAiPriseSandbox } from '../../../electron/engine/providers/aiprise/index.ts';
import { startCollecktSandbox } from '../../../electron/engine/providers/colleckt/index.ts';
import { startFrankieOneSandbox } from '../../../electron/engine/providers/frankieone/index.ts';
import type { RunningSandbox } from '../../../electron/engine/providers/types.ts';
import { exited, startRun } from '../../helpers/engine-process.ts';
import { renderCard } from '../../helpers/checks-fixtures.ts';
import { personFor, selfieImage } from '../../helpers/inbox-fixtures.ts';
import { tmpDir } from '../../helpers/tmp.ts';

let t: ReturnType<typeof tmpDir>;
const sandboxes: RunningSandbox[] = [];

beforeAll(() => {
  t = tmpDir('cd-providers-');
});
afterAll(async () => {
  await Promise.all(sandboxes.map((s) => s.close()));
  t.cleanup();
});

describe('a profile that mixes providers', () => {
  it('Colleckt and FrankieOne by route, ADVANCE.AI and AiPrise by results import, in one run', async () => {
    const colleckt = await startCollecktSandbox({});
    const frankie = await startFrankieOneSandbox({});
    const advance = await startAdvanceAiSandbox({});
    const aiprise = await startAiPriseSandbox({});
    sandboxes.push(colleckt, frankie, advance, aiprise);

    const inbox = path.join(t.dir, 'inbox');
    const dataDir = path.join(t.dir, 'data');
    const put = (rel: string, data: Buffer | string) => {
      fs.mkdirSync(path.dirname(path.join(inbox, rel)), { recursive: true });
      fs.writeFileSync(path.join(inbox, rel), data);
    };
    // A passport routes to Colleckt, a KTP to FrankieOne: one profile, two providers.
    put('APP-C1/passport.jpg', await renderCard(personFor(1)));
    put('APP-C1/selfie.jpg', await selfieImage(1));
    put('APP-C2/passport CDX-REJECTED.jpg', await renderCard(personFor(2)));
    put('APP-F1/ktp.jpg', await renderCard(personFor(3)));
    put('APP-F1/selfie.jpg', await selfieImage(3));
    put('APP-F2/ktp CDX-REVIEW.jpg', await renderCard(personFor(4)));
    const pass = advance.createSession('PASS');
    const fail = advance.createSession('FAIL:LIVENESS_ATTACK');
    put('advanceai-results.csv', `case,signatureId\nAPP-A1,${pass}\nAPP-A2,${fail}\n,not-an-id!\n`);
    const approved = aiprise.createSession('APPROVED');
    const review = aiprise.createSession('REVIEW');
    put('aiprise.csv', `verification_session_id\n${approved}\n${review}\n`);

    const profile = path.join(t.dir, 'profile.json');
    fs.writeFileSync(
      profile,
      JSON.stringify({
        inbox: {
          routes: {
            PASSPORT: [{ provider: 'colleckt', service: 'identity' }],
            KTP: [{ provider: 'frankieone', service: 'idv' }],
            SELFIE: [
              { provider: 'colleckt', service: 'identity' },
              { provider: 'frankieone', service: 'idv' },
            ],
          },
        },
        providers: [
          { name: 'colleckt', baseUrl: colleckt.url },
          { name: 'frankieone', baseUrl: frankie.url },
          { name: 'advanceai', baseUrl: advance.url },
          { name: 'aiprise', baseUrl: aiprise.url },
        ],
      }),
    );
    const run = startRun({
      inbox,
      dataDir,
      extra: ['--profile', profile],
      env: {
        CHECKDESK_COLLECKT_TOKEN: colleckt.apiKey,
        CHECKDESK_FRANKIEONE_API_KEY: frankie.apiKey,
        CHECKDESK_FRANKIEONE_CUSTOMER_ID: '00000000-0000-4000-8000-000000000001',
        CHECKDESK_ADVANCEAI_ACCESS_KEY: (advance as unknown as { accessKey: string }).accessKey,
        CHECKDESK_ADVANCEAI_SECRET_KEY: (advance as unknown as { secretKey: string }).secretKey,
        CHECKDESK_AIPRISE_API_KEY: aiprise.apiKey,
      },
    });
    const code = await exited(run);
    expect(code, run.output().slice(-3000)).toBe(0);

    const ledger = new Ledger({ dataDir, instanceId: 'inspector' });
    try {
      const cases = ledger.cases.list({ offset: 0, limit: 100, dir: 'asc', sort: 'key' }).items;
      const byKey = new Map(cases.map((c) => [c.key, c]));
      const verdict = (key: string) => {
        const c = byKey.get(key);
        expect(c, key).toBeDefined();
        const vs = ledger.verifications.forCase(c!.id);
        return { stage: c!.stage, decision: c!.decision, providers: vs.map((v) => v.provider) };
      };
      expect(verdict('APP-C1')).toMatchObject({
        stage: 'DONE',
        decision: 'APPROVED',
        providers: ['colleckt'],
      });
      expect(verdict('APP-C2')).toMatchObject({ decision: 'DECLINED', providers: ['colleckt'] });
      expect(verdict('APP-F1')).toMatchObject({
        stage: 'DONE',
        decision: 'APPROVED',
        providers: ['frankieone'],
      });
      expect(verdict('APP-F2')).toMatchObject({ stage: 'REVIEW', providers: ['frankieone'] });
      expect(verdict('APP-A1')).toMatchObject({
        stage: 'DONE',
        decision: 'APPROVED',
        providers: ['advanceai'],
      });
      expect(verdict('APP-A2')).toMatchObject({ decision: 'DECLINED', providers: ['advanceai'] });
      expect(verdict(`aiprise-${approved}`)).toMatchObject({
        stage: 'DONE',
        decision: 'APPROVED',
        providers: ['aiprise'],
      });
      expect(verdict(`aiprise-${review}`)).toMatchObject({
        stage: 'REVIEW',
        providers: ['aiprise'],
      });
      // The bad row is reported, not silently dropped.
      const sheet = ledger.files.list({
        offset: 0,
        limit: 50,
        dir: 'asc',
        sort: 'path',
        search: 'advanceai-results',
      }).items[0]!;
      expect(sheet.state).toBe('CASE_DATA');
      expect(sheet.reason).toMatch(/1 row\(s\) ignored/);
      // Nothing billed twice at the providers that create.
      for (const s of [colleckt, frankie]) {
        const keys = s
          .journal()
          .map((e) => `${e.service}|${e.resultId}|${[...e.sha256s].sort().join(',')}`);
        expect(new Set(keys).size).toBe(keys.length);
        expect(keys.length).toBe(2);
      }
    } finally {
      ledger.close();
    }
  }, 180_000);
});
