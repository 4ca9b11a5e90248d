import type { Vault } from '../vault/vault.ts';
import type { AnyOperation, OperationServices } from './operation.ts';
import { vaultOperations } from './vault-operations.ts';
import { demoOperations } from './demo-operations.ts';
import { consentOperations } from '../consent/consent-operations.ts';
import { createConsentEngine } from '../consent/consent-engine.ts';

/**
 * The table of operations: every capability of MesInfos, once. The CLI (src/cli/) and the
 * HTTP routes are derived from it.
 */
export const operations: AnyOperation[] = [...vaultOperations, ...demoOperations, ...consentOperations];

/** Services that operations of other modules need, created once the vault is open. */
export const serviceFactories: ((vault: Vault) => Promise<Partial<OperationServices>>)[] = [async (vault) => ({ consent: await createConsentEngine(vault) })];

export async function createServices(vault: Vault): Promise<OperationServices> {
  const services: OperationServices = {};
  for (const f of serviceFactories) Object.assign(services, await f(vault));
  return services;
}

/** Closes the services that hold resources (the consent engine flushes its log), before the vault closes. */
export async function closeServices(services: OperationServices): Promise<void> {
  for (const s of Object.values(services)) {
    const c = (s as { close?: () => Promise<void> | void } | undefined)?.close;
    if (typeof c === 'function') await c.call(s);
  }
}
