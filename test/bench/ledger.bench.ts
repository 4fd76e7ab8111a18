/**
 * Ledger vs plainjob, in the same run, on the same file system, at the same durability:
 * enqueue throughput and claim→complete throughput, plus p99 claim latency. CheckDesk's claim
 * does more (lease token with expiry, compare-and-swap finalize, phase priority), so the
 * question is whether it keeps up. Prints `BENCH ledger.* <value> <unit>` lines.
 */
import Database from 'better-sqlite3';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { better, defineQueue } from 'plainjob';
import { Ledger } from '../../electron/engine/ledger/index.ts';

const N = Number(process.env.BENCH_LEDGER_N ?? 20_000);
const silent = { error() {}, warn() {}, info() {}, debug() {} };

function bench(name: string, value: number, unit: string): void {
  console.log(`BENCH ${name} ${Number.isInteger(value) ? value : value.toFixed(3)} ${unit}`);
}

function p99(samples: number[]): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * 0.99))]!;
}

/**
 * normal: every commit synchronous=NORMAL (both queues); full: every commit FULL (both);
 * production: CheckDesk as it runs (the claim that records the intent to submit is FULL, the
 * rest NORMAL) against plainjob's own default (NORMAL everywhere).
 */
type Mode = 'normal' | 'full' | 'production';

function ours(dir: string, durability: Mode) {
  const ledger = new Ledger({ dataDir: dir, instanceId: 'bench' });
  ledger.db.pragma(`synchronous = ${durability === 'full' ? 'FULL' : 'NORMAL'}`);
  const inbox = ledger.inboxes.add({ path: '/bench' }).row;
  const kase = ledger.cases.ensure(inbox.id, 'BENCH', 'BENCH').id;
  let t = performance.now();
  for (let i = 0; i < N; i++) {
    ledger.verifications.plan({
      caseId: kase,
      provider: 'anycheck',
      service: 'KTP_VERIFICATION',
      config: {},
      idempotencyKey: `k${i}`,
      generation: 0,
      phase: 'READY',
      documents: [],
      deadlineAt: null,
    });
  }
  const enqueueS = (performance.now() - t) / 1000;
  const latencies: number[] = [];
  t = performance.now();
  for (let i = 0; i < N; i++) {
    const c0 = performance.now();
    const [row] = ledger.verifications.claim({
      provider: 'anycheck',
      owner: 'bench',
      leaseMs: 60_000,
      limit: 1,
      durable: durability !== 'normal',
    });
    latencies.push(performance.now() - c0);
    if (
      !row ||
      !ledger.verifications.finalize(row.id, row.leaseToken!, {
        phase: 'DONE',
        runStatus: 'COMPLETED',
      })
    )
      throw new Error('lost a job');
  }
  const claimS = (performance.now() - t) / 1000;
  ledger.close();
  return { enqueue: N / enqueueS, claim: N / claimS, p99: p99(latencies) };
}

function plainjob(dir: string, durability: Mode) {
  const db = new Database(path.join(dir, 'plainjob.sqlite'));
  const queue = defineQueue({
    connection: better(db),
    logger: silent,
    maintenanceInterval: 3600_000,
  });
  db.pragma(`synchronous = ${durability === 'full' ? 'FULL' : 'NORMAL'}`);
  let t = performance.now();
  for (let i = 0; i < N; i++) queue.add('verify', { i });
  const enqueueS = (performance.now() - t) / 1000;
  const latencies: number[] = [];
  t = performance.now();
  for (let i = 0; i < N; i++) {
    const c0 = performance.now();
    const job = queue.getAndMarkJobAsProcessing('verify');
    latencies.push(performance.now() - c0);
    if (!job) throw new Error('lost a job');
    queue.markJobAsDone(job.id);
  }
  const claimS = (performance.now() - t) / 1000;
  queue.close();
  db.close();
  return { enqueue: N / enqueueS, claim: N / claimS, p99: p99(latencies) };
}

export default async function run(): Promise<void> {
  console.log(`# ledger vs plainjob, ${N} jobs each, same temp file system (${os.tmpdir()})`);
  for (const durability of ['normal', 'full', 'production'] as const) {
    const a = fs.mkdtempSync(path.join(os.tmpdir(), 'cd-bench-ledger-'));
    const b = fs.mkdtempSync(path.join(os.tmpdir(), 'cd-bench-plainjob-'));
    try {
      const pj = plainjob(b, durability);
      const cd = ours(a, durability);
      bench(`ledger.enqueue.${durability}.checkdesk`, Math.round(cd.enqueue), 'jobs/s');
      bench(`ledger.enqueue.${durability}.plainjob`, Math.round(pj.enqueue), 'jobs/s');
      bench(`ledger.enqueue.${durability}.vs_plainjob`, cd.enqueue / pj.enqueue, 'x');
      bench(`ledger.claim_complete.${durability}.checkdesk`, Math.round(cd.claim), 'jobs/s');
      bench(`ledger.claim_complete.${durability}.plainjob`, Math.round(pj.claim), 'jobs/s');
      bench(`ledger.claim_complete.${durability}.vs_plainjob`, cd.claim / pj.claim, 'x');
      bench(`ledger.claim_p99.${durability}.checkdesk`, cd.p99, 'ms');
      bench(`ledger.claim_p99.${durability}.plainjob`, pj.p99, 'ms');
    } finally {
      fs.rmSync(a, { recursive: true, force: true });
      fs.rmSync(b, { recursive: true, force: true });
    }
  }
}
