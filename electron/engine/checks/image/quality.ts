/**
 * DOC_QUALITY checks on a decoded image (domain-checks.md §4): blur, dark, overexposed, glare,
 * contrast, resolution/effective DPI, upscaling, JPEG compression. Each problem is reported once:
 * a dark photo is not also called blurry or low-contrast, an overexposed one is not called glary.
 */
import type { DocumentKind } from '../../../../shared/model.ts';
import { makeCheck, notRun, reason, score } from '../check-builder.ts';
import type { PreflightCheck } from '../types.ts';
import type { DecodedImage } from './decode.ts';
import { greyStats, laplacianVariance, largestBrightBlob, percentile, stretchLut } from './grey.ts';
import { estimateJpegQuality, readLuminanceTable } from './jpeg-quality.ts';
import * as T from './thresholds.ts';

type Profile = 'card' | 'selfie' | 'page';

export function profileOf(kind: DocumentKind): Profile {
  if (kind === 'KTP' || kind === 'NPWP' || kind === 'PASSPORT' || kind === 'STNK') return 'card';
  if (kind === 'SELFIE') return 'selfie';
  return 'page';
}

const KIND_LABEL: Partial<Record<DocumentKind, string>> = {
  KTP: 'a KTP',
  NPWP: 'an NPWP card',
  PASSPORT: 'a passport page',
  STNK: 'an STNK',
};

const pct = (share: number): string => `${(share * 100).toFixed(share < 0.1 ? 1 : 0)}%`;

export function imageQualityChecks(
  img: DecodedImage,
  kind: DocumentKind,
  bytes: Uint8Array,
): PreflightCheck[] {
  const profile = profileOf(kind);
  const stats = greyStats(img.measure);
  const checks: PreflightCheck[] = [];
  const noun = profile === 'page' ? 'page' : 'photo';

  // Dark / overexposed first: they explain blur and contrast scores, not the other way round.
  const dark = stats.mean < T.DARK_MAX_MEAN || stats.shadowShare > T.DARK_MAX_SHADOW_SHARE;
  checks.push(
    makeCheck('DOC_QUALITY', 'dark', dark ? 'FAIL' : 'PASS', {
      reasons: dark
        ? [
            reason(
              'TOO_DARK',
              'ERROR',
              stats.mean < T.DARK_MAX_MEAN
                ? `The ${noun} is too dark: average brightness ${Math.round(stats.mean)} of 255, needs at least ${T.DARK_MAX_MEAN}. Retake it in better light.`
                : `The ${noun} is too dark: ${pct(stats.shadowShare)} of it is nearly black (limit ${pct(T.DARK_MAX_SHADOW_SHARE)}). Retake it in better light.`,
            ),
          ]
        : [],
      score: score(
        stats.mean,
        'mean-grey-0-255',
        T.DARK_MAX_MEAN,
        'HIGHER_IS_BETTER',
        stats.mean / 255,
      ),
      details: { meanGrey: Math.round(stats.mean), shadowShare: round3(stats.shadowShare) },
    }),
  );

  const p1 = percentile(stats.histogram, 0.01);
  const p99 = percentile(stats.histogram, 0.99);
  const washedOut = stats.mean > T.BRIGHT_MIN_MEAN && p1 > T.WASHED_OUT_MIN_DARKEST;
  // White paper is mostly "blown out" by nature, so pages are judged on washed-out ink only.
  const overexposed =
    profile === 'page'
      ? washedOut
      : washedOut || stats.highlightShare > T.BRIGHT_MAX_HIGHLIGHT_SHARE;
  checks.push(
    makeCheck('DOC_QUALITY', 'overexposed', overexposed ? 'FAIL' : 'PASS', {
      reasons: overexposed
        ? [
            reason(
              'OVEREXPOSED',
              'ERROR',
              profile === 'page'
                ? `The page is washed out: even the darkest text is light grey (level ${p1} of 255). Rescan it with less light or lower brightness.`
                : stats.highlightShare > T.BRIGHT_MAX_HIGHLIGHT_SHARE
                  ? `The ${noun} is overexposed: ${pct(stats.highlightShare)} of it is blown out to white (limit ${pct(T.BRIGHT_MAX_HIGHLIGHT_SHARE)}). Retake it with less light.`
                  : `The ${noun} is washed out: even the darkest parts are light grey (level ${p1} of 255). Retake it with less light.`,
            ),
          ]
        : [],
      score: score(
        stats.highlightShare,
        'share-of-pixels-above-245',
        T.BRIGHT_MAX_HIGHLIGHT_SHARE,
        'LOWER_IS_BETTER',
        stats.highlightShare,
      ),
    }),
  );

  // Blur on the contrast-stretched image, so a dim but sharp photo is not reported twice.
  const sharpness = laplacianVariance(img.measure, stretchLut(stats.histogram));
  const blurry = sharpness < T.BLUR_MIN_SHARPNESS;
  checks.push(
    makeCheck('DOC_QUALITY', 'blur', blurry ? 'FAIL' : 'PASS', {
      reasons: blurry
        ? [
            reason(
              'BLURRY',
              'ERROR',
              `The ${noun} is too blurry to read: sharpness ${Math.round(sharpness)}, needs at least ${T.BLUR_MIN_SHARPNESS}. Rescan it or take the photo again in focus.`,
            ),
          ]
        : [],
      score: score(
        sharpness,
        `laplacian-variance@${T.MEASURE_LONG_SIDE}px`,
        T.BLUR_MIN_SHARPNESS,
        'HIGHER_IS_BETTER',
      ),
    }),
  );

  if (profile === 'card') {
    if (overexposed) {
      checks.push(
        notRun(
          'DOC_QUALITY',
          'glare',
          'GLARE_NOT_JUDGED',
          'Glare was not judged because the whole photo is overexposed.',
        ),
      );
    } else {
      const blob = largestBrightBlob(img.measure, T.GLARE_LEVEL);
      const glare = blob > T.GLARE_MAX_BLOB_SHARE;
      checks.push(
        makeCheck('DOC_QUALITY', 'glare', glare ? 'REVIEW' : 'PASS', {
          reasons: glare
            ? [
                reason(
                  'GLARE',
                  'WARNING',
                  `A glare spot covers ${pct(blob)} of the card (limit ${pct(T.GLARE_MAX_BLOB_SHARE)}); text under it may be unreadable. Retake the photo without flash or direct light.`,
                ),
              ]
            : [],
          score: score(
            blob,
            'largest-white-blob-share',
            T.GLARE_MAX_BLOB_SHARE,
            'LOWER_IS_BETTER',
            blob,
          ),
        }),
      );
    }
  }

  if (dark || overexposed) {
    checks.push(
      notRun(
        'DOC_QUALITY',
        'contrast',
        'CONTRAST_NOT_JUDGED',
        'Contrast was not judged because the exposure is already wrong.',
      ),
    );
  } else if (profile === 'page') {
    const spread = p99 - p1;
    const low = spread < T.PAGE_MIN_PERCENTILE_SPREAD;
    checks.push(
      makeCheck('DOC_QUALITY', 'contrast', low ? 'REVIEW' : 'PASS', {
        reasons: low
          ? [
              reason(
                'LOW_CONTRAST',
                'WARNING',
                `The text hardly stands out from the paper (contrast ${spread}, needs at least ${T.PAGE_MIN_PERCENTILE_SPREAD}). Rescan it with higher contrast.`,
              ),
            ]
          : [],
        score: score(
          spread,
          'grey-level-spread-p1-p99',
          T.PAGE_MIN_PERCENTILE_SPREAD,
          'HIGHER_IS_BETTER',
          spread / 255,
        ),
      }),
    );
  } else {
    const low = stats.stdev < T.CARD_MIN_RMS_CONTRAST;
    checks.push(
      makeCheck('DOC_QUALITY', 'contrast', low ? 'REVIEW' : 'PASS', {
        reasons: low
          ? [
              reason(
                'LOW_CONTRAST',
                'WARNING',
                `The ${noun} is washed out or flat (contrast ${Math.round(stats.stdev)}, needs at least ${T.CARD_MIN_RMS_CONTRAST}); text may be hard to read. Retake it in even light.`,
              ),
            ]
          : [],
        score: score(
          stats.stdev,
          'rms-contrast-0-255',
          T.CARD_MIN_RMS_CONTRAST,
          'HIGHER_IS_BETTER',
        ),
      }),
    );
  }

  checks.push(resolutionCheck(img, kind, profile));

  const longSide = Math.max(img.width, img.height);
  if (blurry) {
    checks.push(
      notRun(
        'DOC_QUALITY',
        'upscaled',
        'UPSCALE_NOT_JUDGED',
        'Enlargement was not judged because the photo is already too blurry.',
      ),
    );
  } else if (longSide < T.UPSCALE_MIN_LONG_SIDE) {
    checks.push(
      makeCheck('DOC_QUALITY', 'upscaled', 'PASS', {
        details: { note: 'small image; not judged for enlargement' },
      }),
    );
  } else {
    const halfVol = laplacianVariance(img.detailHalf);
    const ratio = halfVol > 0 ? laplacianVariance(img.detail) / halfVol : 1;
    const upscaled = ratio < T.UPSCALE_MAX_DETAIL_RATIO;
    checks.push(
      makeCheck('DOC_QUALITY', 'upscaled', upscaled ? 'REVIEW' : 'PASS', {
        reasons: upscaled
          ? [
              reason(
                'UPSCALED',
                'WARNING',
                `The image looks enlarged from a much smaller picture: it is ${img.width}×${img.height} pixels but has far less fine detail than that size should have. Ask for the original photo or scan.`,
              ),
            ]
          : [],
        score: score(
          ratio,
          'detail-ratio-full-vs-half',
          T.UPSCALE_MAX_DETAIL_RATIO,
          'HIGHER_IS_BETTER',
        ),
      }),
    );
  }

  if (img.format === 'jpeg') {
    const table = readLuminanceTable(bytes);
    if (table) {
      const quality = estimateJpegQuality(table);
      const heavy = quality < T.JPEG_MIN_QUALITY;
      checks.push(
        makeCheck('DOC_QUALITY', 'compression', heavy ? 'REVIEW' : 'PASS', {
          reasons: heavy
            ? [
                reason(
                  'HEAVY_COMPRESSION',
                  'WARNING',
                  `The JPEG is heavily compressed (quality about ${quality} of 100, needs ${T.JPEG_MIN_QUALITY} or more); small print may be smeared. Ask for the original photo instead of a forwarded copy.`,
                ),
              ]
            : [],
          score: score(
            quality,
            'jpeg-quality-0-100',
            T.JPEG_MIN_QUALITY,
            'HIGHER_IS_BETTER',
            quality / 100,
          ),
        }),
      );
    }
  }
  return checks;
}

function resolutionCheck(img: DecodedImage, kind: DocumentKind, profile: Profile): PreflightCheck {
  const short = Math.min(img.width, img.height);
  const long = Math.max(img.width, img.height);
  const details = { width: img.width, height: img.height };
  if (profile === 'selfie') {
    const low = short < T.SELFIE_MIN_SHORT_SIDE;
    return makeCheck('DOC_QUALITY', 'resolution', low ? 'REVIEW' : 'PASS', {
      reasons: low
        ? [
            reason(
              'LOW_RESOLUTION',
              'WARNING',
              `The selfie is only ${img.width}×${img.height} pixels; face matching needs at least ${T.SELFIE_MIN_SHORT_SIDE} pixels on the short side.`,
            ),
          ]
        : [],
      score: score(short, 'pixels-short-side', T.SELFIE_MIN_SHORT_SIDE, 'HIGHER_IS_BETTER'),
      details,
    });
  }
  if (profile === 'card') {
    if (short < T.CARD_MIN_SHORT_SIDE || long < T.CARD_MIN_LONG_SIDE) {
      return makeCheck('DOC_QUALITY', 'resolution', 'FAIL', {
        reasons: [
          reason(
            'TOO_SMALL',
            'ERROR',
            `The image is only ${img.width}×${img.height} pixels; ${KIND_LABEL[kind] ?? 'a card'} needs at least ${T.CARD_MIN_LONG_SIDE}×${T.CARD_MIN_SHORT_SIDE} to be read. Rescan it at a higher resolution.`,
          ),
        ],
        score: score(short, 'pixels-short-side', T.CARD_MIN_SHORT_SIDE, 'HIGHER_IS_BETTER'),
        details,
      });
    }
    // Assumes the card fills the frame, so this is an upper bound on the card's real resolution.
    const dpi = long / (kind === 'PASSPORT' ? T.ID3_WIDTH_IN : T.ID1_WIDTH_IN);
    const low = dpi < T.CARD_MIN_DPI;
    return makeCheck('DOC_QUALITY', 'resolution', low ? 'REVIEW' : 'PASS', {
      reasons: low
        ? [
            reason(
              'LOW_DPI',
              'WARNING',
              `The resolution is about ${Math.round(dpi)} DPI even if the card fills the photo; at least ${T.CARD_MIN_DPI} is needed for reliable reading. Rescan it at a higher resolution or closer up.`,
            ),
          ]
        : [],
      score: score(dpi, 'effective-dpi', T.CARD_MIN_DPI, 'HIGHER_IS_BETTER'),
      details: { ...details, effectiveDpi: Math.round(dpi) },
    });
  }
  if (kind === 'OTHER') {
    const small = long < T.UNKNOWN_MIN_LONG_SIDE;
    return makeCheck('DOC_QUALITY', 'resolution', small ? 'REVIEW' : 'PASS', {
      reasons: small
        ? [
            reason(
              'LOW_RESOLUTION',
              'WARNING',
              `The image is only ${img.width}×${img.height} pixels; small print on it will not be readable. Rescan it at a higher resolution.`,
            ),
          ]
        : [],
      score: score(long, 'pixels-long-side', T.UNKNOWN_MIN_LONG_SIDE, 'HIGHER_IS_BETTER'),
      details,
    });
  }
  const dpi = long / T.A4_LONG_IN;
  const low = dpi < T.PAGE_MIN_DPI;
  return makeCheck('DOC_QUALITY', 'resolution', low ? 'REVIEW' : 'PASS', {
    reasons: low
      ? [
          reason(
            'LOW_DPI',
            'WARNING',
            `The page image is about ${Math.round(dpi)} DPI for an A4 page; at least ${T.PAGE_MIN_DPI} is needed to read small print. Rescan it at a higher resolution.`,
          ),
        ]
      : [],
    score: score(dpi, 'effective-dpi-a4', T.PAGE_MIN_DPI, 'HIGHER_IS_BETTER'),
    details: { ...details, effectiveDpi: Math.round(dpi) },
  });
}

function round3(v: number): number {
  return Math.round(v * 1000) / 1000;
}
