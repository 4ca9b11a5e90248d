import type { ErrorCode } from '../domain/errors.ts';

/**
 * The one mapping from the error catalogue (src/domain/errors.ts) to HTTP statuses. A
 * `Record` over every code, so adding a code to the catalogue fails the type-check until
 * it is mapped here.
 */
export const ERROR_STATUS: Record<ErrorCode, number> = {
  VAULT_NOT_FOUND: 404,
  VAULT_EXISTS: 409,
  VAULT_LOCKED: 401,
  VAULT_PASSPHRASE_WRONG: 401,
  VAULT_PASSPHRASE_WEAK: 400,
  VAULT_CORRUPT: 500,
  IMPORT_MALFORMED: 422,
  IMPORT_INVALID: 422,
  IMPORT_UNRECOGNISED: 422,
  IMPORT_EMPTY: 422,
  ARCHIVE_INVALID: 422,
  RECORD_NOT_FOUND: 404,
  RECORD_DELETED: 410,
  CORRECTION_INVALID: 422,
  INPUT_INVALID: 400,
  GRANT_NOT_FOUND: 404,
  GRANT_INVALID: 422,
  CONSENT_DENIED: 403,
  UNAUTHENTICATED: 401,
  AUDIT_BROKEN: 500,
  CSRF_TOKEN_INVALID: 403,
  PAYLOAD_TOO_LARGE: 413,
  MEDIA_TYPE_UNSUPPORTED: 415,
  RATE_LIMITED: 429,
  HOST_NOT_ALLOWED: 403,
  NOT_FOUND: 404,
  INTERNAL: 500,
};

/** The HTTP status of an error code. */
export function statusFor(code: ErrorCode): number {
  return ERROR_STATUS[code];
}
