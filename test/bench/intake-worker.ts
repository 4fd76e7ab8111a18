/**
 * The intake stage on its own (ledger + intake, no pre-flight, no providers), for the intake
 * benchmark: records an inbox and exits when told, printing nothing but progress on stderr.
 */
import { randomUUID } from 'node:crypto';
import { EventHub } from '../../electron/engine/events.ts';
import { Intake } from '../../electron/engine/intake/intake.ts';
import { Ledger } from '../../electron/engine/ledger/index.ts';
import { createLogger } from '../../electron/engine/log.ts';

const [inbox, dataDir] = process.argv.slice(2) as [string, string];
const ledger = new Ledger({ dataDir, instanceId: randomUUID() });
const hub = new EventHub();
const intake = new Intake({
  ledger,
  dataDir,
  hub,
  log: createLogger(dataDir),
  stableMs: 300,
  onDocument: () => undefined,
  onCaseChanged: () => undefined,
  onStatus: () => undefined,
});
hub.setFileReader((ids) => ledger.files.rows(ids));
if (ledger.inboxes.list().length === 0) ledger.inboxes.add({ path: inbox });
await intake.start();
process.on('SIGTERM', () => {
  void intake.stop().then(() => {
    ledger.close();
    process.exit(0);
  });
});
