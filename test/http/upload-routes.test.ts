import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Vault } from '../../src/vault/vault.ts';
import { importArchive } from '../../src/vault/vault-archive.ts';
import { tempDir } from '../support/temp-vault.ts';
import { TEST_PASSPHRASE, errorOf, harness, unlock, type Harness } from './http-harness.ts';

const FIXTURES = join(process.cwd(), 'test', 'fixtures');
const raw = (u: { cookie: string; csrfToken: string }) => ({ cookie: u.cookie, 'x-csrf-token': u.csrfToken, 'content-type': 'application/octet-stream' });

describe('uploading files for import (POST /api/me/files/upload)', () => {
  let h: Harness;
  afterEach(async () => h?.cleanup());

  it('imports the bytes under the name the browser gave, and the import log keeps that name', async () => {
    h = await harness();
    const u = await unlock(h.app);
    const res = await h.app.inject({ method: 'POST', url: '/api/me/files/upload?name=releves%2Fboursorama.csv', headers: raw(u), payload: await readFile(join(FIXTURES, 'bank-csv', 'boursorama.csv')) });
    expect(res.statusCode).toBe(200);
    const body = res.json() as { files: { file: string; status: string; format: string; summary: { counts: { inserted: number } } }[]; imported: number };
    expect(body.imported).toBe(1);
    expect(body.files).toHaveLength(1);
    expect(body.files[0]).toMatchObject({ file: 'releves/boursorama.csv', status: 'imported', format: 'bank-csv', summary: { counts: { inserted: 5 } } });
    const log = (await h.app.inject({ url: '/api/me/imports/list', headers: { cookie: u.cookie } })).json() as { fileName: string | null }[];
    expect(log.map((l) => l.fileName)).toContain('releves/boursorama.csv');
    expect(JSON.stringify(log)).not.toContain('mesinfos-upload-');
  });

  it('reports a refused file with the place and reason, naming it as the browser did, and imports nothing of it', async () => {
    h = await harness();
    const u = await unlock(h.app);
    const res = await h.app.inject({ method: 'POST', url: '/api/me/files/upload?name=valeur-invalide.csv', headers: raw(u), payload: await readFile(join(FIXTURES, 'enedis', 'valeur-invalide.csv')) });
    const body = res.json() as { refused: number; files: { status: string; error: { message: string } }[] };
    expect(body.refused).toBe(1);
    expect(body.files[0]!.status).toBe('refused');
    expect(body.files[0]!.error.message).toMatch(/^valeur-invalide\.csv, line 3: expected a number in "Valeur"/);
    const stats = (await h.app.inject({ url: '/api/me/vault/stats', headers: { cookie: u.cookie } })).json() as { total: number };
    expect(stats.total).toBe(3);
  });

  it('refuses a file over the size limit with 413, importing nothing', async () => {
    h = await harness({ web: { root: null, uploadLimitBytes: 200 } });
    const u = await unlock(h.app);
    const res = await h.app.inject({ method: 'POST', url: '/api/me/files/upload?name=big.csv', headers: raw(u), payload: await readFile(join(FIXTURES, 'bank-csv', 'boursorama.csv')) });
    expect(errorOf(res)).toEqual({ status: 413, code: 'PAYLOAD_TOO_LARGE' });
    const log = (await h.app.inject({ url: '/api/me/imports/list', headers: { cookie: u.cookie } })).json() as unknown[];
    expect(log).toHaveLength(1);
  });

  it('needs the unlocked session, the CSRF header and raw bytes', async () => {
    h = await harness();
    const payload = Buffer.from('a;b\n1;2\n');
    expect(errorOf(await h.app.inject({ method: 'POST', url: '/api/me/files/upload?name=x.csv', headers: { 'content-type': 'application/octet-stream' }, payload }))).toEqual({ status: 401, code: 'VAULT_LOCKED' });
    const u = await unlock(h.app);
    expect(errorOf(await h.app.inject({ method: 'POST', url: '/api/me/files/upload?name=x.csv', headers: { cookie: u.cookie, 'content-type': 'application/octet-stream' }, payload }))).toEqual({ status: 403, code: 'CSRF_TOKEN_INVALID' });
    expect(errorOf(await h.app.inject({ method: 'POST', url: '/api/me/files/upload?name=x.csv', headers: { ...raw(u), 'content-type': 'text/csv' }, payload }))).toEqual({ status: 415, code: 'MEDIA_TYPE_UNSUPPORTED' });
  });
});

describe('the vault settings routes', () => {
  let h: Harness;
  afterEach(async () => h?.cleanup());

  it('exports the whole vault as a zip download that another vault restores', async () => {
    h = await harness();
    const u = await unlock(h.app);
    const res = await h.app.inject({ url: '/api/me/vault/export.zip', headers: { cookie: u.cookie } });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/zip');
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename="mesinfos-vault-\d{4}-\d{2}-\d{2}\.zip"$/);
    const t = await tempDir();
    try {
      const zip = join(t.dir, 'export.zip');
      await writeFile(zip, res.rawPayload);
      const other = await Vault.create({ path: join(t.dir, 'other.mesinfos'), passphrase: TEST_PASSPHRASE });
      const restored = await importArchive(other, zip);
      await other.close();
      expect(restored.inserted).toBe(3);
    } finally {
      await t.cleanup();
    }
    expect(errorOf(await h.app.inject({ url: '/api/me/vault/export.zip' }))).toEqual({ status: 401, code: 'VAULT_LOCKED' });
  });

  it('changes the passphrase only with the current one; afterwards only the new one unlocks', async () => {
    h = await harness();
    const u = await unlock(h.app);
    const post = (payload: object) => h.app.inject({ method: 'POST', url: '/api/me/vault/passphrase', headers: { cookie: u.cookie, 'x-csrf-token': u.csrfToken }, payload });
    expect(errorOf(await post({ current: 'not the passphrase', next: 'a new long passphrase' }))).toEqual({ status: 401, code: 'VAULT_PASSPHRASE_WRONG' });
    expect(errorOf(await post({ current: TEST_PASSPHRASE, next: 'short' }))).toEqual({ status: 400, code: 'INPUT_INVALID' });
    const ok = await post({ current: TEST_PASSPHRASE, next: 'a new long passphrase' });
    expect(ok.json()).toEqual({ changed: true });
    await h.app.inject({ method: 'POST', url: '/api/session/lock', headers: { cookie: u.cookie, 'x-csrf-token': u.csrfToken } });
    expect((await h.app.inject({ method: 'POST', url: '/api/session/unlock', payload: { passphrase: TEST_PASSPHRASE } })).statusCode).toBe(401);
    const again = await unlock(h.app, 'a new long passphrase');
    const stats = (await h.app.inject({ url: '/api/me/vault/stats', headers: { cookie: again.cookie } })).json() as { total: number };
    expect(stats.total).toBe(3);
  });
});
