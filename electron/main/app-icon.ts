/**
 * The CheckDesk mark, drawn at any size: a white check on a rounded blue square. Used for the tray
 * and window icons at run time and, through build/make-icon.mjs, for the packaged app icon.
 */
import { encodePng } from './png.ts';

const BACKGROUND = [0x1d, 0x5c, 0x96] as const;

function segmentDistance(
  px: number,
  py: number,
  ax: number,
  ay: number,
  bx: number,
  by: number,
): number {
  const dx = bx - ax;
  const dy = by - ay;
  const t = Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(px - (ax + t * dx), py - (ay + t * dy));
}

function roundedSquareCoverage(x: number, y: number, size: number, radius: number): number {
  const cx = Math.min(Math.max(x, radius), size - radius);
  const cy = Math.min(Math.max(y, radius), size - radius);
  const outside = Math.hypot(x - cx, y - cy) - radius;
  return Math.max(0, Math.min(1, 0.5 - outside));
}

export function drawIconRgba(size: number): Uint8Array {
  const pixels = new Uint8Array(size * size * 4);
  const stroke = size * 0.085;
  const a = [0.27 * size, 0.53 * size] as const;
  const b = [0.43 * size, 0.69 * size] as const;
  const c = [0.74 * size, 0.34 * size] as const;
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const px = x + 0.5;
      const py = y + 0.5;
      const body = roundedSquareCoverage(px, py, size, size * 0.2);
      const distance = Math.min(
        segmentDistance(px, py, a[0], a[1], b[0], b[1]),
        segmentDistance(px, py, b[0], b[1], c[0], c[1]),
      );
      const check = Math.max(0, Math.min(1, stroke - distance + 0.5));
      const i = (y * size + x) * 4;
      pixels[i] = Math.round(BACKGROUND[0] + (255 - BACKGROUND[0]) * check);
      pixels[i + 1] = Math.round(BACKGROUND[1] + (255 - BACKGROUND[1]) * check);
      pixels[i + 2] = Math.round(BACKGROUND[2] + (255 - BACKGROUND[2]) * check);
      pixels[i + 3] = Math.round(255 * body);
    }
  }
  return pixels;
}

export function iconPng(size: number): Buffer {
  return encodePng(size, size, drawIconRgba(size));
}
