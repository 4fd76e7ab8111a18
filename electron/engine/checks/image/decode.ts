/**
 * Decoding an image once, upright (EXIF orientation applied first), into the greyscale renditions
 * every image check needs. sharp's pixel limit guards against decompression bombs.
 */
import sharp, { type Metadata, type Sharp } from 'sharp';
import type { Grey } from './grey.ts';
import { DETAIL_SIZE, DHASH_SOURCE, PHASH_SIZE } from './hashes.ts';
import { MEASURE_LONG_SIDE } from './thresholds.ts';

/** Detail renditions are capped: beyond this the upscale check gains nothing and memory grows. */
const DETAIL_MAX_LONG_SIDE = 2000;

export interface DecodedImage {
  format: string;
  /** Upright size (after EXIF orientation). */
  width: number;
  height: number;
  orientation: number;
  pages: number;
  /** Long side scaled to MEASURE_LONG_SIDE. */
  measure: Grey;
  /** Long side min(native, 2000) and half of that, for the upscale check. */
  detail: Grey;
  detailHalf: Grey;
  phashThumb: Uint8Array;
  dhashThumb: Uint8Array;
  detailThumb: Uint8Array;
}

export type ImageProblem =
  | { kind: 'bomb'; width: number; height: number; limit: number }
  | { kind: 'truncated'; message: string }
  | { kind: 'unsupported'; format: string | null; message: string }
  | { kind: 'corrupt'; message: string };

export class ImageDecodeError extends Error {
  constructor(readonly problem: ImageProblem) {
    super(problem.kind === 'bomb' ? 'pixel limit exceeded' : problem.message);
  }
}

export function classifySharpError(err: unknown, format: string | null): ImageProblem {
  const message = err instanceof Error ? err.message : String(err);
  if (
    /premature end|truncat|unexpected end|short read|not enough data|end of (file|stream)/i.test(
      message,
    )
  )
    return { kind: 'truncated', message };
  if (
    /unsupported image format|unsupported (codec|feature)|no decoder|compression format .* not supported/i.test(
      message,
    )
  ) {
    return { kind: 'unsupported', format, message };
  }
  return { kind: 'corrupt', message };
}

async function rawGrey(pipeline: Sharp): Promise<Grey> {
  // Without an explicit colour space, sharp writes 1-channel raw input back out as 3-channel sRGB.
  const { data, info } = await pipeline
    .toColourspace('b-w')
    .raw()
    .toBuffer({ resolveWithObject: true });
  if (info.channels !== 1) throw new Error(`expected a 1-channel raster, got ${info.channels}`);
  return {
    data: new Uint8Array(data.buffer, data.byteOffset, data.length),
    width: info.width,
    height: info.height,
  };
}

function fromRaw(g: Grey): Sharp {
  return sharp(Buffer.from(g.data.buffer, g.data.byteOffset, g.data.length), {
    raw: { width: g.width, height: g.height, channels: 1 },
  });
}

function scaledSize(
  width: number,
  height: number,
  longSide: number,
): { width: number; height: number } {
  const s = longSide / Math.max(width, height);
  return { width: Math.max(1, Math.round(width * s)), height: Math.max(1, Math.round(height * s)) };
}

export async function decodeImage(bytes: Buffer, maxPixels: number): Promise<DecodedImage> {
  let meta: Metadata;
  try {
    meta = await sharp(bytes, { limitInputPixels: false }).metadata();
  } catch (err) {
    throw new ImageDecodeError(classifySharpError(err, null));
  }
  const format = meta.format ?? 'unknown';
  const storedW = meta.width ?? 0;
  const storedH = meta.height ?? 0;
  // Checked before decoding: the header alone says how much memory decoding would take.
  if (storedW * storedH > maxPixels)
    throw new ImageDecodeError({ kind: 'bomb', width: storedW, height: storedH, limit: maxPixels });
  const orientation = meta.orientation ?? 1;
  const swap = orientation >= 5 && orientation <= 8;
  const width = swap ? storedH : storedW;
  const height = swap ? storedW : storedH;

  let detail: Grey;
  try {
    const longSide = Math.min(Math.max(width, height), DETAIL_MAX_LONG_SIDE);
    const size = scaledSize(width, height, longSide);
    detail = await rawGrey(
      // Transparent areas become white paper, not black, before the alpha channel is dropped.
      sharp(bytes, { limitInputPixels: maxPixels, failOn: 'truncated' })
        .rotate()
        .flatten({ background: '#ffffff' })
        .greyscale()
        .resize(size.width, size.height, { fit: 'fill' }),
    );
  } catch (err) {
    throw new ImageDecodeError(classifySharpError(err, format));
  }
  const measureSize = scaledSize(width, height, MEASURE_LONG_SIDE);
  const halfSize = {
    width: Math.max(1, Math.round(detail.width / 2)),
    height: Math.max(1, Math.round(detail.height / 2)),
  };
  const [measure, detailHalf, phashThumb, dhashThumb, detailThumb] = await Promise.all([
    rawGrey(fromRaw(detail).resize(measureSize.width, measureSize.height, { fit: 'fill' })),
    rawGrey(fromRaw(detail).resize(halfSize.width, halfSize.height, { fit: 'fill' })),
    rawGrey(fromRaw(detail).resize(PHASH_SIZE, PHASH_SIZE, { fit: 'fill' })),
    rawGrey(fromRaw(detail).resize(DHASH_SOURCE, DHASH_SOURCE, { fit: 'fill' })),
    rawGrey(fromRaw(detail).resize(DETAIL_SIZE, DETAIL_SIZE, { fit: 'fill' })),
  ]);
  return {
    format,
    width,
    height,
    orientation,
    pages: meta.pages ?? 1,
    measure,
    detail,
    detailHalf,
    phashThumb: phashThumb.data,
    dhashThumb: dhashThumb.data,
    detailThumb: detailThumb.data,
  };
}

/** An upright, contrast-normalised greyscale PNG of the image for OCR (text wants ~300 DPI). */
export async function ocrRendition(
  bytes: Buffer,
  maxPixels: number,
  longSide: number,
): Promise<Buffer> {
  return sharp(bytes, { limitInputPixels: maxPixels, failOn: 'none' })
    .rotate()
    .flatten({ background: '#ffffff' })
    .greyscale()
    .resize({ width: longSide, height: longSide, fit: 'inside', withoutEnlargement: false })
    .normalise()
    .png({ compressionLevel: 1 })
    .toBuffer();
}
