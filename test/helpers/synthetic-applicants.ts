/**
 * Applicants for bulk-generated ledgers (report and UI benchmarks, bulk report tests): a name and
 * a well-formed Jakarta NIK per index, cheap enough for a million rows and stable across runs.
 */
const GIVEN = [
  'SITI',
  'BUDI',
  'AGUS',
  'DEWI',
  'RINA',
  'ANDI',
  'RUDI',
  'SRI',
  'JOKO',
  'NUR',
  'PUTRI',
  'HENDRA',
];
const FAMILY = [
  'RAHAYU',
  'SANTOSO',
  'WIJAYA',
  'LESTARI',
  'SETIAWAN',
  'HIDAYAT',
  'KURNIAWAN',
  'PRATAMA',
  'SAPUTRA',
];

export function applicantName(i: number): string {
  return `${GIVEN[i % GIVEN.length]} ${FAMILY[i % FAMILY.length]}`;
}

export function applicantNik(i: number): string {
  const day = String((i % 28) + 1).padStart(2, '0');
  const month = String((i % 12) + 1).padStart(2, '0');
  return `3171${String(i % 100).padStart(2, '0')}${day}${month}${String(80 + (i % 20)).padStart(2, '0')}${String((i % 9999) + 1).padStart(4, '0')}`;
}
