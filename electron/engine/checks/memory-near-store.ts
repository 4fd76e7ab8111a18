/**
 * In-memory near-duplicate store for loose files (CLI `check`): a linear scan, which is fine for
 * the handful of files a person checks at once. The ledger uses SqliteNearDuplicateStore.
 */
import { matchCandidates, type ImageHashes, type NearMatch } from './image/hashes.ts';
import type { NearDuplicateStore } from './types.ts';

export function createMemoryNearDuplicateStore(): NearDuplicateStore {
  const entries = new Map<number, { phash: bigint; dhash: bigint; detail: bigint | null }>();
  return {
    add(documentId: number, hashes: ImageHashes): void {
      const phash = hashes.phash[0];
      const dhash = hashes.dhash[0];
      if (phash === undefined || dhash === undefined) throw new TypeError('hashes need rotation 0');
      entries.set(documentId, { phash, dhash, detail: hashes.detail?.[0] ?? null });
    },
    findNear(hashes: ImageHashes, limit = 10): NearMatch[] {
      return matchCandidates(
        hashes,
        [...entries].map(([documentId, e]) => ({ documentId, ...e })),
        limit,
      );
    },
  };
}
