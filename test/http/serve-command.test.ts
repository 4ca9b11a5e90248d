import { describe, expect, it } from 'vitest';
import { PassThrough } from 'node:stream';
import { join } from 'node:path';
import { buildProgram } from '../../src/cli/build-program.ts';
import type { CliIo } from '../../src/cli/cli-io.ts';
import { addServeCommand, runServe } from '../../src/cli/serve-command.ts';
import { LOOPBACK_HOSTNAMES } from '../../src/http/serve.ts';
import { tempDir } from '../support/temp-vault.ts';
import { harness } from './http-harness.ts';

function io(): CliIo & { out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, stdout: { write: (s: string) => out.push(s) }, stderr: { write: (s: string) => err.push(s) }, stdin: new PassThrough(), env: {} };
}

describe('mesinfos serve', () => {
  it('serves on 127.0.0.1, prints the URL, answers, and stops (locking the vault) when asked', async () => {
    const t = await tempDir();
    const cli = io();
    const controller = new AbortController();
    let url = '';
    try {
      const running = runServe({ host: '127.0.0.1', port: 0, vaultPath: join(t.dir, 'vault.mesinfos') }, cli, controller.signal, (s) => (url = s.url));
      for (let i = 0; i < 100 && !url; i++) await new Promise((r) => setTimeout(r, 20));
      expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(cli.out.join('')).toContain(`MesInfos listens on ${url}`);
      const state = await fetch(`${url}/api/session`);
      expect(await state.json()).toEqual({ unlocked: false, vaultExists: false });
      controller.abort();
      await running;
      expect(cli.out.join('')).toContain('MesInfos stopped; the vault is locked.');
      await expect(fetch(`${url}/api/session`)).rejects.toThrow();
      // Logs went to stderr as JSON lines.
      expect(cli.err.join('')).toContain('"msg":"request completed"');
    } finally {
      controller.abort();
      await t.cleanup();
    }
  });

  it('is a command with --host and --port, refusing a port out of range', async () => {
    const cli = io();
    const program = buildProgram(cli, (p) => addServeCommand(p, cli));
    const serve = program.commands.find((c) => c.name() === 'serve')!;
    expect(serve.options.map((o) => o.long)).toEqual(['--host', '--port']);
    await expect(program.parseAsync(['serve', '--port', '70000'], { from: 'user' })).rejects.toThrow(/port number/);
  });
});

describe('Host check against DNS rebinding', () => {
  it('answers loopback names only, when the server is told its names', async () => {
    const h = await harness({ allowedHostnames: LOOPBACK_HOSTNAMES });
    try {
      for (const host of ['127.0.0.1:8080', 'localhost', '[::1]:3000']) expect((await h.app.inject({ url: '/api/session', headers: { host } })).statusCode).toBe(200);
      const evil = await h.app.inject({ method: 'POST', url: '/api/session/unlock', headers: { host: 'evil.example:8080' }, payload: { passphrase: 'guess guess' } });
      expect(evil.statusCode).toBe(403);
      expect((evil.json() as { error: { code: string } }).error.code).toBe('HOST_NOT_ALLOWED');
    } finally {
      await h.cleanup();
    }
  });
});
