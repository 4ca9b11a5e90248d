import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appToken, type AppTokens } from '../support/oauth-flow.ts';
import { callOperation, startPlatform, type Platform } from '../support/org-platform.ts';
import { asAsync, tx } from '../support/temp-vault.ts';
import { energyReading } from '../support/energy-reading.ts';

interface ErrorBody {
  error: { code: string; details?: { reason?: string } };
}
const reasonOf = async (res: Response) => ((await res.json()) as ErrorBody).error.details?.reason;

describe('an app reads only what its grant allows (authorization code + PKCE)', () => {
  let p: Platform;
  let energy: AppTokens;
  let bank: AppTokens;
  const app = (t: AppTokens, name: string, input: Record<string, unknown>) => callOperation(p.url, 'app', name, input, { authorization: `Bearer ${t.accessToken}` });
  beforeAll(async () => {
    p = await startPlatform({
      seed: async (v) => {
        await v.importRecords({
          meta: { format: 'test', fileName: null, fileHash: null },
          records: () => asAsync([energyReading('2025-01-10', 8, 1000), energyReading('2025-01-20', 9, 500), energyReading('2025-02-03', 8, 700), tx(1, { label: 'LOYER MARS' }), tx(2)]),
        });
      },
    });
    energy = await appToken(p, { scope: 'read:energy.reading:month' });
    bank = await appToken(p, { scope: 'read:bank.transaction:raw:amount,bookingDate' });
  });
  afterAll(async () => p?.close());

  it('a monthly grant gives monthly totals, never raw readings nor daily totals', async () => {
    const res = await app(energy, 'data.read', { type: 'energy.reading' });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { kind: string; series: { periods: { period: string; sum: number }[] }[] };
    expect(body.kind).toBe('aggregate');
    expect(body.series[0]!.periods.map((x) => [x.period, x.sum])).toEqual([
      ['2025-01', 1500],
      ['2025-02', 700],
    ]);
    const yearly = (await (await app(energy, 'data.read', { type: 'energy.reading', granularity: 'year' })).json()) as { series: { periods: { sum: number }[] }[] };
    expect(yearly.series[0]!.periods.map((x) => x.sum)).toEqual([2200]);
    for (const granularity of ['raw', 'day']) {
      const res2 = await app(energy, 'data.read', { type: 'energy.reading', granularity });
      expect(res2.status).toBe(403);
      expect(await reasonOf(res2)).toBe('GRANULARITY_TOO_FINE');
    }
  });

  it('a field-limited raw grant gives records with those fields only', async () => {
    const res = await app(bank, 'data.read', { type: 'bank.transaction' });
    expect(res.status).toBe(200);
    const { records } = (await res.json()) as { records: { id: string; data: Record<string, unknown> }[] };
    expect(records).toHaveLength(2);
    for (const r of records) expect(Object.keys(r.data).sort()).toEqual(['amount', 'bookingDate']);
    expect(JSON.stringify(records)).not.toContain('LOYER');
    const asked = await app(bank, 'data.read', { type: 'bank.transaction', fields: 'label' });
    expect(asked.status).toBe(403);
    expect(await reasonOf(asked)).toBe('FIELD_NOT_GRANTED');

    const one = await app(bank, 'data.get', { id: records[0]!.id });
    expect(one.status).toBe(200);
    expect(Object.keys(((await one.json()) as { record: { data: object } }).record.data).sort()).toEqual(['amount', 'bookingDate']);
  });

  it('a token of another grant reads nothing of this one (403 with the reason)', async () => {
    const other = await app(energy, 'data.read', { type: 'bank.transaction' });
    expect(other.status).toBe(403);
    expect(await reasonOf(other)).toBe('TYPE_NOT_GRANTED');
    const { records } = await p.me<{ records: { id: string; type: string }[] }>('records.list', { type: 'energy.reading' });
    const single = await app(bank, 'data.get', { id: records[0]!.id });
    expect(single.status).toBe(403);
    expect(await reasonOf(single)).toBe('TYPE_NOT_GRANTED');
    // The monthly grant cannot read one raw reading either.
    const raw = await app(energy, 'data.get', { id: records[0]!.id });
    expect(await reasonOf(raw)).toBe('GRANULARITY_TOO_FINE');
  });

  it('writes every read, allowed or denied, in the access log under the app and its grant', async () => {
    const { entries } = await p.me<{ entries: { clientId: string; grantId: string | null; operation: string; outcome: string; reason: string | null }[] }>('audit.list', { grantee: bank.clientId });
    expect(entries.some((e) => e.operation === 'data.read' && e.outcome === 'allowed' && e.grantId === bank.grantId)).toBe(true);
    expect(entries.some((e) => e.operation === 'data.get' && e.outcome === 'denied' && e.reason === 'TYPE_NOT_GRANTED')).toBe(true);
    expect((await p.me<{ ok: boolean }>('audit.verify')).ok).toBe(true);
  });
});
