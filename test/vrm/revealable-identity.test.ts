import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Principal } from '../../src/operations/operation.ts';
import { PERSON } from '../../src/vault/demo/demo-persona.ts';
import { intentsTermsAccept, offersPost } from '../../src/vrm/vendor-operations.ts';
import { intentsPublish, offersAccept, offersList, vendorsSet } from '../../src/vrm/vrm-operations.ts';
import { revealableIdentity } from '../../src/vrm/identity-reveal.ts';
import { openDemoVault } from '../support/demo-vault.ts';
import { asAsync, tempVault } from '../support/temp-vault.ts';
import { eur } from './independent-figures.ts';
import { OWNER, vrmHarness, type VrmHarness } from './vrm-harness.ts';

/**
 * What the person sees before accepting an offer (offers.list's `revealable`, the values the
 * web UI puts beside each box) is exactly what accepting reveals to the vendor — on the demo
 * person, whose insurer holds a mistyped e-mail and whose gas network an old address.
 */
describe('the identity an acceptance could reveal, shown before accepting', () => {
  let demo: Awaited<ReturnType<typeof openDemoVault>>;
  let h: VrmHarness;
  let volt: Principal & { kind: 'organisation' };

  beforeAll(async () => {
    demo = await openDemoVault({ copy: true });
    h = await vrmHarness(demo.vault);
    volt = await h.organisation('Volt Énergie');
    await h.run(vendorsSet, OWNER, { client: volt.clientId, categories: ['energy-supply'] });
  }, 120_000);
  afterAll(async () => {
    await h?.close();
    await demo?.cleanup();
  });

  async function offer(): Promise<{ intent: string; offer: string }> {
    const { pseudonym: intent } = await h.run(intentsPublish, OWNER, { category: 'energy-supply' });
    await h.run(intentsTermsAccept, volt, { intent, terms: ['no-resale', 'no-tracking', 'delete-if-no-deal', 'offer-only'] });
    const posted = await h.run(offersPost, volt, { intent, title: 'Volt Vert Base', price: { kind: 'energy', subscriptionPerMonth: eur(1450), pricePerKWh: eur(1790, 4) }, validUntil: '2030-01-01T00:00:00Z' });
    return { intent, offer: posted.id };
  }

  it('lists the values most of her sources agree on, then reveals exactly those', async () => {
    const { intent, offer: id } = await offer();
    const { revealable } = await h.run(offersList, OWNER, { intent });
    const shown = Object.fromEntries(revealable.map((r) => [r.attribute, r.value]));
    expect(shown).toMatchObject({ full_name: PERSON.fullName, email: PERSON.email, phone: PERSON.phone, birth_date: PERSON.birthDate });
    expect(Object.values(shown)).not.toContain(PERSON.mistypedEmail);
    const accepted = await h.run(offersAccept, OWNER, { offer: id, reveal: revealable.map((r) => r.attribute) });
    expect(Object.fromEntries(accepted.revealed.map((r) => [r.attribute, r.value]))).toEqual(shown);
  });

});

describe('the value revealed when an organisation has fixed its own', () => {
  it('counts each organisation once, with its latest restitution', async () => {
    const t = await tempVault();
    try {
      const attr = (source: string, sourceRef: string, value: string, asOf: string) => ({
        type: 'identity.attribute',
        source,
        sourceRef,
        occurredAt: `${asOf}T09:00:00.000Z`,
        data: { attribute: 'email', value, asOf },
      });
      await t.vault.importRecords({
        meta: { format: 'test', fileName: null, fileHash: null },
        records: () =>
          asAsync([
            attr('org:a', 'email-1', 'alex@old.example', '2024-01-10'),
            attr('org:b', 'email', 'alex@old.example', '2024-02-10'),
            // org:a moved to the new address, under a new reference: its old record no longer votes.
            attr('org:a', 'email-2', 'alex@new.example', '2025-03-01'),
          ]),
      });
      expect(await revealableIdentity(t.vault.store)).toEqual([{ attribute: 'email', value: 'alex@new.example' }]);
    } finally {
      await t.cleanup();
    }
  });
});
