/**
 * A large ledger for the UI benchmark, written straight through the Ledger repos in one
 * transaction: `n` cases with applicant name and NIK (searchable), already planned so the engine
 * leaves them alone when it starts.
 */
import path from 'node:path';
import { Ledger } from '../../electron/engine/ledger/index.ts';
import { applicantName, applicantNik } from './synthetic-applicants.ts';

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
            name: applicantName(i),
            nik: applicantNik(i),
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
