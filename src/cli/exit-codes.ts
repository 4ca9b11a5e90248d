import type { ErrorCode } from '../domain/errors.ts';

/**
 * Exit codes scripts can rely on:
 * 0 success · 1 unexpected failure · 2 usage (unknown command or option) · 3 bad input
 * (invalid option value, a refused or unrecognised import, an invalid correction) ·
 * 4 vault access (no vault, wrong passphrase, locked) · 5 not found · 6 consent denied.
 */
export const EXIT = { ok: 0, failure: 1, usage: 2, input: 3, vault: 4, notFound: 5, denied: 6 } as const;

/** The exit code a command asks for without throwing (a partly refused import). */
export const exitState = { code: 0 as number };

export function exitCodeFor(code: ErrorCode | string): number {
  switch (code) {
    case 'VAULT_NOT_FOUND':
    case 'VAULT_EXISTS':
    case 'VAULT_LOCKED':
    case 'VAULT_PASSPHRASE_WRONG':
    case 'VAULT_PASSPHRASE_WEAK':
    case 'VAULT_CORRUPT':
      return EXIT.vault;
    case 'RECORD_NOT_FOUND':
    case 'GRANT_NOT_FOUND':
    case 'NOT_FOUND':
      return EXIT.notFound;
    case 'CONSENT_DENIED':
    case 'UNAUTHENTICATED':
      return EXIT.denied;
    case 'INTERNAL':
      return EXIT.failure;
    default:
      // Every other "…_NOT_FOUND" (a rights request, a client, a link…) is a missing thing too.
      return code.endsWith('_NOT_FOUND') ? EXIT.notFound : EXIT.input;
  }
}
