import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serve, type RunningServer } from '../../src/http/serve.ts';
import { SECRET_LABEL, TEST_PASSPHRASE, harness, type Harness } from './http-harness.ts';

describe('a real server on loopback', () => {
  let h: Harness;
  let server: RunningServer;
  const printed: string[] = [];
  beforeAll(async () => {
    h = await harness();
    server = await serve(h.app, { print: (l) => printed.push(l) });
  });
  afterAll(async () => {
    await server.close();
    await h.cleanup();
  });

  it('listens on 127.0.0.1 on a free port and prints its URL', () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(server.port).toBeGreaterThan(0);
    expect(printed[0]).toContain(server.url);
    expect(printed).toHaveLength(1);
  });

  it('goes through a whole session over HTTP: 401, unlock, list, CSRF, lock, 401', async () => {
    const api = (path: string, init: RequestInit = {}) => fetch(`${server.url}${path}`, init);
    const locked = await api('/api/me/records/list');
    expect(locked.status).toBe(401);
    expect(((await locked.json()) as { error: { code: string } }).error.code).toBe('VAULT_LOCKED');

    const unlocked = await api('/api/session/unlock', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ passphrase: TEST_PASSPHRASE }) });
    expect(unlocked.status).toBe(200);
    const setCookie = unlocked.headers.get('set-cookie')!;
    expect(setCookie).toMatch(/^mesinfos_session=[A-Za-z0-9_-]{43}; Path=\/api; HttpOnly; SameSite=Strict$/);
    const cookie = setCookie.split(';')[0]!;
    const { csrfToken } = (await unlocked.json()) as { csrfToken: string };

    const list = await api('/api/me/records/list?type=bank.transaction', { headers: { cookie } });
    expect(list.status).toBe(200);
    const body = (await list.json()) as { records: { data: { label: string } }[] };
    expect(body.records.map((r) => r.data.label)).toContain(SECRET_LABEL);

    const noCsrf = await api('/api/session/lock', { method: 'POST', headers: { cookie } });
    expect(noCsrf.status).toBe(403);
    const lock = await api('/api/session/lock', { method: 'POST', headers: { cookie, 'x-csrf-token': csrfToken } });
    expect(lock.status).toBe(200);
    expect((await api('/api/me/records/list', { headers: { cookie } })).status).toBe(401);

    const unknown = await api('/nowhere');
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toEqual({ error: { code: 'NOT_FOUND', message: 'No route GET /nowhere.' } });
  });

  it('refuses an oversized body over the wire with 413 and the error shape', async () => {
    const res = await fetch(`${server.url}/api/session/unlock`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ passphrase: 'x'.repeat(2 * 1024 * 1024) }) });
    expect(res.status).toBe(413);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('PAYLOAD_TOO_LARGE');
  });
});
