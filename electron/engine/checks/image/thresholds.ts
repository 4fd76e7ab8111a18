/**
 * Image-quality thresholds (domain-checks.md §4), each a named constant with the reason for its
 * value. Calibrated on the synthetic KTP cards of test/helpers/checks-fixtures.ts: a clean 300-DPI
 * card scores sharpness ~2000, a Gaussian blur of σ=1.5 ~160, σ=2 ~60, σ=2.5 ~30. They only flag
 * documents for a person to look at; none of them blocks a document by default.
 */

/** Every measurement is taken with the image's long side scaled to this many pixels (§4.2). */
export const MEASURE_LONG_SIDE = 1000;

/**
 * Minimum variance of the Laplacian after contrast stretching. The literature starts at 100 on
 * unstretched images; stretching raises scores by ~1.5× on a normal card, and a lenient 60 keeps
 * slightly soft but readable phone photos (σ≈1.5 blur scores ~160) out of the review queue.
 */
export const BLUR_MIN_SHARPNESS = 60;

/** Dim: mean grey below 60 or more than 30 % of pixels at or below level 16 (§4.2). */
export const DARK_MAX_MEAN = 60;
export const DARK_MAX_SHADOW_SHARE = 0.3;

/**
 * Overexposed: more than 25 % of pixels at or above level 245, or a mean grey above 220 (§4.2).
 * The mean alone also fires on light-coloured documents (cream passport pages, white NPWP cards,
 * paper), so a bright mean only counts when even the darkest 1 % of pixels (the ink) is washed
 * out to a light grey.
 */
export const BRIGHT_MIN_MEAN = 220;
export const BRIGHT_MAX_HIGHLIGHT_SHARE = 0.25;
export const WASHED_OUT_MIN_DARKEST = 140;

/** Glare: one contiguous blob of pixels ≥ 250 covering more than 1.5 % of the image (§4.2). */
export const GLARE_LEVEL = 250;
export const GLARE_MAX_BLOB_SHARE = 0.015;

/** Low contrast: RMS contrast (grey-level standard deviation) below 30 on 8-bit input (§4.2). */
export const CARD_MIN_RMS_CONTRAST = 30;
/**
 * Paper documents are mostly white with sparse ink, so their RMS contrast is naturally low; for
 * them the spread between the 1st and 99th percentile grey level is used instead.
 */
export const PAGE_MIN_PERCENTILE_SPREAD = 60;

/** Vendor minimum for a KTP region: 300 × 400 px (Nodeflux/IdentifAI); below it OCR fails. */
export const CARD_MIN_SHORT_SIDE = 300;
export const CARD_MIN_LONG_SIDE = 400;
/** Selfies: providers' face detectors want at least ~480 px on the short side. */
export const SELFIE_MIN_SHORT_SIDE = 480;
/** Effective resolution for ID cards: ≥ 200 DPI (Innov8tif; 300 recommended). */
export const CARD_MIN_DPI = 200;
/** Paper documents photographed or scanned: 150 DPI keeps body text legible for OCR. */
export const PAGE_MIN_DPI = 150;

/** Unknown kinds have no known physical size, so only plainly small images are flagged. */
export const UNKNOWN_MIN_LONG_SIDE = 800;

/** Physical document widths (long side) in inches for the DPI estimate. */
export const ID1_WIDTH_IN = 85.6 / 25.4; // KTP, NPWP card, driving licence: ISO/IEC 7810 ID-1
export const ID3_WIDTH_IN = 125 / 25.4; // passport data page: ID-3
export const A4_LONG_IN = 297 / 25.4;

/**
 * Upscaled images carry almost no detail at their own pixel scale: the Laplacian variance at full
 * size is a small fraction of that at half size. Genuine captures measure 0.35–0.5 on the test
 * cards; an image enlarged 3× from 320 px measures ~0.10. Only judged when the image is large
 * enough to matter and not already reported as blurry.
 */
export const UPSCALE_MAX_DETAIL_RATIO = 0.2;
export const UPSCALE_MIN_LONG_SIDE = 800;

/**
 * JPEG quality estimated from the quantisation tables (IJG scale). Vendors ask for ≥ 80; below 50
 * block artefacts start to eat thin strokes of digits, so that is where review starts.
 */
export const JPEG_MIN_QUALITY = 50;
