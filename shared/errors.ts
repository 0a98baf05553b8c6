/** Error codes and the error shape that crosses the bridge (DESIGN §2). */

/**
 * The closed set of codes a bridge call can fail with. The renderer switches on these, never on
 * message text. Add a code here (and a row in README's table) when a new failure needs its own UI.
 */
export const ERROR_CODES = [
  'BAD_INPUT',
  'NOT_FOUND',
  'CONFLICT',
  'FORBIDDEN',
  'BAD_PASSPHRASE',
  'UNSUPPORTED_KEY',
  'UNSUPPORTED_FORMAT',
  'KEY_MISMATCH',
  'KEY_NOT_EXPORTABLE',
  'VAULT_LOCKED',
  'VAULT_NOT_SET_UP',
  'VAULT_DAMAGED',
  'TOO_LARGE',
  'NETWORK',
  'TLS',
  'TIMEOUT',
  'ABORTED',
  'TOKEN_EXCHANGE_FAILED',
  'INTERNAL',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

/** JSON-only context attached to an error (field names, URLs, errno — never secrets). */
export type ErrorDetails = Record<string, unknown>;

/** The error as it travels: plain JSON, identical over Electron IPC and the Chromium host. */
export interface WireError {
  code: ErrorCode;
  message: string;
  details?: ErrorDetails;
  /** Set for INTERNAL errors: the key under which main logged the full error. */
  ref?: string;
}

/** An expected failure with a stable code. Services throw it; the client rethrows it. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly details?: ErrorDetails;
  readonly ref?: string;

  constructor(code: ErrorCode, message: string, details?: ErrorDetails, options?: { cause?: unknown; ref?: string }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'AppError';
    this.code = code;
    if (details !== undefined) this.details = details;
    if (options?.ref !== undefined) this.ref = options.ref;
  }
}

export function isAppError(error: unknown, code?: ErrorCode): error is AppError {
  return error instanceof AppError && (code === undefined || error.code === code);
}

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && (ERROR_CODES as readonly string[]).includes(value);
}

export function toWireError(error: AppError): WireError {
  const wire: WireError = { code: error.code, message: error.message };
  if (error.details !== undefined) wire.details = error.details;
  if (error.ref !== undefined) wire.ref = error.ref;
  return wire;
}

export function fromWireError(wire: WireError): AppError {
  const code = isErrorCode(wire.code) ? wire.code : 'INTERNAL';
  return new AppError(code, wire.message, wire.details, wire.ref === undefined ? undefined : { ref: wire.ref });
}
