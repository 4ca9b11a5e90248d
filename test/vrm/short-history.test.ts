import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoGenerate } from '../../src/operations/demo-operations.ts';
import { offersPost, intentsTermsAccept } from '../../src/vrm/vendor-operations.ts';
import { intentsPreview, intentsPublish, offersList, vendorsSet } from '../../src/vrm/vrm-operations.ts';
import { trimmedToData, twelveMonthsBefore } from '../../src/vrm/usage-data.ts';
import { energyReading } from '../support/energy-reading.ts';
import { asAsync, tempVault } from '../support/temp-vault.ts';
import { electricity, eur } from './independent-figures.ts';
import { OWNER, vrmHarness, type VrmHarness } from './vrm-harness.ts';

/**
 * A person with less than a year and a half of data: the offer is costed only on the whole
 * months the readings cover, beside the bills of those same months, and the comparison says
 * so — never on months without a single reading.
 */

describe('the months an offer is compared on', () => {
  it('start at the first whole month of data when the data begins inside the twelve', () => {
    const tz = 'Europe/Paris';
    const twelve = twelveMonthsBefore(Date.parse('2026-10-15T00:00:00Z'), tz);
    expect(twelve.months).toEqual(['2025-10', '2025-11', '2025-12', '2026-01', '2026-02', '2026-03', '2026-04', '2026-05', '2026-06', '2026-07', '2026-08', '2026-09']);
    expect(trimmedToData(twelve, Date.parse('2025-06-01T00:00:00Z'), tz)).toEqual(twelve);
    // Readings from midnight, 1 November, Paris time: November counts whole.
    const fromNov = trimmedToData(twelve, Date.parse('2025-10-31T23:00:00Z'), tz);
    expect(fromNov.months[0]).toBe('2025-11');
    expect(fromNov.months).toHaveLength(11);
    expect(new Date(fromNov.fromMs).toISOString()).toBe('2025-10-31T23:00:00.000Z');
    // From 3 November: November is not whole, December is the first month.
    const fromDec = trimmedToData(twelve, Date.parse('2025-11-03T10:00:00Z'), tz);
    expect(fromDec.months).toEqual(twelve.months.slice(2));
    expect(new Date(fromDec.fromMs).toISOString()).toBe('2025-11-30T23:00:00.000Z');
    expect(fromDec.toMs).toBe(twelve.toMs);
  });
});

describe('an energy offer for the one-year demo person', () => {
  let t: Awaited<ReturnType<typeof tempVault>>;
  let h: VrmHarness;
  beforeAll(async () => {
    t = await tempVault();
    h = await vrmHarness(t.vault);
    await demoGenerate.handler({ vault: t.vault, principal: OWNER, services: h.services }, { years: 1, seed: 42 });
  }, 120_000);
  afterAll(async () => {
    await h?.close();
    await t?.cleanup();
  });

  it('is costed on the months her readings cover, beside her bills for those months, and says it is fewer than twelve', async () => {
    const volt = await h.organisation('Volt Énergie');
    await h.run(vendorsSet, OWNER, { client: volt.clientId, categories: ['energy-supply'] });
    const { pseudonym: intent } = await h.run(intentsPublish, OWNER, { category: 'energy-supply' });
    await h.run(intentsTermsAccept, volt, { intent, terms: ['no-resale', 'no-tracking', 'delete-if-no-deal', 'offer-only'] });
    await h.run(offersPost, volt, { intent, title: 'Volt Base', price: { kind: 'energy', subscriptionPerMonth: eur(1450), pricePerKWh: eur(1790, 4) }, validUntil: '2027-06-30T00:00:00Z' });
    const c = (await h.run(offersList, OWNER, { intent })).offers[0]!.comparison;

    // Her first reading, and the months from the first whole one to the last billed one.
    const first = (await t.vault.query({ types: ['energy.reading'], order: 'asc', limit: 1 })).records[0]!;
    expect(Date.parse(c.period.from)).toBeGreaterThanOrEqual(Date.parse(first.occurredAt));
    const months = new Set<string>();
    const fmt = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris', year: 'numeric', month: '2-digit' });
    for (let ms = Date.parse(c.period.from); ms < Date.parse(c.period.to); ms += 86_400_000) months.add(fmt.format(new Date(ms)).slice(0, 7));
    expect(months.size).toBeLessThan(12);
    expect(c.notes[0]).toContain(`only ${months.size} whole months`);

    const { wh } = await electricity(t.vault, c.period);
    expect(c.simulated).toEqual(eur(Math.round(months.size * 1450 + (wh / 1000) * 17.9)));
    let billed = 0;
    let count = 0;
    for await (const r of t.vault.store.iterate({ types: ['document'], sources: ['org:elec-energie'] })) {
      const d = r.data as { kind: string; periodStart?: string; amount?: { amountMinor: number } };
      if (d.kind === 'bill' && d.periodStart && months.has(d.periodStart.slice(0, 7)) && d.amount) ((billed += d.amount.amountMinor), count++);
    }
    expect(count).toBe(months.size);
    expect(c.actual).toEqual(eur(billed));
  });
});

describe('the profile of a person with three months of readings', () => {
  it('discloses no yearly consumption, since three months are not a year', async () => {
    const t = await tempVault();
    const h = await vrmHarness(t.vault);
    try {
      const days = Array.from({ length: 100 }, (_, i) => new Date(Date.UTC(2026, 5, 1 + i)).toISOString().slice(0, 10));
      const readings = days.flatMap((day) => [2, 12, 19].map((hour) => energyReading(day, hour, 300 + hour * 10)));
      await t.vault.importRecords({ meta: { format: 'test', fileName: null, fileHash: null }, records: () => asAsync(readings) });
      const p = await h.run(intentsPreview, OWNER, { category: 'energy-supply' });
      expect(p.unavailable).toContain('energy.yearly-kwh');
      expect(p.profile.map((v) => v.name)).not.toContain('energy.yearly-kwh');
    } finally {
      await h.close();
      await t.cleanup();
    }
  });
});
