/**
 * Near-duplicate hash store on the ledger (table near_hashes, migration 0002). Search is
 * multi-index hashing: four 16-bit pHash bands, each probed with its value and its 16 one-bit
 * neighbours for each of the query's four rotations, then an exact Hamming filter in JS on the
 * few candidates. Stays in the low milliseconds with a million stored images
 * (test/bench/checks.bench.ts).
 */
import type { Database, Statement } from 'better-sqlite3';
import {
  DHASH_MAX_DISTANCE,
  PHASH_MAX_DISTANCE,
  detailFromBytes,
  detailToBytes,
  matchCandidates,
  popcount32,
  type ImageHashes,
  type NearMatch,
} from '../checks/image/hashes.ts';
import type { NearDuplicateStore } from '../checks/types.ts';

const BANDS = 4;
/** Values probed per band: 4 rotations × (1 + 16 one-bit neighbours). */
const PROBES = 4 * 17;

/** document_id, p_hi, p_lo, d_hi, d_lo (statements run in raw mode: arrays are cheaper than objects). */
type HashRow = [number, number, number, number, number];

function halves(h: bigint): [number, number] {
  return [Number((h >> 32n) & 0xffffffffn), Number(h & 0xffffffffn)];
}

function bands(h: bigint): number[] {
  return [
    Number((h >> 48n) & 0xffffn),
    Number((h >> 32n) & 0xffffn),
    Number((h >> 16n) & 0xffffn),
    Number(h & 0xffffn),
  ];
}

export class SqliteNearDuplicateStore implements NearDuplicateStore {
  private readonly insert: Statement;
  private readonly insertDetail: Statement;
  private readonly deleteDetail: Statement;
  private readonly byBand: Statement[];
  private readonly detailOf: Statement;

  constructor(private readonly db: Database) {
    this.insert = db.prepare(
      'INSERT OR REPLACE INTO near_hashes (document_id, p_hi, p_lo, d_hi, d_lo, b0, b1, b2, b3) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
    );
    this.insertDetail = db.prepare(
      'INSERT OR REPLACE INTO near_details (document_id, detail) VALUES (?, ?)',
    );
    this.deleteDetail = db.prepare('DELETE FROM near_details WHERE document_id = ?');
    const placeholders = Array.from({ length: PROBES }, () => '?').join(', ');
    this.byBand = Array.from({ length: BANDS }, (_, i) =>
      db
        .prepare(
          `SELECT document_id, p_hi, p_lo, d_hi, d_lo FROM near_hashes WHERE b${i} IN (${placeholders})`,
        )
        .raw(true),
    );
    this.detailOf = db.prepare('SELECT detail FROM near_details WHERE document_id = ?').pluck();
  }

  add(documentId: number, hashes: ImageHashes): void {
    const p = hashes.phash[0];
    const d = hashes.dhash[0];
    if (p === undefined || d === undefined) throw new TypeError('hashes need rotation 0');
    const write = (): void => {
      this.insert.run(documentId, ...halves(p), ...halves(d), ...bands(p));
      const detail = hashes.detail?.[0];
      if (detail !== undefined)
        this.insertDetail.run(documentId, Buffer.from(detailToBytes(detail)));
      else this.deleteDetail.run(documentId);
    };
    // Inside a caller's transaction (bulk import) a nested savepoint per row would only cost time.
    if (this.db.inTransaction) write();
    else this.db.transaction(write)();
  }

  findNear(hashes: ImageHashes, limit = 10): NearMatch[] {
    const qp = hashes.phash.map(halves);
    const qd = hashes.dhash.map(halves);
    const seen = new Set<number>();
    const passing: {
      documentId: number;
      phash: bigint;
      dhash: bigint;
      detail: () => bigint | null;
    }[] = [];
    for (let band = 0; band < BANDS; band++) {
      const values: number[] = [];
      for (const h of hashes.phash) {
        const v = bands(h)[band]!;
        values.push(v);
        for (let bit = 0; bit < 16; bit++) values.push(v ^ (1 << bit));
      }
      while (values.length < PROBES) values.push(-1);
      for (const row of this.byBand[band]!.all(...values.slice(0, PROBES)) as HashRow[]) {
        const [id, pHi, pLo, dHi, dLo] = row;
        if (seen.has(id)) continue;
        seen.add(id);
        // Exact Hamming filter on 32-bit halves; only the few survivors become BigInts.
        let near = false;
        for (let r = 0; r < qp.length && !near; r++) {
          const [qpHi, qpLo] = qp[r]!;
          const [qdHi, qdLo] = qd[r] ?? qd[0]!;
          near =
            popcount32((qpHi ^ pHi) >>> 0) + popcount32((qpLo ^ pLo) >>> 0) <= PHASH_MAX_DISTANCE &&
            popcount32((qdHi ^ dHi) >>> 0) + popcount32((qdLo ^ dLo) >>> 0) <= DHASH_MAX_DISTANCE;
        }
        if (!near) continue;
        passing.push({
          documentId: id,
          phash: (BigInt(pHi) << 32n) | BigInt(pLo),
          dhash: (BigInt(dHi) << 32n) | BigInt(dLo),
          // Read only for candidates that pass the hash thresholds (usually none or one).
          detail: () => {
            const bytes = this.detailOf.get(id) as Buffer | undefined;
            return bytes ? detailFromBytes(bytes) : null;
          },
        });
      }
    }
    return matchCandidates(hashes, passing, limit);
  }
}
