import { describe, expect, it } from 'vitest';
import { SECRET_LABEL, TEST_PASSPHRASE, harness, unlock } from './http-harness.ts';

describe('structured logs', () => {
  it('never contain the passphrase, the cookie, the CSRF token, search words or record contents', async () => {
    const h = await harness();
    try {
      const wrong = 'a wrong passphrase 7319';
      expect((await h.app.inject({ method: 'POST', url: '/api/session/unlock', payload: { passphrase: wrong } })).statusCode).toBe(401);
      const s = await unlock(h.app);
      const sessionId = s.cookie.split('=')[1]!;
      const list = await h.app.inject({ url: '/api/me/records/list?search=CANAL%20SECRETE', headers: { cookie: s.cookie } });
      expect(list.body).toContain(SECRET_LABEL);
      const rec = (list.json() as { records: { id: string }[] }).records[0]!;
      const got = await h.app.inject({ url: `/api/me/records/get?id=${rec.id}`, headers: { cookie: s.cookie } });
      expect(got.body).toContain(SECRET_LABEL);
      const corrected = await h.app.inject({
        method: 'POST',
        url: '/api/me/records/correct',
        headers: { cookie: s.cookie, 'x-csrf-token': s.csrfToken },
        payload: { id: rec.id, set: ['label=NOUVEAU LIBELLE PRIVE'], reason: 'raison intime' },
      });
      expect(corrected.statusCode).toBe(200);
      await h.app.inject({ method: 'POST', url: '/api/session/lock', headers: { cookie: s.cookie, 'x-csrf-token': s.csrfToken } });

      const text = h.logs.text();
      // The logs did record the requests…
      const lines = h.logs.lines.map((l) => JSON.parse(l) as { msg: string; req?: { path: string }; res?: { statusCode: number }; code?: string });
      // One line per request, with its path (no query string) and status.
      const completed = lines.filter((l) => l.msg === 'request completed');
      expect(completed.map((l) => l.req?.path)).toEqual(['/api/session/unlock', '/api/session/unlock', '/api/me/records/list', '/api/me/records/get', '/api/me/records/correct', '/api/session/lock']);
      expect(completed.map((l) => l.res?.statusCode)).toEqual([401, 200, 200, 200, 200, 200]);
      expect(lines.some((l) => l.code === 'VAULT_PASSPHRASE_WRONG')).toBe(true);
      // …and none of the secrets or contents.
      for (const secret of [TEST_PASSPHRASE, wrong, sessionId, s.csrfToken, SECRET_LABEL, 'CANAL', 'NOUVEAU LIBELLE PRIVE', 'raison intime', rec.id, 'FR7630001007941234567890185', '-1001']) {
        expect(text, secret).not.toContain(secret);
      }
    } finally {
      await h.cleanup();
    }
  });
});
