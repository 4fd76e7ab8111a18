/** Exit codes, one-line errors and output helpers shared by the CLI commands. */
import { CheckDeskError } from '../../../shared/errors.ts';

export class UsageError extends Error {}

/** A failure with exit code 1 and a one-line reason. */
export class CommandError extends Error {}

export interface Io {
  json: boolean;
  out(text: string): void;
  err(text: string): void;
}

export function createIo(json: boolean): Io {
  return {
    json,
    out: (text) => process.stdout.write(text.endsWith('\n') ? text : `${text}\n`),
    err: (text) => process.stderr.write(text.endsWith('\n') ? text : `${text}\n`),
  };
}

export function printJson(io: Io, value: unknown): void {
  io.out(JSON.stringify(value, null, 2));
}

/** Turns an engine error into the one-line reason the CLI prints. */
export function failure(err: unknown): CommandError {
  if (err instanceof CheckDeskError) return new CommandError(err.message);
  if (err instanceof CommandError || err instanceof UsageError) return err;
  return new CommandError(err instanceof Error ? err.message : String(err));
}

export function table(rows: string[][]): string {
  if (rows.length === 0) return '';
  const widths = rows[0]!.map((_, i) =>
    Math.min(60, Math.max(...rows.map((r) => (r[i] ?? '').length))),
  );
  return rows
    .map((r) =>
      r
        .map((cell, i) => (i === r.length - 1 ? cell : cell.slice(0, widths[i]).padEnd(widths[i]!)))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}
