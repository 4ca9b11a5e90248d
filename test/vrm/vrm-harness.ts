import type { z } from 'zod';
import { ClientRegistry } from '../../src/clients/client-registry.ts';
import { createConsentEngine } from '../../src/consent/consent-engine.ts';
import type { Operation, OperationServices, Principal } from '../../src/operations/operation.ts';
import type { Vault } from '../../src/vault/vault.ts';

/**
 * Runs VRM operations in process as the faces do: the input parsed by the operation's
 * schema, the handler called with a principal and the real services of the vault (consent
 * engine, client registry), the output parsed by its schema.
 */
export interface VrmHarness {
  services: OperationServices;
  run<I extends z.ZodType, O extends z.ZodType>(op: Operation<I, O>, principal: Principal, input: unknown): Promise<z.output<O>>;
  /** Registers an organisation (vendor role unless told otherwise) and returns its principal. */
  organisation(name: string, roles?: ('restitution' | 'vendor')[]): Promise<Principal & { kind: 'organisation' }>;
  close(): Promise<void>;
}

export const OWNER: Principal = { kind: 'owner' };

export async function vrmHarness(vault: Vault): Promise<VrmHarness> {
  const consent = await createConsentEngine(vault);
  const clients = await ClientRegistry.open(vault, consent);
  const services: OperationServices = { consent, clients };
  return {
    services,
    async run(op, principal, input) {
      const parsed = op.input.parse(input);
      const out = await op.handler({ vault, principal, services }, parsed);
      return op.output.parse(out);
    },
    async organisation(name, roles = ['vendor']) {
      const { client } = await clients.register({ kind: 'organisation', name, sector: 'energy', dataProtectionContact: `dpo@${name.toLowerCase().replace(/\W+/g, '')}.example`, declaredTypes: ['contract'], roles });
      return { kind: 'organisation', clientId: client.clientId };
    },
    close: () => consent.close(),
  };
}
