import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Vault } from '../../src/vault/vault.ts';

export const TEST_PASSPHRASE = 'test passphrase, long enough';

/** A temporary folder removed by `cleanup()`. */
export async function tempDir(prefix = 'mesinfos-test-'): Promise<{ dir: string; cleanup: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  return { dir, cleanup: () => rm(dir, { recursive: true, force: true }) };
}

/** A fresh encrypted vault in a temporary folder. */
export async function tempVault(): Promise<{ vault: Vault; path: string; dir: string; cleanup: () => Promise<void> }> {
  const t = await tempDir();
  const path = join(t.dir, 'vault.mesinfos');
  const vault = await Vault.create({ path, passphrase: TEST_PASSPHRASE });
  return {
    vault,
    path,
    dir: t.dir,
    cleanup: async () => {
      await vault.close().catch(() => undefined);
      await t.cleanup();
    },
  };
}

/** A bank transaction input, valid unless overridden. */
export function tx(n: number, over: Partial<{ source: string; sourceRef: string; amountMinor: number; label: string; day: string }> = {}) {
  const day = over.day ?? `2025-03-${String((n % 28) + 1).padStart(2, '0')}`;
  return {
    type: 'bank.transaction' as const,
    source: over.source ?? 'org:banque-test',
    sourceRef: over.sourceRef ?? `T${n}`,
    occurredAt: `${day}T11:00:00.000Z`,
    data: {
      accountRef: 'FR7630001007941234567890185',
      amount: { amountMinor: over.amountMinor ?? -(1000 + n), currency: 'EUR' },
      bookingDate: day,
      label: over.label ?? `CB COMMERCE ${n}`,
    },
  };
}

export async function* asAsync<T>(items: Iterable<T>): AsyncIterable<T> {
  for (const i of items) yield i;
}
