import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { energyInsight } from '../../src/insights/energy/energy-report.ts';
import { DEFAULT_GAS_KWH_PER_M3 } from '../../src/insights/energy/reading-energy.ts';
import { asAsync, tempVault } from '../support/temp-vault.ts';

type Vaulted = Awaited<ReturnType<typeof tempVault>>;

function reading(source: string, ref: string, data: Record<string, unknown>) {
  const at = (data.start ?? data.end) as string;
  return { type: 'energy.reading' as const, source, sourceRef: ref, occurredAt: at, data: { direction: 'consumption', quality: 'measured', ...data } };
}

/** Half-hour points of a Linky curve that give only the average power, like some exports. */
function curve(source: string, meterId: string, fromIso: string, powers: number[]) {
  const t0 = Date.parse(fromIso);
  return powers.map((w, i) => {
    const start = new Date(t0 + i * 1_800_000).toISOString();
    const end = new Date(t0 + (i + 1) * 1_800_000).toISOString();
    return reading(source, `${meterId}/${start}`, { meterId, commodity: 'electricity', kind: 'interval', start, end, averagePowerW: w });
  });
}

describe('insights.energy converts every kind of reading', () => {
  let t: Vaulted;
  beforeEach(async () => (t = await tempVault()));
  afterEach(() => t.cleanup());
  const load = (records: unknown[]) => t.vault.importRecords({ meta: { format: 'test', fileName: 'energy.jsonl', fileHash: null }, records: () => asAsync(records) });

  it('turns average power into energy over the interval (W × h), and gas volume into kWh with its factor', async () => {
    // 2025-03-10 local midnight in Paris is 23:00 UTC the day before.
    await load([
      ...curve('enedis:1', 'PRM1', '2025-03-09T23:00:00.000Z', [1200, 800, 400, 400]),
      reading('org:gaz', 'g1', { meterId: 'PCE1', commodity: 'gas', kind: 'interval', start: '2025-03-09T23:00:00.000Z', end: '2025-03-10T23:00:00.000Z', volumeM3: 2, conversionKWhPerM3: 11.5 }),
      reading('org:gaz', 'g2', { meterId: 'PCE1', commodity: 'gas', kind: 'interval', start: '2025-03-10T23:00:00.000Z', end: '2025-03-11T23:00:00.000Z', volumeL: 1000 }),
    ]);
    const r = await energyInsight(t.vault.store, { from: '2025-03-10', to: '2025-03-12' });
    const elec = r.series.find((s) => s.commodity === 'electricity')!;
    // 600 + 400 + 200 + 200 Wh.
    expect(elec.kWh).toBe(1.4);
    expect(elec.daily).toEqual([{ date: '2025-03-10', kWh: 1.4 }]);
    expect(elec.intraday!.maxDemand).toEqual({ powerW: 1200, at: '2025-03-09T23:00:00.000Z' });
    const gas = r.series.find((s) => s.commodity === 'gas')!;
    expect(gas.daily).toEqual([
      { date: '2025-03-10', kWh: 23, volumeM3: 2 },
      { date: '2025-03-11', kWh: DEFAULT_GAS_KWH_PER_M3, volumeM3: 1 },
    ]);
    // Gas read per day has no hours: no base load or peak hours are made up for it.
    expect(gas.intraday).toBeUndefined();
  });

  it('takes index differences as what was used between two reads, and skips a register that went back', async () => {
    await load([
      reading('org:fournisseur', 'i1', { meterId: 'PRM2', commodity: 'electricity', kind: 'index', end: '2025-01-01T00:00:00.000Z', indexWh: 1_000_000 }),
      reading('org:fournisseur', 'i2', { meterId: 'PRM2', commodity: 'electricity', kind: 'index', end: '2025-01-11T00:00:00.000Z', indexWh: 1_100_000 }),
      reading('org:fournisseur', 'i3', { meterId: 'PRM2', commodity: 'electricity', kind: 'index', end: '2025-01-21T00:00:00.000Z', indexWh: 500 }),
      reading('org:fournisseur', 'i4', { meterId: 'PRM2', commodity: 'electricity', kind: 'index', end: '2025-01-31T00:00:00.000Z', indexWh: 50_500 }),
    ]);
    const r = await energyInsight(t.vault.store, { from: '2024-12-01', to: '2025-03-01' });
    // 100 kWh over the first ten days, nothing across the reset, 50 kWh over the last ten.
    expect(r.series[0]!.kWh).toBe(150);
    expect(r.series[0]!.monthly.map((m) => m.kWh)).toEqual([150]);
  });

  it('counts a day once when the load curve and the daily total of the same meter both cover it, and the same curve from two sources once', async () => {
    const powers = Array.from({ length: 48 }, () => 1000);
    await load([
      ...curve('enedis:1', 'PRM1', '2025-06-09T22:00:00.000Z', powers),
      ...curve('org:elec', 'PRM1', '2025-06-09T22:00:00.000Z', powers),
      // Daily totals for the 10th (covered by the curve) and the 11th (not).
      reading('enedis:1', 'd10', { meterId: 'PRM1', commodity: 'electricity', kind: 'interval', start: '2025-06-09T22:00:00.000Z', end: '2025-06-10T22:00:00.000Z', energyWh: 30_000 }),
      reading('enedis:1', 'd11', { meterId: 'PRM1', commodity: 'electricity', kind: 'interval', start: '2025-06-10T22:00:00.000Z', end: '2025-06-11T22:00:00.000Z', energyWh: 12_000 }),
    ]);
    const r = await energyInsight(t.vault.store, { from: '2025-06-10', to: '2025-06-12' });
    const s = r.series[0]!;
    expect(s.daily).toEqual([
      { date: '2025-06-10', kWh: 24 },
      { date: '2025-06-11', kWh: 12 },
    ]);
    // The daily total has no hours: it is kept out of the hourly figures and said so.
    expect(s.intraday!.unplacedKWh).toBe(12);
    expect(s.intraday!.offPeak.kWh + s.intraday!.peakKWh).toBe(24);
  });

  it('sees a new import at once (the cache follows the data version)', async () => {
    await load(curve('enedis:1', 'PRM1', '2025-03-09T23:00:00.000Z', [1000, 1000]));
    expect((await energyInsight(t.vault.store, { from: '2025-03-10', to: '2025-03-11' })).series[0]!.kWh).toBe(1);
    await load(curve('enedis:1', 'PRM1', '2025-03-10T00:00:00.000Z', [3000]));
    expect((await energyInsight(t.vault.store, { from: '2025-03-10', to: '2025-03-11' })).series[0]!.kWh).toBe(2.5);
  });

  it('answers an empty vault with no series rather than an error', async () => {
    const r = await energyInsight(t.vault.store, { from: '2025-01-01', to: '2026-01-01' });
    expect(r).toMatchObject({ period: { from: '2025-01-01', to: '2026-01-01' }, series: [], history: [], skippedReadings: 0 });
  });

  it('refuses an off-peak window, a period or a time zone it cannot use, naming it', async () => {
    await expect(energyInsight(t.vault.store, { offPeak: ['22h-6h'] })).rejects.toMatchObject({ code: 'INPUT_INVALID', message: expect.stringContaining('22h-6h') });
    await expect(energyInsight(t.vault.store, { from: '2025-03-01', to: '2025-02-01' })).rejects.toMatchObject({ code: 'INPUT_INVALID', message: expect.stringContaining('2025-03-01 is not before') });
    await expect(energyInsight(t.vault.store, { timeZone: 'Europe/Lyon' })).rejects.toMatchObject({ code: 'INPUT_INVALID', message: expect.stringContaining('Europe/Lyon') });
  });
});
