import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../support/temp-vault.ts';
import { harness, type Harness } from './http-harness.ts';

const INDEX = '<!doctype html><title>UI</title><script type="module" src="/assets/app-1a2b.js"></script>';
const html = { accept: 'text/html,application/xhtml+xml' };

describe('serving the built web UI', () => {
  let h: Harness;
  let ui: Awaited<ReturnType<typeof tempDir>>;
  beforeAll(async () => {
    ui = await tempDir('mesinfos-ui-');
    await mkdir(join(ui.dir, 'assets'));
    await writeFile(join(ui.dir, 'index.html'), INDEX);
    await writeFile(join(ui.dir, 'assets', 'app-1a2b.js'), 'console.log(1)');
    h = await harness({ web: { root: ui.dir } });
  });
  afterAll(async () => {
    await h.cleanup();
    await ui.cleanup();
  });

  it('serves index.html at / under the strict CSP, and hashed assets as immutable', async () => {
    const index = await h.app.inject({ url: '/', headers: html });
    expect(index.statusCode).toBe(200);
    expect(index.body).toBe(INDEX);
    expect(index.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(index.headers['cache-control']).toBe('no-cache');
    const csp = String(index.headers['content-security-policy']);
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
    const js = await h.app.inject({ url: '/assets/app-1a2b.js' });
    expect(js.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(js.headers['cache-control']).toContain('immutable');
    expect(js.body).toBe('console.log(1)');
  });

  it('answers a browser navigating to a UI route with index.html (shareable URLs)', async () => {
    const res = await h.app.inject({ url: '/timeline?search=loyer', headers: html });
    expect(res.statusCode).toBe(200);
    expect(res.body).toBe(INDEX);
  });

  it('never hides an API error or a missing file behind the UI', async () => {
    const api = await h.app.inject({ url: '/api/nowhere', headers: html });
    expect(api.statusCode).toBe(404);
    expect(api.json()).toEqual({ error: { code: 'NOT_FOUND', message: 'No route GET /api/nowhere.' } });
    const script = await h.app.inject({ url: '/nowhere' });
    expect(script.statusCode).toBe(404);
    expect(script.json()).toEqual({ error: { code: 'NOT_FOUND', message: 'No route GET /nowhere.' } });
    const root = await h.app.inject({ url: '/' });
    expect(root.json()).toEqual({ error: { code: 'NOT_FOUND', message: 'No route GET /.' } });
    const asset = await h.app.inject({ url: '/assets/missing.js', headers: html });
    expect(asset.statusCode).toBe(404);
  });

  it('serves nothing outside its folder', async () => {
    for (const url of ['/%2e%2e/%2e%2e/package.json', '/..%2f..%2fpackage.json', '/assets/%2e%2e/%2e%2e/package.json']) {
      const res = await h.app.inject({ url });
      expect(res.statusCode, url).toBe(404);
      expect(res.body).not.toContain('"name"');
    }
  });

  it('serves no UI when told so', async () => {
    const apiOnly = await harness({ web: { root: null } });
    try {
      expect((await apiOnly.app.inject({ url: '/', headers: html })).statusCode).toBe(404);
    } finally {
      await apiOnly.cleanup();
    }
  });
});
