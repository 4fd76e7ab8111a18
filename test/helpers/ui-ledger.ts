/**
 * A large ledger for the UI benchmark, written straight through the Ledger repos in one
 * transaction: `n` cases with applicant name and NIK (searchable), already planned so the engine
 * leaves them alone when it starts.
 */
import path from 'node:path';
import { Ledger } from '../../electron/engine/ledger/index.ts';

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

function nik(i: number): string {
  const day = String((i % 28) + 1).padStart(2, '0');
  const month = String((i % 12) + 1).padStart(2, '0');
  return `3171${String(i % 100).padStart(2, '0')}${day}${month}${String(80 + (i % 20)).padStart(2, '0')}${String((i % 9999) + 1).padStart(4, '0')}`;
}

export function seedLargeLedger(
  dataDir: string,
  inboxPath: string,
  n: number,
): { cases: number; ms: number } {
  const started = performance.now();
  const ledger = new Ledger({ dataDir, instanceId: 'ui-bench-seed' });
  try {
    const inbox = (
      ledger.inboxes.byPath(inboxPath) ??
      ledger.inboxes.add({ path: path.resolve(inboxPath), label: 'Bench' }).row
    ).id;
    ledger.tx(() => {
      for (let i = 0; i < n; i++) {
        const key = `APP-${String(i + 1).padStart(7, '0')}`;
        const id = ledger.cases.ensure(inbox, key, key).id;
        ledger.cases.setExpected(
          id,
          {
            name: `${GIVEN[i % GIVEN.length]} ${FAMILY[i % FAMILY.length]}`,
            nik: nik(i),
            loanId: `LN-${900000000 + i}`,
          },
          'manifest.csv',
        );
        ledger.cases.markPlanned(id);
      }
    });
  } finally {
    ledger.close();
  }
  return { cases: n, ms: performance.now() - started };
}
