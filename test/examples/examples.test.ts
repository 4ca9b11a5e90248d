import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consentAs } from '../support/oauth-flow.ts';
import { startPlatform, type Platform } from '../support/org-platform.ts';
import { asAsync } from '../support/temp-vault.ts';
import { energyReading } from '../support/energy-reading.ts';
import { freePort, runExample } from '../support/run-example.ts';

/** Readings at noon UTC on some days of Jan–Mar 2025, with varied amounts. */
const READINGS = Array.from({ length: 40 }, (_, i) => {
  const day = new Date(Date.UTC(2025, 0, 3 + i * 2)).toISOString().slice(0, 10);
  return energyReading(day, 12, 400 + ((i * 137) % 900));
});

/** The independent sum: Wh per local (Europe/Paris) month, straight from the seeded readings. */
function monthlyKWh(): Map<string, number> {
  const byMonth = new Map<string, number>();
  const fmt = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris', year: 'numeric', month: '2-digit' });
  for (const r of READINGS) {
    const month = fmt.format(new Date(r.occurredAt)).slice(0, 7);
    byMonth.set(month, (byMonth.get(month) ?? 0) + r.data.energyWh);
  }
  return new Map([...byMonth].map(([m, wh]) => [m, wh / 1000]));
}

describe('the example organisation and the example app, end to end against a real server', () => {
  let p: Platform;
  beforeAll(async () => {
    p = await startPlatform({
      seed: async (v) => {
        await v.importRecords({ meta: { format: 'test', fileName: null, fileHash: null }, records: () => asAsync(READINGS) });
      },
    });
  });
  afterAll(async () => p?.close());

  it('the organisation claims its pairing code and pushes a month of bank transactions; again adds nothing', async () => {
    const reg = await p.me<{ client: { clientId: string; source: string }; clientSecret: string }>('clients.register', {
      kind: 'organisation',
      name: 'Banque Exemple',
      sector: 'bank',
      dataProtectionContact: 'dpo@banque.example',
      declaredTypes: ['bank.transaction'],
    });
    const { code } = await p.me<{ code: string }>('links.create', { clientId: reg.client.clientId });
    const args = ['--server', p.url, '--client-id', reg.client.clientId, `--client-secret=${reg.clientSecret}`, '--customer', 'C-0042', '--month', '2025-03', '--json'];
    const first = await runExample('organisation-push.ts', [...args, '--code', code]);
    expect(first.err).toBe('');
    expect(first.code).toBe(0);
    const printed = JSON.parse(first.out) as { pushed: number; totalMinor: number; counts: { inserted: number } };
    expect(printed).toMatchObject({ pushed: 31, counts: { inserted: 31 } });

    const { records } = await p.me<{ records: { source: string; data: { amount: { amountMinor: number } } }[] }>('records.list', { type: 'bank.transaction', from: '2025-03-01', to: '2025-04-01', limit: 100 });
    expect(records).toHaveLength(31);
    expect(new Set(records.map((r) => r.source))).toEqual(new Set([reg.client.source]));
    expect(records.reduce((s, r) => s + r.data.amount.amountMinor, 0)).toBe(printed.totalMinor);

    const again = await runExample('organisation-push.ts', args);
    expect(again.code).toBe(0);
    expect(JSON.parse(again.out)).toMatchObject({ counts: { inserted: 0, unchanged: 31 } });
  });

  it('the app gets the person’s consent for monthly energy totals and prints them, matching an independent sum', async () => {
    const port = await freePort();
    const { client: app } = await p.me<{ client: { clientId: string } }>('clients.register', { kind: 'app', name: 'Coach Énergie', redirectUris: [`http://127.0.0.1:${port}/callback`] });
    let consented: Promise<void> | undefined;
    const run = await runExample('app-energy.ts', ['--server', p.url, '--client-id', app.clientId, '--redirect-port', String(port)], (line) => {
      const url = /Open this URL in your browser to allow access: (\S+)/.exec(line)?.[1];
      // The person opens the URL, approves, and the browser follows the redirect back to the app.
      if (url) consented = consentAs(p, url).then(async (back) => void (await fetch(back)).text());
    });
    await consented;
    expect(run.err).toBe('');
    expect(run.code).toBe(0);
    const printed = [...run.out.matchAll(/^\s+(\d{4}-\d{2})\s+([\d.]+) kWh$/gm)].map((m) => [m[1], Number(m[2])]);
    const expected = [...monthlyKWh()].map(([m, kWh]) => [m, Number(kWh.toFixed(3))]);
    expect(printed).toEqual(expected);
    expect(printed.length).toBe(3);
  });
});
