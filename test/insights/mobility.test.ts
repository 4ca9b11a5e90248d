import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { haversineM } from '../../src/domain/geo.ts';
import { mobilityInsight } from '../../src/insights/mobility/mobility-report.ts';
import { openDemoVault } from '../support/demo-vault.ts';
import { asAsync, tempVault } from '../support/temp-vault.ts';

interface Visit {
  name?: string;
  semanticType?: string;
  start: string;
  end: string;
  lat: number;
  lon: number;
}

describe('insights.mobility on the ten-year demo person', () => {
  let demo: Awaited<ReturnType<typeof openDemoVault>>;
  const visits: Visit[] = [];
  const tracks: { mode: string; start: string; distanceM: number }[] = [];
  const from = Date.parse('2025-06-01T00:00:00+02:00');
  const to = Date.parse('2025-09-01T00:00:00+02:00');

  beforeAll(async () => {
    demo = await openDemoVault({ copy: false });
    for await (const r of demo.vault.store.iterate({ types: ['place.visit'], from: '2025-05-30', to: '2025-09-02' })) visits.push(r.data as unknown as Visit);
    for await (const r of demo.vault.store.iterate({ types: ['track'] })) tracks.push(r.data as unknown as { mode: string; start: string; distanceM: number });
  });
  afterAll(() => demo.cleanup());

  it('shares the whole period between home, work, elsewhere, moving and unrecorded, each equal to the visits it sums', async () => {
    const r = await mobilityInsight(demo.vault.store, { from: '2025-06-01', to: '2025-09-01' });
    const t = r.time;
    expect(t.totalHours).toBe(92 * 24);
    const parts = [t.home, t.work, t.elsewhere, t.moving, t.unrecorded];
    expect(parts.reduce((n, p) => n + p.hours, 0)).toBeCloseTo(t.totalHours, 1);
    expect(parts.reduce((n, p) => n + p.share, 0)).toBeCloseTo(1, 3);
    // Independent sums over the raw visits, clipped to the period, by the source's semantic type.
    const hours = (pred: (v: Visit) => boolean) =>
      visits.filter(pred).reduce((n, v) => n + Math.max(0, Math.min(Date.parse(v.end), to) - Math.max(Date.parse(v.start), from)), 0) / 3_600_000;
    expect(t.home.hours).toBeCloseTo(hours((v) => v.semanticType === 'home'), 1);
    expect(t.work.hours).toBeCloseTo(hours((v) => v.semanticType === 'work'), 1);
    expect(t.elsewhere.hours).toBeCloseTo(hours((v) => v.semanticType !== 'home' && v.semanticType !== 'work'), 1);
    expect(t.home.share).toBeGreaterThan(t.work.share);
  });

  it('gives the distance of every recorded track by its mode, and lists the most visited places', async () => {
    const r = await mobilityInsight(demo.vault.store, { from: '2025-06-01', to: '2025-09-01' });
    for (const mode of ['car', 'train', 'cycling']) {
      const mine = tracks.filter((x) => x.mode === mode && Date.parse(x.start) >= from && Date.parse(x.start) < to);
      const row = r.distanceByMode.find((d) => d.mode === mode && d.from === 'tracks');
      if (mine.length === 0) expect(row).toBeUndefined();
      else expect(row).toEqual({ mode, km: Math.round(mine.reduce((n, x) => n + x.distanceM, 0) / 10) / 100, trips: mine.length, from: 'tracks' });
    }
    expect(r.totalKm).toBeCloseTo(r.distanceByMode.reduce((n, d) => n + d.km, 0), 1);
    expect(r.places[0]).toMatchObject({ kind: 'home', name: 'Domicile' });
    const homeVisits = visits.filter((v) => v.semanticType === 'home' && Date.parse(v.end) > from && Date.parse(v.start) < to).length;
    expect(r.places[0]!.visits).toBe(homeVisits);
    for (let i = 1; i < r.places.length; i++) expect(r.places[i - 1]!.visits).toBeGreaterThanOrEqual(r.places[i]!.visits);
  });
});

describe('insights.mobility without labels', () => {
  it('infers home from the nights and counts moves between places no track covers as unknown, at straight-line distance', async () => {
    const t = await tempVault();
    try {
      const flat = { lat: 48.8566, lon: 2.3522 };
      const office = { lat: 48.8738, lon: 2.295 };
      const records: unknown[] = [];
      // Monday 2025-03-03 to Friday 2025-03-14 (UTC times; Paris is UTC+1 in March).
      for (let d = 3; d <= 14; d++) {
        const day = `2025-03-${String(d).padStart(2, '0')}`;
        const weekday = new Date(`${day}T12:00:00Z`).getUTCDay() % 6 !== 0;
        const v = (ref: string, p: { lat: number; lon: number }, start: string, end: string) => ({ type: 'place.visit' as const, source: 'app:gps', sourceRef: `${ref}-${day}`, occurredAt: `${day}T${start}:00Z`, data: { ...p, start: `${day}T${start}:00Z`, end: `${day}T${end}:00Z` } });
        if (weekday) records.push(v('a', flat, '00:00', '08:00'), v('b', office, '08:30', '17:30'), v('c', flat, '18:00', '23:59'));
        else records.push(v('a', flat, '00:00', '23:59'));
      }
      await t.vault.importRecords({ meta: { format: 'test', fileName: 'visits.jsonl', fileHash: null }, records: () => asAsync(records) });
      const r = await mobilityInsight(t.vault.store, { from: '2025-03-03', to: '2025-03-15', timeZone: 'UTC' });
      expect(r.homes).toEqual([{ name: null, ...flat, inferred: true }]);
      expect(r.workplaces).toEqual([{ name: null, ...office, inferred: true }]);
      expect(r.time.work.hours).toBe(10 * 9);
      const km = (haversineM(flat, office) * 2 * 10) / 1000;
      expect(r.distanceByMode).toEqual([{ mode: 'unknown', km: Math.round(km * 100) / 100, trips: 20, from: 'visits' }]);
    } finally {
      await t.cleanup();
    }
  });
});
