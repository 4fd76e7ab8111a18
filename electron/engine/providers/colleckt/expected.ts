/**
 * CheckDesk's expected data (what the applicant declared) → Colleckt `expected_data`, the values
 * Colleckt's validation rules compare the OCR output against.
 */
import type { DocumentKind, ExpectedData } from '../../../../shared/model.ts';
import { isoDate, splitName } from '../kit/person.ts';

export interface CollecktExpectedData {
  person: { first_name: string | null; last_name: string | null; date_of_birth: string | null };
  address: {
    street: string | null;
    city: string | null;
    state: string | null;
    postal_code: string | null;
    country: string;
  };
  documents: {
    photo_id: { type: string; number: string | null; country: string };
    proof_of_address?: { type: string; country: string };
  };
}

export interface ExpectedOptions {
  /** Colleckt document type for the photo ID; a KTP is a national identity card. */
  photoIdType: string;
  /** ISO 3166-1 alpha-3, as Colleckt requires. */
  country: string;
}

const PROOF_OF_ADDRESS_TYPE: Partial<Record<DocumentKind, string>> = {
  BANK_STATEMENT: 'bank_statement',
  KK: 'family_card',
  PROOF_OF_ADDRESS: 'utility_bill',
};

/** Case sheets carry city/province/postal code under English or Indonesian column names. */
function extra(expected: ExpectedData, ...names: string[]): string | null {
  const bag = expected.extra ?? {};
  for (const [key, value] of Object.entries(bag)) {
    if (names.includes(key.toLowerCase().replace(/[\s-]+/g, '_')) && value.trim())
      return value.trim();
  }
  return null;
}

export function buildExpectedData(
  expected: ExpectedData | null,
  proofOfAddressKind: DocumentKind | null,
  options: ExpectedOptions,
): CollecktExpectedData {
  const e = expected ?? {};
  const name = e.name ? splitName(e.name) : null;
  const out: CollecktExpectedData = {
    person: {
      first_name: name?.given ?? null,
      last_name: name?.family ?? null,
      date_of_birth: isoDate(e.birthDate),
    },
    address: {
      street: e.address?.trim() || null,
      city: extra(e, 'city', 'kota', 'kabupaten', 'kota_kabupaten'),
      state: extra(e, 'state', 'province', 'provinsi'),
      postal_code: extra(e, 'postal_code', 'postcode', 'zip', 'kode_pos'),
      country: options.country,
    },
    documents: {
      photo_id: {
        type: options.photoIdType,
        number: e.nik?.trim() || null,
        country: options.country,
      },
    },
  };
  if (proofOfAddressKind) {
    out.documents.proof_of_address = {
      type: PROOF_OF_ADDRESS_TYPE[proofOfAddressKind] ?? 'other',
      country: options.country,
    };
  }
  return out;
}
