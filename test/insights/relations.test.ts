import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RecordId } from '../../src/domain/ids.ts';
import type { StoredRecord } from '../../src/domain/record.ts';
import { computeRelations } from '../../src/insights/relations/relations.ts';
import { makePeers } from '../../src/vault/demo/demo-contacts.ts';
import { openDemoVault } from '../support/demo-vault.ts';

const DAY = 86_400_000;

/** A record's data, read field by field as a test reads raw records. */
const data = (r: StoredRecord): Record<string, unknown> => r.data;

/** "+33 6 12…", "06 12 …" or "0612…" → "0612…", the way the operator prints numbers. */
function national(n: string): string {
  const digits = n.replace(/\D/g, '');
  return digits.startsWith('33') ? `0${digits.slice(2)}` : digits;
}

describe('relations on the ten-year demo person', () => {
  let demo: Awaited<ReturnType<typeof openDemoVault>>;
  let usage: StoredRecord[];
  let events: StoredRecord[];
  beforeAll(async () => {
    demo = await openDemoVault({ copy: false });
    usage = [];
    for await (const r of demo.vault.store.iterate({ types: ['telecom.usage'] })) usage.push(r);
    events = [];
    for await (const r of demo.vault.store.iterate({ types: ['calendar.event'] })) events.push(r);
  });
  afterAll(async () => demo.cleanup());

  const callsAndMessages = (numbers: Set<string>, fromMs = -Infinity, toMs = Infinity) => {
    const mine = usage.filter((r) => {
      const t = Date.parse(r.occurredAt);
      const counterpart = data(r).counterpart;
      return typeof counterpart === 'string' && numbers.has(national(counterpart)) && t >= fromMs && t < toMs;
    });
    return { calls: mine.filter((r) => data(r).kind === 'call').length, messages: mine.filter((r) => data(r).kind === 'sms' || data(r).kind === 'mms').length, all: mine };
  };

  const numbersOf = async (cards: { recordId: string }[]) => {
    const out = new Set<string>();
    for (const c of cards) for (const p of (data(await demo.vault.getOrThrow(c.recordId as RecordId)).phones as { value: string }[]) ?? []) out.add(national(p.value));
    return out;
  };

  it('counts every call and message of the operator’s detailed bills, over all the data', async () => {
    const r = await computeRelations(demo.vault.store);
    const withSomeone = usage.filter((u) => typeof data(u).counterpart === 'string');
    expect(r.totals.calls).toBe(withSomeone.filter((u) => data(u).kind === 'call').length);
    expect(r.totals.messages).toBe(withSomeone.filter((u) => data(u).kind === 'sms' || data(u).kind === 'mms').length);
    const minutes = withSomeone.filter((u) => data(u).kind === 'call').reduce((s, u) => s + Number(data(u).durationS ?? 0), 0) / 60;
    expect(r.totals.callMinutes).toBe(Math.round(minutes));
    // What matched nobody is listed, and the rest is spread over people.
    const unmatched = r.unmatched.filter((u) => u.channel !== 'meeting').reduce((s, u) => s + u.interactions, 0);
    const toPeople = r.people.reduce((s, p) => s + p.calls + p.messages, 0);
    expect(toPeople + unmatched).toBe(withSomeone.length);
  });

  it('merges the cards of the people in both address books, and only those, showing the evidence', async () => {
    const r = await computeRelations(demo.vault.store);
    const peers = makePeers(42);
    expect(r.totals.people).toBe(peers.length);
    expect(r.totals.mergedPeople).toBe(peers.filter((p) => p.inPhoneBook && p.inWebmail).length);
    for (const p of r.people.filter((x) => x.cards.length > 1)) {
      expect(p.cards.map((c) => c.source).sort()).toEqual(['app:contacts-telephone', 'app:contacts-webmail']);
      expect(p.evidence.length).toBeGreaterThan(0);
      for (const e of p.evidence) expect(e.cards.sort()).toEqual(p.cards.map((c) => c.recordId).sort());
    }
    const mother = r.people.find((p) => p.cards.some((c) => c.fullName === 'Sylvie (Maman)'))!;
    expect(mother.name).toBe('Sylvie Martin');
    expect(mother.evidence.map((e) => e.field)).toEqual(['phone']);
  });

  it('counts the mother’s calls, messages and the weekly Sunday call as independent sums over the records say', async () => {
    const r = await computeRelations(demo.vault.store);
    const mother = r.people.find((p) => p.name === 'Sylvie Martin')!;
    const { calls, messages } = callsAndMessages(await numbersOf(mother.cards));
    expect({ calls: mother.calls, messages: mother.messages }).toEqual({ calls, messages });
    expect(r.people[0]!.name).toBe('Sylvie Martin');

    const asOf = Date.parse(r.asOf);
    const withHer = events.filter((e) => ((data(e).attendees as { name?: string }[]) ?? []).some((a) => a.name === 'Sylvie Martin'));
    let meetings = withHer.filter((e) => !data(e).rrule).length;
    for (const weekly of withHer.filter((e) => data(e).rrule === 'FREQ=WEEKLY;BYDAY=SU')) {
      for (let t = Date.parse(String(data(weekly).start)); t < asOf; t += 7 * DAY) meetings++;
    }
    expect(withHer.every((e) => !data(e).rrule || data(e).rrule === 'FREQ=WEEKLY;BYDAY=SU')).toBe(true);
    expect(mother.meetings).toBe(meetings);
  });

  it('counts a single month the same way, and its people total equals the people counted', async () => {
    const r = await computeRelations(demo.vault.store, { from: '2026-09-01', to: '2026-10-01' });
    const from = Date.parse('2026-09-01T00:00:00Z');
    const to = Date.parse('2026-10-01T00:00:00Z');
    const inMonth = usage.filter((u) => typeof data(u).counterpart === 'string' && Date.parse(u.occurredAt) >= from && Date.parse(u.occurredAt) < to);
    expect(r.totals.calls).toBe(inMonth.filter((u) => data(u).kind === 'call').length);
    expect(r.byMonth).toEqual([{ month: '2026-09', interactions: r.totals.interactions, people: r.totals.peopleInTouch }]);
    expect(r.people.reduce((s, p) => s + p.interactions, 0) + r.unmatched.reduce((s, u) => s + u.interactions, 0)).toBe(r.totals.interactions);
  });

  it('lists people not in touch for six months, with no call or message after the last one it reports', async () => {
    const r = await computeRelations(demo.vault.store);
    expect(r.lostTouch.length).toBeGreaterThan(0);
    const asOf = Date.parse(r.asOf);
    for (const lost of r.lostTouch.slice(0, 5)) {
      expect(lost.daysSince).toBeGreaterThanOrEqual(180);
      const person = r.people.find((p) => p.id === lost.id)!;
      const { all } = callsAndMessages(await numbersOf(person.cards));
      const last = Math.max(...all.map((u) => Date.parse(u.occurredAt)));
      expect(last).toBeLessThan(asOf - 180 * DAY);
      expect(last).toBeLessThanOrEqual(Date.parse(lost.last));
    }
    // Strongest past ties first.
    expect(r.lostTouch.map((l) => l.interactions)).toEqual([...r.lostTouch.map((l) => l.interactions)].sort((a, b) => b - a));
  });
});
