import { describe, expect, it } from 'vitest';
import type { GrantId } from '../domain/ids.ts';
import type { Principal } from '../operations/operation.ts';
import type { Grant } from './grant.ts';
import { decideAccess } from './policy.ts';
import { DENY_REASONS, type Action, type DenyReason, type Resource } from './policy-types.ts';
import { union } from './policy-rules.ts';

const VAULT = 'vault-alice';
const NOW = Date.parse('2026-06-01T12:00:00Z');
let n = 0;
const gid = () => `0190a000-0000-7000-8000-${String(++n).padStart(12, '0')}` as GrantId;

function grant(over: Partial<Grant> = {}): Grant {
  return {
    id: gid(),
    vaultId: VAULT,
    grantee: { clientId: 'budget-app', kind: 'app' },
    scopes: [
      { type: 'energy.reading', fields: ['energyWh', 'start', 'end'] },
      { type: 'bank.transaction', fields: ['amount', 'bookingDate'] },
    ],
    filters: { from: '2025-01-01T00:00:00.000Z', to: '2026-01-01T00:00:00.000Z' },
    granularity: { kind: 'raw' },
    purpose: 'ServiceProvision',
    legalBasis: 'Consent',
    verbs: ['read'],
    validFrom: '2025-01-01T00:00:00.000Z',
    validUntil: '2027-01-01T00:00:00.000Z',
    createdAt: '2025-01-01T00:00:00.000Z',
    revokedAt: null,
    revocationReason: null,
    ...over,
  };
}

const app: Principal = { kind: 'app', clientId: 'budget-app' };
const owner: Principal = { kind: 'owner' };
const edf: Principal = { kind: 'organisation', clientId: 'edf' };

const q = (over: Partial<Extract<Resource, { kind: 'query' }>> = {}): Resource => ({
  kind: 'query',
  vaultId: VAULT,
  types: ['energy.reading'],
  granularity: { kind: 'raw' },
  ...over,
});
const rec = (over: Partial<Extract<Resource, { kind: 'record' }>> = {}): Resource => ({
  kind: 'record',
  vaultId: VAULT,
  type: 'energy.reading',
  source: 'enedis:12345678901234',
  occurredAt: '2025-03-01T10:00:00.000Z',
  ...over,
});
const month = { kind: 'aggregate', bucket: 'month' } as const;

const raw = grant();
const monthly = grant({ granularity: month });
const derived = grant({ granularity: { kind: 'derived', insight: 'energy.monthly' } });
const edfWrite = grant({
  grantee: { clientId: 'edf', kind: 'organisation' },
  verbs: ['read', 'write'],
  scopes: [{ type: 'energy.reading', fields: ['energyWh'] }],
});
const enedisWrite = grant({ grantee: { clientId: 'edf', kind: 'organisation' }, verbs: ['write'], writeSource: 'enedis:12345678901234' });
const expiredEnergy = grant({ validUntil: '2026-01-01T00:00:00.000Z', scopes: [{ type: 'energy.reading', fields: ['energyWh'] }] });
const activeBank = grant({ scopes: [{ type: 'bank.transaction', fields: ['amount'] }] });
const filtered = grant({ filters: { sources: ['enedis:12345678901234'], accounts: ['12345678901234'] } });

type Row = [label: string, principal: Principal, grants: Grant[], action: Action, resource: Resource, expected: 'allow' | DenyReason];

// principal, grants held, action, resource → expected decision
const TABLE: Row[] = [
  ['owner reads anything', owner, [], 'read', q({ types: ['contact'] }), 'allow'],
  ['owner writes anything', owner, [], 'write', rec({ source: 'ofx:anything' }), 'allow'],
  ['owner is not limited by a grant on their vault', owner, [raw], 'read', q({ from: '2020-01-01T00:00:00.000Z' }), 'allow'],
  ['app reads raw energy within its grant', app, [raw], 'read', q(), 'allow'],
  ['app reads one record within its grant', app, [raw], 'read', rec(), 'allow'],
  ['app without any grant', app, [], 'read', q(), 'NO_GRANT'],
  ['app presents a grant id that does not exist', { ...app, grantId: gid() }, [raw], 'read', q(), 'NO_GRANT'],
  ['app presents a grant given to another client', { kind: 'app', clientId: 'other', grantId: raw.id }, [raw], 'read', q(), 'GRANT_NOT_YOURS'],
  ['an organisation with the client id of an app', { kind: 'organisation', clientId: 'budget-app' }, [raw], 'read', q(), 'GRANT_NOT_YOURS'],
  ["another person's vault", app, [raw], 'read', q({ vaultId: 'vault-bob' }), 'WRONG_VAULT'],
  ["another person's vault, one record", app, [raw], 'read', rec({ vaultId: 'vault-bob' }), 'WRONG_VAULT'],
  ['revoked grant', app, [grant({ revokedAt: '2026-05-01T00:00:00.000Z' })], 'read', q(), 'GRANT_REVOKED'],
  ['expired grant', app, [grant({ validUntil: '2026-06-01T12:00:00.000Z' })], 'read', q(), 'GRANT_EXPIRED'],
  ['grant not started yet', app, [grant({ validFrom: '2026-07-01T00:00:00.000Z' })], 'read', q(), 'GRANT_NOT_STARTED'],
  ['revoked and expired: revocation is the reason', app, [grant({ revokedAt: '2025-05-01T00:00:00.000Z', validUntil: '2026-01-01T00:00:00.000Z' })], 'read', q(), 'GRANT_REVOKED'],
  ['wrong type', app, [raw], 'read', q({ types: ['contact'] }), 'TYPE_NOT_GRANTED'],
  ['one of two types not granted', app, [raw], 'read', q({ types: ['energy.reading', 'location.point'] }), 'TYPE_NOT_GRANTED'],
  ['two granted types', app, [raw], 'read', q({ types: ['energy.reading', 'bank.transaction'] }), 'allow'],
  ['field not granted', app, [raw], 'read', q({ fields: ['meterId'] }), 'FIELD_NOT_GRANTED'],
  ['granted fields', app, [raw], 'read', q({ fields: ['energyWh', 'start'] }), 'allow'],
  ['nested field inside a granted object', app, [raw], 'read', q({ types: ['bank.transaction'], fields: ['amount.amountMinor'] }), 'allow'],
  ['parent of a granted nested field', app, [grant({ scopes: [{ type: 'bank.transaction', fields: ['amount.amountMinor'] }] })], 'read', q({ types: ['bank.transaction'], fields: ['amount'] }), 'FIELD_NOT_GRANTED'],
  ['filter starts before the granted range', app, [raw], 'read', q({ from: '2024-06-01T00:00:00.000Z' }), 'OUTSIDE_TIME_RANGE'],
  ['filter ends after the granted range', app, [raw], 'read', q({ to: '2026-03-01T00:00:00.000Z' }), 'OUTSIDE_TIME_RANGE'],
  ['filter wholly after the granted range', app, [raw], 'read', q({ from: '2026-02-01T00:00:00.000Z' }), 'OUTSIDE_TIME_RANGE'],
  ['filter inside the granted range', app, [raw], 'read', q({ from: '2025-03-01T00:00:00.000Z', to: '2025-04-01T00:00:00.000Z' }), 'allow'],
  ['one record outside the granted range', app, [raw], 'read', rec({ occurredAt: '2026-02-01T00:00:00.000Z' }), 'OUTSIDE_TIME_RANGE'],
  ['record at the exclusive end of the range', app, [raw], 'read', rec({ occurredAt: '2026-01-01T00:00:00.000Z' }), 'OUTSIDE_TIME_RANGE'],
  ['source not granted (query)', app, [filtered], 'read', q({ sources: ['enedis:99999999999999'] }), 'SOURCE_NOT_GRANTED'],
  ['source not granted (record)', app, [filtered], 'read', rec({ source: 'org:edf', account: '12345678901234' }), 'SOURCE_NOT_GRANTED'],
  ['account not granted', app, [filtered], 'read', rec({ account: '99999999999999' }), 'ACCOUNT_NOT_GRANTED'],
  ['granted source and account', app, [filtered], 'read', rec({ account: '12345678901234' }), 'allow'],
  ['aggregate requested as raw', app, [monthly], 'read', q(), 'GRANULARITY_TOO_FINE'],
  ['one raw record under an aggregate grant', app, [monthly], 'read', rec(), 'GRANULARITY_TOO_FINE'],
  ['daily totals under a monthly grant', app, [monthly], 'read', q({ granularity: { kind: 'aggregate', bucket: 'day' } }), 'GRANULARITY_TOO_FINE'],
  ['monthly totals under a monthly grant', app, [monthly], 'read', q({ granularity: month }), 'allow'],
  ['yearly totals under a monthly grant', app, [monthly], 'read', q({ granularity: { kind: 'aggregate', bucket: 'year' } }), 'allow'],
  ['an insight under a monthly grant', app, [monthly], 'read', q({ granularity: { kind: 'derived', insight: 'energy.monthly' } }), 'GRANULARITY_NOT_GRANTED'],
  ['totals under a raw grant', app, [raw], 'read', q({ granularity: month }), 'allow'],
  ['totals of a type that has none', app, [grant({ scopes: [{ type: 'contact', fields: ['fullName'] }] })], 'read', q({ types: ['contact'], granularity: month }), 'GRANULARITY_NOT_GRANTED'],
  ['an insight under a raw grant', app, [raw], 'read', q({ granularity: { kind: 'derived', insight: 'energy.monthly' } }), 'GRANULARITY_NOT_GRANTED'],
  ['the granted insight', app, [derived], 'read', q({ granularity: { kind: 'derived', insight: 'energy.monthly' } }), 'allow'],
  ['another insight', app, [derived], 'read', q({ granularity: { kind: 'derived', insight: 'budget.categories' } }), 'GRANULARITY_NOT_GRANTED'],
  ['raw under a derived grant', app, [derived], 'read', q(), 'GRANULARITY_TOO_FINE'],
  ['write under a read-only grant', app, [raw], 'write', rec(), 'VERB_NOT_GRANTED'],
  ['source writes its own data', edf, [edfWrite], 'write', rec({ source: 'org:edf' }), 'allow'],
  ["source writes another source's data", edf, [edfWrite], 'write', rec({ source: 'enedis:12345678901234' }), 'NOT_OWN_SOURCE'],
  ['source writes a type it was not granted', edf, [edfWrite], 'write', rec({ source: 'org:edf', type: 'bank.transaction' }), 'TYPE_NOT_GRANTED'],
  ['source writes its declared source', edf, [enedisWrite], 'write', rec({ source: 'enedis:12345678901234' }), 'allow'],
  ['source with a declared source writes as org', edf, [enedisWrite], 'write', rec({ source: 'org:edf' }), 'NOT_OWN_SOURCE'],
  ['write-only grant cannot read', edf, [enedisWrite], 'read', q(), 'VERB_NOT_GRANTED'],
  ['read filters do not limit what a source writes', edf, [edfWrite], 'write', rec({ source: 'org:edf', occurredAt: '2020-01-01T00:00:00.000Z' }), 'allow'],
  ['a write that names no record', edf, [edfWrite], 'write', q(), 'DEFAULT_DENY'],
  ['another vault wins over expiry', app, [grant({ vaultId: 'vault-bob', validUntil: '2026-01-01T00:00:00.000Z' })], 'read', q(), 'WRONG_VAULT'],
  ['revoked write grant', edf, [grant({ ...edfWrite, revokedAt: '2026-01-01T00:00:00.000Z' })], 'write', rec({ source: 'org:edf' }), 'GRANT_REVOKED'],
  ['union: the active grant among two allows', app, [expiredEnergy, activeBank], 'read', q({ types: ['bank.transaction'] }), 'allow'],
  ['union: the grant about the type gives the reason', app, [expiredEnergy, activeBank], 'read', q(), 'GRANT_EXPIRED'],
  ['bound to one grant: another grant of the client does not help', { ...app, grantId: expiredEnergy.id }, [expiredEnergy, raw], 'read', q(), 'GRANT_EXPIRED'],
  ['not bound: any live grant of the client', app, [expiredEnergy, raw], 'read', q(), 'allow'],
];

describe('consent policy truth table', () => {
  it.each(TABLE)('%s', (_label, principal, grants, action, resource, expected) => {
    const d = decideAccess({ principal, action, resource, grants, nowMs: NOW });
    if (expected === 'allow') expect(d).toMatchObject({ allow: true });
    else expect(d).toMatchObject({ allow: false, reason: expected });
  });
});

describe('the truth table', () => {
  it('makes every reason code happen at least once', () => {
    const seen = new Set(TABLE.map((r) => r[5]));
    expect(Object.keys(DENY_REASONS).filter((r) => !seen.has(r as DenyReason))).toEqual([]);
  });

  it('an empty policy denies by default', () => {
    expect(decideAccess({ principal: owner, action: 'read', resource: q(), grants: [], nowMs: NOW }, union([]))).toMatchObject({ allow: false, reason: 'DEFAULT_DENY' });
  });
});

describe('projection of an allowed read', () => {
  it('narrows an unbounded query to the granted range and fields', () => {
    const d = decideAccess({ principal: app, action: 'read', resource: q(), grants: [raw], nowMs: NOW });
    expect(d).toEqual({
      allow: true,
      rule: 'grant',
      projection: {
        kind: 'read',
        grantId: raw.id,
        scopes: [{ type: 'energy.reading', fields: ['energyWh', 'start', 'end'] }],
        filters: { from: '2025-01-01T00:00:00.000Z', to: '2026-01-01T00:00:00.000Z' },
        granularity: { kind: 'raw' },
      },
    });
  });

  it('keeps the narrower bounds and fields asked for', () => {
    const d = decideAccess({ principal: app, action: 'read', resource: q({ fields: ['energyWh'], from: '2025-03-01T00:00:00.000Z', granularity: month }), grants: [raw], nowMs: NOW });
    expect(d.allow && d.projection).toEqual({
      kind: 'read',
      grantId: raw.id,
      scopes: [{ type: 'energy.reading', fields: ['energyWh'] }],
      filters: { from: '2025-03-01T00:00:00.000Z', to: '2026-01-01T00:00:00.000Z' },
      granularity: month,
    });
  });

  it('names the source a write goes to', () => {
    const d = decideAccess({ principal: edf, action: 'write', resource: rec({ source: 'org:edf' }), grants: [edfWrite], nowMs: NOW });
    expect(d.allow && d.projection).toEqual({ kind: 'write', grantId: edfWrite.id, source: 'org:edf' });
  });

  it('denies by default with a message a person understands', () => {
    const d = decideAccess({ principal: app, action: 'read', resource: q(), grants: [], nowMs: NOW });
    expect(d).toEqual({ allow: false, reason: 'NO_GRANT', message: 'No grant names this client (or the grant it presents does not exist). Client budget-app holds no grant.' });
  });
});
