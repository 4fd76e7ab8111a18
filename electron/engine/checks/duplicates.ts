/**
 * DUPLICATE checks. Exact (R-DUP-1): the same bytes were seen before; sending them again pays
 * twice for nothing, so it FAILs (and blocks by default). Near (R-DUP-2..4): the same picture
 * re-encoded, resized or turned; this is only ever a REVIEW, because hashes alone cannot prove
 * re-use, and it always names the earlier document and the distance.
 */
import { makeCheck, reason, score } from './check-builder.ts';
import {
  DETAIL_BITS,
  DETAIL_MAX_DISTANCE,
  DHASH_MAX_DISTANCE,
  PHASH_MAX_DISTANCE,
  type NearMatch,
} from './image/hashes.ts';
import type { PreflightCheck } from './types.ts';

export function exactDuplicateCheck(
  earlier: { documentId: number; label: string } | null,
): PreflightCheck {
  if (!earlier) return makeCheck('DUPLICATE', 'exact_duplicate', 'PASS');
  return makeCheck('DUPLICATE', 'exact_duplicate', 'FAIL', {
    reasons: [
      reason(
        'EXACT_DUPLICATE',
        'ERROR',
        `This exact file was already received as ${earlier.label}. It will not be sent again, so it is not paid for twice.`,
      ),
    ],
    details: { earlierDocumentId: earlier.documentId, earlier: earlier.label },
  });
}

/** How the new picture is turned relative to the earlier one, by quarter turns clockwise. */
const ROTATION_WORDS = [
  '',
  ', turned 90° clockwise',
  ', turned upside down',
  ', turned 90° anticlockwise',
];

/**
 * `matches` come from the store (already within the hash thresholds, nearest first); the ones the
 * detail hash rejects are "same layout, different content" (two people on the same KTP template)
 * and are not reported as duplicates.
 */
export function nearDuplicateCheck(
  matches: readonly NearMatch[],
  describe: (documentId: number) => string,
): PreflightCheck {
  const confirmed = matches.filter(
    (m) => m.detailDistance === null || m.detailDistance <= DETAIL_MAX_DISTANCE,
  );
  const similarLayout = matches.length - confirmed.length;
  const nearest = confirmed[0];
  if (!nearest) {
    return makeCheck('DUPLICATE', 'near_duplicate', 'PASS', {
      details: similarLayout > 0 ? { sameLayoutOtherContent: similarLayout } : {},
    });
  }
  const label = describe(nearest.documentId);
  // The store reports how far the new picture must turn to match; the clerk wants the opposite.
  const turn = (4 - nearest.rotation) % 4;
  const others = confirmed.length - 1;
  return makeCheck('DUPLICATE', 'near_duplicate', 'REVIEW', {
    reasons: [
      reason(
        'NEAR_DUPLICATE',
        'WARNING',
        `This picture appears to be the same photo as ${label}${ROTATION_WORDS[turn] ?? ''} (difference ${nearest.phashDistance} of 64; 0 means identical)` +
          `${others > 0 ? `, and resembles ${others} other earlier document${others > 1 ? 's' : ''}` : ''}. Check whether the same photo was re-used for another application.`,
      ),
    ],
    score: score(
      nearest.phashDistance,
      'hamming-64',
      PHASH_MAX_DISTANCE,
      'LOWER_IS_BETTER',
      1 - nearest.phashDistance / 64,
    ),
    details: {
      earlierDocumentId: nearest.documentId,
      earlier: label,
      phashDistance: nearest.phashDistance,
      dhashDistance: nearest.dhashDistance,
      dhashThreshold: DHASH_MAX_DISTANCE,
      rotationDegrees: turn * 90,
      detailDistance: nearest.detailDistance,
      detailBits: DETAIL_BITS,
      matches: confirmed.slice(0, 5).map((m) => ({
        documentId: m.documentId,
        phashDistance: m.phashDistance,
        dhashDistance: m.dhashDistance,
      })),
    },
  });
}
