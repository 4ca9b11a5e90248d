import { z } from 'zod';
import { ERROR_CATALOGUE } from '../domain/errors.ts';
import type { AnyOperation } from '../operations/operation.ts';
import { CSRF_HEADER, type Audience } from './audience.ts';
import { ERROR_STATUS } from './error-status.ts';
import { httpOperations, operationMethod, operationPath } from './operation-routes.ts';
import { SESSION_COOKIE } from './session-cookie.ts';
import { lockInputSchema, lockOutputSchema, sessionStateSchema, unlockInputSchema, unlockOutputSchema } from './session-routes.ts';

type JsonSchema = Record<string, unknown>;
type OpenApiOperation = Record<string, unknown>;

/** A zod schema as an OpenAPI 3.1 (JSON Schema 2020-12) schema, for what a client sends or receives. */
export function jsonSchemaOf(schema: z.ZodType, io: 'input' | 'output'): JsonSchema {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, { target: 'draft-2020-12', io, unrepresentable: 'any' }) as JsonSchema;
  return rest;
}

const errorBodySchema = z.object({
  error: z.object({
    code: z.enum(Object.keys(ERROR_CATALOGUE) as [keyof typeof ERROR_CATALOGUE, ...(keyof typeof ERROR_CATALOGUE)[]]),
    message: z.string(),
    details: z.unknown().optional(),
  }),
});

const errorRef = (description: string) => ({ description, content: { 'application/json': { schema: { $ref: '#/components/schemas/ErrorBody' } } } });

function errorResponses(statuses: number[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const status of statuses) {
    const codes = Object.entries(ERROR_STATUS)
      .filter(([, s]) => s === status)
      .map(([c]) => c);
    out[String(status)] = errorRef(codes.join(', '));
  }
  return out;
}

/** Query parameters from an object input schema: one per property, arrays repeatable (or comma-separated). */
function queryParameters(input: JsonSchema): Record<string, unknown>[] {
  const props = (input.properties ?? {}) as Record<string, JsonSchema>;
  const required = new Set((input.required ?? []) as string[]);
  return Object.entries(props).map(([name, schema]) => ({
    name,
    in: 'query',
    required: required.has(name),
    schema,
    ...(schema.type === 'array' ? { style: 'form', explode: true } : {}),
    ...(typeof schema.description === 'string' ? { description: schema.description } : {}),
  }));
}

function operationDoc(op: AnyOperation, audience: Audience): OpenApiOperation {
  const input = jsonSchemaOf(op.input, 'input');
  const doc: OpenApiOperation = {
    operationId: `${audience.name}.${op.name}`,
    summary: op.summary,
    tags: [op.name.split('.')[0] ?? op.name],
    security: audience.security(op.mutates),
    responses: {
      '200': { description: 'OK', content: { 'application/json': { schema: jsonSchemaOf(op.output, 'output') } } },
      ...errorResponses(op.mutates ? [400, 401, 403, 404, 413, 422, 500] : [400, 401, 404, 422, 500]),
    },
  };
  if (op.mutates) doc.requestBody = { required: true, content: { 'application/json': { schema: input } } };
  else doc.parameters = queryParameters(input);
  return doc;
}

/** The session routes, described from the same zod schemas they validate with. */
function sessionPaths(): Record<string, Record<string, OpenApiOperation>> {
  const json = (schema: z.ZodType, io: 'input' | 'output') => ({ content: { 'application/json': { schema: jsonSchemaOf(schema, io) } } });
  return {
    '/api/session/unlock': {
      post: {
        operationId: 'session.unlock',
        summary: 'Unlock the vault with the passphrase (or create it on first use): sets the session cookie and returns the CSRF token',
        tags: ['session'],
        security: [],
        requestBody: { required: true, ...json(unlockInputSchema, 'input') },
        responses: { '200': { description: 'Unlocked', ...json(unlockOutputSchema, 'output') }, ...errorResponses([400, 401, 404, 409, 413, 429, 500]) },
      },
    },
    '/api/session': {
      get: {
        operationId: 'session.state',
        summary: 'Whether this session has the vault unlocked, and whether a vault exists',
        tags: ['session'],
        security: [],
        responses: { '200': { description: 'OK', ...json(sessionStateSchema, 'output') } },
      },
    },
    '/api/session/lock': {
      post: {
        operationId: 'session.lock',
        summary: 'Lock now: every session of the person ends; with closeVault the vault closes too (organisations and apps get 503 VAULT_CLOSED)',
        tags: ['session'],
        security: [{ sessionCookie: [], csrfToken: [] }],
        requestBody: { required: false, ...json(lockInputSchema, 'input') },
        responses: { '200': { description: 'Locked', ...json(lockOutputSchema, 'output') }, ...errorResponses([403]) },
      },
    },
  };
}

/** The OpenAPI 3.1 document of the API, generated from the operations table and the audiences. */
export function buildOpenApiDocument(operations: readonly AnyOperation[], audiences: readonly Audience[], version: string): Record<string, unknown> {
  const paths: Record<string, Record<string, OpenApiOperation>> = sessionPaths();
  for (const audience of audiences) {
    for (const op of httpOperations(operations)) {
      if (!audience.offers(op)) continue;
      paths[`${audience.prefix}/${operationPath(op)}`] = { [operationMethod(op).toLowerCase()]: operationDoc(op, audience) };
    }
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'MesInfos API',
      version,
      description: `The person's API (${audiences.map((a) => a.prefix).join(', ')}). Unlock with POST /api/session/unlock; send the returned CSRF token as the ${CSRF_HEADER} header on every POST. Errors are { error: { code, message, details? } }.`,
    },
    paths,
    components: {
      schemas: { ErrorBody: jsonSchemaOf(errorBodySchema, 'output') },
      securitySchemes: {
        sessionCookie: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE },
        csrfToken: { type: 'apiKey', in: 'header', name: CSRF_HEADER },
        organisationToken: { type: 'oauth2', description: 'Organisations: client credentials (client_secret_basic); see docs/organisations-and-apps.md', flows: { clientCredentials: { tokenUrl: '/oauth/token', scopes: {} } } },
        appToken: {
          type: 'oauth2',
          description: 'Apps: authorization code + PKCE (S256); scope read:<type>:<granularity>[:<fields>], with purpose and duration parameters',
          flows: { authorizationCode: { authorizationUrl: '/oauth/auth', tokenUrl: '/oauth/token', refreshUrl: '/oauth/token', scopes: { 'read:energy.reading:month': 'e.g. monthly energy totals' } } },
        },
      },
    },
  };
}
