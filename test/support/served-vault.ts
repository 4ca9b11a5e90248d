import { copyFile } from 'node:fs/promises';
import { join } from 'node:path';
import { serve } from '../../src/http/serve.ts';
import { Vault } from '../../src/vault/vault.ts';
import { harness } from '../http/http-harness.ts';
import { TEST_PASSPHRASE, asAsync, tempDir } from './temp-vault.ts';

/**
 * A closed vault holding `records` (imported in one commit), in a temporary folder;
 * `cleanup()` removes it. Throws, with the import's errors, if the records are refused.
 * Example: `const { vaultPath, cleanup } = await vaultOf(sampleHome(), 'home')`.
 */
export async function vaultOf(records: unknown[], name: string): Promise<{ vaultPath: string; cleanup: () => Promise<void> }> {
  const { dir, cleanup } = await tempDir();
  const vaultPath = join(dir, `${name}.mesinfos`);
  const vault = await Vault.create({ path: vaultPath, passphrase: TEST_PASSPHRASE });
  try {
    const summary = await vault.importRecords({ meta: { format: 'test', fileName: `${name}.jsonl`, fileHash: null }, records: () => asAsync(records) });
    if (summary.status !== 'committed') throw new Error(`the records of ${name} were refused: ${JSON.stringify(summary.errors)}`);
  } finally {
    await vault.close();
  }
  return { vaultPath, cleanup };
}

export interface ServedVault {
  url: string;
  /** Unlocks the vault over HTTP as its owner: the `name=value` of the session cookie. */
  login: () => Promise<string>;
  close: () => Promise<void>;
}

/**
 * A real server on loopback for a copy of the (closed) vault at `vaultPath`, and a way in
 * as its owner; the vault itself is never written. Example:
 * `const s = await servedCopy(vaultPath); const cookie = await s.login(); await fetch(`${s.url}/api/me/…`, { headers: { cookie } })`.
 */
export async function servedCopy(vaultPath: string): Promise<ServedVault> {
  const h = await harness({}, { createVault: false });
  await copyFile(vaultPath, h.vaultPath);
  const server = await serve(h.app, { print: () => undefined });
  const login = async () => {
    const unlocked = await fetch(`${server.url}/api/session/unlock`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ passphrase: TEST_PASSPHRASE }) });
    if (unlocked.status !== 200) throw new Error(`unlock failed: ${unlocked.status} ${await unlocked.text()}`);
    return unlocked.headers.get('set-cookie')!.split(';')[0]!;
  };
  return {
    url: server.url,
    login,
    close: async () => {
      await server.close();
      await h.cleanup();
    },
  };
}
