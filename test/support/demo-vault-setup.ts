import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { demoGenerate } from '../../src/operations/demo-operations.ts';
import { Vault } from '../../src/vault/vault.ts';
import { DEMO_VAULT_PASSPHRASE } from './demo-vault.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    demoVaultPath: string;
  }
}

/**
 * Vitest global setup: generates the ten-year demo person once per test run into a
 * temporary vault (about 10 s), for the tests that check insights against it. Tests open
 * it through test/support/demo-vault.ts — read-only, or as a private copy to change.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const dir = await mkdtemp(join(tmpdir(), 'mesinfos-demo-'));
  const path = join(dir, 'demo.mesinfos');
  const vault = await Vault.create({ path, passphrase: DEMO_VAULT_PASSPHRASE });
  try {
    await demoGenerate.handler({ vault, principal: { kind: 'owner' }, services: {} }, { years: 10, seed: 42 });
  } finally {
    await vault.close();
  }
  project.provide('demoVaultPath', path);
  return () => rm(dir, { recursive: true, force: true });
}
