import { ensureRendererBuilt } from '../../electron/hosts/browser/serve-command.ts';

/** Builds the renderer once before the browser tests (skipped when the build is current). */
export default async function globalSetup(): Promise<void> {
  await ensureRendererBuilt({ err: (line) => process.stderr.write(`${line}\n`) });
}
