import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { computeDataQuality } from '../../src/insights/quality/data-quality.ts';
import { editDistance, normaliseAddress, normaliseBirthDate, normaliseEmail, normaliseIban, normaliseName, normalisePhone } from '../../src/insights/quality/identity-normalise.ts';
import { asAsync, tempVault } from '../support/temp-vault.ts';

describe('normal forms of identity values', () => {
  it('reads phone numbers written many ways as one E.164 number', () => {
    const keys = ['06 12 34 56 78', '0612345678', '+33 6 12 34 56 78', '+33 (0)6.12.34.56.78', '0033612345678'].map((p) => normalisePhone(p).key);
    expect(new Set(keys)).toEqual(new Set(['+33612345678']));
    expect(normalisePhone('06 12 34').valid).toBe(false);
  });

  it('compares e-mails without case, spaces or mailto:, and refuses one without a domain', () => {
    expect(normaliseEmail(' mailto:Camille.Martin@Exemple.FR ').key).toBe('camille.martin@exemple.fr');
    expect(normaliseEmail('camille.martin@').valid).toBe(false);
  });

  it('reads an address from its label with abbreviations, accents, case and district', () => {
    const a = normaliseAddress('27 rue de Marseille, 69007 Lyon');
    expect(normaliseAddress('27, R. DE MARSEILLE 69007 LYON 7E').key).toBe(a.key);
    expect(normaliseAddress('27 rue de Marseille, 69007 Lyon 7ème, France').key).toBe(a.key);
    expect(normaliseAddress('27 rue de Marseille, 69003 Lyon').key).not.toBe(a.key);
    expect(normaliseAddress('3 bd Haussmann, 75009 Paris').key).toBe(normaliseAddress('3 Boulevard Haussmann, 75009 PARIS 9E').key);
    expect(normaliseAddress('Lyon').valid).toBe(false);
  });

  it('checks IBAN digits, reads day-first birth dates, and ignores the order of names', () => {
    expect(normaliseIban('fr76 3000 6000 0112 3456 7890 189')).toMatchObject({ key: 'FR7630006000011234567890189', valid: true });
    expect(normaliseIban('FR7630006000011234567890188').valid).toBe(false);
    expect(normaliseBirthDate('17/04/1991').key).toBe('1991-04-17');
    expect(normaliseBirthDate('31/02/1991').valid).toBe(false);
    expect(normaliseName('MARTIN Camille').key).toBe(normaliseName('Camille Martin').key);
    expect(normaliseName('Hélène Roussel').key).toBe(normaliseName('HELENE ROUSSEL').key);
  });

  it('counts one-letter edits, a swap of neighbours as one', () => {
    expect(editDistance('camille.martn@x.fr', 'camille.martin@x.fr')).toBe(1);
    expect(editDistance('camlile', 'camille')).toBe(1);
    expect(editDistance('+33687654321', '+33612345678')).toBeGreaterThan(2);
  });
});

describe('data quality on sources that disagree in other ways', () => {
  let t: Awaited<ReturnType<typeof tempVault>>;
  beforeEach(async () => {
    t = await tempVault();
  });
  afterEach(async () => t.cleanup());

  const attr = (source: string, attribute: string, value: string, asOf: string, extra: Record<string, unknown> = {}) => ({
    type: 'identity.attribute',
    source,
    sourceRef: `${attribute}-${String(extra.purpose ?? 'main')}`,
    occurredAt: `${asOf}T09:00:00.000Z`,
    data: { attribute, value, asOf, ...extra },
  });
  const load = (records: unknown[]) => t.vault.importRecords({ meta: { format: 'test', fileName: 'identity.jsonl', fileHash: null }, records: () => asAsync(records) });

  it('sees the same value written differently as agreement, and a bad IBAN as invalid', async () => {
    await load([
      attr('org:banque', 'phone', '06 12 34 56 78', '2025-01-10'),
      attr('org:telco', 'phone', '+33612345678', '2025-02-10'),
      attr('org:assureur', 'phone', '+33 (0)6 12 34 56 78', '2025-03-10'),
      attr('org:banque', 'iban', 'FR76 3000 6000 0112 3456 7890 189', '2025-01-10'),
      attr('org:employeur', 'iban', 'FR7630006000011234567890188', '2025-01-10'),
    ]);
    const q = await computeDataQuality(t.vault.store);
    expect(q.attributes.find((a) => a.attribute === 'phone')!.values).toEqual([{ normalised: '+33612345678', sources: ['org:assureur', 'org:banque', 'org:telco'], current: true }]);
    expect(q.findings).toHaveLength(1);
    expect(q.findings[0]).toMatchObject({ kind: 'invalid', source: 'org:employeur', attribute: 'iban', expected: 'FR76 3000 6000 0112 3456 7890 189' });
    expect(q.findings[0]!.explanation).toContain('check digits');
  });

  it('takes the value confirmed last when two sources disagree, and asks the person when nothing tells them apart', async () => {
    await load([
      attr('org:a', 'postal_address', '12 rue des Lilas, 69003 Lyon', '2024-01-05'),
      attr('org:b', 'postal_address', '27 rue de Marseille, 69007 Lyon', '2025-06-01'),
      attr('org:a', 'birth_date', '1991-04-17', '2025-01-01'),
      attr('org:b', 'birth_date', '17/05/1991', '2025-01-01'),
    ]);
    const q = await computeDataQuality(t.vault.store);
    expect(q.attributes.find((a) => a.attribute === 'postal_address')!.current).toMatchObject({ value: '27 rue de Marseille, 69007 Lyon', basis: 'most-recent' });
    expect(q.findings.map((f) => [f.source, f.attribute, f.kind])).toEqual([['org:a', 'postal_address', 'stale']]);
    expect(q.unresolved).toEqual(['birth_date']);
    expect(q.attributes.find((a) => a.attribute === 'birth_date')!.beliefs.map((b) => b.status)).toEqual(['unresolved', 'unresolved']);
  });

  it('does not flag a delivery address that differs from the home address', async () => {
    await load([
      attr('org:a', 'postal_address', '27 rue de Marseille, 69007 Lyon', '2025-01-05'),
      attr('org:b', 'postal_address', '27 rue de Marseille, 69007 Lyon', '2025-02-05'),
      attr('org:shop', 'postal_address', '40 rue de la Villette, 69003 Lyon', '2025-03-05', { purpose: 'delivery' }),
    ]);
    const q = await computeDataQuality(t.vault.store);
    expect(q.findings).toEqual([]);
    expect(q.attributes[0]!.beliefs.find((b) => b.source === 'org:shop')!.status).toBe('other-purpose');
  });

  it('takes a source’s latest restitution as what it holds: a new record with the fixed value replaces the old one', async () => {
    await load([
      attr('org:a', 'email', 'camille@exemple.fr', '2025-01-01'),
      attr('org:b', 'email', 'camille@exemple.fr', '2025-01-02'),
      attr('org:c', 'email', 'camile@exemple.fr', '2025-01-03', { purpose: 'billing' }),
      attr('org:a', 'postal_address', '27 rue de Marseille, 69007 Lyon', '2025-01-05'),
      attr('org:b', 'postal_address', '27 rue de Marseille, 69007 Lyon', '2025-02-05'),
      // org:c delivers elsewhere: another fact, which no home address replaces.
      attr('org:c', 'postal_address', '40 rue de la Villette, 69003 Lyon', '2024-12-01', { purpose: 'delivery' }),
    ]);
    expect((await computeDataQuality(t.vault.store)).findings.map((f) => [f.source, f.attribute, f.kind])).toEqual([['org:c', 'email', 'typo']]);
    // Its next restitution, under new references and without a purpose, carries the right e-mail and a home address.
    await load([
      { ...attr('org:c', 'email', 'camille@exemple.fr', '2025-02-01'), sourceRef: 'email-2025-02' },
      { ...attr('org:c', 'postal_address', '27 rue de Marseille, 69007 Lyon', '2025-02-01'), sourceRef: 'home-2025-02' },
    ]);
    const q = await computeDataQuality(t.vault.store);
    expect(q.findings).toEqual([]);
    const heldByC = (attribute: string) => q.attributes.find((x) => x.attribute === attribute)!.beliefs.filter((b) => b.source === 'org:c').map((b) => `${b.value} ${b.status}`);
    expect(heldByC('email')).toEqual(['camille@exemple.fr agrees']);
    expect(heldByC('postal_address').sort()).toEqual(['27 rue de Marseille, 69007 Lyon agrees', '40 rue de la Villette, 69003 Lyon other-purpose']);
  });

  it('recomputes after an import, not before', async () => {
    await load([attr('org:a', 'email', 'camille@exemple.fr', '2025-01-01'), attr('org:b', 'email', 'camille@exemple.fr', '2025-01-02')]);
    expect((await computeDataQuality(t.vault.store)).findings).toEqual([]);
    await load([attr('org:c', 'email', 'camile@exemple.fr', '2025-01-03')]);
    expect((await computeDataQuality(t.vault.store)).findings.map((f) => [f.source, f.kind])).toEqual([['org:c', 'typo']]);
  });
});
