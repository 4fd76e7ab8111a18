/**
 * Reading the fields of a KTP from OCR text. The layout is fixed by regulation (labels NIK, Nama,
 * Tempat/Tgl Lahir, Jenis Kelamin), so labels anchor the values; digits are repaired only where a
 * digit must be (domain-checks.md P5) and every repair is returned for the record.
 */
import {
  formatYmd,
  parseDate,
  repairDigitsAt,
  repairNik,
  type OcrRepair,
} from '../../../../shared/rules/index.ts';

export interface KtpFields {
  /** The NIK after repairs, or null when no 16-character candidate was found. */
  nik: string | null;
  nikRaw: string | null;
  nikRepairs: OcrRepair[];
  name: string | null;
  birthPlace: string | null;
  /** YYYY-MM-DD */
  birthDate: string | null;
  birthDateRepairs: OcrRepair[];
  gender: 'M' | 'F' | null;
  province: string | null;
  regency: string | null;
}

const CONFUSABLE = '0-9OoQDIl|!SsZzBGbT';
const NIK_AFTER_LABEL = new RegExp(
  `N[I1l|]K\\s*[:;.,]?\\s*([${CONFUSABLE}][${CONFUSABLE} .-]{14,30})`,
);
const NIK_ANYWHERE = new RegExp(`(?:^|\\s)([${CONFUSABLE}]{16})(?=\\s|$)`, 'm');

/** KTP labels in printed order; OCR sometimes returns the label column and the value column separately. */
const LABELS: readonly [key: string, pattern: RegExp][] = [
  ['name', /^\s*Nama\b/i],
  ['birth', /Lahir\b/i],
  ['gender', /Jenis\s*Kelamin/i],
  ['address', /^\s*Alamat\b/i],
  ['rtrw', /^\s*RT\s*\/\s*RW/i],
  ['village', /Kel\s*\/\s*Desa/i],
  ['district', /^\s*Kecamatan\b/i],
  ['religion', /^\s*Agama\b/i],
  ['marital', /Perkawinan/i],
  ['job', /^\s*Pekerjaan\b/i],
  ['citizenship', /Kewarganegaraan/i],
  ['validity', /Berlaku/i],
];

/** Field values by label key: "Label : value" on one line, or label and value columns in order. */
function labelledValues(text: string): Map<string, string> {
  const values = new Map<string, string>();
  const pending: string[] = [];
  for (const line of text.split(/\r?\n/)) {
    if (!line.trim()) continue;
    const hit = LABELS.find(([, re]) => re.test(line));
    if (hit) {
      const m = hit[1].exec(line)!;
      const rest = line
        .slice(m.index + m[0].length)
        .replace(/^[^:;]*?(?=[:;])/, '')
        .replace(/^[\s:;.”"']+/, '')
        .trim();
      if (rest) values.set(hit[0], rest);
      else pending.push(hit[0]);
    } else if (/^\s*[:;]/.test(line) && pending.length > 0) {
      values.set(pending.shift()!, line.replace(/^[\s:;]+/, '').trim());
    }
  }
  return values;
}

export function parseKtpText(text: string): KtpFields {
  const fields: KtpFields = {
    nik: null,
    nikRaw: null,
    nikRepairs: [],
    name: null,
    birthPlace: null,
    birthDate: null,
    birthDateRepairs: [],
    gender: null,
    province: null,
    regency: null,
  };

  const labelled = NIK_AFTER_LABEL.exec(text);
  const raw = labelled?.[1] ?? NIK_ANYWHERE.exec(text)?.[1] ?? null;
  if (raw) {
    // Keep the first 16 characters that are not separators: OCR may run into the next column.
    const compact = raw.replace(/[\s.-]/g, '').slice(0, 16);
    const repaired = repairNik(compact);
    // A real NIK candidate is mostly digits already; otherwise it is a word, not a number. Next to
    // the NIK label fewer digits are needed than for a bare 16-character token.
    const digits = compact.match(/\d/g)?.length ?? 0;
    if (compact.length === 16 && digits >= (labelled ? 8 : 12)) {
      fields.nikRaw = compact;
      fields.nik = repaired.value;
      fields.nikRepairs = repaired.repairs;
    }
  }

  const values = labelledValues(text);
  const name = values.get('name');
  if (name) fields.name = cleanName(name);

  const birth = values.get('birth');
  if (birth) {
    const m =
      /^(.*?)[,.]?\s*([0-9OoIlSBZG]{2})\s*[-/.]\s*([0-9OoIlSBZG]{2})\s*[-/.]\s*([0-9OoIlSBZG]{4})/.exec(
        birth,
      );
    if (m) {
      fields.birthPlace = cleanName(m[1]!) || null;
      const digits = `${m[2]}${m[3]}${m[4]}`;
      const repaired = repairDigitsAt(digits, () => true);
      const d = parseDate(
        `${repaired.value.slice(0, 2)}-${repaired.value.slice(2, 4)}-${repaired.value.slice(4)}`,
      );
      if (d) {
        fields.birthDate = formatYmd(d);
        fields.birthDateRepairs = repaired.repairs;
      }
    }
  }

  const gender = /\b(LAKI[\s-]*LAKI|PEREMPUAN|PRIA|WANITA)\b/i.exec(text)?.[1]?.toUpperCase();
  if (gender) fields.gender = gender.startsWith('LAKI') || gender === 'PRIA' ? 'M' : 'F';

  fields.province = /PROVINSI\s+([A-Z][A-Z .]+)/.exec(text)?.[1]?.trim() ?? null;
  const regency = /\b(KABUPATEN|KOTA)\s+([A-Z][A-Z .]+)/.exec(text);
  fields.regency = regency ? `${regency[1]} ${regency[2]!.trim()}` : null;
  return fields;
}

function cleanName(s: string): string {
  return s
    .replace(/[^A-Za-z .,'-]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .toUpperCase();
}
