import type { Vault } from '../../src/vault/vault.ts';

/**
 * Everything that would identify the person if a vendor saw it: every identity value any
 * source holds (names, addresses and their parts, e-mails, phones, IBANs, customer
 * numbers), contract references and meter or line numbers, and the vault's id.
 */
export async function personSecrets(vault: Vault): Promise<string[]> {
  const out = new Set<string>();
  const add = (v: unknown) => {
    if (typeof v === 'string' && v.trim().length >= 4) out.add(v.trim());
  };
  for await (const r of vault.store.iterate({ types: ['identity.attribute'] })) {
    const d = r.data as Record<string, unknown>;
    add(d['value']);
    const a = d['address'] as Record<string, unknown> | undefined;
    if (a) for (const v of Object.values(a)) (Array.isArray(v) ? v : [v]).forEach(add);
  }
  for await (const r of vault.store.iterate({ types: ['contract'] })) {
    const d = r.data as Record<string, unknown>;
    add(d['reference']);
    for (const v of Object.values(d['terms'] as Record<string, unknown>)) if (typeof v === 'string' && /\d/.test(v)) add(v);
  }
  add(await vault.store.getMeta('vaultId'));
  return [...out];
}

/** The secrets found in a response body (compared without case). */
export function leaks(body: unknown, secrets: readonly string[]): string[] {
  const text = JSON.stringify(body).toLowerCase();
  return secrets.filter((s) => text.includes(s.toLowerCase()));
}
