import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RecordId } from '../../src/domain/ids.ts';
import { computeDataQuality, sameIdentityValue } from '../../src/insights/quality/data-quality.ts';
import { demoFacts } from '../../src/vault/demo/demo-persona.ts';
import type { Vault } from '../../src/vault/vault.ts';
import { openDemoVault } from '../support/demo-vault.ts';
import { asAsync } from '../support/temp-vault.ts';

const facts = demoFacts();

describe('data quality on the ten-year demo person', () => {
  let demo: Awaited<ReturnType<typeof openDemoVault>>;
  beforeAll(async () => {
    demo = await openDemoVault({ copy: false });
  });
  afterAll(async () => demo.cleanup());

  it('finds exactly the three planted inconsistencies, and nothing else', async () => {
    const q = await computeDataQuality(demo.vault.store);
    const found = q.findings.map((f) => ({ source: f.source, attribute: f.attribute, believed: f.believed, actual: f.expected }));
    const planted = facts.inconsistencies.map(({ source, attribute, believed, actual }) => ({ source, attribute, believed, actual }));
    expect(found).toEqual(expect.arrayContaining(planted));
    expect(found).toHaveLength(planted.length);
    expect(q.unresolved).toEqual([]);
    // One rectification per organisation and wrong value.
    expect(q.byOrganisation.map((o) => [o.source, o.findings.length])).toEqual(planted.map((p) => [p.source, 1]).sort());
  });

  it('says why: the gas supplier missed the move, the mutual mistyped the e-mail', async () => {
    const q = await computeDataQuality(demo.vault.store);
    const gas = q.findings.find((f) => f.source === 'org:gaz-reseau')!;
    expect(gas.kind).toBe('stale');
    expect(gas.heldSince < gas.outdatedSince!).toBe(true);
    expect(gas.believed).toBe(facts.previousAddress);
    expect(gas.explanation).toContain(facts.previousAddress);
    const mutual = q.findings.find((f) => f.source === 'org:mutuelle-sante')!;
    expect(mutual).toMatchObject({ kind: 'typo', evidence: { editDistance: 1 } });
    const insurer = q.findings.find((f) => f.source === 'org:assurance-horizon')!;
    expect(insurer.evidence.agreeing.map((a) => a.source)).not.toContain('org:assurance-horizon');
    expect(insurer.evidence.agreeing.length).toBeGreaterThanOrEqual(5);
  });

  it('points at the very records that hold each wrong value', async () => {
    const q = await computeDataQuality(demo.vault.store);
    for (const f of q.findings) {
      expect(f.recordIds).toHaveLength(1);
      const r = await demo.vault.getOrThrow(f.recordIds[0] as RecordId);
      expect({ type: r.type, source: r.source, sourceRef: r.sourceRef, value: (r.data as Record<string, unknown>).value }).toEqual({ type: 'identity.attribute', source: f.source, sourceRef: f.sourceRefs[0], value: f.believed });
    }
  });

  it('knows the person’s current values from what the organisations agree on', async () => {
    const q = await computeDataQuality(demo.vault.store);
    const current = Object.fromEntries(q.attributes.map((a) => [a.attribute, a.current?.value]));
    expect(current).toMatchObject({ email: facts.email, phone: facts.phone, postal_address: facts.address, iban: facts.iban, name: facts.fullName });
    const names = q.attributes.find((a) => a.attribute === 'name')!;
    // The mutual keeps given and family names apart: composed, they agree.
    expect(names.beliefs.find((b) => b.source === 'org:mutuelle-sante')).toMatchObject({ attribute: 'given_name+family_name', status: 'agrees' });
  });
});

describe('the rectification loop seen from data quality', () => {
  let demo: Awaited<ReturnType<typeof openDemoVault>>;
  let vault: Vault;
  beforeAll(async () => {
    demo = await openDemoVault({ copy: true });
    vault = demo.vault;
  });
  afterAll(async () => demo.cleanup());

  const restitute = (source: string, records: { sourceRef: string; data: Record<string, unknown> }[]) =>
    vault.importRecords({
      meta: { format: 'test', fileName: `${source}.jsonl`, fileHash: null },
      records: () => asAsync(records.map((r) => ({ type: 'identity.attribute', source, occurredAt: '2026-11-20T10:00:00.000Z', ...r }))),
    });

  it('keeps the finding after the person corrects the record, and drops it when the organisation restitutes the fix', async () => {
    const before = (await computeDataQuality(vault.store)).findings.find((f) => f.source === 'org:gaz-reseau')!;
    await vault.correct(before.recordIds[0] as RecordId, { value: facts.address }, 'I moved');
    const corrected = await computeDataQuality(vault.store);
    const still = corrected.findings.find((f) => f.source === 'org:gaz-reseau')!;
    expect(still).toMatchObject({ id: before.id, believed: facts.previousAddress, expected: facts.address, evidence: { basis: 'person' } });
    expect(corrected.attributes.find((a) => a.attribute === 'postal_address')!.beliefs.find((b) => b.source === 'org:gaz-reseau')!.correctedByPerson).toBe(true);

    await restitute('org:gaz-reseau', [{ sourceRef: 'postal_address', data: { attribute: 'postal_address', value: '27, r. de Marseille 69007 LYON 7E', asOf: '2026-11-20' } }]);
    const after = await computeDataQuality(vault.store);
    expect(after.findings.map((f) => f.source).sort()).toEqual(['org:assurance-horizon', 'org:mutuelle-sante']);
    expect(sameIdentityValue('postal_address', '27, r. de Marseille 69007 LYON 7E', facts.address)).toBe(true);
  });

  it('flags every organisation when the person declares a new e-mail address', async () => {
    await restitute('person', [{ sourceRef: 'email', data: { attribute: 'email', value: 'Camille.Martin@Nouveau.example', asOf: '2026-11-25' } }]);
    const q = await computeDataQuality(vault.store);
    const email = q.attributes.find((a) => a.attribute === 'email')!;
    expect(email.current).toMatchObject({ value: 'Camille.Martin@Nouveau.example', basis: 'person', since: '2026-11-25' });
    const holders = email.beliefs.filter((b) => b.source !== 'person').map((b) => b.source);
    const flagged = q.findings.filter((f) => f.attribute === 'email').map((f) => f.source);
    expect(flagged.sort()).toEqual(holders.sort());
    expect(holders.length).toBeGreaterThanOrEqual(10);
    // They all confirmed the old address before the person changed it.
    expect(new Set(q.findings.filter((f) => f.attribute === 'email').map((f) => f.kind))).toEqual(new Set(['stale']));
  });
});
