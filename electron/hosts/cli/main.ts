/**
 * `checkdesk`: the headless host. Exit 0 on success, 1 on failure, 2 on bad usage, always with a
 * one-line reason on stderr. The command table below is the CLI contract (PRODUCT.md §5).
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { VERSION } from '../../engine/version.ts';
import { defaultDataDir } from '../paths.ts';
import { COMMANDS } from './commands.ts';
import { CommandError, createIo, UsageError } from './io.ts';
import { USAGE } from './usage.ts';

const GLOBAL = {
  'data-dir': { type: 'string' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean' },
} as const satisfies ParseArgsConfig['options'];

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(USAGE);
    return name ? 0 : 2;
  }
  if (name === '--version') {
    process.stdout.write(`${VERSION}\n`);
    return 0;
  }
  const command = COMMANDS[name];
  if (!command) {
    process.stderr.write(`checkdesk: unknown command "${name}"\n\n${USAGE}`);
    return 2;
  }
  let parsed;
  try {
    parsed = parseArgs({
      args: rest,
      options: { ...GLOBAL, ...command.options },
      allowPositionals: true,
      strict: true,
    });
  } catch (err) {
    process.stderr.write(`checkdesk ${name}: ${(err as Error).message.split('\n')[0]}\n\n${USAGE}`);
    return 2;
  }
  const values = parsed.values as Record<string, unknown>;
  if (values.help) {
    process.stdout.write(USAGE);
    return 0;
  }
  if (values.version) {
    process.stdout.write(`${VERSION}\n`);
    return 0;
  }
  const io = createIo(values.json === true);
  const dataDir = typeof values['data-dir'] === 'string' ? values['data-dir'] : defaultDataDir();
  try {
    return await command.run({ values, positionals: parsed.positionals, io, dataDir });
  } catch (err) {
    if (err instanceof UsageError) {
      process.stderr.write(`checkdesk ${name}: ${err.message}\n`);
      return 2;
    }
    const message =
      err instanceof CommandError ? err.message : err instanceof Error ? err.message : String(err);
    process.stderr.write(`checkdesk ${name}: ${message.split('\n')[0]}\n`);
    return 1;
  }
}

const code = await main(process.argv.slice(2));
process.exitCode = code;
// Commands resolve only when their work is done (long-running ones on SIGINT/SIGTERM), so exit
// now rather than wait for stray handles — but only after stdout and stderr have drained: a big
// JSON answer on a pipe must never be cut short.
process.stdout.write('', () => process.stderr.write('', () => process.exit(code)));
