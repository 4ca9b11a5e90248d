import { copyFile } from 'node:fs/promises';
import { join } from 'node:path';
import { inject } from 'vitest';
import { Vault } from '../../src/vault/vault.ts';
import { tempDir } from './temp-vault.ts';

export const DEMO_VAULT_PASSPHRASE = 'demo passphrase for the tests';

/**
 * The ten-year demo person (seed 42), generated once per test run by demo-vault-setup.ts.
 * `copy: false` opens the shared file (the test MUST NOT write to it); `copy: true` opens
 * a private copy that the test may change. Close with `cleanup()`.
 */
export async function openDemoVault(opts: { copy: boolean }): Promise<{ vault: Vault; path: string; cleanup: () => Promise<void> }> {
  const shared = inject('demoVaultPath');
  if (!opts.copy) {
    const vault = await Vault.open({ path: shared, passphrase: DEMO_VAULT_PASSPHRASE });
    return { vault, path: shared, cleanup: () => vault.close() };
  }
  const t = await tempDir('mesinfos-demo-copy-');
  const path = join(t.dir, 'demo.mesinfos');
  await copyFile(shared, path);
  const vault = await Vault.open({ path, passphrase: DEMO_VAULT_PASSPHRASE });
  return {
    vault,
    path,
    cleanup: async () => {
      await vault.close().catch(() => undefined);
      await t.cleanup();
    },
  };
}
