import { describe, expect, it } from 'vitest';
import { ERROR_CATALOGUE, MesInfosError, type ErrorCode } from '../domain/errors.ts';
import { toErrorBody } from './error-handler.ts';
import { ERROR_STATUS, statusFor } from './error-status.ts';

describe('the error catalogue mapped to HTTP statuses', () => {
  it('maps every code, and only codes of the catalogue, to a 4xx or 5xx status', () => {
    expect(Object.keys(ERROR_STATUS).sort()).toEqual(Object.keys(ERROR_CATALOGUE).sort());
    for (const [code, status] of Object.entries(ERROR_STATUS)) expect({ code, ok: status >= 400 && status < 600 }).toEqual({ code, ok: true });
  });

  it('gives the statuses a client expects', () => {
    const expected: [ErrorCode, number][] = [
      ['INPUT_INVALID', 400],
      ['VAULT_LOCKED', 401],
      ['VAULT_PASSPHRASE_WRONG', 401],
      ['UNAUTHENTICATED', 401],
      ['CONSENT_DENIED', 403],
      ['CSRF_TOKEN_INVALID', 403],
      ['RECORD_NOT_FOUND', 404],
      ['GRANT_NOT_FOUND', 404],
      ['NOT_FOUND', 404],
      ['VAULT_EXISTS', 409],
      ['PAYLOAD_TOO_LARGE', 413],
      ['IMPORT_MALFORMED', 422],
      ['CORRECTION_INVALID', 422],
      ['RATE_LIMITED', 429],
      ['INTERNAL', 500],
    ];
    for (const [code, status] of expected) expect([code, statusFor(code)]).toEqual([code, status]);
  });

  it('never shows a client the message or stack of an unexpected error', () => {
    const body = toErrorBody(new Error('SQLITE_ERROR near "secret": syntax error'));
    expect(body).toEqual({ error: { code: 'INTERNAL', message: ERROR_CATALOGUE.INTERNAL } });
    expect(toErrorBody(new MesInfosError('RECORD_NOT_FOUND', 'No record with id 1.', { id: '1' }))).toEqual({ error: { code: 'RECORD_NOT_FOUND', message: 'No record with id 1.', details: { id: '1' } } });
  });
});
