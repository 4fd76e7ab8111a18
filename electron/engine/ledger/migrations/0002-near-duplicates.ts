import type { Database } from 'better-sqlite3';

/**
 * Perceptual hashes of stored images for near-duplicate search (multi-index hashing).
 *
 * The 64-bit pHash is split into four 16-bit bands b0..b3, each indexed. Two hashes within
 * Hamming distance 6 share at least one band within distance 1 (pigeonhole: four bands each ≥ 2
 * apart would be ≥ 8 apart), so a search probes each band with its 17 one-bit neighbours and
 * filters the few candidates exactly in JS. Hashes are stored as unsigned 32-bit halves so that
 * no 64-bit signed/unsigned juggling is needed in SQL.
 *
 * The 576-bit detail hashes that confirm a candidate (72 bytes each) live in their own table so
 * that the searched table stays small and cache-friendly; they are read only for candidates that
 * pass the hash thresholds.
 */
export function up(db: Database): void {
  db.exec(`
    CREATE TABLE near_hashes (
      document_id INTEGER PRIMARY KEY,
      p_hi INTEGER NOT NULL,
      p_lo INTEGER NOT NULL,
      d_hi INTEGER NOT NULL,
      d_lo INTEGER NOT NULL,
      b0 INTEGER NOT NULL,
      b1 INTEGER NOT NULL,
      b2 INTEGER NOT NULL,
      b3 INTEGER NOT NULL
    );
    CREATE INDEX near_hashes_b0 ON near_hashes(b0);
    CREATE INDEX near_hashes_b1 ON near_hashes(b1);
    CREATE INDEX near_hashes_b2 ON near_hashes(b2);
    CREATE INDEX near_hashes_b3 ON near_hashes(b3);

    CREATE TABLE near_details (
      document_id INTEGER PRIMARY KEY,
      detail BLOB NOT NULL
    );
  `);
}
