import { createServer, type Server } from 'node:net';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { buildProgram } from '../../src/cli/build-program.ts';
import type { CliIo } from '../../src/cli/cli-io.ts';
import { DEFAULT_PLATFORM_PORT } from '../../src/cli/serve-command.ts';
import { addVaultCommands } from '../../src/cli/vault-commands.ts';
import { tempDir } from '../support/temp-vault.ts';

/** Holds the platform's usual port (or finds it already held by someone else). */
function holdPort(port: number): Promise<Server | null> {
  return new Promise((resolve) => {
    const s = createServer();
    s.once('error', () => resolve(null));
    s.listen(port, '127.0.0.1', () => resolve(s));
  });
}

describe('mesinfos start (npm start)', () => {
  it('runs the platform without asking a passphrase, on a free port when 4810 is taken, and stops on Ctrl-C', async () => {
    const t = await tempDir();
    const held = await holdPort(DEFAULT_PLATFORM_PORT);
    const out: string[] = [];
    const io: CliIo = { stdout: { write: (s: string) => void out.push(s) }, stderr: { write: () => undefined }, stdin: new PassThrough(), env: { MESINFOS_VAULT: join(t.dir, 'vault.mesinfos') } };
    try {
      const program = buildProgram(io, (p) => addVaultCommands(p, io));
      const running = program.parseAsync(['--vault', join(t.dir, 'vault.mesinfos'), 'start'], { from: 'user' });
      let url: string | undefined;
      for (let i = 0; i < 200 && !url; i++) {
        await new Promise((r) => setTimeout(r, 25));
        url = /MesInfos listens on (http:\/\/127\.0\.0\.1:\d+)/.exec(out.join(''))?.[1];
      }
      expect(out.join('')).toContain(`Port ${DEFAULT_PLATFORM_PORT} is taken: using a free one.`);
      expect(url).toBeDefined();
      expect(url).not.toBe(`http://127.0.0.1:${DEFAULT_PLATFORM_PORT}`);
      const state = await fetch(`${url}/api/session`);
      expect(await state.json()).toEqual({ unlocked: false, vaultExists: false });
      const discovery = await fetch(`${url}/oauth/.well-known/openid-configuration`);
      expect(discovery.status).toBe(503); // no vault open yet: organisations and apps wait
      process.emit('SIGINT');
      await running;
      expect(out.join('')).toContain('MesInfos stopped; the vault is locked.');
    } finally {
      held?.close();
      await t.cleanup();
    }
  });
});
