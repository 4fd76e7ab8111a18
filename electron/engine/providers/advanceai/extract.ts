/**
 * ADVANCE.AI `docDetail.ocrInfo` (front and back, ~50 normalised fields, sometimes ad-hoc keys
 * such as `name` / `birthdayParsed`) → canonical extracted data. Image fields are left out: their
 * URLs expire and base64 bytes are never stored.
 */
import type { Extracted } from '../../../../shared/model.ts';
import {
  asArray,
  asObj,
  compact,
  dateOrRaw,
  field,
  firstNonNull,
  isObj,
  joinNames,
  normalizeGender,
  num,
  putScalar,
  scalar,
  str,
  toIsoDate,
  type Obj,
} from '../kit/payload.ts';

type Fields = NonNullable<Extracted['fields']>;

/** Image fields of docDetail / faceDetail / ocrInfo: never copied into extracted fields. */
const IMAGE_KEY = /image|photo|portrait|audit/i;

function partsDate(side: Obj | null, prefix: 'dob' | 'issue' | 'expiry'): string | null {
  const y = num(field(side, `${prefix}Year`));
  const m = num(field(side, `${prefix}Month`));
  const d = num(field(side, `${prefix}Day`));
  if (y === null || m === null || d === null) return null;
  return toIsoDate(`${y}-${m}-${d}`);
}

function sideOf(value: unknown): string | null {
  if (typeof value === 'string') return str(value);
  const o = asObj(value);
  return o ? (str(field(o, 'front')) ?? str(field(o, 'back'))) : null;
}

function addScalars(fields: Fields, prefix: string, obj: Obj | null, depth = 0): void {
  if (!obj || depth > 2) return;
  for (const [key, value] of Object.entries(obj)) {
    if (IMAGE_KEY.test(key) || key === 'side') continue;
    if (isObj(value)) {
      addScalars(fields, `${prefix}${key}.`, value, depth + 1);
      continue;
    }
    const s = scalar(value);
    if (s === undefined || s === null || s === '') continue;
    fields[`${prefix}${key}`] = s;
  }
}

export function extractAdvanceAi(data: Obj, transactionId: string | null): Extracted {
  const docDetail = asObj(field(data, 'docDetail'));
  const faceDetail = asObj(field(data, 'faceDetail'));
  const inputs = asObj(field(data, 'inputParameters'));
  const ocrInfo = asObj(field(docDetail, 'ocrInfo'));
  const front = asObj(field(ocrInfo, 'front'));
  const back = asObj(field(ocrInfo, 'back'));
  const pick = (...names: string[]): unknown =>
    firstNonNull(front, ...names) ?? firstNonNull(back, ...names);
  const pickDate = (prefix: 'dob' | 'issue' | 'expiry', ...names: string[]): string | null =>
    dateOrRaw(pick(...names)) ?? partsDate(front, prefix) ?? partsDate(back, prefix);

  const country = str(field(data, 'countryCodeIso3'))?.toUpperCase() ?? null;
  const idNumber = str(pick('idNumber'));
  const docType =
    sideOf(field(docDetail, 'docType')) ??
    sideOf(field(docDetail, 'subDocType')) ??
    str(field(inputs, 'docType'));

  const person = compact({
    fullName:
      str(pick('fullName', 'name')) ??
      joinNames(pick('firstName'), pick('middleName'), pick('lastName')),
    givenName: str(pick('firstName')),
    familyName: str(pick('lastName')),
    birthDate: pickDate('dob', 'birthdayParsed', 'birthday', 'birthDate', 'dateOfBirth'),
    gender: normalizeGender(pick('gender')) ?? normalizeGender(pick('genderLocal')),
    // A 16-digit number on an Indonesian document is the NIK.
    nik:
      idNumber !== null &&
      /^\d{16}$/.test(idNumber) &&
      (country === 'IDN' || /^ID-/i.test(docType ?? ''))
        ? idNumber
        : null,
  });
  const document = compact({
    type: docType,
    number: idNumber ?? str(pick('documentNumber')),
    issuingCountry: str(pick('countryCode', 'issuerCountry'))?.toUpperCase() ?? country,
    issueDate: pickDate('issue', 'issueDate'),
    expiryDate: pickDate('expiry', 'expiryDate'),
  });
  const address = compact({
    full: str(pick('fullAddress', 'address')),
    city: str(pick('city')),
    region: str(pick('state', 'province')),
    postalCode: str(pick('postcode', 'postalCode')),
    country,
  });

  const fields: Fields = {};
  const put = (key: string, value: unknown): void => putScalar(fields, key, value);
  put('signatureId', field(data, 'signatureId'));
  put('transactionId', transactionId);
  put('submissionCompleted', field(data, 'submissionCompleted'));
  put('countryCodeIso3', country);
  put('faceLivenessScore', num(field(faceDetail, 'faceLivenessScore')));
  put('faceSimilarityScore', num(field(faceDetail, 'faceSimilarityScore')));
  put(
    'forgeryLabels',
    asArray(field(docDetail, 'forgeryLabels')).filter((l) => typeof l === 'string'),
  );
  put('docType', docType);
  for (const key of ['bizId', 'userId', 'bizCode', 'region', 'productLevel', 'docType'])
    put(`input.${key}`, field(inputs, key));
  for (const fee of asArray(field(data, 'feeDetail'))) {
    const name = str(field(asObj(fee), 'name'));
    if (name) fields[`fee.${name}`] = str(field(asObj(fee), 'type')) ?? name;
  }
  addScalars(fields, 'ocr.front.', front);
  addScalars(fields, 'ocr.back.', back);

  return {
    ...(person ? { person } : {}),
    ...(document ? { document } : {}),
    ...(address ? { address } : {}),
    ...(Object.keys(fields).length > 0 ? { fields } : {}),
  };
}
