import type { Vault } from '../vault/vault.ts';
import type { AnyOperation, OperationServices } from './operation.ts';
import { vaultOperations } from './vault-operations.ts';
import { demoOperations } from './demo-operations.ts';

/**
 * The table of operations: every capability of MesInfos, once. The CLI (src/cli/) and the
 * HTTP routes are derived from it.
 */
export const operations: AnyOperation[] = [...vaultOperations, ...demoOperations];

/** Services that operations of other modules need, created once the vault is open. */
export const serviceFactories: ((vault: Vault) => Promise<Partial<OperationServices>>)[] = [];

export async function createServices(vault: Vault): Promise<OperationServices> {
  const services: OperationServices = {};
  for (const f of serviceFactories) Object.assign(services, await f(vault));
  return services;
}
