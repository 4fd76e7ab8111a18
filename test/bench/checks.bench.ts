/**
 * Pre-flight throughput and near-duplicate lookup latency (`node bin/bench.mjs checks`).
 *
 * 1. 1,000 generated card images (24 rendered people × re-encodings, brightness, size, blur),
 *    checked on both cores (two worker threads, each with its own preflight), without OCR; the
 *    baseline is a plain sharp decode + resize of the same files on the same two threads.
 * 2. OCR: a subset of the KTP images through one preflight with an OCR pool of 2, extrapolated to
 *    1,000 images (stated as such in the output).
 * 3. SqliteNearDuplicateStore with 1,000,000 stored hashes in a real SQLite file: p50/p99 lookup
 *    latency vs a linear JS scan over the same hashes; then the same with a cluster of
 *    near-identical hashes (many cards of one template), the store's known weak spot.
 */
import Database from 'better-sqlite3';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import sharp from 'sharp';
import {
  createMemoryNearDuplicateStore,
  createPreflight,
  type ImageHashes,
} from '../../electron/engine/checks/index.ts';
import { popcount32 } from '../../electron/engine/checks/image/hashes.ts';
import { up as migrateNearDuplicates } from '../../electron/engine/ledger/migrations/0002-near-duplicates.ts';
import { SqliteNearDuplicateStore } from '../../electron/engine/ledger/near-duplicates.ts';
import { PERSON_A, renderCard, type CardPerson } from '../helpers/checks-fixtures.ts';

const IMAGES = 1000;
const OCR_SUBSET = 40;
const STORED_HASHES = 1_000_000;
const QUERIES = 400;

interface WorkerJob {
  role: 'checks-bench';
  mode: 'baseline' | 'checks';
  files: string[];
}

function bench(name: string, value: number, unit: string): void {
  console.log(
    `BENCH checks.${name} ${Number.isInteger(value) ? value : value.toFixed(value < 10 ? 3 : 1)} ${unit}`,
  );
}

async function workerMain(job: WorkerJob): Promise<void> {
  const t0 = performance.now();
  if (job.mode === 'baseline') {
    for (const file of job.files) {
      await sharp(file)
        .rotate()
        .greyscale()
        .resize({ width: 1000, height: 1000, fit: 'inside' })
        .raw()
        .toBuffer();
    }
  } else {
    const preflight = createPreflight({
      nearDuplicates: createMemoryNearDuplicateStore(),
      ocr: false,
      findExact: () => null,
    });
    for (const file of job.files) {
      const bytes = fs.readFileSync(file);
      await preflight.run({
        documentId: null,
        path: file,
        mime: 'image/jpeg',
        kind: 'KTP',
        sha256: crypto.createHash('sha256').update(bytes).digest('hex'),
        size: bytes.length,
        expected: null,
      });
    }
    await preflight.close();
  }
  parentPort!.postMessage({
    ms: performance.now() - t0,
    rssMb: process.memoryUsage().rss / 1048576,
  });
}

if (!isMainThread && (workerData as WorkerJob | undefined)?.role === 'checks-bench') {
  await workerMain(workerData as WorkerJob);
}

async function onTwoThreads(mode: WorkerJob['mode'], files: string[]): Promise<number> {
  // Worker threads do not inherit tsx's loader hooks, so each registers them before importing this file.
  const bootstrap = `import('tsx/esm/api').then((m) => { m.register(); return import(${JSON.stringify(import.meta.url)}); })`;
  const halves = [files.filter((_, i) => i % 2 === 0), files.filter((_, i) => i % 2 === 1)];
  const t0 = performance.now();
  await Promise.all(
    halves.map(
      (part) =>
        new Promise<void>((resolve, reject) => {
          const w = new Worker(bootstrap, {
            eval: true,
            workerData: { role: 'checks-bench', mode, files: part } satisfies WorkerJob,
          });
          w.once('message', () => resolve());
          w.once('error', reject);
        }),
    ),
  );
  return performance.now() - t0;
}

function person(i: number): CardPerson {
  const nik = `3204${String(11 + (i % 60)).padStart(2, '0')}${String(1 + (i % 28)).padStart(2, '0')}0${1 + (i % 9)}9${i % 10}${String(1 + i).padStart(4, '0')}`;
  return {
    ...PERSON_A,
    nik,
    name: [
      'SITI RAHAYU',
      'BUDI SANTOSO',
      'AGUS WIJAYA',
      'DEWI LESTARI',
      'RINA KURNIAWATI',
      'ANDI PRATAMA',
    ][i % 6]!,
    seed: i + 1,
  };
}

async function generateImages(dir: string): Promise<string[]> {
  // 24 rendered people, decoded once; 1,000 files derived from them at different sizes,
  // brightness, sharpness and JPEG qualities (four encodes in flight to use the cores).
  const bases = await Promise.all(
    Array.from({ length: 24 }, async (_, i) =>
      sharp(await renderCard(person(i)))
        .raw()
        .toBuffer({ resolveWithObject: true }),
    ),
  );
  const files = Array.from({ length: IMAGES }, (_, i) => path.join(dir, `card-${i}.jpg`));
  const make = async (i: number): Promise<void> => {
    const { data, info } = bases[i % bases.length]!;
    let img = sharp(data, {
      raw: { width: info.width, height: info.height, channels: info.channels },
    })
      .resize({ width: 700 + ((i * 37) % 600) })
      .modulate({ brightness: 0.8 + ((i * 13) % 40) / 100 });
    if (i % 7 === 0) img = img.blur(1 + (i % 3));
    await img.jpeg({ quality: 55 + ((i * 11) % 40) }).toFile(files[i]!);
  };
  let next = 0;
  await Promise.all(
    [0, 1, 2, 3].map(async () => {
      for (let i = next++; i < IMAGES; i = next++) await make(i);
    }),
  );
  return files;
}

async function imageThroughput(dir: string): Promise<void> {
  const t0 = performance.now();
  const files = await generateImages(dir);
  console.log(
    `# generated ${files.length} card images in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
  );

  const baselineMs = await onTwoThreads('baseline', files);
  const checksMs = await onTwoThreads('checks', files);
  const baseRate = (files.length / baselineMs) * 1000;
  const checkRate = (files.length / checksMs) * 1000;
  bench('baseline_decode_resize_per_sec', baseRate, 'images/s');
  bench('no_ocr_per_sec', checkRate, 'images/s');
  bench('no_ocr.vs_decode_resize', checkRate / baseRate, 'x');

  // OCR: one preflight, pool of 2 workers, two documents in flight at a time.
  const subset = files.filter((_, i) => i % 7 !== 0).slice(0, OCR_SUBSET);
  const preflight = createPreflight({
    nearDuplicates: createMemoryNearDuplicateStore(),
    ocr: 'auto',
    ocrWorkers: 2,
    findExact: () => null,
  });
  let read = 0;
  const runOne = async (file: string): Promise<void> => {
    const bytes = fs.readFileSync(file);
    const r = await preflight.run({
      documentId: null,
      path: file,
      mime: 'image/jpeg',
      kind: 'KTP',
      sha256: crypto.createHash('sha256').update(bytes).digest('hex'),
      size: bytes.length,
      expected: null,
    });
    if (r.extracted.nik) read++;
  };
  await runOne(subset[0]!); // worker start-up is paid once per process, not per image
  const t1 = performance.now();
  const queue = subset.slice(1);
  await Promise.all(
    [0, 1].map(async () => {
      for (let f = queue.shift(); f; f = queue.shift()) await runOne(f);
    }),
  );
  const ocrMs = performance.now() - t1;
  await preflight.close();
  const ocrRate = ((subset.length - 1) / ocrMs) * 1000;
  console.log(
    `# OCR measured on ${subset.length - 1} of ${files.length} images (KTP kind, pool of 2); NIK read on ${read} of ${subset.length}; the 1000-image figure is extrapolated`,
  );
  bench('with_ocr_per_sec', ocrRate, 'images/s');
  bench('with_ocr.extrapolated_1000_images', 1000 / ocrRate, 's');
  bench('with_ocr.vs_decode_resize', ocrRate / baseRate, 'x');
}

function xorshift(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return s >>> 0;
  };
}

const big = (hi: number, lo: number): bigint => (BigInt(hi) << 32n) | BigInt(lo);

async function nearDuplicateLatency(dir: string): Promise<void> {
  const file = path.join(dir, 'near.sqlite');
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  migrateNearDuplicates(db);
  const store = new SqliteNearDuplicateStore(db);
  const rnd = xorshift(7);
  const pHi = new Uint32Array(STORED_HASHES);
  const pLo = new Uint32Array(STORED_HASHES);
  const dHi = new Uint32Array(STORED_HASHES);
  const dLo = new Uint32Array(STORED_HASHES);
  const t0 = performance.now();
  const batch = 50_000;
  for (let start = 0; start < STORED_HASHES; start += batch) {
    db.transaction(() => {
      for (let i = start; i < Math.min(STORED_HASHES, start + batch); i++) {
        pHi[i] = rnd();
        pLo[i] = rnd();
        dHi[i] = rnd();
        dLo[i] = rnd();
        store.add(i + 1, { phash: [big(pHi[i]!, pLo[i]!)], dhash: [big(dHi[i]!, dLo[i]!)] });
      }
    })();
  }
  const insertS = (performance.now() - t0) / 1000;
  bench('near_store.insert_per_sec', STORED_HASHES / insertS, 'hashes/s');
  bench(
    'near_store.file_size',
    fs.statSync(file).size / 1048576 +
      (fs.existsSync(`${file}-wal`) ? fs.statSync(`${file}-wal`).size / 1048576 : 0),
    'MB',
  );

  // Queries: half near an existing entry (a few bits flipped), half random.
  const queries: ImageHashes[] = [];
  for (let q = 0; q < QUERIES; q++) {
    let ph: number, pl: number, dh: number, dl: number;
    if (q % 2 === 0) {
      const i = rnd() % STORED_HASHES;
      ph = pHi[i]! ^ (1 << (q % 32));
      pl = pLo[i]! ^ (1 << ((q * 7) % 32));
      dh = dHi[i]!;
      dl = dLo[i]! ^ 3;
    } else {
      ph = rnd();
      pl = rnd();
      dh = rnd();
      dl = rnd();
    }
    const p = big(ph, pl);
    const d = big(dh, dl);
    queries.push({
      phash: [p, p ^ 0xf0f0n, p ^ 0x0f0fn, p ^ 0xff00ff00n],
      dhash: [d, d ^ 0xffn, d ^ 0xff00n, d ^ 0xff0000n],
    });
  }

  // The baseline: the same rule (some rotation within pHash ≤ 6 and dHash ≤ 10) over typed arrays.
  const linear = (q: ImageHashes): number => {
    const halves = (h: bigint) => [Number(h >> 32n) >>> 0, Number(h & 0xffffffffn) >>> 0] as const;
    const qp = q.phash.map(halves);
    const qd = q.dhash.map(halves);
    let found = 0;
    for (let i = 0; i < STORED_HASHES; i++) {
      for (let r = 0; r < 4; r++) {
        if (
          popcount32((qp[r]![0] ^ pHi[i]!) >>> 0) + popcount32((qp[r]![1] ^ pLo[i]!) >>> 0) <= 6 &&
          popcount32((qd[r]![0] ^ dHi[i]!) >>> 0) + popcount32((qd[r]![1] ^ dLo[i]!) >>> 0) <= 10
        ) {
          found++;
          break;
        }
      }
    }
    return found;
  };

  const measure = (
    fn: (q: ImageHashes) => number,
    label: string,
  ): { p50: number; p99: number; hits: number } => {
    const times: number[] = [];
    let hits = 0;
    for (const q of queries) {
      const t = performance.now();
      hits += fn(q);
      times.push(performance.now() - t);
    }
    times.sort((a, b) => a - b);
    const p50 = times[Math.floor(times.length * 0.5)]!;
    const p99 = times[Math.floor(times.length * 0.99)]!;
    bench(`${label}.p50`, p50, 'ms');
    bench(`${label}.p99`, p99, 'ms');
    return { p50, p99, hits };
  };

  const sqlite = measure((q) => store.findNear(q, 10).length, 'near_lookup_1m.sqlite');
  const scan = measure(linear, 'near_lookup_1m.linear_scan');
  if (sqlite.hits !== scan.hits)
    throw new Error(`store found ${sqlite.hits} matches but the linear scan found ${scan.hits}`);
  console.log(
    `# both found ${sqlite.hits} matches for ${QUERIES} queries (the store is exact, not approximate)`,
  );
  bench('near_lookup_1m.vs_linear_scan.p50', scan.p50 / sqlite.p50, 'x faster');
  bench('near_lookup_1m.vs_linear_scan.p99', scan.p99 / sqlite.p99, 'x faster');

  // Many cards of one template hash alike: add a cluster and query into it.
  const CLUSTER = 20_000;
  const center = { hi: rnd(), lo: rnd() };
  db.transaction(() => {
    for (let i = 0; i < CLUSTER; i++) {
      const flips = [rnd() % 64, rnd() % 64, rnd() % 64];
      let p = big(center.hi, center.lo);
      for (const f of flips) p ^= 1n << BigInt(f);
      store.add(STORED_HASHES + 1 + i, { phash: [p], dhash: [BigInt(rnd())] });
    }
  })();
  const clusterTimes: number[] = [];
  for (let q = 0; q < 50; q++) {
    const p = big(center.hi, center.lo) ^ (1n << BigInt(q % 64));
    const t = performance.now();
    store.findNear({ phash: [p, p, p, p], dhash: [0n, 0n, 0n, 0n] }, 10);
    clusterTimes.push(performance.now() - t);
  }
  clusterTimes.sort((a, b) => a - b);
  console.log(
    `# ${CLUSTER} near-identical hashes (one template) added; queries into that cluster:`,
  );
  bench('near_lookup_cluster_20k.sqlite.p50', clusterTimes[25]!, 'ms');
  db.close();
}

export default async function run(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cd-bench-checks-'));
  try {
    await imageThroughput(dir);
    await nearDuplicateLatency(dir);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
