import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import {
  greyStats,
  laplacianVariance,
  largestBrightBlob,
  percentile,
  stretchLut,
  type Grey,
} from '../../../electron/engine/checks/image/grey.ts';
import {
  DETAIL_BITS,
  DETAIL_SIZE,
  bestRotationDistance,
  detailFromBytes,
  detailHash,
  detailToBytes,
  dhash,
  hamming64,
  hammingBig,
  imageHashes,
  phash,
  popcount64,
  rotateSquare,
} from '../../../electron/engine/checks/image/hashes.ts';
import {
  estimateJpegQuality,
  readLuminanceTable,
} from '../../../electron/engine/checks/image/jpeg-quality.ts';

function raster(width: number, height: number, f: (x: number, y: number) => number): Grey {
  const data = new Uint8Array(width * height);
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) data[y * width + x] = f(x, y);
  return { data, width, height };
}

describe('grey measures', () => {
  it('variance of the Laplacian: zero on flat and linear ramps, large on fine detail', () => {
    expect(laplacianVariance(raster(50, 40, () => 128))).toBe(0);
    expect(laplacianVariance(raster(50, 40, (x) => x * 4))).toBeCloseTo(0, 6);
    // A checkerboard of 0/255: every interior Laplacian is ±4·255, mean 0 → variance (4·255)².
    expect(laplacianVariance(raster(50, 40, (x, y) => ((x + y) % 2 ? 255 : 0)))).toBeCloseTo(
      (4 * 255) ** 2,
      0,
    );
  });

  it('contrast stretch restores the sharpness of a dim image', () => {
    const sharpImg = raster(60, 60, (x, y) => (((x >> 2) + (y >> 2)) % 2 ? 200 : 20));
    const dim = { ...sharpImg, data: sharpImg.data.map((v) => Math.round(v / 4)) };
    const plain = laplacianVariance(dim);
    const stretched = laplacianVariance(dim, stretchLut(greyStats(dim).histogram));
    expect(stretched).toBeGreaterThan(plain * 10);
  });

  it('stats: mean, shadow and highlight shares, percentiles', () => {
    const img = raster(10, 10, (x) => (x < 3 ? 0 : x < 8 ? 128 : 255));
    const s = greyStats(img);
    expect(s.shadowShare).toBeCloseTo(0.3);
    expect(s.highlightShare).toBeCloseTo(0.2);
    expect(s.mean).toBeCloseTo((50 * 128 + 20 * 255) / 100);
    expect(percentile(s.histogram, 0.5)).toBe(128);
  });

  it('glare is the largest connected bright blob, not the sum of specks', () => {
    const specks = raster(100, 100, (x, y) => (x % 10 === 0 && y % 10 === 0 ? 255 : 100));
    expect(largestBrightBlob(specks, 250)).toBeCloseTo(1 / 10000);
    const spot = raster(100, 100, (x, y) => ((x - 50) ** 2 + (y - 50) ** 2 < 100 ? 255 : 100));
    expect(largestBrightBlob(spot, 250)).toBeGreaterThan(0.025);
  });
});

describe('perceptual hashes', () => {
  it('popcount and Hamming distance over the full 64 bits', () => {
    expect(popcount64(0xffffffffffffffffn)).toBe(64);
    expect(popcount64(0x8000000000000001n)).toBe(2);
    expect(hamming64(0n, 0xf0f0n)).toBe(8);
  });

  it('rotating a square four times returns it; hashes of a rotated thumbnail are the rotated hashes', () => {
    const n = 32;
    const thumb = Uint8Array.from({ length: n * n }, (_, i) => (i * 37) % 251);
    let r: ArrayLike<number> = thumb;
    for (let k = 0; k < 4; k++) r = rotateSquare(r, n);
    expect(Array.from(r)).toEqual(Array.from(thumb));
    const d = Uint8Array.from(
      { length: 72 * 72 },
      (_, i) => ((i % 72) * 3 + Math.floor(i / 72) * 5) % 256,
    );
    const base = imageHashes(thumb, d);
    const turned = imageHashes(
      Uint8Array.from(rotateSquare(thumb, n)),
      Uint8Array.from(rotateSquare(d, 72)),
    );
    // The turned image at rotation 3 (another 270°) is the original at rotation 0.
    expect(turned.phash[3]).toBe(base.phash[0]);
    expect(turned.dhash[3]).toBe(base.dhash[0]);
    expect(bestRotationDistance(turned, base.phash[0]!, base.dhash[0]!)).toEqual({
      phashDistance: 0,
      dhashDistance: 0,
      rotation: 3,
    });
  });

  it('dHash bit = left cell darker than right cell', () => {
    const ramp = Float64Array.from({ length: 72 * 72 }, (_, i) => i % 72);
    expect(dhash(ramp)).toBe(0xffffffffffffffffn);
    const reverse = Float64Array.from({ length: 72 * 72 }, (_, i) => 71 - (i % 72));
    expect(dhash(reverse)).toBe(0n);
  });

  it('pHash ignores brightness shifts (DC is excluded)', () => {
    const img = Float64Array.from(
      { length: 32 * 32 },
      (_, i) => ((i % 32) * 7 + Math.floor(i / 32) * 3) % 200,
    );
    const brighter = img.map((v) => v + 40);
    expect(phash(brighter)).toBe(phash(img));
  });

  it('detail hash: 576 bits, stable under brightness and contrast, turned with the image, stored as 72 bytes', () => {
    const n = DETAIL_SIZE;
    // Broad-spectrum content, like a document (a pure sine would leave most coefficients at ~0).
    const img = Uint8Array.from(
      { length: n * n },
      (_, i) => 40 + ((((i % n) >> 3) * 7919 + (Math.floor(i / n) >> 3) * 104729) % 170),
    );
    const h = detailHash(img);
    expect(h < 1n << BigInt(DETAIL_BITS)).toBe(true);
    expect(hammingBig(h, detailHash(img.map((v) => Math.round(v * 0.8 + 20))))).toBeLessThanOrEqual(
      4,
    );
    const other = Uint8Array.from(
      { length: n * n },
      (_, i) => 40 + ((((i % n) >> 3) * 6151 + (Math.floor(i / n) >> 3) * 3571) % 170),
    );
    expect(hammingBig(h, detailHash(other))).toBeGreaterThan(150);
    const all = imageHashes(new Uint8Array(32 * 32), new Uint8Array(72 * 72), img);
    expect(all.detail).toHaveLength(4);
    expect(all.detail![1]).toBe(detailHash(Uint8Array.from(rotateSquare(img, n))));
    const bytes = detailToBytes(h);
    expect(bytes).toHaveLength(72);
    expect(detailFromBytes(bytes)).toBe(h);
  });
});

describe('JPEG quality from the quantisation table', () => {
  it('recovers the encoder quality setting within a few points', async () => {
    const src = await sharp({ create: { width: 64, height: 64, channels: 3, background: '#8ac' } })
      .png()
      .toBuffer();
    for (const q of [10, 25, 50, 75, 90]) {
      const jpeg = await sharp(src).jpeg({ quality: q }).toBuffer();
      const table = readLuminanceTable(jpeg);
      expect(table).not.toBeNull();
      expect(Math.abs(estimateJpegQuality(table!) - q)).toBeLessThanOrEqual(3);
    }
  });

  it('returns null for data that is not a JPEG', () => {
    expect(readLuminanceTable(Buffer.from('%PDF-1.7'))).toBeNull();
  });
});
