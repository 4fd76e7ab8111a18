/**
 * Contract tests: the AnyCheck adapter against its own sandbox over real loopback HTTP, for every
 * endpoint the client uses and every status path.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CanonicalVerification } from '../../../../shared/model.ts';
import {
  ANYCHECK_SERVICE_CODES,
  startAnyCheckSandbox,
} from '../../../../electron/engine/providers/anycheck/index.ts';
import type { AnyCheckAdapter } from '../../../../electron/engine/providers/anycheck/adapter.ts';
import type {
  ProviderSnapshot,
  RunningSandbox,
  SubmissionRequest,
} from '../../../../electron/engine/providers/types.ts';
import { pollUntil } from '../settle.ts';
import {
  adapterFor,
  cardImage,
  faceImage,
  makeCtx,
  pdfBytes,
  request,
  tempDir,
  VALID_NIK,
  withMarker,
  writeDoc,
  type TestContext,
} from './helpers.ts';

const API_KEY = 'sk_test_CHECKDESK_secret_0123456789';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const PROCESSING_MS = 60;

let sb: RunningSandbox;
let adapter: AnyCheckAdapter;
let t: TestContext;
let dir: string;
let cleanup: () => void;
const snapshots: ProviderSnapshot[] = [];

beforeAll(async () => {
  sb = await startAnyCheckSandbox({ processingMs: PROCESSING_MS, apiKey: API_KEY, rateLimit: 500 });
  adapter = adapterFor(sb);
  t = makeCtx();
  ({ dir, cleanup } = tempDir());
});

afterAll(async () => {
  await sb.close();
  cleanup();
});

async function submit(req: SubmissionRequest): Promise<ProviderSnapshot> {
  const s = await adapter.submit(req, t.ctx);
  snapshots.push(s);
  return s;
}

/** Polls (as the queue does) until AnyCheck has finished processing; however slow the machine is. */
async function settle(s: ProviderSnapshot): Promise<ProviderSnapshot> {
  const polled = await pollUntil(adapter, s, t.ctx);
  snapshots.push(polled);
  CanonicalVerification.parse(polled.result);
  return polled;
}

const axes = (s: ProviderSnapshot) => [s.result.runStatus, s.result.decision, s.result.review];

async function ktpSelfie(
  selfieName = 'selfie.png',
  selfieBytes?: Buffer,
  seed = Math.floor(Math.random() * 1e9),
): Promise<SubmissionRequest> {
  const ktp = writeDoc(dir, 'ktp.png', await cardImage(seed), 'ktp_file', 'KTP');
  const selfie = writeDoc(
    dir,
    selfieName,
    selfieBytes ?? (await faceImage(seed)),
    'selfie_file',
    'SELFIE',
  );
  return request({
    service: ANYCHECK_SERVICE_CODES.KTP,
    config: { verification_type: 'KTP_SELFIE' },
    documents: [ktp, selfie],
  });
}

async function statement(
  service: string,
  field: string,
  name: string,
  config: Record<string, unknown> = {},
  bytes?: Buffer,
  password: string | null = null,
): Promise<SubmissionRequest> {
  const doc = writeDoc(
    dir,
    name,
    bytes ?? (await pdfBytes(2, `${name} ${Math.random()}`)),
    field,
    service === ANYCHECK_SERVICE_CODES.BANK_STATEMENT ? 'BANK_STATEMENT' : 'FINANCIAL_STATEMENT',
    password,
  );
  return request({ service, config, documents: [doc] });
}

describe('catalogue, folders, probe', () => {
  it('probes and lists the five services with ids, categories and prices', async () => {
    await adapter.probe(t.ctx);
    const services = await adapter.services(t.ctx);
    expect(services.map((s) => s.code).sort()).toEqual(
      Object.values(ANYCHECK_SERVICE_CODES).sort(),
    );
    for (const s of services) {
      expect(s.id).toMatch(/^[0-9a-f-]{36}$/);
      expect(s.category).toBeTruthy();
      expect(s.creditCost).toBeGreaterThan(0);
    }
  });

  it('keeps the catalogue for offline use', async () => {
    const other = await startAnyCheckSandbox({ processingMs: 10 });
    const a = adapterFor(other, {}, { timeoutMs: 1_000 });
    const c = makeCtx();
    const online = await a.services(c.ctx);
    await other.close();
    expect(await a.services(c.ctx)).toEqual(online);
    expect(await a.services(c.ctx, { refresh: true })).toEqual(online);
    await expect(a.probe(c.ctx)).rejects.toMatchObject({
      name: 'ProviderError',
      op: 'probe',
      kind: 'unreachable',
    });
  });

  it('creates one folder per inbox and finds it again by name with an empty cache', async () => {
    const before = (await (await fetch(`${sb.url}/__sandbox/state`)).json()) as { folders: number };
    const first = await submit(
      request({
        service: ANYCHECK_SERVICE_CODES.KTP,
        inboxLabel: 'Inbox Bandung',
        config: { verification_type: 'NIK', nik: VALID_NIK },
      }),
    );
    const folderId = (first.raw as { folder_id: string }).folder_id;
    // A second CheckDesk (or one that crashed before caching the id) reuses the folder.
    const fresh = adapterFor(sb);
    const again = await fresh.submit(
      request({
        service: ANYCHECK_SERVICE_CODES.KTP,
        inboxLabel: 'Inbox Bandung',
        config: { verification_type: 'NIK', nik: VALID_NIK },
      }),
      makeCtx().ctx,
    );
    expect((again.raw as { folder_id: string }).folder_id).toBe(folderId);
    const named = await adapterFor(sb, { folder_name: 'All loans' }).submit(
      request({
        service: ANYCHECK_SERVICE_CODES.KTP,
        inboxLabel: 'Inbox Bandung',
        config: { verification_type: 'NIK', nik: VALID_NIK },
      }),
      makeCtx().ctx,
    );
    expect((named.raw as { folder_id: string }).folder_id).not.toBe(folderId);
    const after = (await (await fetch(`${sb.url}/__sandbox/state`)).json()) as { folders: number };
    expect(after.folders - before.folders).toBe(2);
    const folder = (await (
      await fetch(`${sb.url}/folders/${folderId}`, { headers: { 'x-api-key': API_KEY } })
    ).json()) as { name: string; total_result: number };
    expect(folder).toMatchObject({ name: 'Inbox Bandung', total_result: 2 });
  });

  it('recovers from cached ids the provider no longer knows (refused with 404, not billed)', async () => {
    const c = makeCtx();
    const a = adapterFor(sb);
    await a.submit(
      request({
        service: ANYCHECK_SERVICE_CODES.KTP,
        inboxLabel: 'Inbox Medan',
        config: { verification_type: 'NIK', nik: VALID_NIK },
      }),
      c.ctx,
    );
    const folderKey = [...c.cache.keys()].find((k) => k.endsWith(':folder:Inbox Medan'))!;
    const realFolder = c.cache.get(folderKey);
    c.cache.set(folderKey, crypto.randomUUID());
    const billed = sb.journal().length;
    const s = await a.submit(
      request({
        service: ANYCHECK_SERVICE_CODES.KTP,
        inboxLabel: 'Inbox Medan',
        config: { verification_type: 'NIK', nik: VALID_NIK },
      }),
      c.ctx,
    );
    expect((s.raw as { folder_id: string }).folder_id).toBe(realFolder);
    expect(sb.journal().length).toBe(billed + 1);
    expect(c.logs.some((l) => l.includes('POST /verifications 404'))).toBe(true);
  });
});

describe('status paths', () => {
  it('COMPLETED / VERIFIED: a selfie with a face → approved, with the face match check', async () => {
    const req = await ktpSelfie();
    const created = await submit(req);
    expect(axes(created)).toEqual(['QUEUED', 'PENDING', 'NONE']);
    expect(created.externalGroup).toBe(req.groupRef);
    expect(created.credits).toBe(10);
    const done = await settle(created);
    expect(axes(done)).toEqual(['COMPLETED', 'APPROVED', 'NONE']);
    expect(done.result).toMatchObject({
      vendorStatus: 'COMPLETED',
      vendorDecision: 'VERIFIED',
      service: 'KTP_VERIFICATION',
      environment: 'SANDBOX',
      externalId: created.externalId,
    });
    expect(done.result.checks[0]).toMatchObject({
      type: 'FACE_MATCH',
      outcome: 'PASS',
      score: { scale: 'vendor-undocumented', level: expect.stringMatching(/HIGH|MEDIUM/) },
    });
    expect((done.raw as { api_key: string }).api_key).toBe('[redacted]');
    expect(
      (done.raw as { input_config: { files: Record<string, string[]> } }).input_config.files
        .selfie_file,
    ).toHaveLength(1);
  });

  it('COMPLETED / NOT_VERIFIED: a selfie without a face → declined', async () => {
    const done = await settle(await submit(await ktpSelfie('selfie.png', await cardImage(77))));
    expect(axes(done)).toEqual(['COMPLETED', 'DECLINED', 'NONE']);
    expect(done.result.reasons.map((r) => r.code)).toEqual(['NOT_VERIFIED', 'FACE_MISMATCH']);
  });

  it('PARTIALLY_NOT_VERIFIED → review required', async () => {
    const done = await settle(await submit(await ktpSelfie('selfie CDX-PARTIAL.png')));
    expect(axes(done)).toEqual(['COMPLETED', 'REVIEW', 'REQUIRED']);
    expect(done.result.vendorDecision).toBe('PARTIALLY_NOT_VERIFIED');
  });

  it('NEED_REVIEW → completed, review required', async () => {
    const done = await settle(await submit(await ktpSelfie('selfie CDX-NEED_REVIEW.png')));
    expect(axes(done)).toEqual(['COMPLETED', 'REVIEW', 'REQUIRED']);
    expect(done.result.vendorStatus).toBe('NEED_REVIEW');
  });

  it('FRAUD_DETECTED → a person confirms it may proceed (confirm_fraud) → completed analysis', async () => {
    const req = await statement(
      ANYCHECK_SERVICE_CODES.BANK_STATEMENT,
      'bsa_file',
      'rekening-jan.pdf',
      { fraud_detection: true },
      withMarker(await pdfBytes(3, 'bsa-a'), 'CDX-FRAUD_DETECTED'),
    );
    const gate = await settle(await submit(req));
    expect(axes(gate)).toEqual(['AWAITING_INPUT', 'REVIEW', 'REQUIRED']);
    expect(gate.result.reasons.map((r) => r.code)).toContain('FRAUD_SUSPECTED');
    const target = {
      verificationId: 1,
      externalId: gate.externalId,
      externalGroup: gate.externalGroup,
    };
    const resumed = await adapter.act(
      'confirm_fraud',
      target,
      { actor: 'clerk', reason: 'checked with the branch' },
      t.ctx,
    );
    expect(resumed.result.runStatus).toBe('PROCESSING');
    const done = await settle(resumed);
    expect(axes(done)).toEqual(['COMPLETED', 'NOT_APPLICABLE', 'NONE']);
    expect(done.result.extracted.fields).toMatchObject({
      total_pages: 3,
      fraud_indicator_count: 2,
    });
    expect(done.result.checks.map((c) => c.type)).toEqual(['FRAUD_SIGNALS', 'FINANCIAL_ANALYSIS']);
  });

  it('FRAUD_DETECTED → a person stops it as fraud (cancel_fraud) → cancelled and declined', async () => {
    const req = await statement(
      ANYCHECK_SERVICE_CODES.FINANCIAL_STATEMENT,
      'financial_statement_file',
      'laporan CDX-FRAUD_DETECTED.pdf',
      { fraud_detection: true },
    );
    const gate = await settle(await submit(req));
    expect(gate.result.runStatus).toBe('AWAITING_INPUT');
    const target = {
      verificationId: 1,
      externalId: gate.externalId,
      externalGroup: gate.externalGroup,
    };
    const stopped = await adapter.act('cancel_fraud', target, { actor: 'clerk' }, t.ctx);
    expect([stopped.result.runStatus, stopped.result.decision, stopped.result.retryable]).toEqual([
      'CANCELLED',
      'DECLINED',
      false,
    ]);
    // The gate is closed now: asking to proceed is refused.
    await expect(
      adapter.act('confirm_fraud', target, { actor: 'clerk' }, t.ctx),
    ).rejects.toMatchObject({
      kind: 'http',
      status: 400,
      op: 'action',
      vendorCode: 'INVALID_REQUEST',
    });
    // Without fraud_detection the same marker is ignored.
    const plain = await settle(
      await submit(
        await statement(
          ANYCHECK_SERVICE_CODES.FINANCIAL_STATEMENT,
          'financial_statement_file',
          'laporan2 CDX-FRAUD_DETECTED.pdf',
        ),
      ),
    );
    expect(plain.result.runStatus).toBe('COMPLETED');
  });

  it('FAILED → retryable → retry → completed; the retry is billed under the same id', async () => {
    const failed = await settle(await submit(await ktpSelfie('selfie CDX-FAILED.png')));
    expect(axes(failed)).toEqual(['FAILED', 'PENDING', 'NONE']);
    expect(failed.result.retryable).toBe(true);
    const target = {
      verificationId: 1,
      externalId: failed.externalId,
      externalGroup: failed.externalGroup,
    };
    const retried = await adapter.act('retry', target, { actor: 'clerk' }, t.ctx);
    expect(retried.result.runStatus).toBe('QUEUED');
    const done = await settle(retried);
    expect(axes(done)).toEqual(['COMPLETED', 'APPROVED', 'NONE']);
    expect(done.credits).toBe(20);
    expect(sb.journal().filter((e) => e.id === failed.externalId)).toHaveLength(2);
    // A completed verification is retried only with force.
    await expect(adapter.act('retry', target, { actor: 'clerk' }, t.ctx)).rejects.toMatchObject({
      kind: 'http',
      status: 400,
      vendorCode: 'INVALID_REQUEST',
    });
    const forced = await adapter.act('retry_force', target, { actor: 'clerk' }, t.ctx);
    expect(forced.result.runStatus).toBe('QUEUED');
  });

  it('CANCELLED → retryable', async () => {
    const done = await settle(await submit(await ktpSelfie('selfie CDX-CANCELLED.png')));
    expect(axes(done)).toEqual(['CANCELLED', 'PENDING', 'NONE']);
    expect(done.result.retryable).toBe(true);
  });

  it('NIK verification: valid → approved with the person; invalid → declined', async () => {
    const ok = await settle(
      await submit(
        request({
          service: ANYCHECK_SERVICE_CODES.KTP,
          config: { verification_type: 'NIK', nik: VALID_NIK },
        }),
      ),
    );
    expect(axes(ok)).toEqual(['COMPLETED', 'APPROVED', 'NONE']);
    expect(ok.result.extracted.person).toMatchObject({
      nik: VALID_NIK,
      gender: 'F',
      birthDate: '1990-05-12',
    });
    const bad = await settle(
      await submit(
        request({
          service: ANYCHECK_SERVICE_CODES.KTP,
          config: { verification_type: 'NIK', nik: '3174051513900001' },
        }),
      ),
    );
    expect(axes(bad)).toEqual(['COMPLETED', 'DECLINED', 'NONE']);
    expect(bad.result.checks[0]).toMatchObject({ type: 'GOV_DB_LOOKUP', outcome: 'FAIL' });
  });

  it('BPKB, land certificate and encrypted statements (password sent at upload)', async () => {
    const bpkb = await settle(
      await submit(
        request({
          service: ANYCHECK_SERVICE_CODES.BPKB,
          documents: [writeDoc(dir, 'bpkb.png', await cardImage(5, 400, 280), 'bpkb_file', 'BPKB')],
        }),
      ),
    );
    expect(axes(bpkb)).toEqual(['COMPLETED', 'APPROVED', 'NONE']);
    expect(bpkb.result.extracted.document).toMatchObject({
      type: 'BPKB',
      number: expect.stringMatching(/^[A-Z] \d{7}$/),
    });
    expect(bpkb.result.extracted.fields).toHaveProperty('frame_number');
    const land = await settle(
      await submit(
        request({
          service: ANYCHECK_SERVICE_CODES.LAND_CERTIFICATE,
          documents: [
            writeDoc(
              dir,
              'shm.pdf',
              await pdfBytes(1, 'shm'),
              'land_certificate_file',
              'LAND_CERTIFICATE',
            ),
          ],
        }),
      ),
    );
    expect(land.result.extracted.fields).toMatchObject({ certificate_type: 'SHM' });
    const locked = await pdfBytes(2, `locked ${Math.random()}`, true);
    const withPassword = await settle(
      await submit(
        await statement(
          ANYCHECK_SERVICE_CODES.BANK_STATEMENT,
          'bsa_file',
          'locked.pdf',
          {},
          locked,
          'rahasia',
        ),
      ),
    );
    expect(axes(withPassword)).toEqual(['COMPLETED', 'NOT_APPLICABLE', 'NONE']);
    const locked2 = await pdfBytes(2, `locked ${Math.random()}`, true);
    const noPassword = await settle(
      await submit(
        await statement(
          ANYCHECK_SERVICE_CODES.BANK_STATEMENT,
          'bsa_file',
          'locked2.pdf',
          {},
          locked2,
        ),
      ),
    );
    expect(noPassword.result.runStatus).toBe('FAILED');
    expect(noPassword.result.reasons.map((r) => r.vendorCode)).toContain('PASSWORD_REQUIRED');
  });

  it('several statements go into one verification, in order', async () => {
    const docs = await Promise.all(
      [1, 2, 3].map(async (i) =>
        writeDoc(
          dir,
          `rk-${i}.pdf`,
          await pdfBytes(i, `multi ${i} ${Math.random()}`),
          'bsa_file',
          'BANK_STATEMENT',
        ),
      ),
    );
    const done = await settle(
      await submit(request({ service: ANYCHECK_SERVICE_CODES.BANK_STATEMENT, documents: docs })),
    );
    const raw = done.raw as {
      input_config: { files: { bsa_file: string[] } };
      total_pages: number;
      total_files: number;
    };
    expect(raw.input_config.files.bsa_file.map((p) => /rk-\d\.pdf$/.exec(p)?.[0])).toEqual([
      'rk-1.pdf',
      'rk-2.pdf',
      'rk-3.pdf',
    ]);
    expect([raw.total_files, raw.total_pages]).toEqual([3, 6]);
  });
});

describe('timeline, JWT and hints', () => {
  it('advances IN_QUEUE → IN_PROGRESS → terminal from timestamps, deterministically', async () => {
    let clock = Date.UTC(2025, 0, 6, 2, 0, 0);
    const timed = await startAnyCheckSandbox({ processingMs: 10_000, now: () => clock });
    try {
      const a = adapterFor(timed);
      const c = makeCtx();
      const created = await a.submit(
        request({
          service: ANYCHECK_SERVICE_CODES.KTP,
          config: { verification_type: 'NIK', nik: VALID_NIK },
        }),
        c.ctx,
      );
      const target = [
        { verificationId: 1, externalId: created.externalId, externalGroup: created.externalGroup },
      ];
      const at = async () => (await a.poll(target, c.ctx)).get(created.externalId)!;
      expect((await at()).result.vendorStatus).toBe('IN_QUEUE');
      clock += 2_500;
      const running = await at();
      expect([running.result.vendorStatus, running.result.runStatus]).toEqual([
        'IN_PROGRESS',
        'PROCESSING',
      ]);
      expect((running.raw as { start_date: string }).start_date).toBe(
        '2025-01-06T09:00:02.000+07:00',
      );
      clock += 7_500;
      const done = await at();
      expect(done.result.runStatus).toBe('COMPLETED');
      expect(done.result.timestamps?.completed).toBe('2025-01-06T02:00:10.000Z');
      expect((done.raw as { execution_time: number }).execution_time).toBe(8);
    } finally {
      await timed.close();
    }
  });

  it('signs in with e-mail and password, refreshes an expired token once, and logs no secret', async () => {
    let clock = Date.now();
    const jwt = await startAnyCheckSandbox({
      processingMs: 10,
      apiKey: 'jwt-sandbox-password-xyz',
      accessTokenTtlMs: 1_000,
      now: () => clock,
    });
    try {
      const a = adapterFor(
        jwt,
        {},
        { credentials: { email: 'ops@bank.example', password: jwt.apiKey } },
      );
      const c = makeCtx();
      const first = await a.submit(
        request({
          service: ANYCHECK_SERVICE_CODES.KTP,
          config: { verification_type: 'NIK', nik: VALID_NIK },
        }),
        c.ctx,
      );
      expect((first.raw as { api_key: unknown }).api_key).toBeNull();
      clock += 5_000;
      const polled = await a.poll(
        [{ verificationId: 1, externalId: first.externalId, externalGroup: null }],
        c.ctx,
      );
      expect(polled.get(first.externalId)?.result.runStatus).toBe('COMPLETED');
      const lines = c.logs.join('\n');
      expect(lines).toContain('"vendorCode":"TOKEN_EXPIRED"');
      expect(lines).toContain('POST /auth/refresh 200');
      expect(lines).not.toContain(jwt.apiKey);
      expect(lines).not.toMatch(/sbx_(at|rt)_/);
      const wrong = adapterFor(
        jwt,
        {},
        { credentials: { email: 'ops@bank.example', password: 'nope-nope' } },
      );
      await expect(wrong.probe(makeCtx().ctx)).rejects.toMatchObject({
        kind: 'http',
        status: 401,
        vendorCode: 'INVALID_CREDENTIALS',
      });
    } finally {
      await jwt.close();
    }
  });

  it('reports rate-limit headers of every answer to the queue', () => {
    expect(t.hints.length).toBeGreaterThan(10);
    for (const h of t.hints) {
      expect(h.remaining).toBeGreaterThanOrEqual(0);
      expect(h.resetInMs).not.toBeNull();
    }
  });
});

describe('bulk export', () => {
  it('chunks by ≤10 result groups / ≤50 verifications and returns real workbooks', async () => {
    const groups: string[] = [];
    const c = makeCtx();
    for (let g = 0; g < 12; g++) {
      const groupRef = crypto.randomUUID();
      groups.push(groupRef);
      for (let i = 0; i < 5; i++) {
        await adapter.submit(
          request({
            service: ANYCHECK_SERVICE_CODES.KTP,
            groupRef,
            config: { verification_type: 'NIK', nik: VALID_NIK },
          }),
          c.ctx,
        );
      }
    }
    const empty = crypto.randomUUID();
    const files = await adapter.bulkExport([...groups, empty, groups[0]!], c.ctx);
    expect(files).toHaveLength(2);
    const rows: number[] = [];
    for (const file of files) {
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(file as unknown as ArrayBuffer);
      const sheet = wb.worksheets[0]!;
      expect(sheet.name).toBe('KTP & PEP Verification');
      expect(sheet.getRow(1).getCell(1).value).toBe('id');
      rows.push(sheet.rowCount - 1);
    }
    expect(rows).toEqual([50, 10]);
    // The sandbox enforces the limits itself.
    const post = (body: unknown) =>
      fetch(`${sb.url}/verifications/bulk-export`, {
        method: 'POST',
        headers: { 'x-api-key': API_KEY, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    const tooManyGroups = await post({ result_ids: [...groups.slice(0, 11)], format: 'xlsx' });
    expect([
      tooManyGroups.status,
      ((await tooManyGroups.json()) as { error_code: string }).error_code,
    ]).toEqual([400, 'INVALID_REQUEST']);
    await adapter.submit(
      request({
        service: ANYCHECK_SERVICE_CODES.KTP,
        groupRef: groups[0]!,
        config: { verification_type: 'NIK', nik: VALID_NIK },
      }),
      c.ctx,
    );
    const tooManyRows = await post({ result_ids: groups.slice(0, 10), format: 'xlsx' });
    expect([
      tooManyRows.status,
      ((await tooManyRows.json()) as { error_code: string }).error_code,
    ]).toEqual([400, 'INVALID_REQUEST']);
    // …which the adapter avoids by splitting differently.
    expect(await adapter.bulkExport(groups, c.ctx)).toHaveLength(2);
    const single = await post({
      result_ids: groups.slice(0, 2),
      format: 'xlsx',
      sheet_mode: 'single',
    });
    expect(single.status).toBe(200);
    const emailed = await post({ result_ids: groups.slice(0, 2), email: 'ops@bank.example' });
    expect(emailed.status).toBe(202);
    // Asked for the workbook (as the adapter asks), the sandbox sends the file itself; otherwise
    // the JSON form with the workbook as base64, as before.
    const asFile = await fetch(`${sb.url}/verifications/bulk-export`, {
      method: 'POST',
      headers: { 'x-api-key': API_KEY, 'content-type': 'application/json', accept: XLSX },
      body: JSON.stringify({ result_ids: groups.slice(0, 2) }),
    });
    expect([asFile.status, asFile.headers.get('content-type')]).toEqual([200, XLSX]);
    expect(
      Buffer.from(await asFile.arrayBuffer())
        .subarray(0, 4)
        .toString('latin1'),
    ).toBe('PK\x03\x04');
    const asJson = await post({ result_ids: groups.slice(0, 2) });
    expect(((await asJson.json()) as { file_base64: string }).file_base64.length).toBeGreaterThan(
      100,
    );
  });

  it('reads the workbook whether it comes as the file itself or wrapped in JSON', async () => {
    const rowsOf = async (file: Buffer) => {
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(file as unknown as ArrayBuffer);
      return wb.worksheets[0]!.rowCount - 1;
    };
    const legacy = await startAnyCheckSandbox({ processingMs: 10, bulkExportFormat: 'json' });
    try {
      const a = adapterFor(legacy);
      const c = makeCtx();
      const groupRef = crypto.randomUUID();
      for (let i = 0; i < 3; i++)
        await a.submit(
          request({
            service: ANYCHECK_SERVICE_CODES.KTP,
            groupRef,
            config: { verification_type: 'NIK', nik: VALID_NIK },
          }),
          c.ctx,
        );
      const files = await a.bulkExport([groupRef], c.ctx);
      expect(await Promise.all(files.map(rowsOf))).toEqual([3]);
    } finally {
      await legacy.close();
    }

    // A host that answers with bytes: the workbook, a link only, or something that is no workbook.
    const workbook = await adapter.bulkExport(
      [snapshots.find((x) => x.externalGroup)!.externalGroup!],
      t.ctx,
    );
    let answer: { type: string; body: Buffer | string } = { type: XLSX, body: workbook[0]! };
    const accepts: string[] = [];
    const host = createServer((req, res) => {
      req.resume();
      req.on('end', () => {
        if (req.method === 'GET') {
          res.writeHead(200, { 'content-type': 'application/json' });
          res.end(JSON.stringify({ total: 1, items: [{ id: 'v1' }] }));
          return;
        }
        accepts.push(String(req.headers.accept));
        res.writeHead(200, { 'content-type': answer.type });
        res.end(answer.body);
      });
    });
    await new Promise<void>((resolve) => host.listen(0, '127.0.0.1', resolve));
    try {
      const fake = adapterFor({
        url: `http://127.0.0.1:${(host.address() as AddressInfo).port}`,
        apiKey: 'k',
        journal: () => [],
        close: async () => undefined,
      });
      const got = await fake.bulkExport([crypto.randomUUID()], makeCtx().ctx);
      expect(got[0]!.equals(workbook[0]!)).toBe(true);
      expect(accepts[0]).toMatch(new RegExp(`^${XLSX}`));
      answer = {
        type: 'application/json',
        body: JSON.stringify({
          file_name: 'x.xlsx',
          file_url: 'https://files.example/x.xlsx?token=abc',
        }),
      };
      await expect(fake.bulkExport([crypto.randomUUID()], makeCtx().ctx)).rejects.toMatchObject({
        kind: 'protocol',
        vendorCode: 'EXPORT_LINK_ONLY',
      });
      answer = { type: 'application/octet-stream', body: Buffer.from('not a workbook') };
      await expect(fake.bulkExport([crypto.randomUUID()], makeCtx().ctx)).rejects.toMatchObject({
        kind: 'protocol',
        vendorCode: 'EXPORT_UNREADABLE',
      });
    } finally {
      await new Promise<void>((resolve) => host.close(() => resolve()));
    }
  });
});

describe('secrets', () => {
  it('never puts the API key in a snapshot or a log line', () => {
    expect(snapshots.length).toBeGreaterThan(20);
    for (const s of snapshots) expect(JSON.stringify(s)).not.toContain(API_KEY);
    expect(t.logs.length).toBeGreaterThan(20);
    expect(t.logs.join('\n')).not.toContain(API_KEY);
  });
});
