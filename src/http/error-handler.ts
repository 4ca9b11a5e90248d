import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import { ERROR_CATALOGUE, MesInfosError, isMesInfosError, type ErrorCode } from '../domain/errors.ts';
import { statusFor } from './error-status.ts';

/** Every error body the API sends: a stable code, a message a developer understands, optional details. */
export interface ErrorBody {
  error: { code: ErrorCode; message: string; details?: unknown };
}

/** One field of an invalid input, as INPUT_INVALID details list them. */
export interface FieldFault {
  field: string;
  message: string;
}

/** Turns zod issues into INPUT_INVALID, naming each field (dotted path) and what was expected. */
export function inputInvalid(issues: readonly z.core.$ZodIssue[], where: 'body' | 'query'): MesInfosError {
  const faults: FieldFault[] = issues.map((i) => ({ field: i.path.map(String).join('.') || '(the whole input)', message: i.message }));
  const text = faults.map((f) => `${f.field}: ${f.message}`).join('; ');
  return new MesInfosError('INPUT_INVALID', `The request ${where} does not follow the operation's input schema: ${text}`, { faults });
}

/** The code for errors Fastify and its plugins raise themselves (bad JSON, body too large…). */
function codeForFrameworkError(e: FastifyError): ErrorCode {
  switch (e.statusCode) {
    case 413:
      return 'PAYLOAD_TOO_LARGE';
    case 415:
      return 'MEDIA_TYPE_UNSUPPORTED';
    case 429:
      return 'RATE_LIMITED';
    case 404:
      return 'NOT_FOUND';
    default:
      return e.statusCode !== undefined && e.statusCode >= 400 && e.statusCode < 500 ? 'INPUT_INVALID' : 'INTERNAL';
  }
}

/** What a client sees of an error: never a stack, never an internal error's message. */
export function toErrorBody(e: unknown): ErrorBody {
  if (isMesInfosError(e)) return { error: { code: e.code, message: e.message, ...(e.details !== undefined ? { details: e.details } : {}) } };
  const fe = e as FastifyError;
  const code = codeForFrameworkError(fe);
  if (code === 'INTERNAL') return { error: { code, message: ERROR_CATALOGUE.INTERNAL } };
  const message = code === 'INPUT_INVALID' ? `The request is malformed: ${fe.message}` : ERROR_CATALOGUE[code];
  return { error: { code, message } };
}

/**
 * Installs the one error handler and the not-found handler: every error leaves as
 * `{ error: { code, message, details? } }` with the status from error-status.ts. Client
 * errors are logged by code only (their messages may echo input); server errors with
 * their stack, server-side.
 */
export function installErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((e: unknown, request: FastifyRequest, reply: FastifyReply) => {
    const body = toErrorBody(e);
    const status = statusFor(body.error.code);
    if (status >= 500) request.log.error({ err: e, code: body.error.code }, 'request failed');
    else request.log.info({ code: body.error.code, statusCode: status }, 'request refused');
    reply.header('cache-control', 'no-store');
    return reply.code(status).send(body);
  });
  app.setNotFoundHandler((request: FastifyRequest, reply: FastifyReply) => {
    const body: ErrorBody = { error: { code: 'NOT_FOUND', message: `No route ${request.method} ${request.url.split('?')[0] ?? ''}.` } };
    return reply.code(statusFor('NOT_FOUND')).send(body);
  });
}
