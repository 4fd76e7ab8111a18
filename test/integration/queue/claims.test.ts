import { spawn } from 'node:child_process';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Ledger } from '../../../electron/engine/ledger/index.ts';
import type { PlanInput } from '../../../electron/engine/ledger/verifications.ts';
import { ROOT } from '../../helpers/cli.ts';
import { tmpDir } from '../../helpers/tmp.ts';

let t: ReturnType<typeof tmpDir>;
beforeEach(() => {
  t = tmpDir();
});
afterEach(() => t.cleanup());

function seed(ledger: Ledger, n: number): number[] {
  const inbox = ledger.inboxes.add({ path: '/inbox' }).row;
  const kase = ledger.cases.ensure(inbox.id, 'APP-1', 'APP-1').id;
  const ids: number[] = [];
  ledger.tx(() => {
    for (let i = 0; i < n; i++) {
      const input: PlanInput = {
        caseId: kase,
        provider: 'anycheck',
        service: 'KTP_VERIFICATION',
        config: {},
        idempotencyKey: `key-${i}`,
        generation: 0,
        phase: 'READY',
        documents: [],
        deadlineAt: null,
      };
      ids.push(ledger.verifications.plan(input)!);
    }
  });
  return ids;
}

function worker(dataDir: string, owner: string, peers: number): Promise<number[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        path.join(ROOT, 'test', 'helpers', 'claim-worker.ts'),
        dataDir,
        owner,
        String(peers),
      ],
      { cwd: ROOT },
    );
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('close', (code) =>
      code === 0
        ? resolve(JSON.parse(out) as number[])
        : reject(new Error(`worker ${owner} failed: ${err}`)),
    );
  });
}

describe('claiming from one ledger file', () => {
  it('two engine processes never claim the same verification (3,000 jobs)', async () => {
    const ledger = new Ledger({ dataDir: t.dir, instanceId: 'seeder' });
    const ids = seed(ledger, 3000);
    ledger.close();
    const [a, b] = await Promise.all([worker(t.dir, 'engine-a', 2), worker(t.dir, 'engine-b', 2)]);
    const all = [...a, ...b];
    expect(new Set(all).size).toBe(all.length); // zero double claims
    expect(all.sort((x, y) => x - y)).toEqual(ids);
    expect(a.length).toBeGreaterThan(0);
    expect(b.length).toBeGreaterThan(0);
    const check = new Ledger({ dataDir: t.dir, instanceId: 'checker' });
    expect(check.verifications.countsByPhase()).toEqual({ DONE: 3000 });
    expect((check.db.pragma('quick_check') as { quick_check: string }[])[0]!.quick_check).toBe(
      'ok',
    );
    check.close();
  }, 120_000);

  it('leases run from claim time; an expired SUBMITTING lease becomes IN_DOUBT; a late finalize is rejected', () => {
    let now = 1_800_000_000_000;
    const ledger = new Ledger({ dataDir: t.dir, instanceId: 'a', now: () => now });
    const [id] = seed(ledger, 1);
    const first = ledger.verifications.claim({
      provider: 'anycheck',
      owner: 'a',
      leaseMs: 10_000,
      limit: 1,
    });
    expect(first).toHaveLength(1);
    expect(first[0]!.phase).toBe('SUBMITTING');
    expect(first[0]!.attempts).toBe(1);
    expect(first[0]!.leaseExpiresAt).toBe(now + 10_000);
    // Held lease: nobody else gets it.
    now += 9_000;
    expect(
      ledger.verifications.claim({ provider: 'anycheck', owner: 'b', leaseMs: 10_000, limit: 1 }),
    ).toHaveLength(0);
    // Heartbeat extends from now.
    expect(ledger.verifications.heartbeat(id!, first[0]!.leaseToken!, 10_000)).toBe(true);
    now += 9_000;
    expect(
      ledger.verifications.claim({ provider: 'anycheck', owner: 'b', leaseMs: 10_000, limit: 1 }),
    ).toHaveLength(0);
    // Lease lapses: the interrupted submission is reclaimed as IN_DOUBT, never as READY.
    now += 2_000;
    const second = ledger.verifications.claim({
      provider: 'anycheck',
      owner: 'b',
      leaseMs: 10_000,
      limit: 1,
    });
    expect(second).toHaveLength(1);
    expect(second[0]!.phase).toBe('IN_DOUBT');
    expect(second[0]!.needsLookup).toBe(true);
    expect(second[0]!.attempts).toBe(1);
    // The first worker comes back late: its result is discarded.
    expect(ledger.verifications.finalize(id!, first[0]!.leaseToken!, { phase: 'DONE' })).toBeNull();
    expect(ledger.verifications.heartbeat(id!, first[0]!.leaseToken!, 10_000)).toBe(false);
    expect(
      ledger.verifications.finalize(id!, second[0]!.leaseToken!, {
        phase: 'POLLING',
        externalId: 'x',
      })!.phase,
    ).toBe('POLLING');
    ledger.close();
  });

  it('a batch claim takes the most urgent work first: in doubt, then due polls, then new sends', () => {
    let now = 1_800_000_000_000;
    const ledger = new Ledger({ dataDir: t.dir, instanceId: 'a', now: () => now });
    const [stale, duePoll, laterPoll, ...ready] = seed(ledger, 6);
    const lease = (limit: number) =>
      ledger.verifications.claim({ provider: 'anycheck', owner: 'a', leaseMs: 10_000, limit });
    // Three sends start; one engine dies mid-send (its lease will lapse), two become polls.
    const started = lease(3);
    expect(started.map((v) => v.id)).toEqual([stale, duePoll, laterPoll]);
    const token = (id: number) => started.find((v) => v.id === id)!.leaseToken!;
    ledger.verifications.finalize(duePoll!, token(duePoll!), {
      phase: 'POLLING',
      externalId: 'ext-1',
      nextAt: now + 5_000,
    });
    ledger.verifications.finalize(laterPoll!, token(laterPoll!), {
      phase: 'POLLING',
      externalId: 'ext-2',
      nextAt: now + 60_000,
    });
    now += 11_000;
    expect(lease(0)).toEqual([]);
    const batch = lease(3);
    expect(batch.map((v) => [v.id, v.phase])).toEqual([
      [stale, 'IN_DOUBT'],
      [duePoll, 'POLLING'],
      [ready[0], 'SUBMITTING'],
    ]);
    // What is left: the poll that is not due yet is not taken, the remaining sends are.
    expect(lease(5).map((v) => v.id)).toEqual(ready.slice(1));
    ledger.close();
  });

  it("at start, work leased by an engine that died is made inactive (Signal rule), a live engine's is not", () => {
    const ledger = new Ledger({ dataDir: t.dir, instanceId: 'dead-engine' });
    seed(ledger, 3);
    ledger.instances.register('dead-engine', 999_999, 'another-host');
    const claimed = ledger.verifications.claim({
      provider: 'anycheck',
      owner: 'dead-engine',
      leaseMs: 3600_000,
      limit: 2,
    });
    expect(claimed).toHaveLength(2);
    ledger.close();

    const next = new Ledger({ dataDir: t.dir, instanceId: 'new-engine' });
    // The other host's engine last beat long ago: stale after 0 ms here.
    const released = next.startInstance(0);
    expect(released.map((r) => r.phase).sort()).toEqual(['IN_DOUBT', 'IN_DOUBT']);
    const phases = next.verifications.countsByPhase();
    expect(phases).toEqual({ IN_DOUBT: 2, READY: 1 });
    expect(next.history.list({ offset: 0, limit: 10, dir: 'asc', what: 'in_doubt' }).total).toBe(2);
    next.close();
  });
});
