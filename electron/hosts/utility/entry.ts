/**
 * Entry of the engine's Electron utility process (bundled to out/main/engine.js). Main forks it
 * with utilityProcess.fork and talks to it over process.parentPort (see ./protocol.ts).
 *
 * Deliberately no `electron` import: a utility process is plain Node plus parentPort.
 */
import { createEngine } from '../../engine/index.ts';
import { appendHostLog } from './host-log.ts';
import { runEngineHost, type HostPort } from './host.ts';

interface ParentPortLike {
  on(event: 'message', listener: (messageEvent: { data: unknown }) => void): unknown;
  postMessage(message: unknown): void;
}

function isParentPort(value: unknown): value is ParentPortLike {
  return typeof value === 'object' && value !== null && 'postMessage' in value && 'on' in value;
}

const parentPort: unknown = Reflect.get(process, 'parentPort');
if (!isParentPort(parentPort)) {
  process.stderr.write(
    'checkdesk engine host: must run as an Electron utility process (no parentPort)\n',
  );
  process.exit(2);
}

const port: HostPort = {
  onMessage: (listener) => {
    parentPort.on('message', (messageEvent) => listener(messageEvent.data));
  },
  postMessage: (message) => parentPort.postMessage(message),
};

const host = runEngineHost({
  port,
  createEngine,
  exit: (code) => process.exit(code),
  log: (line) => appendHostLog(host.dataDir(), line),
});

// The supervisor in main restarts the engine after an exit; what remains to do here is leave a
// trace next to the engine's own log so the person reading the crash notice finds the cause.
function die(kind: string, err: unknown): void {
  appendHostLog(
    host.dataDir(),
    `${kind}: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`,
  );
  process.exit(70);
}
process.on('uncaughtException', (err) => die('uncaught exception', err));
process.on('unhandledRejection', (reason) => die('unhandled rejection', reason));
