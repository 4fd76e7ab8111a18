import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createMemoryNearDuplicateStore,
  createPreflight,
  type ImageHashes,
  type NearDuplicateStore,
} from '../../../electron/engine/checks/index.ts';
import { hamming64 } from '../../../electron/engine/checks/image/hashes.ts';
import { up as migrateNearDuplicates } from '../../../electron/engine/ledger/migrations/0002-near-duplicates.ts';
import { SqliteNearDuplicateStore } from '../../../electron/engine/ledger/near-duplicates.ts';
import {
  PERSON_A,
  PERSON_B,
  cardVariant,
  makeTempDir,
  renderCard,
  runPreflight,
} from '../../helpers/checks-fixtures.ts';

let dir: string;
beforeAll(() => {
  dir = makeTempDir();
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function openStore(file: string): { db: Database.Database; store: SqliteNearDuplicateStore } {
  const db = new Database(file);
  const exists = db
    .prepare("SELECT count(*) FROM sqlite_master WHERE name = 'near_hashes'")
    .pluck()
    .get() as number;
  if (!exists) migrateNearDuplicates(db);
  return { db, store: new SqliteNearDuplicateStore(db) };
}

describe.each([
  [
    'memory store',
    () => ({
      store: createMemoryNearDuplicateStore() as NearDuplicateStore,
      close: () => undefined,
    }),
  ],
  [
    'SQLite store',
    () => {
      const { db, store } = openStore(
        path.join(dir, `near-${Math.random().toString(36).slice(2)}.sqlite`),
      );
      return { store: store as NearDuplicateStore, close: () => db.close() };
    },
  ],
])('near duplicates through the pre-flight run (%s)', (_label, makeStore) => {
  it('finds the same card rotated 90° and re-encoded smaller, names the earlier document and the distance; a different person does not match', async () => {
    const { store, close } = makeStore();
    const names = new Map([[101, 'KTP in case APP-0117 (ktp.jpg)']]);
    const preflight = createPreflight({
      nearDuplicates: store,
      ocr: false,
      describe: (id) => names.get(id) ?? `#${id}`,
    });
    const card = await renderCard(PERSON_A);
    const first = await runPreflight(preflight, dir, 'ktp.jpg', card, { documentId: 101 });
    expect(first.checks.find((c) => c.name === 'near_duplicate')!.outcome).toBe('PASS');

    for (const [id, variant] of [
      [102, 'rotated_pixels'],
      [103, 'reencoded'],
    ] as const) {
      const r = await runPreflight(
        preflight,
        dir,
        `${variant}.jpg`,
        await cardVariant(card, variant),
        { documentId: id },
      );
      const near = r.checks.find((c) => c.name === 'near_duplicate')!;
      expect(near.outcome, variant).toBe('REVIEW');
      expect(near.blocking).toBe(false);
      expect(near.details).toMatchObject({
        earlierDocumentId: 101,
        earlier: 'KTP in case APP-0117 (ktp.jpg)',
      });
      expect(near.details!.phashDistance as number).toBeLessThanOrEqual(6);
      expect(near.details!.dhashDistance as number).toBeLessThanOrEqual(10);
      expect(near.reasons[0]!.message).toContain('KTP in case APP-0117 (ktp.jpg)');
      expect(near.reasons[0]!.message).toMatch(/difference \d of 64/);
      if (variant === 'rotated_pixels') {
        expect(near.details!.rotationDegrees).toBe(90);
        expect(near.reasons[0]!.message).toContain('turned 90° clockwise');
      }
      expect(r.verdict).toBe('FLAGGED');
    }

    // Another person on the same template: the 64-bit hashes match (R-DUP-4), the detail hash does not.
    const other = await runPreflight(preflight, dir, 'other.jpg', await renderCard(PERSON_B), {
      documentId: 104,
    });
    const near = other.checks.find((c) => c.name === 'near_duplicate')!;
    expect(near.outcome).toBe('PASS');
    expect(near.details).toMatchObject({ sameLayoutOtherContent: expect.any(Number) });
    expect(other.verdict).toBe('PASSED');

    // The same photo with only the name and NIK text changed is reported (R-DUP-3: possible edit).
    const edited = await runPreflight(
      preflight,
      dir,
      'edited.jpg',
      await renderCard({ ...PERSON_A, name: 'SITI RAHAYUNINGSIH', nik: '3204115609970002' }),
      {
        documentId: 105,
      },
    );
    expect(edited.checks.find((c) => c.name === 'near_duplicate')!.details).toMatchObject({
      earlierDocumentId: 101,
    });
    close();
  });
});

describe('exact duplicates', () => {
  it('with findExact (the ledger): FAIL, blocking, naming the earlier document', async () => {
    const preflight = createPreflight({
      nearDuplicates: createMemoryNearDuplicateStore(),
      ocr: false,
      findExact: (_sha, id) =>
        id === 202 ? { documentId: 201, label: 'KTP in case APP-0117 (ktp.jpg)' } : null,
    });
    const card = await renderCard(PERSON_A);
    const firstRun = await runPreflight(preflight, dir, 'a1.jpg', card, { documentId: 201 });
    expect(firstRun.verdict).toBe('PASSED');
    const r = await runPreflight(preflight, dir, 'a2.jpg', card, { documentId: 202 });
    const exact = r.checks.find((c) => c.name === 'exact_duplicate')!;
    expect(exact).toMatchObject({
      type: 'DUPLICATE',
      outcome: 'FAIL',
      blocking: true,
      details: { earlierDocumentId: 201 },
    });
    expect(exact.reasons[0]!.message).toContain('KTP in case APP-0117 (ktp.jpg)');
    // The same earlier document is not reported a second time as a near duplicate.
    expect(r.checks.find((c) => c.name === 'near_duplicate')!.outcome).toBe('PASS');
    expect(r.verdict).toBe('BLOCKED');
  });

  it('loose files (CLI check): the same bytes twice in one session are caught by file name', async () => {
    const preflight = createPreflight({
      nearDuplicates: createMemoryNearDuplicateStore(),
      ocr: false,
    });
    const card = await renderCard(PERSON_B);
    await runPreflight(preflight, dir, 'first.jpg', card);
    const r = await runPreflight(preflight, dir, 'second.jpg', card);
    expect(r.checks.find((c) => c.name === 'exact_duplicate')!.reasons[0]!.message).toContain(
      'first.jpg',
    );
    expect(r.verdict).toBe('BLOCKED');
  });
});

describe('SqliteNearDuplicateStore', () => {
  /** Deterministic 64-bit values (xorshift) so the test is reproducible. */
  function rng(seed: number): () => bigint {
    let s = BigInt(seed) || 1n;
    const mask = (1n << 64n) - 1n;
    return () => {
      s ^= (s << 13n) & mask;
      s ^= s >> 7n;
      s ^= (s << 17n) & mask;
      return s & mask;
    };
  }
  const flip = (h: bigint, bits: number[]): bigint =>
    bits.reduce((acc, b) => acc ^ (1n << BigInt(b)), h);
  const hashes = (p: bigint, d: bigint): ImageHashes => ({
    phash: [p, p ^ 0xffn, p ^ 0xff00n, p ^ 0xff0000n],
    dhash: [d, d, d, d],
  });

  it('finds every stored hash within the thresholds (multi-index completeness) and nothing beyond, on a real file that survives reopening', () => {
    const file = path.join(dir, 'ledger-like.sqlite');
    let { db, store } = openStore(file);
    const next = rng(42);
    const stored: { id: number; p: bigint; d: bigint }[] = [];
    db.transaction(() => {
      for (let id = 1; id <= 3000; id++) {
        const p = next();
        const d = next();
        stored.push({ id, p, d });
        store.add(id, hashes(p, d));
      }
    })();
    db.close();
    ({ db, store } = openStore(file));

    const target = stored[1234]!;
    // Spread the flipped bits over all four 16-bit bands: the worst case for band search.
    const within = flip(target.p, [1, 17, 33, 49, 60, 8]); // distance 6
    const beyond = flip(target.p, [1, 17, 33, 49, 60, 8, 24]); // distance 7
    const found = store.findNear(hashes(within, flip(target.d, [0, 1, 2, 3, 4, 5, 6, 7, 8, 9])));
    expect(found.map((m) => m.documentId)).toContain(target.id);
    expect(found.find((m) => m.documentId === target.id)).toMatchObject({
      phashDistance: 6,
      dhashDistance: 10,
      rotation: 0,
    });
    expect(store.findNear(hashes(beyond, target.d)).map((m) => m.documentId)).not.toContain(
      target.id,
    );
    expect(
      store
        .findNear(hashes(within, flip(target.d, [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10])))
        .map((m) => m.documentId),
    ).not.toContain(target.id);

    // Same answers as a linear scan, for a batch of queries near random stored entries.
    for (let i = 0; i < 50; i++) {
      const t = stored[(i * 61) % stored.length]!;
      const q = hashes(flip(t.p, [i % 64, (i * 7) % 64, (i * 13) % 64]), t.d);
      const expected = stored
        .filter(
          (s) =>
            Math.min(...q.phash.map((p) => hamming64(p, s.p))) <= 6 && hamming64(t.d, s.d) <= 10,
        )
        .map((s) => s.id)
        .sort((a, b) => a - b);
      expect(
        store
          .findNear(q, 100)
          .map((m) => m.documentId)
          .sort((a, b) => a - b),
      ).toEqual(expected);
    }

    // A rotated query (its rotation 2 equals the stored rotation 0) is found with rotation 2.
    const rotatedQuery: ImageHashes = {
      phash: [next(), next(), target.p, next()],
      dhash: [next(), next(), target.d, next()],
    };
    expect(store.findNear(rotatedQuery).find((m) => m.documentId === target.id)).toMatchObject({
      phashDistance: 0,
      rotation: 2,
    });

    // Replacing a document's hashes is idempotent.
    store.add(target.id, hashes(target.p, target.d));
    expect(db.prepare('SELECT count(*) FROM near_hashes').pluck().get()).toBe(3000);
    db.close();
  });
});

describe('re-running the pre-flight on the same document', () => {
  it('is neither an exact nor a near duplicate of itself', async () => {
    const preflight = createPreflight({
      nearDuplicates: createMemoryNearDuplicateStore(),
      ocr: false,
    });
    const card = await renderCard(PERSON_A);
    await runPreflight(preflight, dir, 'doc7.jpg', card, { documentId: 7 });
    const again = await runPreflight(preflight, dir, 'doc7.jpg', card, { documentId: 7 });
    expect(again.verdict).toBe('PASSED');
  });
});
