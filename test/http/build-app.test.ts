import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { MesInfosError } from '../../src/domain/errors.ts';
import type { Audience } from '../../src/http/audience.ts';
import type { VaultSessions } from '../../src/http/vault-sessions.ts';
import { defineOperation, type AnyOperation, type OperationServices } from '../../src/operations/operation.ts';
import { Vault } from '../../src/vault/vault.ts';
import { errorOf, harness, unlock, type Harness } from './http-harness.ts';

let release: () => void = () => undefined;
const ops = [
  defineOperation({ name: 'test.boom', summary: 'fails unexpectedly', permission: 'owner', mutates: false, input: z.object({}), output: z.object({}), handler: async () => Promise.reject(new Error('boom at /secret/path')) }),
  defineOperation({ name: 'test.bad.output', summary: 'answers out of its schema', permission: 'owner', mutates: false, input: z.object({}), output: z.object({ n: z.number() }), handler: async () => ({ n: 'not a number' }) as unknown as { n: number } }),
  defineOperation({
    name: 'test.slow',
    summary: 'waits until released, then counts records',
    permission: 'owner',
    mutates: false,
    input: z.object({}),
    output: z.object({ total: z.number() }),
    handler: async (ctx) => {
      await new Promise<void>((r) => (release = r));
      return { total: (await ctx.vault.stats()).total };
    },
  }),
  defineOperation({ name: 'test.shared', summary: 'readable by grantees', permission: 'grant', mutates: false, input: z.object({}), output: z.object({ who: z.string() }), handler: async (ctx) => ({ who: ctx.principal.kind }) }),
  defineOperation({ name: 'test.cli.only', summary: 'not over HTTP', permission: 'owner', mutates: false, faces: ['cli'], input: z.object({}), output: z.object({}), handler: async () => ({}) }),
] as unknown as AnyOperation[];

describe('buildApp with its own operations and services', () => {
  let h: Harness;
  afterEach(async () => h.cleanup());

  it('answers 500 INTERNAL without message or stack when a handler fails, and logs the stack server-side', async () => {
    h = await harness({ operations: ops });
    const s = await unlock(h.app);
    const res = await h.app.inject({ url: '/api/me/test/boom', headers: { cookie: s.cookie } });
    expect(res.statusCode).toBe(500);
    expect(res.json()).toEqual({ error: { code: 'INTERNAL', message: 'Something went wrong on our side.' } });
    expect(h.logs.text()).toContain('boom at /secret/path');
    const bad = await h.app.inject({ url: '/api/me/test/bad/output', headers: { cookie: s.cookie } });
    expect(errorOf(bad)).toEqual({ status: 500, code: 'INTERNAL' });
    expect(h.logs.text()).toContain('operation output does not follow its schema');
    expect((await h.app.inject({ url: '/api/me/test/cli/only', headers: { cookie: s.cookie } })).statusCode).toBe(404);
  });

  it('opens the vault once for concurrent unlocks, and closes services then vault on lock, after requests in flight', async () => {
    const events: string[] = [];
    let opened = 0;
    h = await harness({
      operations: ops,
      openVault: async (passphrase) => {
        events.push('open');
        opened++;
        const v = await Vault.open({ path: h.vaultPath, passphrase });
        const close = v.close.bind(v);
        v.close = async () => {
          events.push('vault closed');
          return close();
        };
        return v;
      },
      createServices: async (): Promise<OperationServices> => ({ probe: { close: async () => void events.push('services closed') } }),
    });
    const [a, b] = await Promise.all([unlock(h.app), unlock(h.app)]);
    // The second unlock checks its passphrase with a throwaway connection.
    expect(events.filter((e) => e === 'open')).toHaveLength(2);
    expect(events.filter((e) => e === 'vault closed')).toHaveLength(1);
    events.length = 0;
    const slow = h.app.inject({ url: '/api/me/test/slow', headers: { cookie: b.cookie } });
    await new Promise((r) => setTimeout(r, 50));
    const lock = h.app.inject({ method: 'POST', url: '/api/session/lock', headers: { cookie: a.cookie, 'x-csrf-token': a.csrfToken }, payload: { closeVault: true } });
    await new Promise((r) => setTimeout(r, 50));
    expect(events).toEqual([]);
    release();
    expect((await slow).json()).toEqual({ total: 3 });
    expect((await lock).statusCode).toBe(200);
    expect(events).toEqual(['services closed', 'vault closed']);
    expect(opened).toBe(2);
  });

  it('locks the vault when the app closes', async () => {
    const closed: string[] = [];
    h = await harness({ createServices: async () => ({ probe: { close: async () => void closed.push('services') } }) });
    await unlock(h.app);
    await h.app.close();
    expect(closed).toEqual(['services']);
  });

  it('plugs in another audience with its own principal resolver, offering only what it allows', async () => {
    const sessionsRef: { current?: VaultSessions } = {};
    const sessionRef: { current?: string } = {};
    const apps: Audience = {
      prefix: '/api/app',
      name: 'app',
      offers: (op) => op.permission === 'grant',
      security: () => [{ bearer: [] }],
      resolve: async (request) => {
        if (request.headers.authorization !== 'Bearer good-token') throw new MesInfosError('UNAUTHENTICATED', 'A valid access token is required.');
        const live = sessionsRef.current!.touch(sessionRef.current);
        if (!live) throw new MesInfosError('VAULT_LOCKED');
        return { principal: { kind: 'app', clientId: 'budget-app' }, vault: live.open.vault, services: live.open.services, release: live.release };
      },
    };
    h = await harness({
      operations: ops,
      audiences: ({ sessions }) => {
        sessionsRef.current = sessions;
        return [apps];
      },
    });
    const s = await unlock(h.app);
    sessionRef.current = s.cookie.split('=')[1];
    expect(errorOf(await h.app.inject({ url: '/api/app/test/shared' }))).toEqual({ status: 401, code: 'UNAUTHENTICATED' });
    const ok = await h.app.inject({ url: '/api/app/test/shared', headers: { authorization: 'Bearer good-token' } });
    expect(ok.json()).toEqual({ who: 'app' });
    expect((await h.app.inject({ url: '/api/app/test/boom', headers: { authorization: 'Bearer good-token' } })).statusCode).toBe(404);
    const doc = (await h.app.inject({ url: '/api/openapi.json' })).json() as { paths: Record<string, unknown> };
    expect(Object.keys(doc.paths).filter((p) => p.startsWith('/api/app/'))).toEqual(['/api/app/test/shared']);
  });
});
