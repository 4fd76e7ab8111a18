/**
 * Estimates a JPEG's quality setting from its luminance quantisation table (the DQT segment), the
 * way the IJG library scales its standard table: sharp does not expose the tables (§4.3), and
 * blockiness does not lower sharpness scores, so heavy compression has to be read from the file.
 */

/** ITU-T T.81 Annex K luminance table, in zig-zag order as stored in DQT. */
const STD_LUMINANCE_ZIGZAG = [
  16, 11, 12, 14, 12, 10, 16, 14, 13, 14, 18, 17, 16, 19, 24, 40, 26, 24, 22, 22, 24, 49, 35, 37,
  29, 40, 58, 51, 61, 60, 57, 51, 56, 55, 64, 72, 92, 78, 64, 68, 87, 69, 55, 56, 80, 109, 81, 87,
  95, 98, 103, 104, 103, 62, 77, 113, 121, 112, 100, 120, 92, 101, 103, 99,
];

/** The first (luminance, id 0) quantisation table, or null when the data has none. */
export function readLuminanceTable(jpeg: Uint8Array): number[] | null {
  if (jpeg[0] !== 0xff || jpeg[1] !== 0xd8) return null;
  let i = 2;
  while (i + 4 <= jpeg.length) {
    if (jpeg[i] !== 0xff) return null;
    const marker = jpeg[i + 1]!;
    if (marker === 0xd8 || (marker >= 0xd0 && marker <= 0xd7) || marker === 0x01) {
      i += 2;
      continue;
    }
    const len = (jpeg[i + 2]! << 8) | jpeg[i + 3]!;
    if (marker === 0xda || marker === 0xd9) return null; // start of scan: no DQT before it
    if (marker === 0xdb) {
      let p = i + 4;
      const end = i + 2 + len;
      while (p < end) {
        const pq = jpeg[p]! >> 4;
        const tq = jpeg[p]! & 0x0f;
        const table: number[] = [];
        for (let k = 0; k < 64; k++)
          table.push(pq ? (jpeg[p + 1 + 2 * k]! << 8) | jpeg[p + 2 + 2 * k]! : jpeg[p + 1 + k]!);
        if (tq === 0) return table;
        p += 1 + 64 * (pq ? 2 : 1);
      }
    }
    i += 2 + len;
  }
  return null;
}

/**
 * Inverts the IJG scaling: scale = 5000/q for q < 50, 200 − 2q otherwise; the table entry is
 * (std × scale + 50) / 100. The median ratio over the 64 entries is robust to clamping at 1 and 255.
 */
export function estimateJpegQuality(table: readonly number[]): number {
  const ratios = table.map((v, k) => (v * 100) / STD_LUMINANCE_ZIGZAG[k]!).sort((a, b) => a - b);
  const scale = ratios[32]!;
  const q = scale <= 100 ? (200 - scale) / 2 : 5000 / scale;
  return Math.max(1, Math.min(100, Math.round(q)));
}
