import { compactVerify, importJWK } from 'jose';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempVault } from '../../test/support/temp-vault.ts';
import type { AnyOperation, OperationContext, Principal } from '../operations/operation.ts';
import { createConsentEngine, type ConsentEngine } from './consent-engine.ts';
import { consentOperations } from './consent-operations.ts';

const op = (name: string): AnyOperation => {
  const o = consentOperations.find((x) => x.name === name);
  if (!o) throw new Error(`no operation ${name}`);
  return o;
};

let t: Awaited<ReturnType<typeof tempVault>>;
let engine: ConsentEngine;
let clock = Date.parse('2026-01-15T10:00:00Z');
let ctx: OperationContext;

/** Runs an operation as the CLI would: raw input through the input schema, then the handler, then the output schema. */
async function run(name: string, raw: Record<string, unknown>) {
  const o = op(name);
  const out = await o.handler(ctx, o.input.parse(raw));
  return o.output.parse(out) as Record<string, unknown> & { [k: string]: never };
}

const reading = (i: number, source = 'org:edf') => ({
  type: 'energy.reading',
  source,
  sourceRef: `R${i}`,
  occurredAt: new Date(Date.parse('2025-06-01T00:00:00Z') + i * 1_800_000).toISOString(),
  data: { meterId: '12345678901234', commodity: 'electricity', kind: 'interval', start: new Date(Date.parse('2025-06-01T00:00:00Z') + (i - 1) * 1_800_000).toISOString(), end: new Date(Date.parse('2025-06-01T00:00:00Z') + i * 1_800_000).toISOString(), energyWh: 100 + i },
});

beforeEach(async () => {
  t = await tempVault();
  clock = Date.parse('2026-01-15T10:00:00Z');
  engine = await createConsentEngine(t.vault, { now: () => clock, timeZone: 'Europe/Paris' });
  ctx = { vault: t.vault, principal: { kind: 'owner' }, services: { consent: engine } };
});
afterEach(async () => {
  await engine.close();
  await t.cleanup();
});

describe('consent operations', () => {
  it('declares the issue’s CLI commands', () => {
    expect(consentOperations.map((o) => [o.name, o.cli?.command.join(' '), o.cli?.positional ?? []])).toEqual([
      ['grants.create', 'grants create', []],
      ['grants.list', 'grants list', []],
      ['grants.show', 'grants show', ['id']],
      ['grants.revoke', 'grants revoke', ['id']],
      ['grants.receipt', 'grants receipt', ['id']],
      ['grants.query', 'grants query', ['id']],
      ['audit.list', 'audit', []],
      ['audit.verify', 'audit verify', []],
      ['keys.show', 'keys show', []],
    ]);
  });

  it('creates a grant from command-line input, lists, shows and revokes it; revocation stops access at once', async () => {
    const created = (await run('grants.create', {
      grantee: 'budget-malin',
      granteeKind: 'app',
      type: 'energy.reading,bank.transaction',
      fields: 'energyWh,end,bank.transaction:amount,bank.transaction:bookingDate',
      granularity: 'raw',
      purpose: 'ServiceProvision',
      until: '2026-12-31',
      terms: 'https://budget-malin.example/cgu',
    })) as unknown as { grant: { id: string; scopes: unknown; validUntil: string; terms: unknown; state: string } };
    expect(created.grant.scopes).toEqual([
      { type: 'energy.reading', fields: ['energyWh', 'end'] },
      { type: 'bank.transaction', fields: ['amount', 'bookingDate'] },
    ]);
    expect(created.grant.validUntil).toBe('2027-01-01T00:00:00.000Z');
    expect(created.grant.terms).toEqual({ url: 'https://budget-malin.example/cgu' });
    expect(created.grant.state).toBe('active');
    const id = created.grant.id;

    const listed = (await run('grants.list', {})) as unknown as { grants: { id: string; state: string }[] };
    expect(listed.grants.map((g) => [g.id, g.state])).toEqual([[id, 'active']]);
    const render = op('grants.list').cli!.render!(listed, {}) as { table: unknown[][] };
    expect(render.table[0]).toEqual([id, 'budget-malin', 'energy.reading, bank.transaction', 'raw', 'ServiceProvision', '2027-01-01', 'active']);

    await t.vault.importRecords({ records: async function* () { for (let i = 1; i <= 5; i++) yield reading(i); }, meta: { format: 'test', fileName: null, fileHash: null } });
    const app: Principal = { kind: 'app', clientId: 'budget-malin', grantId: id as never };
    const res = await engine.read(app, { types: ['energy.reading'] });
    expect(res.kind === 'records' && res.records.map((r) => r.data)).toEqual([1, 2, 3, 4, 5].map((i) => ({ energyWh: 100 + i, end: reading(i).data.end })));

    await run('grants.revoke', { id, reason: 'plus besoin' });
    await expect(engine.read(app, { types: ['energy.reading'] })).rejects.toMatchObject({ code: 'CONSENT_DENIED', details: { reason: 'GRANT_REVOKED' } });
    const shown = (await run('grants.show', { id })) as unknown as { grant: { state: string; revocationReason: string }; receipts: { event: string }[] };
    expect(shown.grant).toMatchObject({ state: 'revoked', revocationReason: 'plus besoin' });
    expect(shown.receipts.map((r) => r.event)).toEqual(['given', 'withdrawn']);
    await expect(run('grants.revoke', { id })).rejects.toMatchObject({ code: 'GRANT_INVALID' });
  });

  it('refuses a grant with an unknown purpose, field or type', async () => {
    const base = { grantee: 'edf', type: 'energy.reading', granularity: 'month', purpose: 'ServiceProvision', until: '2027-01-01' };
    await expect(run('grants.create', { ...base, purpose: 'Spying' })).rejects.toThrow(/DPV purpose/);
    await expect(run('grants.create', { ...base, type: 'dna.sequence' })).rejects.toThrow(/record types/);
    await expect(run('grants.create', { ...base, fields: 'meterId' })).rejects.toMatchObject({ code: 'GRANT_INVALID', message: expect.stringMatching(/totals energyWh/) });
    await expect(run('grants.create', { ...base, granularity: 'raw', fields: 'colour' })).rejects.toMatchObject({ code: 'GRANT_INVALID', message: expect.stringMatching(/has no field "colour"/) });
    await expect(run('grants.create', { ...base, type: 'contact' })).rejects.toMatchObject({ code: 'GRANT_INVALID', message: expect.stringMatching(/no numeric field/) });
    await expect(run('grants.create', { ...base, until: '2025-01-01' })).rejects.toMatchObject({ code: 'GRANT_INVALID', message: expect.stringMatching(/already be expired/) });
  });

  it('a grant that starts later is reported pending from the moment it is created', async () => {
    const created = (await run('grants.create', { grantee: 'edf', type: 'energy.reading', granularity: 'month', purpose: 'ServiceProvision', start: '2026-03-01', until: '2027-01-01' })) as unknown as { grant: { id: string; state: string } };
    expect(created.grant.state).toBe('pending');
    expect(((await run('grants.list', {})) as unknown as { grants: { state: string }[] }).grants.map((g) => g.state)).toEqual(['pending']);
    const revoked = (await run('grants.revoke', { id: created.grant.id })) as unknown as { grant: { state: string } };
    expect(revoked.grant.state).toBe('revoked');
  });

  it('an expired grant is dead', async () => {
    const { grant } = (await run('grants.create', { grantee: 'edf', type: 'energy.reading', granularity: 'month', purpose: 'ServiceProvision', until: '2026-02-01' })) as unknown as { grant: { id: string } };
    const edf: Principal = { kind: 'organisation', clientId: 'edf' };
    await expect(engine.read(edf, { types: ['energy.reading'] })).resolves.toMatchObject({ kind: 'aggregate' });
    clock = Date.parse('2026-02-02T00:00:00Z');
    await expect(engine.read(edf, { types: ['energy.reading'] })).rejects.toMatchObject({ details: { reason: 'GRANT_EXPIRED' } });
    expect(((await run('grants.list', {})) as unknown as { grants: { state: string }[] }).grants[0]!.state).toBe('expired');
    expect(((await run('grants.list', { live: true })) as unknown as { grants: unknown[] }).grants).toEqual([]);
    expect((await run('audit.list', {})) as unknown).toMatchObject({ entries: [{ reason: 'GRANT_EXPIRED', grantId: grant.id }, { outcome: 'allowed', recordCount: 0 }] });
  });

  it('grants query previews what the grantee gets without logging it as the grantee', async () => {
    await t.vault.importRecords({ records: async function* () { for (let i = 1; i <= 4; i++) yield reading(i); }, meta: { format: 'test', fileName: null, fileHash: null } });
    const { grant } = (await run('grants.create', { grantee: 'edf', type: 'energy.reading', granularity: 'day', purpose: 'ServiceProvision', until: '2027-01-01' })) as unknown as { grant: { id: string } };
    const preview = await run('grants.query', { id: grant.id });
    expect(preview).toEqual({ kind: 'aggregate', bucket: 'day', timeZone: 'Europe/Paris', series: [{ type: 'energy.reading', field: 'energyWh', groupBy: 'commodity', periods: [{ period: '2025-06-01', group: 'electricity', sum: 101 + 102 + 103 + 104, count: 4 }] }] });
    expect(op('grants.query').cli!.render!(preview, {})).toEqual({ head: ['type', 'period', 'group', 'total', 'records'], table: [['energy.reading', '2025-06-01', 'electricity', 410, 4]] });
    await expect(run('grants.query', { id: grant.id, granularity: 'raw' })).rejects.toMatchObject({ details: { reason: 'GRANULARITY_TOO_FINE' } });
    expect(await run('audit.list', {})).toEqual({ entries: [] });
    await engine.read({ kind: 'organisation', clientId: 'edf' }, { types: ['energy.reading'] });
    expect(await run('audit.list', { grantee: 'edf' })).toMatchObject({ entries: [{ seq: 1, clientId: 'edf', recordCount: 4, types: ['energy.reading'], outcome: 'allowed' }] });
    expect(await run('audit.verify', {})).toMatchObject({ ok: true, entries: 1 });
  });

  it('grants receipt prints a JWS that verifies with the key keys show prints', async () => {
    const { grant } = (await run('grants.create', { grantee: 'edf', type: 'energy.reading', granularity: 'year', purpose: 'ResearchAndDevelopment', until: '2027-01-01' })) as unknown as { grant: { id: string } };
    const out = await run('grants.receipt', { id: grant.id });
    const printed = op('grants.receipt').cli!.render!(out, {}) as string;
    const jwk = op('keys.show').cli!.render!(await run('keys.show', {}), {}) as string;
    const { payload } = await compactVerify(printed, await importJWK(JSON.parse(jwk), 'EdDSA'));
    expect(JSON.parse(new TextDecoder().decode(payload))).toMatchObject({ consent_id: grant.id, processing: { purposes: [{ purpose: 'dpv:ResearchAndDevelopment' }] } });
  });

  it('a source writes its own data under a write grant, and only its own', async () => {
    await run('grants.create', { grantee: 'edf', type: 'energy.reading', granularity: 'month', verbs: 'read,write', purpose: 'ServiceProvision', until: '2027-01-01' });
    const edf: Principal = { kind: 'organisation', clientId: 'edf' };
    const summary = await engine.write(edf, [reading(1), reading(2)]);
    expect(summary.counts.inserted).toBe(2);
    await expect(engine.write(edf, [reading(3), reading(4, 'enedis:12345678901234')])).rejects.toMatchObject({ code: 'CONSENT_DENIED', details: { reason: 'NOT_OWN_SOURCE', index: 1 } });
    expect(await t.vault.store.count({ types: ['energy.reading'] })).toBe(2);
    expect(await run('audit.list', {})).toMatchObject({
      entries: [
        { seq: 2, action: 'write', outcome: 'denied', reason: 'NOT_OWN_SOURCE' },
        { seq: 1, action: 'write', outcome: 'allowed', recordCount: 2, types: ['energy.reading'] },
      ],
    });
  });

  it('the owner’s reads are not logged', async () => {
    await engine.read({ kind: 'owner' }, { types: ['energy.reading'] });
    expect(await run('audit.list', {})).toEqual({ entries: [] });
  });

  it('says clearly when the consent engine is not wired', async () => {
    await expect(op('keys.show').handler({ ...ctx, services: {} }, {})).rejects.toThrow(/createConsentEngine/);
  });
});

describe('revocation from another process', () => {
  it('is seen by the running engine on its next decision', async () => {
    const { Vault } = await import('../vault/vault.ts');
    const { TEST_PASSPHRASE } = await import('../../test/support/temp-vault.ts');
    const { grant } = await engine.createGrant({ grantee: { clientId: 'edf', kind: 'organisation' }, scopes: [{ type: 'energy.reading' }], granularity: { kind: 'aggregate', bucket: 'month' }, purpose: 'ServiceProvision', validUntil: '2027-01-01' });
    const edf: Principal = { kind: 'organisation', clientId: 'edf' };
    await expect(engine.read(edf, { types: ['energy.reading'] })).resolves.toMatchObject({ kind: 'aggregate' });
    const cli = await Vault.open({ path: t.path, passphrase: TEST_PASSPHRASE });
    try {
      const cliEngine = await createConsentEngine(cli, { now: () => clock });
      await cliEngine.revokeGrant(grant.id);
      await cliEngine.close();
    } finally {
      await cli.close();
    }
    await expect(engine.read(edf, { types: ['energy.reading'] })).rejects.toMatchObject({ details: { reason: 'GRANT_REVOKED' } });
  });
});
