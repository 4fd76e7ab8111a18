/**
 * Runs `checkdesk run … --once` as a real child process against a given provider URL, with the
 * tuning that keeps tests quick (short readiness and settle times, fast backoff, no OCR).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { BIN, ROOT } from './cli.ts';

export const FAST_ENV: Record<string, string> = {
  CHECKDESK_STABLE_MS: '200',
  CHECKDESK_CASE_SETTLE_MS: '300',
  CHECKDESK_RETRY_BASE_MS: '200',
  CHECKDESK_RETRY_CAP_MS: '2000',
  CHECKDESK_OCR: 'off',
};

/** With `anycheck`, the run talks to that AnyCheck base URL; without, the profile says it all. */
export function startRun(args: {
  inbox: string;
  dataDir: string;
  anycheck?: { baseUrl: string; apiKey: string };
  extra?: string[];
  env?: Record<string, string>;
}): ChildProcess & { output(): string } {
  const provider = args.anycheck
    ? ['--provider', 'anycheck', '--base-url', args.anycheck.baseUrl]
    : [];
  const child = spawn(
    process.execPath,
    [
      BIN,
      'run',
      args.inbox,
      '--once',
      '--json',
      '--timeout',
      '240',
      '--data-dir',
      args.dataDir,
      ...provider,
      ...(args.extra ?? []),
    ],
    {
      cwd: ROOT,
      env: {
        ...process.env,
        ...FAST_ENV,
        ...(args.anycheck ? { CHECKDESK_ANYCHECK_API_KEY: args.anycheck.apiKey } : {}),
        ...args.env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  return Object.assign(child, { output: () => out });
}

export function exited(child: ChildProcess): Promise<number | null> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(child.exitCode);
  return new Promise((resolve) => child.once('exit', (code) => resolve(code)));
}
