import type { ConsentEngine } from '../consent/consent-engine.ts';
import { pickFields, type ProjectedRecord } from '../consent/projection.ts';
import type { DenyReason, RecordResource } from '../consent/policy-types.ts';
import { ACCOUNT_FIELDS } from '../consent/type-fields.ts';
import { MesInfosError } from '../domain/errors.ts';
import type { GrantId, RecordId } from '../domain/ids.ts';
import type { Principal } from '../operations/operation.ts';
import type { Vault } from '../vault/vault.ts';

/**
 * One record read by an app or organisation under its grant: decided by the policy on
 * the record's own type, source, time and account (a raw grant is needed), stripped to
 * the granted fields, and logged — allowed or denied — in the access log.
 *
 * Example: await readOneUnderGrant(engine, vault, { kind: 'app', clientId, grantId }, id)
 */
export async function readOneUnderGrant(engine: ConsentEngine, vault: Vault, principal: Principal & { kind: 'app' | 'organisation' }, id: RecordId, operation = 'data.get'): Promise<ProjectedRecord> {
  const grantId = (principal.grantId ?? null) as GrantId | null;
  const log = (types: string[], recordCount: number, reason: DenyReason | null) =>
    engine.log.append({ principalKind: principal.kind, clientId: principal.clientId, grantId, operation, action: 'read', types, recordCount, outcome: reason ? 'denied' : 'allowed', reason });
  const record = await vault.get(id);
  if (!record) {
    await log([], 0, 'DEFAULT_DENY');
    throw new MesInfosError('RECORD_NOT_FOUND', `No record ${id}.`);
  }
  const accountField = ACCOUNT_FIELDS[record.type];
  const account = accountField ? (record.data as Record<string, unknown>)[accountField] : undefined;
  const resource: RecordResource = {
    kind: 'record',
    vaultId: engine.vaultId,
    type: record.type,
    source: record.source,
    occurredAt: record.occurredAt,
    ...(typeof account === 'string' ? { account } : {}),
  };
  const d = await engine.decide(principal, 'read', resource);
  if (!d.allow) {
    await log([record.type], 0, d.reason);
    throw new MesInfosError('CONSENT_DENIED', d.message, { reason: d.reason });
  }
  const fields = d.projection.kind === 'read' ? d.projection.scopes.find((s) => s.type === record.type)?.fields : undefined;
  await log([record.type], 1, null);
  return { id: record.id, type: record.type, occurredAt: record.occurredAt, data: fields ? pickFields(record.data as Record<string, unknown>, fields) : (record.data as Record<string, unknown>) };
}
