/**
 * The one catalogue of error codes. Every error MesInfos raises on purpose carries one of
 * these codes; the HTTP layer maps them to statuses in one place, the CLI to exit codes.
 */
export const ERROR_CATALOGUE = {
  VAULT_NOT_FOUND: 'No vault exists at this path yet.',
  VAULT_EXISTS: 'A vault already exists at this path.',
  VAULT_LOCKED: 'The vault is locked: unlock it with the passphrase first.',
  VAULT_PASSPHRASE_WRONG: 'The passphrase does not open this vault (or the file is not a MesInfos vault).',
  VAULT_PASSPHRASE_WEAK: 'The passphrase is too weak.',
  VAULT_CORRUPT: 'The vault file is damaged or not a vault.',
  IMPORT_MALFORMED: 'The input is malformed: nothing was imported.',
  IMPORT_INVALID: 'Some records do not follow their schema: nothing was imported.',
  IMPORT_UNRECOGNISED: 'No connector recognised this file.',
  IMPORT_EMPTY: 'The file holds no records.',
  ARCHIVE_INVALID: 'The archive is not a valid MesInfos export.',
  RECORD_NOT_FOUND: 'No record with this id.',
  RECORD_DELETED: 'This record was deleted.',
  CORRECTION_INVALID: 'The correction does not follow the record type’s schema.',
  INPUT_INVALID: 'The request does not follow the operation’s input schema.',
  GRANT_NOT_FOUND: 'No grant with this id.',
  GRANT_INVALID: 'The grant is not valid.',
  CONSENT_DENIED: 'No grant allows this access.',
  UNAUTHENTICATED: 'Credentials are missing or unknown.',
  AUDIT_BROKEN: 'The access log chain is broken.',
  CSRF_TOKEN_INVALID: 'The x-csrf-token header is missing or does not match this session.',
  PAYLOAD_TOO_LARGE: 'The request body is larger than this server accepts.',
  MEDIA_TYPE_UNSUPPORTED: 'The request body must be JSON (Content-Type: application/json).',
  RATE_LIMITED: 'Too many attempts: wait a moment and try again.',
  HOST_NOT_ALLOWED: 'This server answers only to its own host name.',
  NOT_FOUND: 'Nothing here.',
  RIGHTS_REQUEST_NOT_FOUND: 'No rights request with this id.',
  RIGHTS_REQUEST_INVALID: 'The rights request is not valid.',
  RIGHTS_TRANSITION_INVALID: 'The rights request is not in a state that allows this.',
  RIGHTS_EXTENSION_INVALID: 'The deadline cannot be extended like this (art. 12(3) GDPR: within the first month, two further months at most, with reasons).',
  VAULT_CLOSED: 'The vault is closed: the person must unlock it before organisations and apps can be served.',
  CLIENT_NOT_FOUND: 'No organisation or app client with this id.',
  CLIENT_INVALID: 'The organisation or app registration is not valid.',
  PAIRING_CODE_INVALID: 'The pairing code is unknown, already used, expired, or was made for another organisation.',
  CUSTOMER_NOT_LINKED: 'This organisation has no live link to this customer reference.',
  LINK_NOT_FOUND: 'No link with this id.',
  INTENT_NOT_FOUND: 'No intent with this pseudonym (or not one of your categories).',
  INTENT_INVALID: 'The intent is not valid.',
  INTENT_CLOSED: 'The intent is no longer open: it was accepted, closed or has expired.',
  OFFER_NOT_FOUND: 'No offer with this id.',
  TERMS_NOT_ACCEPTED: 'The person’s terms for this intent must all be accepted before answering it.',
  VENDOR_NOT_ALLOWED: 'This organisation is not a vendor for this kind of intent.',
  INTERNAL: 'Something went wrong on our side.',
} as const;

export type ErrorCode = keyof typeof ERROR_CATALOGUE;

/**
 * An error with a stable code, a message a person understands, and optional details
 * (the place in a file, the faults of an import) that tools may show beside it.
 */
export class MesInfosError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string = ERROR_CATALOGUE[code],
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'MesInfosError';
  }
}

export function isMesInfosError(e: unknown): e is MesInfosError {
  return e instanceof MesInfosError;
}
