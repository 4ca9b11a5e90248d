import { createHash } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ConnectorRecord } from '../../connectors/connector.ts';
import { validateRecord } from '../../domain/record.ts';
import { generateDemoPerson, type DemoBlobSink, type DemoFacts } from './demo-person.ts';
import { ibanIsValid } from './demo-persona.ts';
import { normaliseFrenchPhone } from './demo-test-util.ts';

/** An in-memory blob store, content-addressed like the vault's. */
function memoryBlobs(): DemoBlobSink & { files: Map<string, Uint8Array> } {
  const files = new Map<string, Uint8Array>();
  return {
    files,
    async putBlob(bytes, mediaType, fileName) {
      const sha256 = createHash('sha256').update(bytes).digest('hex');
      files.set(sha256, bytes);
      return { sha256, mediaType, size: bytes.length, ...(fileName ? { fileName } : {}) };
    },
  };
}

async function collect(years: number, seed = 42, until?: string) {
  const blobs = memoryBlobs();
  const demo = generateDemoPerson({ years, seed, ...(until ? { until } : {}) }, blobs);
  const records: ConnectorRecord[] = [];
  for await (const r of demo.records) records.push(r);
  return { ...demo, records, blobs };
}

async function digest(years: number, seed: number): Promise<string> {
  const h = createHash('sha256');
  for await (const r of generateDemoPerson({ years, seed }, memoryBlobs()).records) h.update(JSON.stringify(r)).update('\n');
  return h.digest('hex');
}

type Data = Record<string, unknown>;
const data = (r: ConnectorRecord) => r.data as Data;
const money = (v: unknown) => (v as { amountMinor: number }).amountMinor;

describe('generateDemoPerson', () => {
  let one: Awaited<ReturnType<typeof collect>>;
  let facts: DemoFacts;
  beforeAll(async () => {
    one = await collect(1);
    facts = one.facts;
  });
  const ofType = (t: string) => one.records.filter((r) => r.type === t);

  it('is deterministic: same seed, same bytes; another seed, other records', async () => {
    const a = await digest(1, 42);
    const b = await digest(1, 42);
    const c = await digest(1, 43);
    expect(a).toBe(b);
    expect(c).not.toBe(a);
  });

  it('yields only valid records, unique per (source, type, sourceRef)', () => {
    const keys = new Set<string>();
    one.records.forEach((r, i) => {
      const v = validateRecord(r, i);
      if (!v.ok) throw new Error(`record ${i} (${r.type} ${r.sourceRef}) invalid: ${JSON.stringify(v.faults)}`);
      keys.add(`${r.source}\u0000${r.type}\u0000${r.sourceRef}`);
    });
    expect(keys.size).toBe(one.records.length);
  });

  it('covers every record type the design lists, with realistic volumes for a year', () => {
    const count = (t: string) => ofType(t).length;
    expect(count('energy.reading')).toBe(365 * 48 + 12); // 17,520 half-hours plus a gas reading per month
    expect(count('bank.account')).toBe(2);
    expect(count('bank.transaction')).toBeGreaterThan(350);
    expect(count('contact')).toBeGreaterThanOrEqual(150);
    for (const t of ['telecom.usage', 'calendar.event', 'place.visit', 'track', 'purchase', 'health.measure', 'identity.attribute', 'contract', 'document']) {
      expect(count(t), t).toBeGreaterThan(0);
    }
    expect(Math.abs(one.estimatedCount - one.records.length) / one.records.length).toBeLessThan(0.15);
  });

  it('describes the person consistently with the facts', () => {
    expect(facts.fullName).toBe('Camille Martin');
    expect(facts.address).not.toBe(facts.previousAddress);
    expect(facts.iban).toMatch(/^FR76\d{23}$/);
    expect(ibanIsValid(facts.iban)).toBe(true);
    const current = ofType('bank.account').find((r) => data(r).accountType === 'checking');
    expect(data(current!).iban).toBe(facts.iban);
  });

  it('holds exactly the three deliberate inconsistencies among identity attributes', () => {
    expect(facts.inconsistencies.map((i) => i.kind).sort()).toEqual(['outdated', 'stale', 'typo']);
    const truth: Record<string, string> = {
      full_name: facts.fullName,
      given_name: facts.givenName,
      family_name: facts.familyName,
      postal_address: facts.address,
      email: facts.email,
      phone: facts.phone,
      iban: facts.iban,
    };
    const disagreements = ofType('identity.attribute')
      .filter((r) => truth[data(r).attribute as string] !== undefined && data(r).value !== truth[data(r).attribute as string])
      .map((r) => ({ source: r.source, attribute: data(r).attribute, believed: data(r).value, actual: truth[data(r).attribute as string] }));
    const expected = facts.inconsistencies.map(({ source, attribute, believed, actual }) => ({ source, attribute, believed, actual }));
    const key = (x: { source: string; attribute: unknown }) => `${x.source}/${String(x.attribute)}`;
    expect(disagreements.sort((a, b) => key(a).localeCompare(key(b)))).toEqual(expected.sort((a, b) => key(a).localeCompare(key(b))));
    // The kinds are what they say: an old address, a mistyped e-mail, an old number.
    const byKind = Object.fromEntries(facts.inconsistencies.map((i) => [i.kind, i]));
    expect(byKind.stale!.believed).toBe(facts.previousAddress);
    expect(byKind.typo!.believed).not.toBe(facts.email);
    expect(byKind.typo!.believed.split('@')[1]).toBe(facts.email.split('@')[1]);
    expect(byKind.outdated!.attribute).toBe('phone');
    // Every organisation of the facts holds attributes.
    const sources = new Set(ofType('identity.attribute').map((r) => r.source));
    for (const o of facts.organisations) expect(sources.has(o.source), o.source).toBe(true);
  });

  it('links every bill and payslip to a transaction of the same amount, with a stored PDF', () => {
    const tx = new Map(ofType('bank.transaction').map((r) => [`${r.source}/${r.sourceRef}`, r]));
    const docs = ofType('document');
    expect(docs.filter((d) => data(d).kind === 'bill').length).toBeGreaterThanOrEqual(30);
    expect(docs.filter((d) => data(d).kind === 'payslip').length).toBe(12);
    for (const d of docs) {
      const paidBy = data(d).paidBy as { type: string; source: string; sourceRef: string }[];
      expect(paidBy).toHaveLength(1);
      const t = tx.get(`${paidBy[0]!.source}/${paidBy[0]!.sourceRef}`);
      expect(t, `${d.sourceRef} paid by ${paidBy[0]!.sourceRef}`).toBeDefined();
      const txAmount = money(data(t!).amount);
      const docAmount = money(data(d).amount);
      expect(data(d).kind === 'payslip' ? txAmount : -txAmount).toBe(docAmount);
      const file = data(d).file as { sha256: string; size: number };
      const bytes = one.blobs.files.get(file.sha256)!;
      expect(bytes.length).toBe(file.size);
      expect(new TextDecoder().decode(bytes.slice(0, 8))).toBe('%PDF-1.4');
    }
  });

  it('gives each receipt a card payment of the same total on its date', () => {
    const cards = new Map<string, number[]>();
    for (const t of ofType('bank.transaction')) {
      const d = data(t);
      if (d.transactionType !== 'POS') continue;
      const k = `${String(d.valueDate)}/${-money(d.amount)}`;
      cards.set(k, [...(cards.get(k) ?? []), 1]);
    }
    const purchases = ofType('purchase');
    expect(purchases.length).toBeGreaterThan(40);
    for (const p of purchases) {
      const d = data(p);
      const items = d.items as { total: unknown }[];
      expect(items.reduce((s, i) => s + money(i.total), 0)).toBe(money(d.total));
      const localDate = new Date(Date.parse(p.occurredAt) + (p.occurredOffset === '+02:00' ? 7_200_000 : 3_600_000)).toISOString().slice(0, 10);
      expect(cards.has(`${localDate}/${money(d.total)}`), `${p.sourceRef}`).toBe(true);
    }
  });

  it('has a plausible electricity curve: 48 readings per local day (46/50 at DST changes), 3,000–9,000 kWh a year', () => {
    const elec = ofType('energy.reading').filter((r) => data(r).commodity === 'electricity');
    const perDay = new Map<string, number>();
    let wh = 0;
    let prevEnd: unknown;
    for (const r of elec) {
      const d = data(r);
      if (prevEnd !== undefined) expect(d.start).toBe(prevEnd);
      prevEnd = d.end;
      expect(d.energyWh).toBe((d.averagePowerW as number) / 2);
      wh += d.energyWh as number;
      const local = new Date(Date.parse(r.occurredAt) + (r.occurredOffset === '+02:00' ? 7_200_000 : 3_600_000)).toISOString().slice(0, 10);
      perDay.set(local, (perDay.get(local) ?? 0) + 1);
    }
    expect(perDay.size).toBe(365);
    expect(perDay.get('2026-03-29')).toBe(46);
    expect(perDay.get('2026-10-25')).toBe(50);
    const others = [...perDay.entries()].filter(([day]) => day !== '2026-03-29' && day !== '2026-10-25');
    expect(others.every(([, n]) => n === 48)).toBe(true);
    expect(wh / 1000).toBeGreaterThan(3_000);
    expect(wh / 1000).toBeLessThan(9_000);
    // Winter nights draw more than summer nights (electric heating); night base load in summer.
    const avgAt = (day: string, hourUtc: string) => elec.filter((r) => r.occurredAt.startsWith(`${day}T${hourUtc}`)).map((r) => data(r).averagePowerW as number)[0]!;
    expect(avgAt('2026-01-15', '02:00')).toBeGreaterThan(avgAt('2026-07-15', '01:00'));
    expect(avgAt('2026-07-15', '01:00')).toBeGreaterThanOrEqual(150);
    expect(avgAt('2026-07-15', '01:00')).toBeLessThanOrEqual(400);
  });

  it('charges electricity bills for exactly the kWh of the load curve', () => {
    const janWh = ofType('energy.reading')
      .filter((r) => data(r).commodity === 'electricity' && r.occurredAt >= '2025-12-31T23:00:00.000Z' && r.occurredAt < '2026-01-31T23:00:00.000Z')
      .reduce((s, r) => s + (data(r).energyWh as number), 0);
    const bill = ofType('document').find((d) => d.source === 'org:elec-energie' && data(d).periodStart === '2026-01-01');
    expect(bill).toBeDefined();
    const pdf = new TextDecoder().decode(one.blobs.files.get((data(bill!).file as { sha256: string }).sha256));
    expect(pdf).toContain(`${Math.round(janWh / 1000)} kWh`);
  });

  it('calls and texts people of the address books', () => {
    const known = new Set(ofType('contact').flatMap((c) => (data(c).phones as { value: string }[]).map((p) => normaliseFrenchPhone(p.value))));
    const usage = ofType('telecom.usage').filter((u) => data(u).kind !== 'data');
    const matched = usage.filter((u) => known.has(normaliseFrenchPhone(data(u).counterpart as string)));
    expect(matched.length / usage.length).toBeGreaterThan(0.8);
    expect(matched.length).toBeLessThan(usage.length);
  });

  it('lets contact merging find people present in both address books', () => {
    const contacts = ofType('contact');
    const bySource = (s: string) => contacts.filter((c) => c.source === s);
    const phoneBook = new Set(bySource('app:contacts-telephone').flatMap((c) => (data(c).phones as { value: string }[]).map((p) => normaliseFrenchPhone(p.value))));
    const both = bySource('app:contacts-webmail').filter((c) => (data(c).phones as { value: string }[]).some((p) => phoneBook.has(normaliseFrenchPhone(p.value))));
    expect(both.length).toBeGreaterThanOrEqual(15);
  });

  it('generates history up to `until` and no later', async () => {
    const short = await collect(1, 7, '2024-06-30');
    const last = short.records.filter((r) => r.type === 'bank.transaction').map((r) => data(r).bookingDate as string).sort().at(-1)!;
    expect(last <= '2024-06-30').toBe(true);
    expect(short.records.filter((r) => r.type === 'energy.reading').every((r) => r.occurredAt < '2024-06-30T22:00:00.000Z')).toBe(true);
  });

  it('refuses options out of range', () => {
    expect(() => generateDemoPerson({ years: 0 }, memoryBlobs())).toThrow(RangeError);
    expect(() => generateDemoPerson({ until: '2026-02-30' }, memoryBlobs())).toThrow(RangeError);
  });
});
