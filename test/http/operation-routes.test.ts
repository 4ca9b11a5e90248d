import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { operations } from '../../src/operations/table.ts';
import { offeredTo } from '../../src/clients/audiences.ts';
import { httpOperations, operationMethod, operationPath } from '../../src/http/operation-routes.ts';
import { SECRET_LABEL, errorOf, harness, unlock, type Harness, type Unlocked } from './http-harness.ts';

interface StoredRecordBody {
  id: string;
  type: string;
  data: { label?: string; amount?: { amountMinor: number } };
  revision: number;
}

describe('routes derived from the operations table', () => {
  let h: Harness;
  let s: Unlocked;
  beforeAll(async () => {
    h = await harness();
    s = await unlock(h.app);
  });
  afterAll(async () => h.cleanup());

  const meRoutes = httpOperations(operations).filter((op) => offeredTo(op, 'person')).map((op) => ({ name: op.name, method: operationMethod(op), url: `/api/me/${operationPath(op)}` }));

  it('offers every operation whose faces include http, and no CLI-only one', () => {
    const names = meRoutes.map((r) => r.name);
    expect(names).toContain('records.list');
    expect(names).toContain('records.correct');
    expect(names).toContain('grants.create');
    expect(names).not.toContain('files.import');
    expect(names).not.toContain('vault.export');
    expect(meRoutes.find((r) => r.name === 'records.correct')).toEqual({ name: 'records.correct', method: 'POST', url: '/api/me/records/correct' });
    expect(meRoutes.find((r) => r.name === 'records.list')).toEqual({ name: 'records.list', method: 'GET', url: '/api/me/records/list' });
  });

  it('answers 401 VAULT_LOCKED on every /api/me route without a session, or with an unknown one', async () => {
    for (const r of meRoutes) {
      for (const cookie of [undefined, 'mesinfos_session=forged-session-id']) {
        const res = await h.app.inject({ method: r.method, url: r.url, ...(cookie ? { headers: { cookie } } : {}), ...(r.method === 'POST' ? { payload: {} } : {}) });
        expect({ route: r.url, ...errorOf(res) }).toEqual({ route: r.url, status: 401, code: 'VAULT_LOCKED' });
      }
    }
  });

  it('lists records with query parameters validated and coerced by the operation’s schema', async () => {
    const res = await h.app.inject({ url: '/api/me/records/list?type=bank.transaction&limit=2&order=desc', headers: { cookie: s.cookie } });
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    const body = res.json() as { records: StoredRecordBody[]; nextCursor: string | null };
    expect(body.records.map((r) => r.data.amount?.amountMinor)).toEqual([-1003, -1002]);
    expect(body.nextCursor).not.toBeNull();
    const next = await h.app.inject({ url: `/api/me/records/list?type=bank.transaction&limit=2&order=desc&cursor=${encodeURIComponent(body.nextCursor!)}`, headers: { cookie: s.cookie } });
    expect((next.json() as { records: StoredRecordBody[] }).records.map((r) => r.data.label)).toEqual([SECRET_LABEL]);
    const repeated = await h.app.inject({ url: '/api/me/records/list?type=contact&type=bank.transaction', headers: { cookie: s.cookie } });
    expect((repeated.json() as { records: unknown[] }).records).toHaveLength(3);
    const search = await h.app.inject({ url: '/api/me/records/list?search=canal', headers: { cookie: s.cookie } });
    expect((search.json() as { records: StoredRecordBody[] }).records.map((r) => r.data.label)).toEqual([SECRET_LABEL]);
  });

  it('coerces booleans in the query string', async () => {
    const live = await h.app.inject({ url: '/api/me/grants/list?live=true', headers: { cookie: s.cookie } });
    expect(live.statusCode).toBe(200);
    expect(live.json()).toEqual({ grants: [] });
    expect(errorOf(await h.app.inject({ url: '/api/me/grants/list?live=maybe', headers: { cookie: s.cookie } }))).toEqual({ status: 400, code: 'INPUT_INVALID' });
  });

  it('answers 400 INPUT_INVALID naming each faulty field', async () => {
    const res = await h.app.inject({ url: '/api/me/records/list?limit=0&order=sideways&type=bank.nothing', headers: { cookie: s.cookie } });
    expect(errorOf(res)).toEqual({ status: 400, code: 'INPUT_INVALID' });
    const body = res.json() as { error: { message: string; details: { faults: { field: string; message: string }[] } } };
    expect(body.error.details.faults.map((f) => f.field).sort()).toEqual(['limit', 'order', 'type.0']);
    expect(body.error.message).toMatch(/^The request query does not follow the operation's input schema: /);
    expect(body.error.message).toContain('limit:');
  });

  it('refuses a POST without the CSRF header (403) or with another session’s token, and changes nothing', async () => {
    const list = await h.app.inject({ url: '/api/me/records/list?limit=1', headers: { cookie: s.cookie } });
    const rec = (list.json() as { records: StoredRecordBody[] }).records[0]!;
    const payload = { id: rec.id, set: ['label=CHANGED'], reason: 'typo' };
    const none = await h.app.inject({ method: 'POST', url: '/api/me/records/correct', headers: { cookie: s.cookie }, payload });
    expect(errorOf(none)).toEqual({ status: 403, code: 'CSRF_TOKEN_INVALID' });
    const other = await unlock(h.app);
    const foreign = await h.app.inject({ method: 'POST', url: '/api/me/records/correct', headers: { cookie: s.cookie, 'x-csrf-token': other.csrfToken }, payload });
    expect(errorOf(foreign)).toEqual({ status: 403, code: 'CSRF_TOKEN_INVALID' });
    const after = await h.app.inject({ url: `/api/me/records/get?id=${rec.id}`, headers: { cookie: s.cookie } });
    expect((after.json() as { record: StoredRecordBody }).record.revision).toBe(rec.revision);
  });

  it('corrects a record with a JSON body and the CSRF token', async () => {
    const list = await h.app.inject({ url: '/api/me/records/list?search=canal', headers: { cookie: s.cookie } });
    const rec = (list.json() as { records: StoredRecordBody[] }).records[0]!;
    const res = await h.app.inject({ method: 'POST', url: '/api/me/records/correct', headers: { cookie: s.cookie, 'x-csrf-token': s.csrfToken }, payload: { id: rec.id, set: ['label=BOULANGERIE DU CANAL'], reason: 'my real baker' } });
    expect(res.statusCode).toBe(200);
    const body = res.json() as StoredRecordBody;
    expect(body.revision).toBe(rec.revision + 1);
    expect(body.data.label).toBe('BOULANGERIE DU CANAL');
  });

  it('maps domain errors through the one table: unknown record → 404, invalid correction → 422', async () => {
    const missing = await h.app.inject({ url: '/api/me/records/get?id=01900000-0000-7000-8000-000000000000', headers: { cookie: s.cookie } });
    expect(errorOf(missing)).toEqual({ status: 404, code: 'RECORD_NOT_FOUND' });
    const list = await h.app.inject({ url: '/api/me/records/list?limit=1', headers: { cookie: s.cookie } });
    const rec = (list.json() as { records: StoredRecordBody[] }).records[0]!;
    const bad = await h.app.inject({ method: 'POST', url: '/api/me/records/correct', headers: { cookie: s.cookie, 'x-csrf-token': s.csrfToken }, payload: { id: rec.id, set: ['amount=lots'], reason: 'x' } });
    expect(errorOf(bad)).toEqual({ status: 422, code: 'CORRECTION_INVALID' });
    expect(bad.body).not.toContain('    at ');
  });

  it('answers unknown routes and methods with 404 NOT_FOUND in the error shape', async () => {
    for (const [method, url] of [
      ['GET', '/api/me/nothing/here'],
      ['GET', '/api/me/records/correct'],
      ['DELETE', '/api/me/records/list'],
      ['GET', '/'],
    ] as const) {
      const res = await h.app.inject({ method, url, headers: { cookie: s.cookie } });
      expect(res.json()).toEqual({ error: { code: 'NOT_FOUND', message: `No route ${method} ${url}.` } });
      expect(res.statusCode).toBe(404);
    }
  });

  it('refuses malformed JSON (400) and non-JSON bodies (415) in the error shape', async () => {
    const headers = { cookie: s.cookie, 'x-csrf-token': s.csrfToken, 'content-type': 'application/json' };
    const broken = await h.app.inject({ method: 'POST', url: '/api/me/records/delete', headers, payload: '{"id": ' });
    expect(errorOf(broken)).toEqual({ status: 400, code: 'INPUT_INVALID' });
    const text = await h.app.inject({ method: 'POST', url: '/api/me/records/delete', headers: { ...headers, 'content-type': 'text/plain' }, payload: 'id=1' });
    expect(errorOf(text)).toEqual({ status: 415, code: 'MEDIA_TYPE_UNSUPPORTED' });
  });

  it('sends security headers', async () => {
    const res = await h.app.inject({ url: '/api/session' });
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['x-frame-options']).toBe('SAMEORIGIN');
    expect(res.headers['content-security-policy']).toContain("default-src 'self'");
    expect(res.headers['content-security-policy']).not.toContain('upgrade-insecure-requests');
    expect(res.headers['x-powered-by']).toBeUndefined();
  });
});

describe('request size limit', () => {
  it('answers 413 PAYLOAD_TOO_LARGE in the error shape for a body over the limit', async () => {
    const h = await harness({ bodyLimitBytes: 64 * 1024 });
    try {
      const s = await unlock(h.app);
      const payload = JSON.stringify({ id: 'x', reason: 'y'.repeat(70 * 1024) });
      const res = await h.app.inject({ method: 'POST', url: '/api/me/records/delete', headers: { cookie: s.cookie, 'x-csrf-token': s.csrfToken, 'content-type': 'application/json' }, payload });
      expect(errorOf(res)).toEqual({ status: 413, code: 'PAYLOAD_TOO_LARGE' });
      expect((res.json() as { error: { message: string } }).error.message).toBe('The request body is larger than this server accepts.');
      const unlockBig = await h.app.inject({ method: 'POST', url: '/api/session/unlock', payload: { passphrase: 'p'.repeat(70 * 1024) } });
      expect(errorOf(unlockBig)).toEqual({ status: 413, code: 'PAYLOAD_TOO_LARGE' });
    } finally {
      await h.cleanup();
    }
  });
});
