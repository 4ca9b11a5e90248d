import type { FastifyInstance, FastifyRequest } from 'fastify';
import { MesInfosError } from '../domain/errors.ts';
import '../clients/audiences.ts';
import type { AnyOperation } from '../operations/operation.ts';
import type { Audience } from './audience.ts';
import { inputInvalid } from './error-handler.ts';
import { queryReader } from './query-input.ts';

/** Operations offered over HTTP: faces include 'http' (the default is both faces). */
export function httpOperations(operations: readonly AnyOperation[]): AnyOperation[] {
  return operations.filter((op) => (op.faces ?? ['cli', 'http']).includes('http'));
}

/** `records.correct` → `records/correct`. */
export function operationPath(op: AnyOperation): string {
  return op.name.split('.').join('/');
}

/** GET for reading operations (input in the query string), POST with a JSON body for those that change the vault. */
export function operationMethod(op: AnyOperation): 'GET' | 'POST' {
  return op.mutates ? 'POST' : 'GET';
}

/**
 * Adds one route per operation the audience offers, under its prefix: the input is
 * validated with the operation's zod schema (INPUT_INVALID names each field), the caller
 * is resolved by the audience (401/403 before any input is looked at), the handler runs,
 * and its output is checked against the output schema before it is sent.
 */
export function addOperationRoutes(app: FastifyInstance, operations: readonly AnyOperation[], audience: Audience): void {
  for (const op of httpOperations(operations)) {
    if (!audience.offers(op)) continue;
    const method = operationMethod(op);
    // A read's input is its query string, read with the shape of its schema (looked at once, here).
    const readInput = op.mutates ? bodyInput : queryInput(queryReader(op.input));
    app.route({
      method,
      url: `${audience.prefix}/${operationPath(op)}`,
      ...(op.httpBodyLimitBytes ? { bodyLimit: op.httpBodyLimitBytes } : {}),
      handler: async (request, reply) => {
        const caller = await audience.resolve(request, op.mutates);
        try {
          const parsed = op.input.safeParse(readInput(request));
          if (!parsed.success) throw inputInvalid(parsed.error.issues, method === 'GET' ? 'query' : 'body');
          const out = await op.handler({ vault: caller.vault, principal: caller.principal, services: caller.services }, parsed.data);
          const output = op.output.safeParse(out);
          if (!output.success) {
            request.log.error({ operation: op.name, faults: output.error.issues.map((i) => ({ path: i.path.map(String).join('.'), code: i.code })) }, 'operation output does not follow its schema');
            throw new MesInfosError('INTERNAL');
          }
          reply.header('cache-control', 'no-store');
          return output.data;
        } finally {
          caller.release();
        }
      },
    });
  }
}

const queryInput = (read: ReturnType<typeof queryReader>) => (request: FastifyRequest) => read(request.query as Record<string, string | string[] | undefined>);

function bodyInput(request: FastifyRequest): unknown {
  return request.body === undefined || request.body === null ? {} : request.body;
}
