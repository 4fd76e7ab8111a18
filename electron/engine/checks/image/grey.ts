/**
 * Measurements on 8-bit greyscale rasters (one byte per pixel, row-major). Pure functions so that
 * they can be tested on hand-made rasters; decoding lives in decode.ts.
 */
export interface Grey {
  data: Uint8Array;
  width: number;
  height: number;
}

/**
 * Variance of the 4-neighbour Laplacian over interior pixels (OpenCV `Laplacian(ksize=1).var()`),
 * the usual focus measure (domain-checks.md §4.2). `lut` optionally remaps grey levels first
 * (contrast stretch) so that a dark photo is not also reported as blurry.
 */
export function laplacianVariance(img: Grey, lut?: Uint8Array): number {
  const { width: w, height: h } = img;
  // Remap once up front: a per-pixel lookup inside the 5-point stencil would do it 5× over.
  const data = lut ? img.data.map((v) => lut[v]!) : img.data;
  let sum = 0;
  let sumSq = 0;
  for (let y = 1; y < h - 1; y++) {
    let i = y * w + 1;
    const end = y * w + w - 1;
    for (; i < end; i++) {
      const l = data[i - w]! + data[i + w]! + data[i - 1]! + data[i + 1]! - 4 * data[i]!;
      sum += l;
      sumSq += l * l;
    }
  }
  const n = Math.max(0, w - 2) * Math.max(0, h - 2);
  if (n === 0) return 0;
  const mean = sum / n;
  return sumSq / n - mean * mean;
}

export interface GreyStats {
  mean: number;
  stdev: number;
  /** Share (0–1) of pixels at or below SHADOW_LEVEL. */
  shadowShare: number;
  /** Share (0–1) of pixels at or above HIGHLIGHT_LEVEL. */
  highlightShare: number;
  histogram: Uint32Array;
}

/** Levels from domain-checks.md §4.2: "≤ 16" is crushed shadow, "≥ 245" is blown highlight. */
export const SHADOW_LEVEL = 16;
export const HIGHLIGHT_LEVEL = 245;

export function greyStats(img: Grey): GreyStats {
  const histogram = new Uint32Array(256);
  for (let i = 0; i < img.data.length; i++) histogram[img.data[i]!]!++;
  const n = img.data.length || 1;
  let sum = 0;
  let sumSq = 0;
  let shadow = 0;
  let high = 0;
  for (let v = 0; v < 256; v++) {
    const c = histogram[v]!;
    sum += v * c;
    sumSq += v * v * c;
    if (v <= SHADOW_LEVEL) shadow += c;
    if (v >= HIGHLIGHT_LEVEL) high += c;
  }
  const mean = sum / n;
  return {
    mean,
    stdev: Math.sqrt(Math.max(0, sumSq / n - mean * mean)),
    shadowShare: shadow / n,
    highlightShare: high / n,
    histogram,
  };
}

/** Grey level below which `fraction` of the pixels lie. */
export function percentile(histogram: Uint32Array, fraction: number): number {
  let total = 0;
  for (const c of histogram) total += c;
  const target = fraction * total;
  let acc = 0;
  for (let v = 0; v < 256; v++) {
    acc += histogram[v]!;
    if (acc >= target) return v;
  }
  return 255;
}

/** Lookup table stretching the 1st–99th percentile range to 0–255 (identity when already wide). */
export function stretchLut(histogram: Uint32Array): Uint8Array {
  const lo = percentile(histogram, 0.01);
  const hi = percentile(histogram, 0.99);
  const lut = new Uint8Array(256);
  const span = Math.max(1, hi - lo);
  for (let v = 0; v < 256; v++)
    lut[v] = Math.max(0, Math.min(255, Math.round(((v - lo) * 255) / span)));
  return lut;
}

/**
 * Largest 4-connected blob of pixels ≥ `level`, as a share of the image (glare, §4.2). Scattered
 * bright specks do not add up: only one contiguous region counts.
 */
export function largestBrightBlob(img: Grey, level: number): number {
  const { data, width: w, height: h } = img;
  if (!data.some((v) => v >= level)) return 0;
  const seen = new Uint8Array(data.length);
  const stack = new Int32Array(data.length);
  let best = 0;
  for (let start = 0; start < data.length; start++) {
    if (seen[start] || data[start]! < level) continue;
    let top = 0;
    let size = 0;
    stack[top++] = start;
    seen[start] = 1;
    while (top > 0) {
      const i = stack[--top]!;
      size++;
      const x = i % w;
      const neighbours = [x > 0 ? i - 1 : -1, x < w - 1 ? i + 1 : -1, i - w, i + w];
      for (const j of neighbours) {
        if (j >= 0 && j < data.length && !seen[j] && data[j]! >= level) {
          seen[j] = 1;
          stack[top++] = j;
        }
      }
    }
    if (size > best) best = size;
  }
  return best / (w * h || 1);
}
