/**
 * Finding the machine-readable zone in OCR text: the last two (or three) consecutive lines that look
 * like MRZ lines, cleaned and padded to the nearest MRZ length, then repaired by field type.
 */
import { describeRepairs, repairMrzLines, type OcrRepair } from '../../../../shared/rules/index.ts';

export interface MrzFound {
  lines: string[];
  repairs: OcrRepair[];
  repairSummary: string;
}

const LENGTHS = [30, 36, 44];

function looksLikeMrz(line: string): boolean {
  return line.length >= 26 && /^[A-Z0-9<«]+$/.test(line) && (line.match(/</g)?.length ?? 0) >= 1;
}

function fitLength(line: string): string {
  const target = LENGTHS.find((n) => Math.abs(line.length - n) <= 2) ?? line.length;
  return line.length >= target ? line.slice(0, target) : line.padEnd(target, '<');
}

export function findMrz(text: string): MrzFound | null {
  const lines = text
    .split(/\r?\n/)
    .map((l) => l.replace(/\s+/g, '').replace(/«/g, '<<').toUpperCase())
    .filter((l) => l.length > 0);
  for (let i = lines.length - 1; i >= 1; i--) {
    if (!looksLikeMrz(lines[i]!) || !looksLikeMrz(lines[i - 1]!)) continue;
    const three = i >= 2 && looksLikeMrz(lines[i - 2]!) && Math.abs(lines[i]!.length - 30) <= 2;
    const block = (three ? lines.slice(i - 2, i + 1) : lines.slice(i - 1, i + 1)).map(fitLength);
    const { lines: repaired, repairs } = repairMrzLines(block);
    return { lines: repaired, repairs, repairSummary: describeRepairs(repairs) };
  }
  return null;
}
