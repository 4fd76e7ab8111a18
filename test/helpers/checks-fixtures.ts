/**
 * Fixtures for the pre-flight checks, generated on the fly (nothing large is committed):
 * KTP-like cards rendered with sharp from SVG, their degraded variants, and bank-statement-like
 * PDFs built with pdf-lib (plus hand-written PDF bytes where pdf-lib cannot produce the structure).
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PDFDocument, PDFName, StandardFonts, rgb } from 'pdf-lib';
import sharp from 'sharp';
import type { PreflightInput, PreflightResult } from '../../electron/engine/checks/index.ts';

export const CARD_WIDTH = 1011;
export const CARD_HEIGHT = 638;

export interface CardPerson {
  nik: string;
  name: string;
  birthPlace: string;
  birthDate: string; // DD-MM-YYYY as printed
  gender: 'LAKI-LAKI' | 'PEREMPUAN';
  address: string;
  /** Varies the portrait so that different people look different. */
  seed: number;
}

export const PERSON_A: CardPerson = {
  nik: '3204115609970001',
  name: 'SITI RAHAYU',
  birthPlace: 'BANDUNG',
  birthDate: '16-09-1997',
  gender: 'PEREMPUAN',
  address: 'JL. MERDEKA NO. 12',
  seed: 1,
};

export const PERSON_B: CardPerson = {
  nik: '3578021203850004',
  name: 'BUDI SANTOSO',
  birthPlace: 'SURABAYA',
  birthDate: '12-03-1985',
  gender: 'LAKI-LAKI',
  address: 'JL. PAHLAWAN 7',
  seed: 7,
};

function rand(seed: number): () => number {
  let s = seed * 2654435761 || 1;
  return () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return ((s >>> 0) % 10000) / 10000;
  };
}

function escapeXml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** SVG of a KTP-like card: security-pattern background, header, fields, portrait, signature. */
export function cardSvg(person: CardPerson, width = CARD_WIDTH, height = CARD_HEIGHT): string {
  const r = rand(person.seed);
  const waves: string[] = [];
  for (let i = 0; i < 18; i++) {
    const y = 20 + i * 34;
    const a = 6 + r() * 6;
    let d = `M0 ${y}`;
    for (let x = 0; x <= width; x += 20)
      d += ` L${x} ${(y + Math.sin((x + i * 13) / 37) * a).toFixed(1)}`;
    waves.push(`<path d="${d}" stroke="#7fb9dd" stroke-width="1.2" fill="none"/>`);
  }
  const hue = Math.floor(r() * 360);
  const skin = `hsl(${25 + Math.floor(r() * 15)},45%,${55 + Math.floor(r() * 15)}%)`;
  const field = (label: string, value: string, y: number): string =>
    `<text x="40" y="${y}" font-family="DejaVu Sans" font-size="24" fill="#111">${label}</text>` +
    `<text x="285" y="${y}" font-family="DejaVu Sans" font-size="24" fill="#111">: ${escapeXml(value)}</text>`;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${CARD_WIDTH} ${CARD_HEIGHT}">
  <defs><linearGradient id="bg" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="#b9e0f5"/><stop offset="1" stop-color="#8cc8ec"/></linearGradient></defs>
  <rect width="${CARD_WIDTH}" height="${CARD_HEIGHT}" fill="url(#bg)"/>
  ${waves.join('\n  ')}
  <text x="505" y="48" font-family="DejaVu Sans" font-size="30" font-weight="bold" text-anchor="middle" fill="#111">PROVINSI JAWA BARAT</text>
  <text x="505" y="86" font-family="DejaVu Sans" font-size="28" font-weight="bold" text-anchor="middle" fill="#111">KABUPATEN BANDUNG</text>
  <text x="40" y="150" font-family="DejaVu Sans Mono" font-size="38" font-weight="bold" fill="#111">NIK</text>
  <text x="200" y="150" font-family="DejaVu Sans Mono" font-size="38" font-weight="bold" fill="#111">: ${person.nik}</text>
  ${field('Nama', person.name, 205)}
  ${field('Tempat/Tgl Lahir', `${person.birthPlace}, ${person.birthDate}`, 245)}
  ${field('Jenis Kelamin', person.gender, 285)}
  ${field('Alamat', person.address, 325)}
  ${field('Agama', 'ISLAM', 365)}
  ${field('Pekerjaan', 'KARYAWAN SWASTA', 405)}
  ${field('Kewarganegaraan', 'WNI', 445)}
  ${field('Berlaku Hingga', 'SEUMUR HIDUP', 485)}
  <rect x="770" y="130" width="200" height="260" fill="hsl(${hue},70%,45%)"/>
  <ellipse cx="870" cy="235" rx="${55 + Math.floor(r() * 12)}" ry="${70 + Math.floor(r() * 10)}" fill="${skin}"/>
  <ellipse cx="870" cy="${170 + Math.floor(r() * 8)}" rx="62" ry="30" fill="#222"/>
  <rect x="${800 + Math.floor(r() * 10)}" y="320" width="140" height="70" rx="30" fill="hsl(${(hue + 180) % 360},40%,30%)"/>
  <text x="870" y="430" font-family="DejaVu Sans" font-size="20" text-anchor="middle" fill="#111">KOTA BANDUNG</text>
  <text x="870" y="458" font-family="DejaVu Sans" font-size="20" text-anchor="middle" fill="#111">${10 + Math.floor(r() * 18)}-0${1 + Math.floor(r() * 8)}-2018</text>
  <path d="M790 560 C ${820 + r() * 30} ${500 + r() * 20}, ${860 + r() * 30} ${600 - r() * 20}, 950 530" stroke="#123" stroke-width="3" fill="none"/>
</svg>`;
}

/** A clean card as a JPEG (quality 92, like a good phone capture or scan). */
export async function renderCard(
  person: CardPerson = PERSON_A,
  options: { width?: number; quality?: number } = {},
): Promise<Buffer> {
  const width = options.width ?? CARD_WIDTH;
  const height = Math.round((width * CARD_HEIGHT) / CARD_WIDTH);
  return sharp(Buffer.from(cardSvg(person, width, height)))
    .flatten({ background: '#ffffff' })
    .jpeg({ quality: options.quality ?? 92 })
    .toBuffer();
}

export type CardVariant =
  | 'clean'
  | 'blurred'
  | 'dark'
  | 'overexposed'
  | 'glare'
  | 'low_resolution'
  | 'upscaled'
  | 'exif_rotated'
  | 'rotated_pixels'
  | 'recompressed_heavy'
  | 'reencoded'
  | 'low_contrast';

/** Degrades a rendered card the way real captures go wrong. */
export async function cardVariant(base: Buffer, variant: CardVariant): Promise<Buffer> {
  const img = () => sharp(base);
  switch (variant) {
    case 'clean':
      return base;
    case 'blurred':
      return img().blur(3).jpeg({ quality: 92 }).toBuffer();
    case 'dark':
      return img().linear(0.22, 0).jpeg({ quality: 92 }).toBuffer();
    case 'overexposed':
      return img().linear(1.6, 90).jpeg({ quality: 92 }).toBuffer();
    case 'low_contrast':
      return img().linear(0.15, 150).jpeg({ quality: 95 }).toBuffer();
    case 'glare': {
      const meta = await img().metadata();
      const w = meta.width ?? CARD_WIDTH;
      const h = meta.height ?? CARD_HEIGHT;
      const glare = Buffer.from(
        `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}"><defs><radialGradient id="g"><stop offset="0" stop-color="#fff" stop-opacity="1"/><stop offset="0.6" stop-color="#fff" stop-opacity="1"/><stop offset="1" stop-color="#fff" stop-opacity="0"/></radialGradient></defs><ellipse cx="${w * 0.35}" cy="${h * 0.45}" rx="${w * 0.17}" ry="${h * 0.16}" fill="url(#g)"/></svg>`,
      );
      return img()
        .composite([{ input: glare }])
        .jpeg({ quality: 92 })
        .toBuffer();
    }
    case 'low_resolution':
      return img().resize({ width: 320 }).jpeg({ quality: 92 }).toBuffer();
    case 'upscaled': {
      const small = await img().resize({ width: 320 }).toBuffer();
      return sharp(small).resize({ width: CARD_WIDTH }).jpeg({ quality: 92 }).toBuffer();
    }
    case 'exif_rotated':
      // Pixels stored sideways with EXIF orientation 6: viewers (and the checks) show it upright.
      return img().rotate(-90).withMetadata({ orientation: 6 }).jpeg({ quality: 92 }).toBuffer();
    case 'rotated_pixels':
      return img().rotate(90).jpeg({ quality: 92 }).toBuffer();
    case 'recompressed_heavy':
      return img().jpeg({ quality: 12 }).toBuffer();
    case 'reencoded':
      return img().resize({ width: 800 }).jpeg({ quality: 70 }).toBuffer();
  }
}

// ---------------------------------------------------------------------------------------------
// PDFs

export interface StatementOptions {
  producer?: string;
  creator?: string;
  creationDate?: Date;
  modDate?: Date;
  pages?: number;
  /** Font for the whole statement; a different one for one row makes a "mixed fonts" statement. */
  font?: StandardFonts;
  oddFontOnRow?: { page: number; row: number; font: StandardFonts };
}

/** A bank-statement-like PDF: header, account line, a table of transactions per page. */
export async function buildStatement(options: StatementOptions = {}): Promise<Buffer> {
  const doc = await PDFDocument.create({ updateMetadata: false });
  const font = await doc.embedFont(options.font ?? StandardFonts.Helvetica);
  const odd = options.oddFontOnRow ? await doc.embedFont(options.oddFontOnRow.font) : null;
  const created = options.creationDate ?? new Date('2024-02-01T08:00:00Z');
  doc.setProducer(options.producer ?? 'iText 5.5.13 (c) 1T3XT BVBA');
  doc.setCreator(options.creator ?? 'Finacle Core Banking');
  doc.setCreationDate(created);
  doc.setModificationDate(options.modDate ?? created);
  doc.setTitle('Rekening Koran');
  let balance = 12_500_000;
  for (let p = 0; p < (options.pages ?? 2); p++) {
    const page = doc.addPage([595, 842]);
    page.drawText('BANK CONTOH TBK - REKENING KORAN', { x: 50, y: 790, size: 14, font });
    page.drawText(`No. Rekening 1234567890   Periode 01-01-2024 s/d 31-01-2024   Hal ${p + 1}`, {
      x: 50,
      y: 770,
      size: 9,
      font,
    });
    for (let row = 0; row < 30; row++) {
      const amount = (((row * 7919 + p * 104729) % 900) + 100) * 1000;
      balance += row % 3 === 0 ? amount : -amount;
      const useOdd = odd && options.oddFontOnRow!.page === p && options.oddFontOnRow!.row === row;
      page.drawText(
        `${String((row % 28) + 1).padStart(2, '0')}-01-2024  TRANSFER ${row % 3 === 0 ? 'MASUK' : 'KELUAR'}  ${amount.toLocaleString('en-US')}  ${balance.toLocaleString('en-US')}`,
        {
          x: 50,
          y: 740 - row * 20,
          size: 9,
          font: useOdd ? odd : font,
          color: rgb(0, 0, 0),
        },
      );
    }
  }
  return Buffer.from(await doc.save({ useObjectStreams: false }));
}

/**
 * A statement whose text uses font dictionaries named like embedded subsets ('ABCDEF+Arial'),
 * the way bank systems embed fonts; `tags` lists the subset tag of each row block, so two tags
 * for one font (or a stray Helvetica row) model text added later by another tool.
 */
export async function buildSubsetFontStatement(
  rows: { tag: string; base: string }[],
): Promise<Buffer> {
  const doc = await PDFDocument.create({ updateMetadata: false });
  doc.setProducer('iText 7.1.15');
  doc.setCreator('Finacle Core Banking');
  const page = doc.addPage([595, 842]);
  const ctx = doc.context;
  const names: string[] = [];
  rows.forEach((r, i) => {
    const font = ctx.register(
      ctx.obj({
        Type: 'Font',
        Subtype: 'TrueType',
        BaseFont: r.tag ? `${r.tag}+${r.base}` : r.base,
        FirstChar: 32,
        LastChar: 126,
        Encoding: 'WinAnsiEncoding',
      }),
    );
    const name = `F${i}`;
    page.node.setFontDictionary(PDFName.of(name), font);
    names.push(name);
  });
  const ops = rows
    .map(
      (_, i) =>
        `BT /${names[i]} 9 Tf 50 ${780 - i * 20} Td (01-01-2024 TRANSFER ${1000 * (i + 1)}) Tj ET`,
    )
    .join('\n');
  page.node.addContentStream(ctx.register(ctx.flateStream(ops)));
  return Buffer.from(await doc.save({ useObjectStreams: false }));
}

/**
 * Appends an incremental update (a new Info dictionary and trailer with /Prev) the way editors
 * save "in place". pdf-lib always rewrites a whole file, so the update is written by hand.
 */
export function appendIncrementalUpdate(
  pdf: Buffer,
  info: { producer: string; creationDate: string; modDate: string },
): Buffer {
  const text = pdf.toString('latin1');
  const prevStartxref = Number(/startxref\s+(\d+)\s+%%EOF\s*$/.exec(text)?.[1]);
  const size = Number(/\/Size\s+(\d+)/.exec(text.slice(text.lastIndexOf('trailer')))?.[1]);
  const root = /\/Root\s+(\d+\s+\d+\s+R)/.exec(text)?.[1];
  if (!Number.isFinite(prevStartxref) || !Number.isFinite(size) || !root)
    throw new Error('unexpected PDF layout');
  const objNum = size;
  const body = `\n${objNum} 0 obj\n<< /Producer (${info.producer}) /CreationDate (${info.creationDate}) /ModDate (${info.modDate}) >>\nendobj\n`;
  const objOffset = pdf.length + 1;
  const xrefOffset = pdf.length + Buffer.byteLength(body, 'latin1');
  const xref =
    `xref\n${objNum} 1\n${String(objOffset).padStart(10, '0')} 00000 n \n` +
    `trailer\n<< /Size ${objNum + 1} /Root ${root} /Info ${objNum} 0 R /Prev ${prevStartxref} >>\nstartxref\n${xrefOffset}\n%%EOF\n`;
  return Buffer.concat([pdf, Buffer.from(body + xref, 'latin1')]);
}

/**
 * Adds Acrobat's "TouchUp_TextEdit" marked-content point to page 1 next to an edited amount, in a
 * Flate-compressed content stream as Acrobat writes it (so a raw byte search cannot see it).
 */
export async function withTouchUpMarker(pdf: Buffer): Promise<Buffer> {
  const doc = await PDFDocument.load(pdf, { updateMetadata: false });
  const page = doc.getPages()[0]!;
  const font = await doc.embedFont(StandardFonts.Helvetica);
  page.drawText('99,000,000', { x: 400, y: 100, size: 9, font });
  const marker = doc.context.flateStream('/TouchUp_TextEdit MP\nq 1 1 1 rg 395 96 60 12 re f Q\n');
  page.node.addContentStream(doc.context.register(marker));
  doc.setProducer('Adobe Acrobat Pro DC 21.1.20145');
  doc.setModificationDate(new Date('2024-03-10T10:00:00Z'));
  return Buffer.from(await doc.save({ useObjectStreams: false }));
}

export function pdfDate(d: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `D:${d.getUTCFullYear()}${p(d.getUTCMonth() + 1)}${p(d.getUTCDate())}${p(d.getUTCHours())}${p(d.getUTCMinutes())}${p(d.getUTCSeconds())}Z`;
}

// ---------------------------------------------------------------------------------------------
// Encrypted PDF (Standard security handler, revision 3, RC4 128-bit), written by hand: pdf-lib
// cannot encrypt. Follows ISO 32000-1 §7.6.3 algorithms 2, 3, 5 and 1.

const PASSWORD_PAD = Buffer.from(
  '28BF4E5E4E758A4164004E56FFFA01082E2E00B6D0683E802F0CA9FE6453697A',
  'hex',
);

function rc4(key: Buffer, data: Buffer): Buffer {
  const s = Array.from({ length: 256 }, (_, i) => i);
  let j = 0;
  for (let i = 0; i < 256; i++) {
    j = (j + s[i]! + key[i % key.length]!) & 255;
    [s[i], s[j]] = [s[j]!, s[i]!];
  }
  const out = Buffer.alloc(data.length);
  let i = 0;
  j = 0;
  for (let k = 0; k < data.length; k++) {
    i = (i + 1) & 255;
    j = (j + s[i]!) & 255;
    [s[i], s[j]] = [s[j]!, s[i]!];
    out[k] = data[k]! ^ s[(s[i]! + s[j]!) & 255]!;
  }
  return out;
}

const md5 = (...parts: Buffer[]): Buffer =>
  crypto.createHash('md5').update(Buffer.concat(parts)).digest();
const pad = (pw: string): Buffer =>
  Buffer.concat([Buffer.from(pw, 'latin1'), PASSWORD_PAD]).subarray(0, 32);

/** A one-page PDF whose content and strings are RC4-encrypted with `userPassword`. */
export function buildEncryptedPdf(userPassword: string, ownerPassword = 'owner-secret'): Buffer {
  const id = crypto.createHash('md5').update('checkdesk-fixture').digest();
  const n = 16;
  const P = -3904; // print + copy allowed, as signed 32-bit
  // Algorithm 3: O entry
  let ok = md5(pad(ownerPassword));
  for (let i = 0; i < 50; i++) ok = md5(ok.subarray(0, n));
  let O = rc4(ok.subarray(0, n), pad(userPassword));
  for (let i = 1; i <= 19; i++) O = rc4(Buffer.from(ok.subarray(0, n).map((b) => b ^ i)), O);
  // Algorithm 2: file key
  const pBytes = Buffer.alloc(4);
  pBytes.writeInt32LE(P);
  let key = md5(pad(userPassword), O, pBytes, id);
  for (let i = 0; i < 50; i++) key = md5(key.subarray(0, n));
  key = key.subarray(0, n);
  // Algorithm 5: U entry
  let U = rc4(key, md5(PASSWORD_PAD, id));
  for (let i = 1; i <= 19; i++) U = rc4(Buffer.from(key.map((b) => b ^ i)), U);
  U = Buffer.concat([U, Buffer.alloc(16)]);
  const objKey = (num: number): Buffer => {
    const k = md5(key, Buffer.from([num & 255, (num >> 8) & 255, (num >> 16) & 255, 0, 0]));
    return k.subarray(0, Math.min(n + 5, 16));
  };
  const content = Buffer.from('BT /F1 18 Tf 72 720 Td (Rekening Koran - rahasia) Tj ET', 'latin1');
  const encContent = rc4(objKey(4), content);
  const hex = (b: Buffer) => `<${b.toString('hex')}>`;
  const objects = [
    `1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n`,
    `2 0 obj\n<< /Type /Pages /Kids [3 0 R] /Count 1 >>\nendobj\n`,
    `3 0 obj\n<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>\nendobj\n`,
    null, // 4: content stream (binary)
    `5 0 obj\n<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>\nendobj\n`,
    `6 0 obj\n<< /Producer ${hex(rc4(objKey(6), Buffer.from('Core Banking Report Server', 'latin1')))} >>\nendobj\n`,
    `7 0 obj\n<< /Filter /Standard /V 2 /R 3 /Length 128 /P ${P} /O ${hex(O)} /U ${hex(U)} >>\nendobj\n`,
  ];
  const chunks: Buffer[] = [Buffer.from('%PDF-1.4\n%\xe2\xe3\xcf\xd3\n', 'latin1')];
  const offsets: number[] = [];
  let length = chunks[0]!.length;
  objects.forEach((o, i) => {
    offsets.push(length);
    const b =
      o === null
        ? Buffer.concat([
            Buffer.from(`${i + 1} 0 obj\n<< /Length ${encContent.length} >>\nstream\n`, 'latin1'),
            encContent,
            Buffer.from('\nendstream\nendobj\n', 'latin1'),
          ])
        : Buffer.from(o, 'latin1');
    chunks.push(b);
    length += b.length;
  });
  const xref =
    `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n` +
    offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('') +
    `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R /Info 6 0 R /Encrypt 7 0 R /ID [${hex(id)} ${hex(id)}] >>\nstartxref\n${length}\n%%EOF\n`;
  chunks.push(Buffer.from(xref, 'latin1'));
  return Buffer.concat(chunks);
}

// ---------------------------------------------------------------------------------------------

export function makeTempDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'cd-'));
}

export function writeFixture(
  dir: string,
  name: string,
  data: Buffer,
): { path: string; sha256: string; size: number } {
  const file = path.join(dir, name);
  fs.writeFileSync(file, data);
  return {
    path: file,
    sha256: crypto.createHash('sha256').update(data).digest('hex'),
    size: data.length,
  };
}

/** Writes `data` into `dir` and runs it through `preflight` as a loose file or a document. */
export async function runPreflight(
  preflight: { run(input: PreflightInput): Promise<PreflightResult> },
  dir: string,
  name: string,
  data: Buffer,
  options: Partial<Omit<PreflightInput, 'path' | 'sha256' | 'size'>> = {},
): Promise<PreflightResult> {
  const f = writeFixture(dir, name, data);
  return preflight.run({
    documentId: options.documentId ?? null,
    path: f.path,
    mime: options.mime ?? (name.endsWith('.pdf') ? 'application/pdf' : 'image/jpeg'),
    kind: options.kind ?? 'KTP',
    sha256: f.sha256,
    size: f.size,
    expected: options.expected ?? null,
    ...(options.password !== undefined ? { password: options.password } : {}),
  });
}

/** The checks of a result as "name:OUTCOME" for compact assertions. */
export function outcomes(result: PreflightResult): Record<string, string> {
  return Object.fromEntries(result.checks.map((c) => [c.name ?? c.type, c.outcome]));
}

/** ICAO 9303 check digit, written out here so passport fixtures do not depend on the code under test. */
export function icaoCheckDigit(field: string): string {
  const value = (c: string) => (c === '<' ? 0 : /\d/.test(c) ? Number(c) : c.charCodeAt(0) - 55);
  return String([...field].reduce((sum, c, i) => sum + value(c) * [7, 3, 1][i % 3]!, 0) % 10);
}

/** A TD3 (passport) MRZ for an Indonesian holder, with correct check digits. */
export function passportMrz(o: {
  surname: string;
  given: string;
  doc: string;
  birth: string;
  sex: 'M' | 'F';
  expiry: string;
}): [string, string] {
  const l1 = `P<IDN${o.surname}<<${o.given.replace(/ /g, '<')}`.padEnd(44, '<').slice(0, 44);
  const doc = o.doc.padEnd(9, '<');
  const personal = '<'.repeat(14);
  const parts = `${doc}${icaoCheckDigit(doc)}IDN${o.birth}${icaoCheckDigit(o.birth)}${o.sex}${o.expiry}${icaoCheckDigit(o.expiry)}${personal}<`;
  const composite = icaoCheckDigit(
    `${doc}${icaoCheckDigit(doc)}${o.birth}${icaoCheckDigit(o.birth)}${o.expiry}${icaoCheckDigit(o.expiry)}${personal}<`,
  );
  return [l1, parts + composite];
}

/** A passport data page: header, portrait, printed fields and the two MRZ lines at the bottom. */
export async function renderPassport(mrz: [string, string]): Promise<Buffer> {
  const esc = (s: string) => s.replace(/</g, '&lt;');
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="1250" height="880"><rect width="100%" height="100%" fill="#f3efe2"/>
  <text x="60" y="70" font-family="DejaVu Sans" font-size="30" font-weight="bold">REPUBLIK INDONESIA</text>
  <text x="60" y="110" font-family="DejaVu Sans" font-size="22">PASPOR / PASSPORT</text>
  <rect x="60" y="150" width="260" height="340" fill="#7a8"/>
  <text x="380" y="200" font-family="DejaVu Sans" font-size="22">Nama / Name</text>
  <text x="40" y="740" font-family="DejaVu Sans Mono" font-size="43" textLength="1170" lengthAdjust="spacing">${esc(mrz[0])}</text>
  <text x="40" y="810" font-family="DejaVu Sans Mono" font-size="43" textLength="1170" lengthAdjust="spacing">${esc(mrz[1])}</text></svg>`;
  return sharp(Buffer.from(svg)).jpeg({ quality: 90 }).toBuffer();
}
