import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { computeBudget } from '../../src/insights/budget/budget.ts';
import { carbonInsight, type CarbonResult } from '../../src/insights/carbon/carbon-report.ts';
import { EMISSION_FACTORS, factorById } from '../../src/insights/carbon/emission-factors.ts';
import { openDemoVault } from '../support/demo-vault.ts';

interface Node {
  id: string;
  totalMinor: number;
  children?: Node[];
}
function findNode(nodes: Node[], id: string): Node | undefined {
  for (const n of nodes) {
    if (n.id === id) return n;
    const c = n.children && findNode(n.children, id);
    if (c) return c;
  }
  return undefined;
}

describe('insights.carbon on the ten-year demo person', () => {
  let demo: Awaited<ReturnType<typeof openDemoVault>>;
  let r: CarbonResult;
  beforeAll(async () => {
    demo = await openDemoVault({ copy: false });
    r = await carbonInsight(demo.vault.store, { from: '2025-01-01', to: '2026-01-01' });
  });
  afterAll(() => demo.cleanup());

  it('makes every part its quantity times the factor of the data file, and the totals their sums', () => {
    expect(r.parts.length).toBeGreaterThan(10);
    for (const p of r.parts) {
      const f = factorById(p.factorId);
      expect(p.kgPerUnit).toBe(f.kgCO2e);
      expect(p.unit).toBe(f.unit);
      expect(p.kg).toBeCloseTo(p.quantity * f.kgCO2e, 2);
    }
    const sum = (basis: string) => r.parts.filter((p) => p.basis === basis).reduce((n, p) => n + p.kg, 0);
    expect(r.measuredKg).toBeCloseTo(sum('measured'), 2);
    expect(r.spendingKg).toBeCloseTo(sum('spending'), 2);
    expect(r.totalKg).toBeCloseTo(r.measuredKg + r.spendingKg, 2);
    expect(r.measuredShare).toBeCloseTo(r.measuredKg / r.totalKg, 3);
    expect(r.byHeading.reduce((n, h) => n + h.kg, 0)).toBeCloseTo(r.totalKg, 1);
    expect(r.years).toEqual([expect.objectContaining({ year: '2025', totalKg: r.totalKg })]);
    expect(new Set(r.factors.map((f) => f.id))).toEqual(new Set(r.parts.map((p) => p.factorId)));
  });

  it('takes electricity and gas from the meters, and leaves their bills out', async () => {
    const months = await demo.vault.store.aggregate({ type: 'energy.reading', field: 'energyWh', bucket: 'year', groupBy: 'commodity', timeZone: 'Europe/Paris', from: '2024-12-30', to: '2026-01-02' });
    for (const commodity of ['electricity', 'gas']) {
      const kWh = months.find((m) => m.period === '2025' && m.group === commodity)!.sum / 1000;
      const p = r.parts.find((x) => x.what === commodity)!;
      expect(p).toMatchObject({ basis: 'measured', heading: 'home energy', factorId: commodity === 'electricity' ? 'electricity.fr' : 'gas.network' });
      expect(p.quantity).toBeCloseTo(kWh, 2);
      expect(r.parts.find((x) => x.what === `energy.${commodity}`)).toBeUndefined();
      expect(r.notCounted).toContainEqual(expect.objectContaining({ what: `energy.${commodity}`, reason: `the ${commodity} meter readings count it` }));
    }
  });

  it('prices spending by budget category at the euros the budget shows for it', async () => {
    const budget = await computeBudget(demo.vault.store, { from: '2025-01-01', to: '2026-01-01' });
    const spendingParts = r.parts.filter((p) => p.basis === 'spending');
    for (const p of spendingParts) {
      const node = findNode(budget.categories as Node[], p.what)!;
      const own = node.totalMinor - (node.children ?? []).reduce((n, c) => n + c.totalMinor, 0);
      expect(p.quantity).toBeCloseTo(-own / 100, 2);
    }
    expect(spendingParts.map((p) => p.what)).toEqual(expect.arrayContaining(['food.groceries', 'housing.rent', 'transport.fuel']));
    // Income and transfers between her own accounts are not consumption.
    expect(r.parts.some((p) => p.what.startsWith('income') || p.what.startsWith('transfers'))).toBe(false);
  });

  it('does not count a trip twice: tracked trips of a mode she pays for are counted through that spending', () => {
    const fuel = r.parts.find((p) => p.what === 'transport.fuel');
    const train = r.parts.find((p) => p.what === 'transport.train');
    expect(fuel && train).toBeTruthy();
    expect(r.parts.some((p) => p.basis === 'measured' && (p.what === 'car' || p.what === 'train'))).toBe(false);
    for (const n of r.notCounted.filter((x) => /^(car|train) trips$/.test(x.what))) expect(n.reason).toMatch(/^counted through spending on transport\.(fuel|train)$/);
  });
});

describe('the emission factors data file', () => {
  it('gives every factor a positive or zero value, a unit, a source and a year', () => {
    const ids = new Set<string>();
    for (const f of EMISSION_FACTORS) {
      expect(ids.has(f.id), f.id).toBe(false);
      ids.add(f.id);
      expect(f.kgCO2e).toBeGreaterThanOrEqual(0);
      expect(f.source.length).toBeGreaterThan(10);
      expect(f.year).toBeGreaterThanOrEqual(2015);
      expect(f.year).toBeLessThanOrEqual(2026);
    }
  });
});
