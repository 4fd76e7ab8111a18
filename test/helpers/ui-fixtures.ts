/**
 * Documents for the UI tests and benchmark, made on the fly: KTP cards of distinct people (so no
 * two cases trip the duplicate checks), selfies with a face-coloured centre (the AnyCheck sandbox
 * looks for skin tones), and bank statements.
 */
import fs from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import {
  buildStatement,
  PERSON_A,
  PERSON_B,
  renderCard,
  type CardPerson,
} from './checks-fixtures.ts';

export { buildStatement };

/** The n-th applicant: PERSON_A / PERSON_B alternately with their own serial number and name. */
export function person(n: number): CardPerson {
  const base = n % 2 === 0 ? PERSON_A : PERSON_B;
  const serial = String(1 + n).padStart(4, '0');
  const names = [
    'SITI RAHAYU',
    'BUDI SANTOSO',
    'DEWI LESTARI',
    'AGUS WIJAYA',
    'RINA HIDAYAT',
    'JOKO PRATAMA',
    'NUR AINI',
    'ANDI SETIAWAN',
  ];
  return {
    ...base,
    nik: base.nik.slice(0, 12) + serial,
    name: names[n % names.length]!,
    seed: 100 + n,
  };
}

export function ktpJpeg(n: number): Promise<Buffer> {
  return renderCard(person(n));
}

/** A selfie-like JPEG: a skin-toned face on a background that differs per seed. */
export async function selfieJpeg(seed: number): Promise<Buffer> {
  let x = (seed * 2654435761) >>> 0;
  const r = () => ((x = (x * 1103515245 + 12345) >>> 0) % 1000) / 1000;
  const blocks = Array.from({ length: 24 }, () => {
    const w = 20 + r() * 120;
    return `<rect x="${r() * 460}" y="${r() * 620}" width="${w}" height="${w * (0.5 + r())}" fill="rgb(${Math.floor(r() * 90)},${Math.floor(60 + r() * 120)},${Math.floor(90 + r() * 160)})"/>`;
  }).join('');
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="480" height="640">
  <rect width="480" height="640" fill="rgb(${40 + (seed % 7) * 20},${70 + (seed % 5) * 25},${120 + (seed % 3) * 30})"/>${blocks}
  <ellipse cx="240" cy="310" rx="${150 + (seed % 4) * 6}" ry="200" fill="rgb(${214 + (seed % 3) * 8},${160 + (seed % 5) * 4},${128 + (seed % 4) * 5})"/>
  <circle cx="${185 + (seed % 6) * 3}" cy="265" r="15" fill="#2b1d16"/><circle cx="295" cy="${262 + (seed % 5) * 2}" r="15" fill="#2b1d16"/>
  <rect x="${195 + (seed % 7) * 4}" y="${395 + (seed % 3) * 6}" width="${90 + (seed % 5) * 8}" height="16" rx="8" fill="#9b3b3b"/>
  <rect x="0" y="560" width="480" height="80" fill="rgb(${(seed * 37) % 255},${(seed * 53) % 255},${(seed * 91) % 255})"/></svg>`;
  return sharp(Buffer.from(svg)).jpeg({ quality: 88 }).toBuffer();
}

/** Writes a case folder into an inbox in one go (each file under a temporary name, then renamed). */
export function writeCase(inbox: string, key: string, files: Record<string, Buffer>): void {
  const dir = path.join(inbox, key);
  fs.mkdirSync(dir, { recursive: true });
  for (const [name, data] of Object.entries(files)) {
    const tmp = path.join(dir, `.${name}.part`);
    fs.writeFileSync(tmp, data);
    fs.renameSync(tmp, path.join(dir, name));
  }
}

/** KTP + selfie for applicant n; `marker` (e.g. CDX-NEED_REVIEW) goes into the selfie's name. */
export async function ktpSelfieCase(n: number, marker?: string): Promise<Record<string, Buffer>> {
  return {
    'ktp.jpg': await ktpJpeg(n),
    [marker ? `selfie ${marker}.jpg` : 'selfie.jpg']: await selfieJpeg(n + 1),
  };
}
