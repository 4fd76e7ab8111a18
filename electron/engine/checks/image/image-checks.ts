/**
 * Everything CheckDesk checks on an image file: it decodes safely, its quality, and whether the
 * same picture was seen before.
 */
import type { DocumentKind } from '../../../../shared/model.ts';
import { makeCheck, reason } from '../check-builder.ts';
import type { PreflightCheck } from '../types.ts';
import { decodeImage, ImageDecodeError, type DecodedImage } from './decode.ts';
import { imageHashes, type ImageHashes } from './hashes.ts';
import { imageQualityChecks } from './quality.ts';

export interface ImageCheckResult {
  checks: PreflightCheck[];
  decoded: DecodedImage | null;
  hashes: ImageHashes | null;
}

export async function imageChecks(
  bytes: Buffer,
  mime: string,
  kind: DocumentKind,
  maxPixels: number,
): Promise<ImageCheckResult> {
  let decoded: DecodedImage;
  try {
    decoded = await decodeImage(bytes, maxPixels);
  } catch (err) {
    if (!(err instanceof ImageDecodeError)) throw err;
    return { checks: [decodeFailure(err, mime)], decoded: null, hashes: null };
  }
  const checks: PreflightCheck[] = [
    makeCheck('FILE_INTEGRITY', 'image_decode', 'PASS', {
      reasons:
        decoded.pages > 1
          ? [
              reason(
                'MULTI_PAGE_IMAGE',
                'INFO',
                `The image file has ${decoded.pages} pages; only the first was checked.`,
              ),
            ]
          : [],
      details: {
        format: decoded.format,
        width: decoded.width,
        height: decoded.height,
        exifOrientation: decoded.orientation,
      },
    }),
    ...imageQualityChecks(decoded, kind, bytes),
  ];
  const hashes = imageHashes(decoded.phashThumb, decoded.dhashThumb, decoded.detailThumb);
  return { checks, decoded, hashes };
}

function decodeFailure(err: ImageDecodeError, mime: string): PreflightCheck {
  const p = err.problem;
  if (mime === 'image/heic' && p.kind !== 'bomb') {
    // sharp's bundled libheif reads AVIF but not HEVC-coded HEIC, so these fail to open here.
    return makeCheck('FILE_INTEGRITY', 'image_decode', 'FAIL', {
      reasons: [
        reason(
          'UNSUPPORTED_FORMAT',
          'ERROR',
          'HEIC photos (the iPhone default) cannot be checked or sent. Export or save the photo as JPEG and add it again.',
        ),
      ],
    });
  }
  switch (p.kind) {
    case 'bomb':
      return makeCheck('FILE_INTEGRITY', 'image_decode', 'FAIL', {
        reasons: [
          reason(
            'DECOMPRESSION_BOMB',
            'ERROR',
            `The image claims to be ${p.width}×${p.height} pixels (${Math.round((p.width * p.height) / 1e6)} megapixels), more than the ${Math.round(p.limit / 1e6)} megapixels allowed; opening it could exhaust memory. It was not opened.`,
          ),
        ],
        details: { width: p.width, height: p.height, limitPixels: p.limit },
      });
    case 'truncated':
      return makeCheck('FILE_INTEGRITY', 'image_decode', 'FAIL', {
        reasons: [
          reason(
            'TRUNCATED_IMAGE',
            'ERROR',
            'The image file is cut off (part of the picture is missing). Copy or scan it again.',
          ),
        ],
      });
    case 'unsupported':
      return makeCheck('FILE_INTEGRITY', 'image_decode', 'FAIL', {
        reasons: [
          reason(
            'UNSUPPORTED_FORMAT',
            'ERROR',
            `This image format (${p.format ?? mime}) cannot be read. Provide a JPEG or PNG.`,
          ),
        ],
      });
    case 'corrupt':
      return makeCheck('FILE_INTEGRITY', 'image_decode', 'FAIL', {
        reasons: [
          reason(
            'CORRUPT_IMAGE',
            'ERROR',
            `The image file is damaged and cannot be opened (${p.message.split('\n')[0]}). Get the original file again.`,
          ),
        ],
      });
  }
}
