/**
 * Local OCR of identity documents: the NIK, name and birth date from a KTP, the MRZ from a passport.
 * Local OCR is weaker than a provider's, so failing to read something is recorded (INFO), never a
 * reason to hold a document back.
 */
import sharp from 'sharp';
import type { DocumentKind } from '../../../../shared/model.ts';
import type { ValidateResult } from '../../../../shared/rules/index.ts';
import { makeCheck, notRun, reason } from '../check-builder.ts';
import type { DocumentFacts } from '../data-match.ts';
import { idNumberCheck } from '../id-checks.ts';
import { ocrRendition } from '../image/decode.ts';
import type { PreflightCheck, PreflightExtracted } from '../types.ts';
import { parseKtpText } from './ktp-text.ts';
import { findMrz } from './mrz-text.ts';
import type { OcrPool } from './pool.ts';

/** ~300 DPI for an ID-1 card: what tesseract's LSTM models are trained around. */
const OCR_LONG_SIDE = 1400;
/** The MRZ sits in the bottom third of a passport data page; some margin for loose framing. */
const MRZ_BAND = 0.4;

export interface OcrChecks {
  checks: PreflightCheck[];
  facts: DocumentFacts | null;
  extracted: PreflightExtracted;
  nik: ValidateResult | null;
}

export async function ocrChecks(
  pool: OcrPool,
  bytes: Buffer,
  kind: DocumentKind,
  maxPixels: number,
  today: Date,
): Promise<OcrChecks> {
  const png = await ocrRendition(bytes, maxPixels, OCR_LONG_SIDE);
  if (kind === 'PASSPORT') return passport(pool, png, today);
  let ocr = await pool.recognize(png, 'document');
  if (!ocr.ok) return unavailable('ocr_text', ocr.reason);
  let fields = parseKtpText(ocr.value.text);
  const meta = await sharp(png).metadata();
  if (!fields.nik && kind === 'KTP' && (meta.height ?? 0) > (meta.width ?? 0)) {
    // A KTP is landscape: a portrait picture of one is a card photographed sideways.
    for (const angle of [270, 90]) {
      const turned = await sharp(png).rotate(angle).png({ compressionLevel: 1 }).toBuffer();
      const retry = await pool.recognize(turned, 'document');
      if (!retry.ok) break;
      const retried = parseKtpText(retry.value.text);
      if (retried.nik) {
        ocr = retry;
        fields = retried;
        break;
      }
    }
  }
  const checks: PreflightCheck[] = [];
  const found = (['nik', 'name', 'birthDate', 'gender'] as const).filter((k) => fields[k]);
  const label = kind === 'KTP' ? 'the card' : 'the document';
  checks.push(
    makeCheck('DOC_OCR', 'ocr_text', fields.nik ? 'PASS' : 'INFO', {
      reasons: fields.nik
        ? []
        : [
            reason(
              'OCR_NIK_NOT_FOUND',
              'INFO',
              `Local OCR could not find a NIK on ${label}; the provider's reading will decide.`,
            ),
          ],
      details: { fieldsFound: found, confidence: Math.round(ocr.value.confidence) },
    }),
  );
  let nik: ValidateResult | null = null;
  if (fields.nik) {
    const r = idNumberCheck(
      'nik',
      fields.nik,
      'document',
      { today, minAge: kind === 'KK' ? 0 : 17 },
      fields.nikRepairs,
    );
    checks.push(r.check);
    nik = r.result;
  }
  const extracted: PreflightExtracted = {};
  if (fields.nik) extracted.nik = fields.nik;
  if (fields.name) extracted.name = fields.name;
  if (fields.birthDate) extracted.birthDate = fields.birthDate;
  if (fields.gender) extracted.gender = fields.gender;
  const facts: DocumentFacts | null =
    kind === 'KTP'
      ? {
          source: 'the card',
          nik: fields.nik,
          name: fields.name,
          birthDate: fields.birthDate,
          gender: fields.gender,
          province: fields.province,
        }
      : fields.nik
        ? { source: 'the document', nik: fields.nik }
        : null;
  return { checks, facts, extracted, nik };
}

async function passport(pool: OcrPool, png: Buffer, today: Date): Promise<OcrChecks> {
  const meta = await sharp(png).metadata();
  const height = meta.height ?? 0;
  const top = Math.floor(height * (1 - MRZ_BAND));
  const band = await sharp(png)
    .extract({ left: 0, top, width: meta.width ?? 0, height: height - top })
    .png()
    .toBuffer();
  const ocr = await pool.recognize(band, 'mrz');
  if (!ocr.ok) return unavailable('ocr_mrz', ocr.reason);
  const mrz = findMrz(ocr.value.text);
  if (!mrz) {
    return {
      checks: [
        makeCheck('DOC_OCR', 'ocr_mrz', 'INFO', {
          reasons: [
            reason(
              'OCR_MRZ_NOT_FOUND',
              'INFO',
              "Local OCR could not find the machine-readable lines (<<<) of the passport; the provider's reading will decide.",
            ),
          ],
          details: { confidence: Math.round(ocr.value.confidence) },
        }),
      ],
      facts: null,
      extracted: {},
      nik: null,
    };
  }
  const r = idNumberCheck('mrz', mrz.lines.join('\n'), 'document', { today }, mrz.repairs);
  const p = r.result.parsed;
  const name =
    [p.givenNames, p.surname].filter((s) => typeof s === 'string' && s).join(' ') || null;
  const sex = p.sex === 'M' || p.sex === 'F' ? p.sex : null;
  return {
    checks: [
      makeCheck('DOC_OCR', 'ocr_mrz', 'PASS', {
        details: { lines: mrz.lines.length, confidence: Math.round(ocr.value.confidence) },
      }),
      r.check,
    ],
    facts: {
      source: 'the passport MRZ',
      name,
      birthDate: typeof p.birthDate === 'string' ? p.birthDate : null,
      gender: sex,
    },
    extracted: {
      mrz: p,
      ...(name ? { name } : {}),
      ...(typeof p.birthDate === 'string' ? { birthDate: p.birthDate } : {}),
      ...(sex ? { gender: sex } : {}),
    },
    nik: null,
  };
}

function unavailable(name: string, why: string): OcrChecks {
  return {
    checks: [notRun('DOC_OCR', name, 'OCR_UNAVAILABLE', `Text was not read locally: ${why}.`)],
    facts: null,
    extracted: {},
    nik: null,
  };
}
