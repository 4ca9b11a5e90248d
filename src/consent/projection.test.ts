import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempVault } from '../../test/support/temp-vault.ts';
import type { ConnectorRecord } from '../connectors/connector.ts';
import { generateDemoPerson } from '../vault/demo/demo-person.ts';
import type { Vault } from '../vault/vault.ts';
import { createConsentEngine, type ConsentEngine } from './consent-engine.ts';
import { pickFields } from './projection.ts';

const ZONE = 'Europe/Paris';
const monthFmt = new Intl.DateTimeFormat('en-CA', { timeZone: ZONE, year: 'numeric', month: '2-digit' });
/** "2025-03" for an instant, in Paris local time — computed apart from the store's bucketing. */
const parisMonth = (iso: string) => monthFmt.format(new Date(iso)).slice(0, 7);

const MONTH = { kind: 'aggregate', bucket: 'month' } as const;

/** A year (2025, Paris time) of 30-minute electricity readings with varying integer energy. */
function* yearOfReadings(): Generator<ConnectorRecord> {
  const start = Date.parse('2024-12-31T23:00:00Z');
  const end = Date.parse('2025-12-31T23:00:00Z');
  let i = 0;
  for (let t = start; t < end; t += 1_800_000, i++) {
    const energyWh = 80 + ((i * 37) % 400) + (Math.floor(i / 48) % 30);
    yield {
      type: 'energy.reading',
      source: 'enedis:12345678901234',
      sourceRef: `R${t}`,
      occurredAt: new Date(t).toISOString(),
      data: { meterId: '12345678901234', commodity: 'electricity', kind: 'interval', start: new Date(t).toISOString(), end: new Date(t + 1_800_000).toISOString(), energyWh },
    };
  }
}

async function grantAndPreview(engine: ConsentEngine, from?: string, to?: string) {
  const { grant } = await engine.createGrant({
    grantee: { clientId: 'energy-coach', kind: 'app' },
    scopes: [{ type: 'energy.reading' }],
    granularity: MONTH,
    purpose: 'ServicePersonalisation',
    validUntil: '2099-01-01T00:00:00.000Z',
    ...(from || to ? { filters: { ...(from ? { from } : {}), ...(to ? { to } : {}) } } : {}),
  });
  return { grant, result: await engine.preview(grant.id, { types: ['energy.reading'] }) };
}

describe('projection: aggregates computed in the vault', () => {
  let t: Awaited<ReturnType<typeof tempVault>>;
  let vault: Vault;
  let engine: ConsentEngine;
  const expected = new Map<string, number>();

  beforeAll(async () => {
    t = await tempVault();
    vault = t.vault;
    const readings = [...yearOfReadings()];
    for (const r of readings) {
      const m = parisMonth(r.occurredAt);
      expected.set(m, (expected.get(m) ?? 0) + (r.data.energyWh as number));
    }
    await vault.importRecords({ records: async function* () { yield* readings; }, meta: { format: 'test', fileName: null, fileHash: null } });
    engine = await createConsentEngine(vault, { timeZone: ZONE });
  });
  afterAll(async () => {
    await engine?.close();
    await t?.cleanup();
  });

  it('a month-granularity energy grant returns twelve totals equal to the sums of the readings', async () => {
    const { result } = await grantAndPreview(engine);
    expect(result.kind).toBe('aggregate');
    if (result.kind !== 'aggregate') return;
    expect(result.series).toHaveLength(1);
    const periods = result.series[0]!.periods;
    expect(periods.map((p) => p.period)).toEqual(['01', '02', '03', '04', '05', '06', '07', '08', '09', '10', '11', '12'].map((m) => `2025-${m}`));
    expect(periods.map((p) => p.sum)).toEqual(periods.map((p) => expected.get(p.period)));
    expect(periods.reduce((n, p) => n + p.count, 0)).toBe(17_520);
    // only totals: no record, no reading, no meter id leaves the vault
    expect(JSON.stringify(result)).not.toContain('12345678901234');
    expect(Object.keys(periods[0]!).sort()).toEqual(['count', 'group', 'period', 'sum']);
    expect(new Set(periods.map((p) => p.group))).toEqual(new Set(['electricity']));
  });

  it('a grant limited to a range totals only that range', async () => {
    // March and April in Paris time: from local midnight March 1st (UTC+1) to local midnight May 1st (UTC+2).
    const { result } = await grantAndPreview(engine, '2025-02-28T23:00:00.000Z', '2025-04-30T22:00:00.000Z');
    if (result.kind !== 'aggregate') throw new Error('expected totals');
    expect(result.series[0]!.periods.map((p) => [p.period, p.sum])).toEqual([
      ['2025-03', expected.get('2025-03')],
      ['2025-04', expected.get('2025-04')],
    ]);
  });

  it('a raw grant returns only the granted fields, nested paths kept nested', async () => {
    const { grant } = await engine.createGrant({
      grantee: { clientId: 'energy-coach', kind: 'app' },
      scopes: [{ type: 'energy.reading', fields: ['energyWh', 'end'] }],
      granularity: { kind: 'raw' },
      purpose: 'ServiceProvision',
      validUntil: '2099-01-01T00:00:00.000Z',
    });
    const res = await engine.preview(grant.id, { types: ['energy.reading'], limit: 3 });
    if (res.kind !== 'records') throw new Error('expected records');
    expect(res.records).toHaveLength(3);
    for (const r of res.records) expect(Object.keys(r.data).sort()).toEqual(['end', 'energyWh']);
    expect(res.nextCursor).not.toBeNull();
  });

  it('asking a monthly grant for raw records or daily totals is refused', async () => {
    const { grant } = await grantAndPreview(engine);
    await expect(engine.preview(grant.id, { types: ['energy.reading'], granularity: { kind: 'raw' } })).rejects.toMatchObject({ code: 'CONSENT_DENIED', details: { reason: 'GRANULARITY_TOO_FINE' } });
    await expect(engine.preview(grant.id, { types: ['energy.reading'], granularity: { kind: 'aggregate', bucket: 'day' } })).rejects.toMatchObject({ details: { reason: 'GRANULARITY_TOO_FINE' } });
    const yearly = await engine.preview(grant.id, { types: ['energy.reading'], granularity: { kind: 'aggregate', bucket: 'year' } });
    if (yearly.kind !== 'aggregate') throw new Error('expected totals');
    expect(yearly.series[0]!.periods.map((p) => [p.period, p.sum])).toEqual([['2025', [...expected.values()].reduce((a, b) => a + b, 0)]]);
  });
});

describe('projection on the demo person', () => {
  it('an energy grant at month granularity returns one total per month, equal to the sum of the readings', async () => {
    const t = await tempVault();
    try {
      const expected = new Map<string, number>();
      await t.vault.importRecords({
        records: async function* (session) {
          for await (const r of generateDemoPerson({ years: 1 }, session).records) {
            if (r.type === 'energy.reading' && r.data.commodity === 'electricity' && typeof r.data.energyWh === 'number') {
              const m = parisMonth(r.occurredAt);
              expected.set(m, (expected.get(m) ?? 0) + r.data.energyWh);
            }
            yield r;
          }
        },
        meta: { format: 'demo', fileName: null, fileHash: null },
      });
      const engine = await createConsentEngine(t.vault, { timeZone: ZONE });
      const { result } = await grantAndPreview(engine);
      if (result.kind !== 'aggregate') throw new Error('expected totals');
      // Electricity and gas are totalled apart: take the electricity series.
      const periods = result.series[0]!.periods.filter((p) => p.group === 'electricity');
      expect(result.series[0]!.periods.some((p) => p.group === 'gas')).toBe(true);
      expect(periods.length).toBeGreaterThanOrEqual(12);
      expect(periods.length).toBeLessThanOrEqual(13);
      expect(periods.map((p) => p.period)).toEqual([...expected.keys()].sort());
      for (const p of periods) expect(p.sum).toBeCloseTo(expected.get(p.period)!, 3);
      await engine.close();
    } finally {
      await t.cleanup();
    }
  });
});

describe('pickFields', () => {
  it('keeps only the paths asked for', () => {
    const data = { amount: { amountMinor: -4250, currency: 'EUR' }, label: 'CB CARREFOUR', counterparty: { name: 'Carrefour', iban: 'FR76…' } };
    expect(pickFields(data, ['amount.amountMinor', 'counterparty.name'])).toEqual({ amount: { amountMinor: -4250 }, counterparty: { name: 'Carrefour' } });
    expect(pickFields(data, ['amount'])).toEqual({ amount: { amountMinor: -4250, currency: 'EUR' } });
    expect(pickFields(data, ['memo'])).toEqual({});
  });
});
