/**
 * Document kind from file and folder names, in English and Bahasa Indonesia. Names are
 * normalised (lower case, separators → spaces) and matched as whole words or phrases, most
 * specific first ("laporan keuangan" before "statement"). Profiles add their own keywords.
 */
import type { DocumentKind } from '../../../shared/model.ts';

type KeywordTable = readonly (readonly [DocumentKind, readonly string[]])[];

/** Order matters: earlier entries win when several match. */
export const DEFAULT_KEYWORDS: KeywordTable = [
  [
    'FINANCIAL_STATEMENT',
    [
      'laporan keuangan',
      'lap keuangan',
      'financial statement',
      'financial report',
      'neraca',
      'laba rugi',
      'balance sheet',
      'income statement',
      'profit and loss',
      'lapkeu',
    ],
  ],
  [
    'BANK_STATEMENT',
    [
      'rekening koran',
      'rek koran',
      'rekkoran',
      'mutasi rekening',
      'mutasi',
      'bank statement',
      'e statement',
      'estatement',
      'statement',
      'bsa',
    ],
  ],
  [
    'PROOF_OF_ADDRESS',
    [
      'proof of address',
      'bukti alamat',
      'tagihan listrik',
      'tagihan air',
      'utility bill',
      'pln',
      'pdam',
      'surat domisili',
      'domisili',
    ],
  ],
  [
    'LAND_CERTIFICATE',
    [
      'sertifikat tanah',
      'sertipikat',
      'sertifikat',
      'land certificate',
      'land cert',
      'shm',
      'shgb',
      'girik',
      'akta tanah',
    ],
  ],
  ['BPKB', ['bpkb', 'buku pemilik kendaraan', 'vehicle ownership', 'vehicle book']],
  ['STNK', ['stnk', 'vehicle registration', 'surat tanda nomor kendaraan']],
  [
    'SELFIE',
    ['selfie', 'swafoto', 'foto diri', 'foto wajah', 'wajah', 'face', 'liveness', 'selfie ktp'],
  ],
  ['KK', ['kartu keluarga', 'family card', 'kk']],
  ['NPWP', ['npwp', 'tax id', 'taxid', 'nomor pokok wajib pajak']],
  ['PASSPORT', ['passport', 'paspor', 'pasport']],
  [
    'KTP',
    [
      'e ktp',
      'ektp',
      'ktp',
      'kartu tanda penduduk',
      'id card',
      'idcard',
      'identity card',
      'identitas',
    ],
  ],
];

export function normaliseName(name: string): string {
  return name
    .toLowerCase()
    .replace(/\.[a-z0-9]{1,5}$/, '')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

function matches(normalised: string, keyword: string): boolean {
  const k = keyword
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
  if (!k) return false;
  return (
    ` ${normalised} `.includes(` ${k} `) ||
    (k.length >= 5 && !k.includes(' ') && normalised.replace(/ /g, '').includes(k))
  );
}

function kindOfName(name: string, table: KeywordTable): DocumentKind | null {
  const n = normaliseName(name);
  // "selfie ktp" is a selfie holding the card, not a KTP scan: check selfie phrases first for it.
  for (const [kind, words] of table) {
    if (words.some((w) => matches(n, w))) return kind;
  }
  return null;
}

/** Builds the keyword table for a profile: its keywords first, then the defaults. */
export function keywordTable(extra?: Partial<Record<DocumentKind, string[]>>): KeywordTable {
  if (!extra) return DEFAULT_KEYWORDS;
  const custom: [DocumentKind, string[]][] = Object.entries(extra)
    .filter(([, words]) => Array.isArray(words) && words.length > 0)
    .map(([kind, words]) => [kind as DocumentKind, words as string[]]);
  return [...custom, ...DEFAULT_KEYWORDS];
}

/** The file name decides; otherwise the nearest folder that names a kind; else OTHER. */
export function detectKind(relPath: string, table: KeywordTable = DEFAULT_KEYWORDS): DocumentKind {
  const parts = relPath.split('/');
  const fileName = parts[parts.length - 1]!;
  const fromFile = kindOfName(fileName, table);
  if (fromFile) return fromFile;
  // Folders below the case folder (e.g. APP-1/KTP/scan001.jpg) — never the case folder itself,
  // whose name is an application number.
  for (let i = parts.length - 2; i >= 1; i--) {
    const fromFolder = kindOfName(parts[i]!, table);
    if (fromFolder) return fromFolder;
  }
  return 'OTHER';
}
