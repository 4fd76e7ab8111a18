/**
 * Perceptual hashes for near-duplicate detection (domain-checks.md §5): 64-bit pHash (DCT of a
 * 32×32 grey thumbnail, coefficients [1..8]×[1..8] against their mean) and 64-bit dHash (9×8,
 * left < right), each for the four rotations 0°, 90°, 180°, 270° clockwise (R-DUP-2).
 *
 * Rotating the square thumbnail is exact for multiples of 90°, so one decode serves all four.
 */
export interface ImageHashes {
  /** Index = clockwise rotation 0°, 90°, 180°, 270° of the upright (EXIF-applied) image. */
  phash: bigint[];
  dhash: bigint[];
  /** 576-bit detail hashes per rotation, to confirm candidates (see detailHash). */
  detail?: bigint[];
}

export const PHASH_SIZE = 32;
/** dHash thumbnail: 72×72 so that area-averaging to 9×8 uses whole 8×9-pixel cells. */
export const DHASH_SOURCE = 72;

/** Rotates a square n×n raster by 90° clockwise. */
export function rotateSquare(src: ArrayLike<number>, n: number): Float64Array {
  const out: Float64Array = new Float64Array(n * n);
  for (let y = 0; y < n; y++)
    for (let x = 0; x < n; x++) out[x * n + (n - 1 - y)] = src[y * n + x]!;
  return out;
}

const COS = (() => {
  const n = PHASH_SIZE;
  const t = new Float64Array(n * n);
  for (let k = 0; k < n; k++)
    for (let i = 0; i < n; i++) t[k * n + i] = Math.cos(((2 * i + 1) * k * Math.PI) / (2 * n));
  return t;
})();

export function phash(pixels: Float64Array): bigint {
  const n = PHASH_SIZE;
  // Separable 2-D DCT-II; only the first 9 rows/columns of coefficients are needed.
  const rows = new Float64Array(9 * n);
  for (let y = 0; y < n; y++) {
    for (let k = 0; k < 9; k++) {
      let s = 0;
      for (let x = 0; x < n; x++) s += pixels[y * n + x]! * COS[k * n + x]!;
      rows[k * n + y] = s;
    }
  }
  const coeffs: number[] = [];
  for (let v = 1; v < 9; v++) {
    for (let u = 1; u < 9; u++) {
      let s = 0;
      for (let y = 0; y < n; y++) s += rows[u * n + y]! * COS[v * n + y]!;
      coeffs.push(s);
    }
  }
  const mean = coeffs.reduce((a, b) => a + b, 0) / coeffs.length;
  let h = 0n;
  for (const c of coeffs) h = (h << 1n) | (c > mean ? 1n : 0n);
  return h;
}

export function dhash(pixels: Float64Array, n = DHASH_SOURCE): bigint {
  const cw = n / 9;
  const ch = n / 8;
  const cells = new Float64Array(72);
  for (let y = 0; y < n; y++) {
    const cy = Math.floor(y / ch);
    for (let x = 0; x < n; x++) cells[cy * 9 + Math.floor(x / cw)]! += pixels[y * n + x]!;
  }
  let h = 0n;
  for (let y = 0; y < 8; y++)
    for (let x = 0; x < 8; x++)
      h = (h << 1n) | (cells[y * 9 + x]! < cells[y * 9 + x + 1]! ? 1n : 0n);
  return h;
}

/** Hashes for the four rotations from the square thumbnails of the upright image. */
export function imageHashes(
  phashThumb: Uint8Array,
  dhashThumb: Uint8Array,
  detailThumb?: Uint8Array,
): ImageHashes {
  const out: ImageHashes = { phash: [], dhash: [] };
  let p: Float64Array = Float64Array.from(phashThumb);
  let d: Float64Array = Float64Array.from(dhashThumb);
  let t: Float64Array | null = detailThumb ? Float64Array.from(detailThumb) : null;
  if (t) out.detail = [];
  for (let r = 0; r < 4; r++) {
    out.phash.push(phash(p));
    out.dhash.push(dhash(d));
    if (t) out.detail!.push(detailHash(t));
    p = rotateSquare(p, PHASH_SIZE);
    d = rotateSquare(d, DHASH_SOURCE);
    if (t) t = rotateSquare(t, DETAIL_SIZE);
  }
  return out;
}

export function popcount64(x: bigint): number {
  return popcount32(Number(x >> 32n)) + popcount32(Number(x & 0xffffffffn));
}

export function popcount32(v: number): number {
  v = v - ((v >>> 1) & 0x55555555);
  v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
  return (((v + (v >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}

export function hamming64(a: bigint, b: bigint): number {
  return popcount64(a ^ b);
}

/** R-DUP-3 candidate thresholds for 64-bit hashes. */
export const PHASH_MAX_DISTANCE = 6;
export const DHASH_MAX_DISTANCE = 10;

export interface HashDistance {
  phashDistance: number;
  dhashDistance: number;
  /** Clockwise rotation (0–3 quarter turns) of the new image that best matches the stored one. */
  rotation: number;
}

/**
 * Distance between a new image (all four rotations) and a stored one (rotation 0): the rotation
 * with the smallest pHash distance, dHash breaking ties (R-DUP-2).
 */
export function bestRotationDistance(
  query: ImageHashes,
  storedPhash: bigint,
  storedDhash: bigint,
): HashDistance {
  let best: HashDistance | null = null;
  let bestNear = false;
  for (let r = 0; r < 4; r++) {
    const candidate = {
      phashDistance: hamming64(query.phash[r]!, storedPhash),
      dhashDistance: hamming64(query.dhash[r]!, storedDhash),
      rotation: r,
    };
    const near = isNearDuplicate(candidate);
    // A rotation within both thresholds beats one that is not; then the smaller pHash, then dHash.
    if (
      !best ||
      (near && !bestNear) ||
      (near === bestNear &&
        (candidate.phashDistance < best.phashDistance ||
          (candidate.phashDistance === best.phashDistance &&
            candidate.dhashDistance < best.dhashDistance)))
    ) {
      best = candidate;
      bestNear = near;
    }
  }
  return best!;
}

export function isNearDuplicate(d: HashDistance): boolean {
  return d.phashDistance <= PHASH_MAX_DISTANCE && d.dhashDistance <= DHASH_MAX_DISTANCE;
}

/**
 * Content confirmation for hash candidates (R-DUP-3/4). The 64-bit hashes cannot tell two people on
 * the same KTP template apart (distance 0–4 on the test cards), so candidates are confirmed with a
 * finer "detail hash": 576 bits, one per DCT coefficient [1..24]×[1..24] of a 128×128 thumbnail,
 * set when above the median. Measured on the test cards: the same capture re-encoded, resized,
 * darkened, upscaled or turned stays within 16 bits; different people on the same template differ
 * by 40 or more. A re-used photo with only the name/NIK text changed lands near 16, and is
 * reported — that is the "same photo, edited text" case R-DUP-3 wants a person to see.
 */
export const DETAIL_SIZE = 128;
const DETAIL_COEFFS = 24;
export const DETAIL_BITS = DETAIL_COEFFS * DETAIL_COEFFS;
export const DETAIL_MAX_DISTANCE = 28;

const DETAIL_COS = (() => {
  const n = DETAIL_SIZE;
  const t = new Float64Array((DETAIL_COEFFS + 1) * n);
  for (let k = 0; k <= DETAIL_COEFFS; k++)
    for (let i = 0; i < n; i++) t[k * n + i] = Math.cos(((2 * i + 1) * k * Math.PI) / (2 * n));
  return t;
})();

export function detailHash(pixels: ArrayLike<number>): bigint {
  const n = DETAIL_SIZE;
  const k = DETAIL_COEFFS;
  const rows = new Float64Array((k + 1) * n);
  for (let y = 0; y < n; y++) {
    for (let u = 1; u <= k; u++) {
      let s = 0;
      for (let x = 0; x < n; x++) s += pixels[y * n + x]! * DETAIL_COS[u * n + x]!;
      rows[u * n + y] = s;
    }
  }
  const coeffs = new Float64Array(k * k);
  let i = 0;
  for (let v = 1; v <= k; v++) {
    for (let u = 1; u <= k; u++) {
      let s = 0;
      for (let y = 0; y < n; y++) s += rows[u * n + y]! * DETAIL_COS[v * n + y]!;
      coeffs[i++] = s;
    }
  }
  const median = Float64Array.from(coeffs).sort()[coeffs.length >> 1]!;
  let h = 0n;
  for (const c of coeffs) h = (h << 1n) | (c > median ? 1n : 0n);
  return h;
}

export function hammingBig(a: bigint, b: bigint): number {
  let x = a ^ b;
  let n = 0;
  while (x > 0n) {
    n += popcount64(x & 0xffffffffffffffffn);
    x >>= 64n;
  }
  return n;
}

export function detailToBytes(h: bigint): Uint8Array {
  const out = new Uint8Array(DETAIL_BITS / 8);
  for (let i = out.length - 1; i >= 0; i--) {
    out[i] = Number(h & 0xffn);
    h >>= 8n;
  }
  return out;
}

export function detailFromBytes(bytes: Uint8Array): bigint {
  let h = 0n;
  for (const b of bytes) h = (h << 8n) | BigInt(b);
  return h;
}

export interface NearMatch {
  documentId: number;
  phashDistance: number;
  dhashDistance: number;
  /** Quarter turns clockwise of the new image that match the stored one. */
  rotation: number;
  /** Detail-hash distance (of DETAIL_BITS) at that rotation; null when either side has none. */
  detailDistance: number | null;
}

/** Shared by every store: distance, thresholds, detail distance; nearest first. */
export function matchCandidates(
  query: ImageHashes,
  candidates: Iterable<{
    documentId: number;
    phash: bigint;
    dhash: bigint;
    detail: bigint | null | (() => bigint | null);
  }>,
  limit: number,
): NearMatch[] {
  const out: NearMatch[] = [];
  for (const c of candidates) {
    const d = bestRotationDistance(query, c.phash, c.dhash);
    if (!isNearDuplicate(d)) continue;
    const stored = typeof c.detail === 'function' ? c.detail() : c.detail;
    const q = query.detail?.[d.rotation];
    out.push({
      documentId: c.documentId,
      phashDistance: d.phashDistance,
      dhashDistance: d.dhashDistance,
      rotation: d.rotation,
      detailDistance: q !== undefined && stored !== null ? hammingBig(q, stored) : null,
    });
  }
  out.sort(
    (a, b) =>
      a.phashDistance + a.dhashDistance - (b.phashDistance + b.dhashDistance) ||
      a.documentId - b.documentId,
  );
  return out.slice(0, limit);
}
