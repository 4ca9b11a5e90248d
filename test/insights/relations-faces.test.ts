import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventOccurrences } from '../../src/insights/relations/event-occurrences.ts';
import { runCli } from '../support/run-cli.ts';
import { servedCopy, vaultOf, type ServedVault } from '../support/served-vault.ts';
import { PAUL_E164, sampleLife } from './relations-sample-life.ts';

describe('when a recurring event happens', () => {
  it('keeps a weekly 09:30 meeting at 09:30 in Paris across the spring change, minus its EXDATE', () => {
    const starts = eventOccurrences(
      { start: '2025-03-17T08:30:00.000Z', allDay: false, timeZone: 'Europe/Paris', rrule: 'FREQ=WEEKLY;BYDAY=MO;UNTIL=20250415T000000Z', rdates: [], exdates: ['2025-03-24T08:30:00.000Z'] },
      Number.NEGATIVE_INFINITY,
      Date.parse('2026-01-01T00:00:00Z'),
    ).map((t) => new Date(t).toISOString());
    expect(starts).toEqual(['2025-03-17T08:30:00.000Z', '2025-03-31T07:30:00.000Z', '2025-04-07T07:30:00.000Z', '2025-04-14T07:30:00.000Z']);
  });

  it('stops an endless rule at the end asked, and drops an occurrence another record replaces', () => {
    const weekly = { start: '2025-01-05T17:00:00.000Z', allDay: false, startOffset: '+01:00', rrule: 'FREQ=WEEKLY', rdates: [], exdates: [] };
    const to = Date.parse('2025-02-01T00:00:00Z');
    expect(eventOccurrences(weekly, Number.NEGATIVE_INFINITY, to)).toHaveLength(4);
    expect(eventOccurrences(weekly, Number.NEGATIVE_INFINITY, to, new Set([Date.parse('2025-01-12T17:00:00.000Z')]))).toHaveLength(3);
  });
});

describe('relations and data quality through the command line and a real server', () => {
  let cleanup: () => Promise<void>;
  let vaultPath: string;
  beforeAll(async () => {
    ({ vaultPath, cleanup } = await vaultOf(sampleLife(), 'life'));
  });
  afterAll(async () => cleanup());

  it('mesinfos insights relations --json: Paul merged by phone, his calls, texts and five Monday rides', async () => {
    const r = await runCli(['--vault', vaultPath, 'insights', 'relations', '--json', '--lost-after-days', '200']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as { people: { name: string; calls: number; messages: number; meetings: number; callMinutes: number; evidence: { field: string; value: string }[] }[]; lostTouch: { name: string }[]; unmatched: { value: string }[] };
    const paul = out.people.find((p) => p.name === 'Paul Girard')!;
    expect(paul).toMatchObject({ calls: 1, messages: 1, meetings: 5, callMinutes: 10 });
    expect(paul.evidence).toEqual(expect.arrayContaining([{ field: 'phone', value: PAUL_E164, cards: expect.any(Array) }]));
    expect(out.lostTouch.map((l) => l.name)).toEqual(['Zoé Brun']);
    expect(out.unmatched.map((u) => u.value)).toEqual(['+33478601234']);
  });

  it('mesinfos insights quality: says which organisation holds which wrong phone number', async () => {
    const r = await runCli(['--vault', vaultPath, 'insights', 'quality']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('phone: “06 12 34 56 78” (consensus, 2 sources agree)');
    expect(r.stdout).toMatch(/\[conflict\] org:assureur holds “\+33 6 87 65 43 21”/);
    const bad = await runCli(['--vault', vaultPath, 'insights', 'relations', '--from', 'yesterday']);
    expect(bad.code).toBe(3);
    expect(bad.stderr).toContain('--from');
  });

  describe('over HTTP', () => {
    let served: ServedVault;
    beforeAll(async () => {
      served = await servedCopy(vaultPath);
    });
    afterAll(async () => served.close());

    it('GET /api/me/insights/quality, /relations and /review answer the owner, and nobody else', async () => {
      const server = served;
      const locked = await fetch(`${server.url}/api/me/insights/quality`);
      expect(locked.status).toBe(401);
      const cookie = await served.login();
      const q = (await (await fetch(`${server.url}/api/me/insights/quality?source=org:assureur`, { headers: { cookie } })).json()) as { findings: { source: string; expected: string }[] };
      expect(q.findings).toEqual([expect.objectContaining({ source: 'org:assureur', expected: '06 12 34 56 78' })]);
      const rel = await fetch(`${server.url}/api/me/insights/relations?from=2025-03-01&to=2025-04-01`, { headers: { cookie } });
      expect(rel.status).toBe(200);
      const body = (await rel.json()) as { totals: { calls: number; messages: number; meetings: number } };
      // Four of the five rides are in March (the sixth was cancelled by an EXDATE).
      expect(body.totals).toMatchObject({ calls: 2, messages: 1, meetings: 4 });
      const review = (await (await fetch(`${server.url}/api/me/insights/review?month=2025-03`, { headers: { cookie } })).json()) as { sections: { id: string; figures: { id: string; value: number }[] }[] };
      expect(review.sections.find((s) => s.id === 'relations')!.figures.find((f) => f.id === 'relations.meetings')!.value).toBe(4);
    });
  });
});
