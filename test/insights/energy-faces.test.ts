import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../support/run-cli.ts';
import { servedCopy, vaultOf, type ServedVault } from '../support/served-vault.ts';

/**
 * Two days of a small home, written for these tests: a flat 500 W load curve with a 2 kW
 * evening hour (19:00–20:00 Paris time), 3 m³ of gas a day, a night at home and a cycled
 * commute to the office, and a grocery receipt paid by card.
 */
function sampleHome(): unknown[] {
  const out: unknown[] = [];
  const t0 = Date.parse('2025-03-09T23:00:00.000Z'); // 2025-03-10 00:00 in Paris
  for (let i = 0; i < 96; i++) {
    const start = new Date(t0 + i * 1_800_000).toISOString();
    const localHour = Math.floor(((i % 48) * 30) / 60);
    const w = localHour === 19 ? 2000 : 500;
    out.push({ type: 'energy.reading', source: 'enedis:prm1', sourceRef: start, occurredAt: start, data: { meterId: 'PRM1', commodity: 'electricity', kind: 'interval', start, end: new Date(t0 + (i + 1) * 1_800_000).toISOString(), averagePowerW: w, energyWh: w / 2 } });
  }
  for (const [ref, start, end] of [
    ['g10', '2025-03-09T23:00:00.000Z', '2025-03-10T23:00:00.000Z'],
    ['g11', '2025-03-10T23:00:00.000Z', '2025-03-11T23:00:00.000Z'],
  ] as const)
    out.push({ type: 'energy.reading', source: 'org:gaz', sourceRef: ref, occurredAt: start, data: { meterId: 'PCE1', commodity: 'gas', kind: 'interval', start, end, volumeM3: 3, conversionKWhPerM3: 11 } });
  const visit = (ref: string, name: string, semanticType: string, lat: number, lon: number, start: string, end: string) => ({ type: 'place.visit', source: 'app:gps', sourceRef: ref, occurredAt: start, data: { name, semanticType, lat, lon, start, end } });
  out.push(visit('v1', 'Maison', 'home', 45.75, 4.84, '2025-03-09T23:00:00.000Z', '2025-03-10T07:00:00.000Z'));
  out.push(visit('v2', 'Bureau', 'work', 45.76, 4.86, '2025-03-10T07:30:00.000Z', '2025-03-10T16:30:00.000Z'));
  out.push(visit('v3', 'Maison', 'home', 45.75, 4.84, '2025-03-10T17:00:00.000Z', '2025-03-11T23:00:00.000Z'));
  out.push({ type: 'track', source: 'app:gps', sourceRef: 't1', occurredAt: '2025-03-10T07:00:00.000Z', data: { mode: 'cycling', start: '2025-03-10T07:00:00.000Z', end: '2025-03-10T07:30:00.000Z', distanceM: 2500, points: [{ lat: 45.75, lon: 4.84 }, { lat: 45.76, lon: 4.86 }] } });
  out.push({ type: 'bank.transaction', source: 'org:banque', sourceRef: 'b1', occurredAt: '2025-03-10T12:00:00.000Z', data: { accountRef: 'FR7630001007941234567890185', amount: { amountMinor: -8000, currency: 'EUR' }, bookingDate: '2025-03-10', label: 'CB CARREFOUR MARKET LYON' } });
  return out;
}

describe('energy, carbon and mobility through the command line and a real server', () => {
  let cleanup: () => Promise<void>;
  let vaultPath: string;
  beforeAll(async () => {
    // vaultOf throws, with the import's errors, unless the records are committed.
    ({ vaultPath, cleanup } = await vaultOf(sampleHome(), 'home'));
  });
  afterAll(async () => cleanup());

  it('mesinfos insights energy --json: kWh per day, the evening peak hour, the off-peak share and the cost', async () => {
    const r = await runCli(['--vault', vaultPath, 'insights', 'energy', '--from', '2025-03-10', '--to', '2025-03-12', '--off-peak', '22:00-06:00', '--json']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as { series: { commodity: string; kWh: number; daily: { date: string; kWh: number }[]; intraday?: { peakHours: { hour: number }[]; offPeak: { kWh: number } }; cost?: { totalMinor: number; months: number } }[] };
    const elec = out.series.find((s) => s.commodity === 'electricity')!;
    // 23 h at 500 W + 1 h at 2 kW = 13.5 kWh a day.
    expect(elec.daily).toEqual([
      { date: '2025-03-10', kWh: 13.5 },
      { date: '2025-03-11', kWh: 13.5 },
    ]);
    expect(elec.intraday!.peakHours[0]!.hour).toBe(19);
    expect(elec.intraday!.offPeak.kWh).toBe(2 * 8 * 0.5);
    expect(out.series.find((s) => s.commodity === 'gas')!.kWh).toBe(66);
    // Tarif Bleu Base: 2/31 of a month's 15.47 € plus 27 kWh at 0.1952 €.
    expect(elec.cost!.totalMinor).toBe(Math.round((2 / 31) * 1547 + 27 * 19.52));
  });

  it('mesinfos insights energy with a tariff of one’s own, and a wrong window refused with exit code 3', async () => {
    const r = await runCli(['--vault', vaultPath, 'insights', 'energy', '--from', '2025-03-10', '--to', '2025-03-12', '--subscription-per-month', '0', '--price-per-kwh', '0.25']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('electricity (consumption): 27 kWh');
    expect(r.stdout).toContain('6.75 EUR');
    const bad = await runCli(['--vault', vaultPath, 'insights', 'energy', '--off-peak', '22-6']);
    expect(bad.code).toBe(3);
    expect(bad.stderr).toContain('22-6');
  });

  it('mesinfos insights carbon and mobility', async () => {
    const c = await runCli(['--vault', vaultPath, 'insights', 'carbon', '--from', '2025-03-10', '--to', '2025-03-12', '--json']);
    expect(c.code).toBe(0);
    const carbon = JSON.parse(c.stdout) as { totalKg: number; measuredShare: number; parts: { what: string; kg: number }[] };
    const kg = (what: string) => carbon.parts.find((p) => p.what === what)?.kg;
    expect(kg('electricity')).toBeCloseTo(27 * 0.052, 3);
    expect(kg('gas')).toBeCloseTo(66 * 0.205, 3);
    expect(kg('cycling')).toBe(0);
    expect(carbon.totalKg).toBeCloseTo(carbon.parts.reduce((n, p) => n + p.kg, 0), 3);
    const m = await runCli(['--vault', vaultPath, 'insights', 'mobility', '--from', '2025-03-10', '--to', '2025-03-12']);
    expect(m.code).toBe(0);
    expect(m.stdout).toMatch(/cycling 2\.5 km/);
    expect(m.stdout).toMatch(/Maison \[home\]/);
  });

  describe('over HTTP', () => {
    let server: ServedVault;
    beforeAll(async () => {
      server = await servedCopy(vaultPath);
    });
    afterAll(async () => server.close());

    it('GET /api/me/insights/energy, /carbon and /mobility answer the owner, and nobody else', async () => {
      const locked = await fetch(`${server.url}/api/me/insights/energy`);
      expect(locked.status).toBe(401);
      const cookie = await server.login();
      const e = await fetch(`${server.url}/api/me/insights/energy?from=2025-03-10&to=2025-03-11&offPeak=19:00-20:00`, { headers: { cookie } });
      expect(e.status).toBe(200);
      const energy = (await e.json()) as { series: { commodity: string; kWh: number; intraday?: { offPeak: { kWh: number } } }[] };
      expect(energy.series[0]).toMatchObject({ commodity: 'electricity', kWh: 13.5, intraday: { offPeak: { kWh: 2 } } });
      const mob = (await (await fetch(`${server.url}/api/me/insights/mobility?from=2025-03-10&to=2025-03-11`, { headers: { cookie } })).json()) as { time: { work: { hours: number } } };
      expect(mob.time.work.hours).toBe(9);
      const carbon = await fetch(`${server.url}/api/me/insights/carbon?from=2025-03-10&to=2025-03-12`, { headers: { cookie } });
      expect(carbon.status).toBe(200);
      const bad = await fetch(`${server.url}/api/me/insights/energy?offPeak=nonsense`, { headers: { cookie } });
      expect(bad.status).toBe(400);
    });
  });
});
