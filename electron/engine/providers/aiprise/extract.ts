/**
 * AiPrise `id_info` (and the session's identifiers) → canonical extracted data. Dates are
 * already ISO at AiPrise; countries come as alpha-2 and are converted to alpha-3.
 */
import type { Extracted } from '../../../../shared/model.ts';
import {
  asArray,
  asObj,
  compact,
  dateOrRaw,
  field,
  joinNames,
  normalizeGender,
  num,
  putScalar,
  str,
  type Obj,
} from '../kit/payload.ts';
import { toAlpha3 } from './countries.ts';

type Fields = NonNullable<Extracted['fields']>;

/** Parsed-address parts are documented as "object|null" but sent as strings. */
function part(value: unknown): string | null {
  return str(value) ?? str(field(asObj(value), 'value', 'name', 'text'));
}

export function extractAiPrise(result: Obj): Extracted {
  const id = asObj(field(result, 'id_info'));
  const s = (key: string): string | null => str(field(id, key));
  const issueCountry =
    toAlpha3(field(id, 'issue_country_code')) ?? toAlpha3(field(id, 'issue_country'));
  const idNumber = s('id_number');
  const personal = s('personal_number');
  const nikCandidate = [personal, idNumber].find((n) => n !== null && /^\d{16}$/.test(n)) ?? null;

  const person = compact({
    fullName:
      s('full_name') ??
      joinNames(s('first_name'), s('middle_name'), s('last_name'), s('second_last_name')),
    givenName: joinNames(s('first_name'), s('middle_name')),
    familyName: joinNames(s('last_name'), s('second_last_name')),
    birthDate: dateOrRaw(field(id, 'birth_date')),
    gender: normalizeGender(field(id, 'gender')),
    // A 16-digit number on an Indonesian document is the NIK.
    nik: issueCountry === 'IDN' ? nikCandidate : null,
  });
  const document = compact({
    type: s('id_type'),
    number: idNumber,
    issuingCountry: issueCountry,
    issueDate: dateOrRaw(field(id, 'id_issue_date')),
    expiryDate: dateOrRaw(field(id, 'id_expiry_date')),
  });
  const address = asObj(field(id, 'address'));
  const parsed = asObj(field(address, 'parsed_address'));
  const addressOut = compact({
    full: str(field(address, 'full_address')),
    street: joinNames(
      part(field(parsed, 'address_street_1')),
      part(field(parsed, 'address_street_2')),
    ),
    city: part(field(parsed, 'address_city')),
    region: part(field(parsed, 'address_state')),
    postalCode: part(field(parsed, 'address_zip_code')),
    country:
      toAlpha3(part(field(parsed, 'address_country'))) ?? part(field(parsed, 'address_country')),
  });

  const fields: Fields = {};
  const put = (key: string, value: unknown): void => putScalar(fields, key, value);
  put('verification_session_id', field(result, 'verification_session_id'));
  put('client_reference_id', field(result, 'client_reference_id'));
  put('template_id', field(result, 'template_id'));
  put('environment', field(result, 'environment'));
  for (const key of ['id_type', 'personal_number', 'nationality', 'issue_country'])
    put(key, field(id, key));
  put('nationality_code', toAlpha3(field(id, 'nationality_code')));
  put('issue_country_code', issueCountry);
  put('face_match_score', num(field(asObj(field(result, 'face_match_info')), 'face_match_score')));
  put('aml_num_hits', num(field(asObj(field(result, 'aml_info')), 'num_hits')));
  put(
    'tags',
    asArray(field(asObj(field(result, 'aiprise_summary')), 'tags')).filter(
      (t) => typeof t === 'string',
    ),
  );
  const ocr = asObj(field(asObj(field(id, 'document_details')), 'ocr_data'));
  for (const [key, value] of Object.entries(ocr ?? {})) put(`ocr.${key}`, value);

  return {
    ...(person ? { person } : {}),
    ...(document ? { document } : {}),
    ...(addressOut ? { address: addressOut } : {}),
    ...(Object.keys(fields).length > 0 ? { fields } : {}),
  };
}
