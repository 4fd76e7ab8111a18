/**
 * The in-process sandbox keeps its state across restarts (JSON lines), and result groups report
 * their overall_status, including the PARTIALLY_* group states.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  ANYCHECK_SERVICE_CODES,
  startAnyCheckSandbox,
} from '../../../../electron/engine/providers/anycheck/index.ts';
import type { RunningSandbox } from '../../../../electron/engine/providers/types.ts';
import {
  adapterFor,
  cardImage,
  faceImage,
  makeCtx,
  request,
  tempDir,
  VALID_NIK,
  writeDoc,
} from './helpers.ts';

const open: RunningSandbox[] = [];
const dirs: (() => void)[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((s) => s.close()));
  for (const d of dirs.splice(0)) d();
});

describe('sandbox state file', () => {
  it('keeps folders, verifications, uploads and billing across a restart, without secrets', async () => {
    const { dir, cleanup } = tempDir();
    dirs.push(cleanup);
    const stateFile = path.join(dir, 'state', 'anycheck.jsonl');
    const apiKey = 'persisted-sandbox-key-0001';
    let clock = Date.UTC(2025, 2, 3, 4, 0, 0);
    const first = await startAnyCheckSandbox({
      stateFile,
      apiKey,
      processingMs: 1_000,
      now: () => clock,
    });
    const c = makeCtx();
    const groupRef = crypto.randomUUID();
    const docs = [
      writeDoc(dir, 'ktp.png', await cardImage(1), 'ktp_file', 'KTP'),
      writeDoc(dir, 'selfie.png', await faceImage(1), 'selfie_file', 'SELFIE'),
    ];
    const selfieReq = request({
      service: ANYCHECK_SERVICE_CODES.KTP,
      groupRef,
      config: { verification_type: 'KTP_SELFIE' },
      documents: docs,
    });
    const a1 = adapterFor(first, {}, { credentials: { apiKey } });
    const selfie = await a1.submit(selfieReq, c.ctx);
    const nik = await a1.submit(
      request({
        service: ANYCHECK_SERVICE_CODES.KTP,
        groupRef,
        config: { verification_type: 'NIK', nik: VALID_NIK },
      }),
      c.ctx,
    );
    const journal = first.journal();
    await first.close();

    // Simulate a crash that tore the last line.
    fs.appendFileSync(stateFile, '{"t":"verification","v":{"id":"tor');
    clock += 5_000;
    const second = await startAnyCheckSandbox({
      stateFile,
      apiKey,
      processingMs: 1_000,
      now: () => clock,
    });
    open.push(second);
    expect(second.url).not.toBe(first.url);
    expect(second.journal()).toEqual(journal);
    // A fresh adapter (new base URL, empty cache) sees the same verifications, now completed.
    const a2 = adapterFor(second, {}, { credentials: { apiKey } });
    const c2 = makeCtx();
    const map = await a2.poll(
      [selfie, nik].map((s, i) => ({
        verificationId: i,
        externalId: s.externalId,
        externalGroup: s.externalGroup,
      })),
      c2.ctx,
    );
    expect([...map.values()].map((s) => [s.result.runStatus, s.result.decision])).toEqual([
      ['COMPLETED', 'APPROVED'],
      ['COMPLETED', 'APPROVED'],
    ]);
    // The folder is found by name, not created again; duplicates are still detected.
    const adopted = await a2.submit(selfieReq, c2.ctx);
    expect(adopted.externalId).toBe(selfie.externalId);
    expect((adopted.raw as { folder_id: string }).folder_id).toBe(
      (selfie.raw as { folder_id: string }).folder_id,
    );
    const state = (await (await fetch(`${second.url}/__sandbox/state`)).json()) as {
      folders: number;
      verifications: number;
      uploads: number;
    };
    expect(state).toMatchObject({ folders: 1, verifications: 2, uploads: 2 });
    expect(await a2.bulkExport([groupRef], c2.ctx)).toHaveLength(1);
    const text = fs.readFileSync(stateFile, 'utf8');
    expect(text).not.toContain(apiKey);
    expect(text).not.toContain('"id":"tor');
  });
});

describe('result group overall_status', () => {
  it('reports PARTIALLY_COMPLETED while part of the group runs and PARTIALLY_FAILED when part failed', async () => {
    const { dir, cleanup } = tempDir();
    dirs.push(cleanup);
    let clock = Date.UTC(2025, 2, 3, 4, 0, 0);
    const sb = await startAnyCheckSandbox({ processingMs: 1_000, now: () => clock });
    open.push(sb);
    const a = adapterFor(sb);
    const c = makeCtx();
    const groupRef = crypto.randomUUID();
    const list = async () => {
      const res = await fetch(`${sb.url}/verifications?result_id=${groupRef}&page_size=100`, {
        headers: { 'x-api-key': sb.apiKey },
      });
      return (await res.json()) as {
        total: number;
        overall_status: string | null;
        items: unknown[];
      };
    };
    expect((await list()).overall_status).toBeNull();
    await a.submit(
      request({
        service: ANYCHECK_SERVICE_CODES.KTP,
        groupRef,
        config: { verification_type: 'NIK', nik: VALID_NIK },
      }),
      c.ctx,
    );
    expect((await list()).overall_status).toBe('IN_QUEUE');
    clock += 2_000;
    expect((await list()).overall_status).toBe('COMPLETED');
    await a.submit(
      request({
        service: ANYCHECK_SERVICE_CODES.BPKB,
        groupRef,
        documents: [
          writeDoc(dir, 'bpkb CDX-FAILED_ALWAYS.png', await cardImage(3), 'bpkb_file', 'BPKB'),
        ],
      }),
      c.ctx,
    );
    expect(a.normalize(await list())).toMatchObject({
      runStatus: 'QUEUED',
      vendorStatus: 'PARTIALLY_COMPLETED',
    });
    clock += 500;
    const partial = await list();
    expect(partial.overall_status).toBe('PARTIALLY_COMPLETED');
    expect(a.normalize(partial)).toMatchObject({
      runStatus: 'PROCESSING',
      decision: 'PENDING',
      vendorStatus: 'PARTIALLY_COMPLETED',
      groupId: groupRef,
    });
    clock += 1_000;
    const failed = await list();
    expect(failed.overall_status).toBe('PARTIALLY_FAILED');
    // The failed verification has no verdict yet, so the group is not approved.
    expect(a.normalize(failed)).toMatchObject({
      runStatus: 'COMPLETED',
      decision: 'PENDING',
      retryable: true,
      credits: 25,
    });
    expect(a.normalize(failed).extracted.fields?.item_count).toBe(2);
  });
});
