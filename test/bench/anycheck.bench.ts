/**
 * AnyCheck adapter against its sandbox, driven the way the queue drives it: a few workers
 * submitting under a client-side token bucket at the provider's rate R, the first poll after the
 * typical processing time, and polls batched by result group. Baselines measured in the same run:
 * R itself (achieved create rate / R, target ≥ 0.9) and a naive poller that asks for each
 * verification on a fixed interval (polls per verification, target ≤ 3 for the queue's way).
 */
import { randomUUID } from 'node:crypto';
import { ProviderError } from '../../electron/engine/providers/errors.ts';
import {
  createAnyCheckAdapter,
  startAnyCheckSandbox,
} from '../../electron/engine/providers/anycheck/index.ts';
import type {
  PollTarget,
  ProviderContext,
  RunningSandbox,
  SubmissionRequest,
} from '../../electron/engine/providers/types.ts';

const N = 200;
const GROUP_SIZE = 2;
const RATE = 40; // R: requests per second the sandbox allows (writes)
const LATENCY_MS = 20; // L
const PROCESSING_MS = 1_000;
const CONCURRENCY = 4;
const NAIVE_INTERVAL_MS = 250;
const VALID_NIK = '3174055205900001';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function context(counter: { polls: number }): ProviderContext {
  const cache = new Map<string, unknown>();
  const quiet = () => undefined;
  return {
    signal: new AbortController().signal,
    now: () => Date.now(),
    log: {
      info: (message, fields) => {
        if (fields?.op === 'poll' && typeof fields.status === 'number') counter.polls++;
        void message;
      },
      warn: quiet,
      error: quiet,
    },
    cache: {
      get: <T>(k: string) => (cache.get(k) as T) ?? null,
      set: (k, v) => void cache.set(k, v),
    },
    rateLimitHint: quiet,
  };
}

/**
 * The queue's client-side limiter: a token bucket at R per second holding a few tokens, so a slot
 * missed while every worker was busy is caught up instead of lost (the provider's own bucket holds
 * a second's worth, so this never outruns it).
 */
class Pacer {
  private tokens = 1;
  private at = performance.now();
  constructor(
    private readonly perSecond: number,
    private readonly burst = 3,
  ) {}
  async take(): Promise<void> {
    for (;;) {
      const now = performance.now();
      this.tokens = Math.min(this.burst, this.tokens + ((now - this.at) / 1000) * this.perSecond);
      this.at = now;
      if (this.tokens >= 1) {
        this.tokens -= 1;
        return;
      }
      await sleep(((1 - this.tokens) / this.perSecond) * 1000);
    }
  }
}

function requests(): SubmissionRequest[] {
  const out: SubmissionRequest[] = [];
  let group = randomUUID();
  for (let i = 0; i < N; i++) {
    if (i % GROUP_SIZE === 0) group = randomUUID();
    out.push({
      verificationId: i + 1,
      idempotencyKey: randomUUID(),
      generation: 1,
      caseKey: `APP-${Math.floor(i / GROUP_SIZE)}`,
      groupRef: group,
      inboxLabel: 'Bench inbox',
      service: 'KTP_VERIFICATION',
      config: { verification_type: 'NIK', nik: VALID_NIK },
      documents: [],
      expected: null,
      externalId: null,
      knownExternalIds: [],
      force: false,
    });
  }
  return out;
}

interface RunResult {
  createRate: number;
  pollsPerVerification: number;
  rateLimited: number;
  wallMs: number;
}

async function run(sb: RunningSandbox, mode: 'queue' | 'naive'): Promise<RunResult> {
  const counter = { polls: 0 };
  const ctx = context(counter);
  const adapter = createAnyCheckAdapter({
    name: 'anycheck',
    baseUrl: sb.url,
    credentials: { apiKey: sb.apiKey },
    options: { firstPollMs: PROCESSING_MS, maxPollIntervalMs: 10_000 },
    sandbox: true,
    timeoutMs: 10_000,
  });
  await adapter.services(ctx);
  const jobs = requests();
  const pacer = new Pacer(RATE);
  const pending = new Map<string, PollTarget & { dueAt: number; attempt: number }>();
  const createdAt: number[] = [];
  let completed = 0;
  let rateLimited = 0;
  let submitting = true;
  const started = performance.now();

  const worker = async () => {
    for (let job = jobs.shift(); job; job = jobs.shift()) {
      await pacer.take();
      try {
        const s = await adapter.submit(job, ctx);
        const now = performance.now();
        createdAt.push(now);
        const first = mode === 'queue' ? adapter.polling.firstAfterMs : NAIVE_INTERVAL_MS;
        pending.set(s.externalId, {
          verificationId: job.verificationId,
          externalId: s.externalId,
          externalGroup: s.externalGroup,
          dueAt: now + first,
          attempt: 0,
        });
      } catch (err) {
        if (err instanceof ProviderError && err.status === 429) {
          rateLimited++;
          jobs.unshift(job);
          await sleep(err.retryAfterMs ?? 1000);
        } else throw err;
      }
    }
  };

  const poller = async () => {
    while (submitting || pending.size > 0) {
      await sleep(20);
      const now = performance.now();
      const due = [...pending.values()].filter((p) => p.dueAt <= now);
      if (due.length === 0) continue;
      let targets: typeof due;
      if (mode === 'queue') {
        // Whole result groups: one list request answers every pending member of the group.
        const groups = new Set(due.map((d) => d.externalGroup));
        targets = [...pending.values()].filter((p) => groups.has(p.externalGroup));
        const fresh = await adapter.poll(targets, ctx);
        settle(targets, fresh, now);
      } else {
        // Naive: one GET per verification on a fixed interval, no grouping (all due ones at once).
        for (const target of due) target.dueAt = Number.POSITIVE_INFINITY;
        await Promise.all(
          due.map(async (target) => {
            const fresh = await adapter.poll([{ ...target, externalGroup: null }], ctx);
            settle([target], fresh, performance.now());
          }),
        );
      }
    }
  };

  const settle = (
    targets: (PollTarget & { dueAt: number; attempt: number })[],
    fresh: Map<string, { result: { runStatus: string } }>,
    now: number,
  ) => {
    for (const target of targets) {
      const status = fresh.get(target.externalId)?.result.runStatus;
      if (status === 'COMPLETED' || status === 'FAILED' || status === 'CANCELLED') {
        pending.delete(target.externalId);
        completed++;
        continue;
      }
      target.attempt++;
      target.dueAt =
        now +
        (mode === 'queue'
          ? Math.min(adapter.polling.maxIntervalMs, 250 * 2 ** target.attempt)
          : NAIVE_INTERVAL_MS);
    }
  };

  const polling = poller();
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  submitting = false;
  await polling;
  const span = (createdAt.at(-1)! - createdAt[0]!) / 1000;
  return {
    createRate: (createdAt.length - 1) / span,
    pollsPerVerification: counter.polls / completed,
    rateLimited,
    wallMs: performance.now() - started,
  };
}

export default async function run_(): Promise<void> {
  const start = () =>
    startAnyCheckSandbox({ rateLimit: RATE, latencyMs: LATENCY_MS, processingMs: PROCESSING_MS });
  const sbQueue = await start();
  const queue = await run(sbQueue, 'queue');
  const billedQueue = sbQueue.journal().length;
  await sbQueue.close();
  const sbNaive = await start();
  const naive = await run(sbNaive, 'naive');
  await sbNaive.close();
  if (billedQueue !== N)
    throw new Error(`expected ${N} billed creates, sandbox billed ${billedQueue}`);
  console.log(
    `# ${N} NIK verifications, R=${RATE}/s, L=${LATENCY_MS} ms, processing ${PROCESSING_MS} ms, concurrency ${CONCURRENCY}, groups of ${GROUP_SIZE}`,
  );
  console.log(`BENCH anycheck.create_rate ${queue.createRate.toFixed(2)} /s`);
  console.log(`BENCH anycheck.create_rate.vs_limit ${(queue.createRate / RATE).toFixed(3)} x`);
  console.log(`BENCH anycheck.rate_limited ${queue.rateLimited} answers`);
  console.log(
    `BENCH anycheck.polls_per_verification ${queue.pollsPerVerification.toFixed(2)} polls`,
  );
  console.log(
    `BENCH anycheck.polls_per_verification.naive ${naive.pollsPerVerification.toFixed(2)} polls`,
  );
  console.log(
    `BENCH anycheck.polls.vs_naive ${(queue.pollsPerVerification / naive.pollsPerVerification).toFixed(3)} x`,
  );
  console.log(`BENCH anycheck.batch_wall_time ${(queue.wallMs / 1000).toFixed(2)} s`);
  console.log(`BENCH anycheck.batch_wall_time.naive ${(naive.wallMs / 1000).toFixed(2)} s`);
}
