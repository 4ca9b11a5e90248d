import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { TEST_PASSPHRASE, errorOf, harness, sessionCookieOf, unlock, type Harness } from './http-harness.ts';

const sha256 = async (path: string) => createHash('sha256').update(await readFile(path)).digest('hex');

describe('the person’s session', () => {
  let h: Harness;
  afterEach(async () => h.cleanup());

  it('refuses a wrong passphrase with 401 VAULT_PASSPHRASE_WRONG and leaves the vault file byte for byte as it was', async () => {
    h = await harness();
    const before = await sha256(h.vaultPath);
    const res = await h.app.inject({ method: 'POST', url: '/api/session/unlock', payload: { passphrase: 'not the passphrase' } });
    expect(errorOf(res)).toEqual({ status: 401, code: 'VAULT_PASSPHRASE_WRONG' });
    expect(res.cookies).toHaveLength(0);
    expect(await sha256(h.vaultPath)).toBe(before);
    const state = await h.app.inject({ url: '/api/session' });
    expect(state.json()).toEqual({ unlocked: false, vaultExists: true });
  });

  it('unlocks with a session cookie that is HttpOnly, SameSite=Strict, scoped to /api, not Secure over plain HTTP', async () => {
    h = await harness();
    const res = await h.app.inject({ method: 'POST', url: '/api/session/unlock', payload: { passphrase: TEST_PASSPHRASE } });
    expect(res.statusCode).toBe(200);
    const body = res.json() as { unlocked: boolean; created: boolean; csrfToken: string };
    expect(body.unlocked).toBe(true);
    expect(body.created).toBe(false);
    expect(body.csrfToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const c = res.cookies.find((x) => x.name === 'mesinfos_session')!;
    expect(c.httpOnly).toBe(true);
    expect(c.sameSite).toBe('Strict');
    expect(c.path).toBe('/api');
    expect(c.secure).toBeUndefined();
    expect(c.value).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(c.value).not.toBe(body.csrfToken);
    expect(res.headers['cache-control']).toBe('no-store');
    const state = await h.app.inject({ url: '/api/session', headers: { cookie: `mesinfos_session=${c.value}` } });
    expect(state.json()).toEqual({ unlocked: true, vaultExists: true, csrfToken: body.csrfToken });
  });

  it('marks the cookie Secure when the request came over TLS', async () => {
    h = await harness();
    // light-my-request cannot speak TLS; a request whose socket is encrypted is what Fastify sees as https.
    h.app.addHook('onRequest', async (request) => {
      (request.raw.socket as { encrypted?: boolean }).encrypted = true;
    });
    const res = await h.app.inject({ method: 'POST', url: '/api/session/unlock', payload: { passphrase: TEST_PASSPHRASE } });
    expect(res.statusCode).toBe(200);
    expect(res.cookies.find((x) => x.name === 'mesinfos_session')?.secure).toBe(true);
  });

  it('creates the vault on first use only when asked, then refuses to create it twice', async () => {
    h = await harness({}, { createVault: false });
    expect((await h.app.inject({ url: '/api/session' })).json()).toEqual({ unlocked: false, vaultExists: false });
    const missing = await h.app.inject({ method: 'POST', url: '/api/session/unlock', payload: { passphrase: TEST_PASSPHRASE } });
    expect(errorOf(missing)).toEqual({ status: 404, code: 'VAULT_NOT_FOUND' });
    const weak = await h.app.inject({ method: 'POST', url: '/api/session/unlock', payload: { passphrase: 'short', create: true } });
    expect(errorOf(weak)).toEqual({ status: 400, code: 'VAULT_PASSPHRASE_WEAK' });
    expect(existsSync(h.vaultPath)).toBe(false);
    const created = await h.app.inject({ method: 'POST', url: '/api/session/unlock', payload: { passphrase: TEST_PASSPHRASE, create: true } });
    expect(created.statusCode).toBe(200);
    expect((created.json() as { created: boolean }).created).toBe(true);
    expect(existsSync(h.vaultPath)).toBe(true);
    const list = await h.app.inject({ url: '/api/me/records/list', headers: { cookie: sessionCookieOf(created) } });
    expect(list.json()).toEqual({ records: [], nextCursor: null });
    const again = await h.app.inject({ method: 'POST', url: '/api/session/unlock', payload: { passphrase: TEST_PASSPHRASE, create: true } });
    expect(errorOf(again)).toEqual({ status: 409, code: 'VAULT_EXISTS' });
  });

  it('lists the faulty fields of an unlock body', async () => {
    h = await harness();
    const res = await h.app.inject({ method: 'POST', url: '/api/session/unlock', payload: { create: 'yes' } });
    expect(errorOf(res)).toEqual({ status: 400, code: 'INPUT_INVALID' });
    const faults = (res.json() as { error: { details: { faults: { field: string }[] } } }).error.details.faults.map((f) => f.field);
    expect(faults).toEqual(['passphrase', 'create']);
  });

  it('shares the one open vault between two sessions, checking the passphrase of the second', async () => {
    h = await harness();
    const a = await unlock(h.app);
    const wrong = await h.app.inject({ method: 'POST', url: '/api/session/unlock', payload: { passphrase: 'wrong passphrase!' } });
    expect(errorOf(wrong)).toEqual({ status: 401, code: 'VAULT_PASSPHRASE_WRONG' });
    const b = await unlock(h.app);
    expect(b.cookie).not.toBe(a.cookie);
    for (const s of [a, b]) expect((await h.app.inject({ url: '/api/me/vault/stats', headers: { cookie: s.cookie } })).json()).toMatchObject({ total: 3 });
  });

  it('locks on demand: the CSRF token is required, then every session ends and /api/me answers 401', async () => {
    h = await harness();
    const a = await unlock(h.app);
    const b = await unlock(h.app);
    const forged = await h.app.inject({ method: 'POST', url: '/api/session/lock', headers: { cookie: a.cookie } });
    expect(errorOf(forged)).toEqual({ status: 403, code: 'CSRF_TOKEN_INVALID' });
    expect((await h.app.inject({ url: '/api/me/vault/stats', headers: { cookie: a.cookie } })).statusCode).toBe(200);
    const lock = await h.app.inject({ method: 'POST', url: '/api/session/lock', headers: { cookie: a.cookie, 'x-csrf-token': a.csrfToken } });
    expect(lock.statusCode).toBe(200);
    expect(lock.json()).toEqual({ unlocked: false });
    expect(lock.cookies.find((c) => c.name === 'mesinfos_session')?.value).toBe('');
    for (const s of [a, b]) expect(errorOf(await h.app.inject({ url: '/api/me/vault/stats', headers: { cookie: s.cookie } }))).toEqual({ status: 401, code: 'VAULT_LOCKED' });
    // Locking a locked vault is harmless.
    expect((await h.app.inject({ method: 'POST', url: '/api/session/lock' })).statusCode).toBe(200);
    // And it unlocks again.
    const c = await unlock(h.app);
    expect((await h.app.inject({ url: '/api/me/vault/stats', headers: { cookie: c.cookie } })).statusCode).toBe(200);
  });

  it('locks after the idle time, counted from the last request', async () => {
    let now = Date.parse('2026-01-10T10:00:00Z');
    h = await harness({ clock: () => now, idleLockMs: 15 * 60_000 });
    const s = await unlock(h.app);
    now += 14 * 60_000;
    expect((await h.app.inject({ url: '/api/me/vault/stats', headers: { cookie: s.cookie } })).statusCode).toBe(200);
    now += 14 * 60_000; // 28 min after unlock, 14 after the last request
    expect((await h.app.inject({ url: '/api/me/vault/stats', headers: { cookie: s.cookie } })).statusCode).toBe(200);
    now += 15 * 60_000 + 1;
    expect(errorOf(await h.app.inject({ url: '/api/me/vault/stats', headers: { cookie: s.cookie } }))).toEqual({ status: 401, code: 'VAULT_LOCKED' });
    expect((await h.app.inject({ url: '/api/session', headers: { cookie: s.cookie } })).json()).toEqual({ unlocked: false, vaultExists: true });
    const again = await unlock(h.app);
    expect((await h.app.inject({ url: '/api/me/vault/stats', headers: { cookie: again.cookie } })).statusCode).toBe(200);
  });

  it('rate-limits unlock attempts per address: the 11th in a minute gets 429 RATE_LIMITED', async () => {
    h = await harness();
    const statuses: number[] = [];
    for (let i = 0; i < 10; i++) statuses.push((await h.app.inject({ method: 'POST', url: '/api/session/unlock', payload: { passphrase: `guess number ${i}` } })).statusCode);
    expect(statuses).toEqual(Array(10).fill(401));
    const limited = await h.app.inject({ method: 'POST', url: '/api/session/unlock', payload: { passphrase: TEST_PASSPHRASE } });
    expect(errorOf(limited)).toEqual({ status: 429, code: 'RATE_LIMITED' });
    expect((limited.json() as { error: { message: string } }).error.message).toMatch(/try again in \d+ s/);
    expect(limited.cookies).toHaveLength(0);
    // Another address still may try.
    const other = await h.app.inject({ method: 'POST', url: '/api/session/unlock', payload: { passphrase: TEST_PASSPHRASE }, remoteAddress: '127.0.0.2' });
    expect(other.statusCode).toBe(200);
  });
});
