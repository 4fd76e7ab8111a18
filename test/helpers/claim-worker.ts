/**
 * A separate engine process for the two-process claim test: claims verifications from a shared
 * ledger file until none are left and prints the ids it finalized.
 */
import fs from 'node:fs';
import path from 'node:path';
import { Ledger } from '../../electron/engine/ledger/index.ts';

const [dataDir, owner, peersArg] = process.argv.slice(2) as [string, string, string | undefined];
const ledger = new Ledger({ dataDir, instanceId: owner });
// Start line: claim only once every peer has opened the ledger, so a slow process start (a busy
// machine) cannot leave one process with the whole queue and the test without contention.
const peers = Number(peersArg ?? 1);
fs.writeFileSync(path.join(dataDir, `ready-${owner}`), '');
const deadline = Date.now() + 60_000;
while (
  fs.readdirSync(dataDir).filter((f) => f.startsWith('ready-')).length < peers &&
  Date.now() < deadline
) {
  await new Promise((r) => setTimeout(r, 10));
}
const finalized: number[] = [];
let idle = 0;
while (idle < 20) {
  const rows = ledger.verifications.claim({
    provider: 'anycheck',
    owner,
    leaseMs: 60_000,
    limit: 1 + Math.floor(Math.random() * 4),
  });
  if (rows.length === 0) {
    idle++;
    await new Promise((r) => setTimeout(r, 5));
    continue;
  }
  idle = 0;
  for (const row of rows) {
    const done = ledger.verifications.finalize(row.id, row.leaseToken!, {
      phase: 'DONE',
      runStatus: 'COMPLETED',
      externalId: `${owner}-${row.id}`,
    });
    if (done) finalized.push(row.id);
  }
  // A real runner talks to the provider between claims. Without a pause, one process could hold
  // the write lock back to back and starve the other (SQLite's busy wait is not fair), and the
  // test would prove nothing about contention.
  await new Promise((r) => setTimeout(r, 1));
}
ledger.close();
process.stdout.write(JSON.stringify(finalized));
