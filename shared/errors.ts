/**
 * Errors cross every boundary (engine → host → UI) as data, never as thrown stacks.
 */
import { z } from 'zod';

export const ErrorData = z.object({
  code: z.string(),
  message: z.string(),
  retryable: z.boolean(),
});
export type ErrorData = z.infer<typeof ErrorData>;

export type Result<T> = { ok: true; value: T } | { ok: false; error: ErrorData };

/** Thrown inside the engine; turned into ErrorData at the contract boundary. */
export class CheckDeskError extends Error {
  readonly code: string;
  readonly retryable: boolean;
  constructor(
    code: string,
    message: string,
    options: { retryable?: boolean; cause?: unknown } = {},
  ) {
    super(message, { cause: options.cause });
    this.name = 'CheckDeskError';
    this.code = code;
    this.retryable = options.retryable ?? false;
  }
}

export function toErrorData(err: unknown): ErrorData {
  if (err instanceof CheckDeskError) {
    return { code: err.code, message: err.message, retryable: err.retryable };
  }
  if (
    err &&
    typeof err === 'object' &&
    'issues' in err &&
    Array.isArray((err as { issues: unknown[] }).issues)
  ) {
    const issues = (err as { issues: { path: (string | number)[]; message: string }[] }).issues;
    const first = issues[0];
    const where = first && first.path.length > 0 ? `${first.path.join('.')}: ` : '';
    return {
      code: 'BAD_ARGUMENTS',
      message: `${where}${first?.message ?? 'invalid arguments'}`,
      retryable: false,
    };
  }
  const message = err instanceof Error ? err.message : String(err);
  return { code: 'INTERNAL', message, retryable: false };
}
