import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ERROR_CATALOGUE } from '../../src/domain/errors.ts';
import { offeredTo } from '../../src/clients/audiences.ts';
import { httpOperations, operationMethod, operationPath } from '../../src/http/operation-routes.ts';
import { operations } from '../../src/operations/table.ts';
import { harness, type Harness } from './http-harness.ts';

type Doc = {
  openapi: string;
  info: { title: string; version: string };
  paths: Record<string, Record<string, { operationId: string; summary: string; parameters?: { name: string; in: string; required: boolean; schema: Record<string, unknown> }[]; requestBody?: { content: Record<string, { schema: Record<string, unknown> }> }; responses: Record<string, unknown>; security: unknown[] }>>;
  components: { schemas: Record<string, unknown>; securitySchemes: Record<string, { type: string; in: string; name: string }> };
};

/** Every $ref in the document points at something that exists. */
function danglingRefs(doc: unknown): string[] {
  const out: string[] = [];
  const resolve = (ref: string) => ref.replace(/^#\//, '').split('/').reduce<unknown>((node, key) => (node as Record<string, unknown> | undefined)?.[key], doc);
  const walk = (node: unknown) => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      for (const [k, v] of Object.entries(node)) {
        if (k === '$ref' && typeof v === 'string' && resolve(v) === undefined) out.push(v);
        else walk(v);
      }
    }
  };
  walk(doc);
  return out;
}

describe('the OpenAPI document', () => {
  let h: Harness;
  let doc: Doc;
  beforeAll(async () => {
    h = await harness();
    const res = await h.app.inject({ url: '/api/openapi.json' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    doc = JSON.parse(res.body) as Doc;
  });
  afterAll(async () => h.cleanup());

  it('is OpenAPI 3.1 and lists every http operation, with its method, at /api/me/<name with slashes>', () => {
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.info.title).toBe('MesInfos API');
    const http = httpOperations(operations).filter((op) => offeredTo(op, 'person'));
    expect(http.length).toBeGreaterThanOrEqual(15);
    for (const op of http) {
      const entry = doc.paths[`/api/me/${operationPath(op)}`];
      expect(entry, op.name).toBeDefined();
      const method = operationMethod(op).toLowerCase();
      expect(Object.keys(entry!)).toEqual([method]);
      expect(entry![method]!.operationId).toBe(`person.${op.name}`);
      expect(entry![method]!.summary).toBe(op.summary);
    }
    const mePaths = Object.keys(doc.paths).filter((p) => p.startsWith('/api/me/'));
    expect(mePaths).toHaveLength(http.length);
    expect(doc.paths['/api/me/files/import']).toBeUndefined();
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/session/unlock', '/api/session', '/api/session/lock']));
  });

  it('describes inputs from the same zod schemas: query parameters for reads, a JSON body for changes', () => {
    const list = doc.paths['/api/me/records/list']!.get!;
    const limit = list.parameters!.find((p) => p.name === 'limit')!;
    expect(limit).toMatchObject({ in: 'query', required: false, schema: { type: 'integer', minimum: 1, maximum: 10000, default: 100 } });
    expect(list.parameters!.find((p) => p.name === 'type')).toMatchObject({ style: 'form', explode: true, schema: { type: 'array' } });
    const correct = doc.paths['/api/me/records/correct']!.post!;
    const body = correct.requestBody!.content['application/json']!.schema as { required: string[]; properties: Record<string, unknown> };
    expect(body.required.sort()).toEqual(['id', 'reason', 'set']);
    expect(correct.security).toEqual([{ sessionCookie: [], csrfToken: [] }]);
    expect(correct.responses['403']).toEqual({ description: expect.stringContaining('CSRF_TOKEN_INVALID'), content: { 'application/json': { schema: { $ref: '#/components/schemas/ErrorBody' } } } });
    const unlock = doc.paths['/api/session/unlock']!.post!;
    expect((unlock.requestBody!.content['application/json']!.schema as { required: string[] }).required).toEqual(['passphrase']);
  });

  it('names the security schemes and the error codes, and has no dangling reference', () => {
    expect(doc.components.securitySchemes.sessionCookie).toEqual({ type: 'apiKey', in: 'cookie', name: 'mesinfos_session' });
    expect(doc.components.securitySchemes.csrfToken).toEqual({ type: 'apiKey', in: 'header', name: 'x-csrf-token' });
    const codes = (doc.components.schemas.ErrorBody as { properties: { error: { properties: { code: { enum: string[] } } } } }).properties.error.properties.code.enum;
    expect(codes.sort()).toEqual(Object.keys(ERROR_CATALOGUE).sort());
    expect(danglingRefs(doc)).toEqual([]);
    expect(JSON.stringify(doc)).not.toContain('"$schema"');
  });

  it('serves interactive docs locally, fetching nothing from the internet', async () => {
    const page = await h.app.inject({ url: '/api/docs' });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    expect(page.body).not.toMatch(/https?:\/\/(?!127\.0\.0\.1)[a-z]/i);
    const csp = String(page.headers['content-security-policy']);
    expect(csp).toContain("default-src 'self'");
    expect(csp).not.toContain('validator.swagger.io');
    expect(csp).not.toContain('upgrade-insecure-requests');
    const js = await h.app.inject({ url: '/api/docs/static/swagger-ui-bundle.js' });
    expect(js.statusCode).toBe(200);
    const spec = await h.app.inject({ url: '/api/docs/json' });
    expect((spec.json() as Doc).paths['/api/me/records/list']).toBeDefined();
  });
});
