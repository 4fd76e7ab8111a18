/** Error answers of the sandbox, in the current or the legacy AnyCheck format. */

export class SandboxError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly errors?: { field: string; message: string }[],
  ) {
    super(message);
  }
}

/** Current codes → the legacy host's codes (auth codes are the same in both). */
const LEGACY_CODES: Record<string, string> = {
  INVALID_REQUEST: 'INVALID_INPUT',
  INVALID_VALUE: 'INVALID_INPUT',
  INVALID_ID: 'INVALID_INPUT',
  INSUFFICIENT_BALANCE: 'INSUFFICIENT_CREDITS',
  NOT_FOUND: 'VERIFICATION_NOT_FOUND',
  INTERNAL_SERVER_ERROR: 'SERVICE_UNAVAILABLE',
  BAD_GATEWAY: 'PROVIDER_ERROR',
  SERVICE_UNAVAILABLE: 'SERVICE_UNAVAILABLE',
};

export function errorBody(err: SandboxError, legacy: boolean): unknown {
  if (legacy)
    return {
      success: false,
      error: { code: LEGACY_CODES[err.code] ?? err.code, message: err.message },
    };
  return err.errors
    ? { error_code: err.code, message: err.message, errors: err.errors }
    : { error_code: err.code, message: err.message };
}

export function decodeParam(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    throw new SandboxError(400, 'INVALID_ID', 'The id in the path is not valid.');
  }
}
