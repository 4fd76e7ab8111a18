/**
 * A separate engine process for the two-process claim test: claims verifications from a shared
 * ledger file until none are left and prints the ids it finalized.
 */
import { Ledger } from '../../electron/engine/ledger/index.ts';

const [dataDir, owner] = process.argv.slice(2) as [string, string];
const ledger = new Ledger({ dataDir, instanceId: owner });
const finalized: number[] = [];
let idle = 0;
while (idle < 20) {
  const rows = ledger.verifications.claim({ provider: 'anycheck', owner, leaseMs: 60_000, limit: 1 + Math.floor(Math.random() * 4) });
  if (rows.length === 0) {
    idle++;
    await new Promise((r) => setTimeout(r, 5));
    continue;
  }
  idle = 0;
  for (const row of rows) {
    const done = ledger.verifications.finalize(row.id, row.leaseToken!, { phase: 'DONE', runStatus: 'COMPLETED', externalId: `${owner}-${row.id}` });
    if (done) finalized.push(row.id);
  }
}
ledger.close();
process.stdout.write(JSON.stringify(finalized));
