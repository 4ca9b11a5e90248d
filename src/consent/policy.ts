import type { Principal } from '../operations/operation.ts';
import type { Grant } from './grant.ts';
import { deny, type Action, type Decision, type PolicyInput, type Resource } from './policy-types.ts';
import { grantRule, ownerRule, union, type PolicyRule } from './policy-rules.ts';

/**
 * The consent policy: owner OR grant, and nothing else (default deny). The one place
 * that decides any access to a vault.
 */
export const POLICY: PolicyRule = union([ownerRule, grantRule()]);

/**
 * Decides one access from everything it depends on. Pure: the same input always gives
 * the same decision. Example:
 *   decideAccess({ principal: { kind: 'app', clientId: 'budget' }, action: 'read',
 *     resource: { kind: 'query', vaultId, types: ['bank.transaction'], granularity: { kind: 'raw' } },
 *     grants, nowMs: Date.now() })  // → { allow: false, reason: 'GRANULARITY_TOO_FINE', … }
 */
export function decideAccess(input: PolicyInput, policy: PolicyRule = POLICY): Decision {
  const d = policy.evaluate(input);
  return d === 'abstain' ? deny('DEFAULT_DENY') : d;
}

/** Where the policy finds the grants of a client and the time. */
export interface PolicyEnvironment {
  /** Every grant (live or dead) given to this client in the vault accessed, as stored now. */
  grantsOf(clientId: string): Promise<readonly Grant[]> | readonly Grant[];
  now(): number;
}

/**
 * The policy bound to a vault's grants and a clock: `decide(principal, action, resource)`.
 */
export class Policy {
  constructor(
    private readonly env: PolicyEnvironment,
    private readonly rules: PolicyRule = POLICY,
  ) {}

  async decide(principal: Principal, action: Action, resource: Resource): Promise<Decision> {
    const grants = principal.kind === 'owner' ? [] : await this.env.grantsOf(principal.clientId);
    return decideAccess({ principal, action, resource, grants, nowMs: this.env.now() }, this.rules);
  }
}
