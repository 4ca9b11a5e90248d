import type { Vault } from '../vault/vault.ts';
import type { AnyOperation, OperationServices } from './operation.ts';
import { vaultOperations } from './vault-operations.ts';
import { demoOperations } from './demo-operations.ts';
import { consentOperations } from '../consent/consent-operations.ts';
import { createConsentEngine } from '../consent/consent-engine.ts';
import { clientOperations } from '../clients/client-operations.ts';
import { clientAccessOperations } from '../clients/client-access-operations.ts';
import { ClientRegistry } from '../clients/client-registry.ts';
import { peopleAndQualityOperations } from '../insights/review/people-and-quality-operations.ts';
import { vrmOperations } from '../vrm/vrm-operations.ts';
import { homeAndMobilityOperations } from '../insights/energy/home-and-mobility-operations.ts';
import { rightsOperations, rightsServiceFactory } from '../rights/rights-operations.ts';
import { budgetOperations } from '../insights/budget/budget-operations.ts';
import { budgetDerivedInsights } from '../insights/budget/derived.ts';
import { energyDerived } from '../insights/energy/derived.ts';
import type { DerivedInsight } from '../consent/projection.ts';

/**
 * The table of operations: every capability of MesInfos, once. The CLI (src/cli/) and the
 * HTTP routes are derived from it.
 */
export const operations: AnyOperation[] = [...vaultOperations, ...demoOperations, ...consentOperations, ...clientOperations, ...clientAccessOperations, ...peopleAndQualityOperations, ...vrmOperations, ...homeAndMobilityOperations, ...rightsOperations, ...budgetOperations];

/** The insights a `derived` grant may name ("derived:energy.monthly"): computed in the vault, only their result leaves it. */
export const derivedInsights: Readonly<Record<string, DerivedInsight>> = { ...budgetDerivedInsights, ...energyDerived };

/** Services that operations of other modules need, created once the vault is open, in order (each sees those made before it). */
export const serviceFactories: ((vault: Vault, before: OperationServices) => Promise<Partial<OperationServices>>)[] = [
  async (vault) => ({ consent: await createConsentEngine(vault, { derived: derivedInsights }) }),
  async (vault, before) => ({ clients: await ClientRegistry.open(vault, before.consent!) }),
  rightsServiceFactory,
];

export async function createServices(vault: Vault): Promise<OperationServices> {
  const services: OperationServices = {};
  for (const f of serviceFactories) Object.assign(services, await f(vault, services));
  return services;
}

/** Closes the services that hold resources (the consent engine flushes its log), before the vault closes. */
export async function closeServices(services: OperationServices): Promise<void> {
  for (const s of Object.values(services)) {
    const c = (s as { close?: () => Promise<void> | void } | undefined)?.close;
    if (typeof c === 'function') await c.call(s);
  }
}
