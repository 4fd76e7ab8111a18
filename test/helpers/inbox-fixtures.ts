/**
 * Realistic inboxes for end-to-end and reliability tests: KTP cards with valid NIKs, selfies,
 * bank statements, BPKB scans and NIK-only manifest rows, all generated here, all distinct.
 */
import fs from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { buildStatement, renderCard, type CardPerson } from './checks-fixtures.ts';

export interface CaseSpec {
  key: string;
  kind:
    | 'ktp_selfie'
    | 'ktp_only'
    | 'statement'
    | 'statement_fraud'
    | 'bpkb'
    | 'nik_only'
    | 'review'
    | 'not_verified';
}

const pad = (n: number, w: number) => String(n).padStart(w, '0');

/** A valid NIK for Kab. Bandung (3204), district 11, with the given birth date and serial. */
export function nikFor(i: number, female = i % 2 === 1): string {
  const day = 1 + (i % 27);
  const month = 1 + (i % 12);
  const year = 70 + (i % 25);
  return `320411${pad(female ? day + 40 : day, 2)}${pad(month, 2)}${pad(year, 2)}${pad(1 + i, 4)}`;
}

export function personFor(i: number): CardPerson {
  const female = i % 2 === 1;
  const day = 1 + (i % 27);
  const month = 1 + (i % 12);
  return {
    nik: nikFor(i, female),
    name: `${female ? 'SITI' : 'BUDI'} PEMOHON ${i}`,
    birthPlace: 'BANDUNG',
    birthDate: `${pad(day, 2)}-${pad(month, 2)}-19${70 + (i % 25)}`,
    gender: female ? 'PEREMPUAN' : 'LAKI-LAKI',
    address: `JL. CONTOH NO. ${i + 1}`,
    seed: 100 + i * 7,
  };
}

/** A selfie-like photo: a skin-toned face on a dark background, distinct per seed. */
export async function selfieImage(seed: number): Promise<Buffer> {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="600" height="800">
    <rect width="100%" height="100%" fill="rgb(${20 + (seed % 40)},${40 + (seed % 30)},70)"/>
    <ellipse cx="300" cy="380" rx="190" ry="250" fill="rgb(${214 + (seed % 20)},${160 + (seed % 15)},130)"/>
    <circle cx="${240 + (seed % 9)}" cy="330" r="16" fill="#2a1f1f"/><circle cx="${360 - (seed % 7)}" cy="330" r="16" fill="#2a1f1f"/>
    <rect x="${250 + (seed % 11)}" y="500" width="100" height="18" fill="#8a3b3b"/>
    <text x="20" y="780" font-size="18" fill="#999">selfie ${seed}</text>
  </svg>`;
  return sharp(Buffer.from(svg)).jpeg({ quality: 88 }).toBuffer();
}

function write(root: string, rel: string, data: Buffer | string): void {
  const p = path.join(root, rel);
  fs.mkdirSync(path.dirname(p), { recursive: true });
  fs.writeFileSync(p, data);
}

/** Writes the cases into `root` (atomically per file: temp name, then rename). */
export async function writeCases(root: string, cases: readonly CaseSpec[]): Promise<void> {
  const manifest: string[] = ['case,nama,nik'];
  for (const [i, c] of cases.entries()) {
    const person = personFor(i);
    const put = (name: string, data: Buffer | string) => {
      const tmp = `${c.key}/.${name}.part`;
      write(root, tmp, data);
      fs.renameSync(path.join(root, tmp), path.join(root, c.key, name));
    };
    switch (c.kind) {
      case 'ktp_selfie':
      case 'review':
      case 'not_verified':
        put('ktp.jpg', await renderCard(person));
        put(
          c.kind === 'review'
            ? 'selfie CDX-NEED_REVIEW.jpg'
            : c.kind === 'not_verified'
              ? 'selfie CDX-NOT_VERIFIED.jpg'
              : 'selfie.jpg',
          await selfieImage(i),
        );
        put('applicant.json', JSON.stringify({ nama: person.name, nik: person.nik }));
        break;
      case 'ktp_only':
        put('ktp.jpg', await renderCard(person));
        break;
      case 'statement':
      case 'statement_fraud':
        // A distinct creation time makes each statement's bytes (and hash) its own.
        put(
          c.kind === 'statement_fraud'
            ? 'rekening koran CDX-FRAUD_DETECTED.pdf'
            : 'rekening koran jan.pdf',
          await buildStatement({ creationDate: new Date(Date.UTC(2024, 1, 1) + i * 60_000) }),
        );
        break;
      case 'bpkb':
        put(
          'bpkb.pdf',
          await buildStatement({
            creationDate: new Date(Date.UTC(2023, 5, 1) + i * 60_000),
            pages: 1,
          }),
        );
        break;
      case 'nik_only':
        manifest.push(`${c.key},${person.name},${person.nik}`);
        break;
    }
  }
  if (manifest.length > 1) write(root, 'manifest.csv', manifest.join('\n') + '\n');
}
