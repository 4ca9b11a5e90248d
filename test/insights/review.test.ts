import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { budgetMonth } from '../../src/insights/budget/budget.ts';
import { carbonInsight } from '../../src/insights/carbon/carbon-report.ts';
import { energyInsight } from '../../src/insights/energy/energy-report.ts';
import { mobilityInsight } from '../../src/insights/mobility/mobility-report.ts';
import { computeDataQuality } from '../../src/insights/quality/data-quality.ts';
import { computeRelations } from '../../src/insights/relations/relations.ts';
import { computeMonthReview } from '../../src/insights/review/month-review.ts';
import type { MonthReview, ReviewFigure } from '../../src/insights/review/review-schema.ts';
import { openDemoVault } from '../support/demo-vault.ts';
import { runCli } from '../support/run-cli.ts';
import { vaultOf } from '../support/served-vault.ts';
import { sampleLife } from './relations-sample-life.ts';

const MONTH = '2026-09';
const month = (m: string) => ({ from: `${m}-01`, to: m === '2026-09' ? '2026-10-01' : m === '2026-08' ? '2026-09-01' : '2025-10-01' });

describe('the month in review on the ten-year demo person', () => {
  let demo: Awaited<ReturnType<typeof openDemoVault>>;
  let review: MonthReview;
  const fig = (id: string): ReviewFigure => {
    const f = review.sections.flatMap((s) => s.figures).find((x) => x.id === id);
    if (!f) throw new Error(`no figure ${id} in the review`);
    return f;
  };
  beforeAll(async () => {
    demo = await openDemoVault({ copy: false });
    review = await computeMonthReview(demo.vault.store, MONTH);
  }, 180_000);
  afterAll(async () => demo.cleanup());

  it('has every section of the life the demo person leads, and names the months compared', () => {
    expect(review).toMatchObject({ month: '2026-09', previousMonth: '2026-08', sameMonthLastYear: '2025-09', missing: [] });
    expect(review.sections.map((s) => s.id)).toEqual(['budget', 'relations', 'energy', 'carbon', 'mobility', 'quality']);
    expect(review.text).toContain('Your month in review: 2026-09');
  });

  it('shows the budget’s own figures for the month, the month before and a year before', async () => {
    const [now, before, yearAgo] = await Promise.all(['2026-09', '2026-08', '2025-09'].map((m) => budgetMonth(demo.vault.store, m)));
    expect(fig('budget.income')).toMatchObject({ value: now!.figures.incomeMinor, previous: before!.figures.incomeMinor, lastYear: yearAgo!.figures.incomeMinor, currency: 'EUR' });
    expect(fig('budget.spending')).toMatchObject({ value: now!.figures.spendingMinor, previous: before!.figures.spendingMinor, lastYear: yearAgo!.figures.spendingMinor });
    const top = now!.categories.filter((c) => c.kind === 'spending').sort((a, b) => a.totalMinor - b.totalMinor)[0]!;
    expect(fig(`budget.category.${top.id}`).value).toBe(-top.totalMinor);
    const s = fig('budget.spending');
    expect(s.changeVsLastYear).toBeCloseTo((s.value! - s.lastYear!) / s.lastYear!, 3);
  });

  it('shows relations, energy, carbon and mobility figures equal to those insights’ own', async () => {
    const store = demo.vault.store;
    const [rel, relBefore] = await Promise.all([computeRelations(store, month('2026-09')), computeRelations(store, month('2026-08'))]);
    expect(fig('relations.calls')).toMatchObject({ value: rel.totals.calls, previous: relBefore.totals.calls });
    expect(fig('relations.peopleInTouch').value).toBe(rel.totals.peopleInTouch);
    const energy = await energyInsight(store, month('2026-09'));
    for (const s of energy.series.filter((x) => x.direction === 'consumption')) expect(fig(`energy.${s.commodity}.kWh`).value).toBe(s.kWh);
    expect(fig('carbon.totalKg').value).toBe((await carbonInsight(store, month('2026-09'))).totalKg);
    expect(fig('mobility.totalKm').lastYear).toBe((await mobilityInsight(store, month('2025-09'))).totalKm);
    expect(fig('quality.findings').value).toBe((await computeDataQuality(store)).findings.length);
  });

  it('counts the month’s calls from the raw records too', async () => {
    let calls = 0;
    for await (const r of demo.vault.store.iterate({ types: ['telecom.usage'], from: '2026-09-01', to: '2026-10-01' })) {
      const d: Record<string, unknown> = r.data;
      if (d.kind === 'call' && typeof d.counterpart === 'string') calls++;
    }
    expect(fig('relations.calls').value).toBe(calls);
  });

  it('says what stands out in words, with the figures it compares', () => {
    expect(review.highlights.length).toBeGreaterThan(0);
    const all = review.sections.flatMap((s) => s.figures);
    for (const h of review.highlights) expect(all.some((f) => h.startsWith(f.label))).toBe(true);
  });
});

describe('the month in review of a thin life, through the command line', () => {
  let cleanup: () => Promise<void>;
  let vaultPath: string;
  beforeAll(async () => {
    ({ vaultPath, cleanup } = await vaultOf(sampleLife(), 'life'));
  });
  afterAll(async () => cleanup());

  it('shows what the vault knows of the month, and says which insights have nothing instead of making figures up', async () => {
    const r = await runCli(['--vault', vaultPath, 'insights', 'review', '--month', '2025-03', '--json']);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as MonthReview;
    expect(out.sections.map((s) => s.id)).toEqual(['relations', 'quality']);
    expect(out.missing.map((m) => m.id)).toEqual(['budget', 'energy', 'carbon', 'mobility']);
    expect(out.missing.find((m) => m.id === 'budget')!.reason).toBe('no bank transaction in 2025-03');
    const calls = out.sections[0]!.figures.find((f) => f.id === 'relations.calls')!;
    expect(calls).toMatchObject({ value: 2, previous: null, lastYear: null, changeVsPrevious: null });
  });

  it('prints a readable review by default, and refuses a malformed month', async () => {
    const r = await runCli(['--vault', vaultPath, 'insights', 'review', '--month', '2025-03']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Your month in review: 2025-03');
    expect(r.stdout).toContain('Most in touch: Paul Girard (6)');
    // Without a month: the month of the latest call, not of the planned rides in the calendar.
    const latest = JSON.parse((await runCli(['--vault', vaultPath, 'insights', 'review', '--json'])).stdout) as MonthReview;
    expect(latest.month).toBe('2025-03');
    const bad = await runCli(['--vault', vaultPath, 'insights', 'review', '--month', '2025-3']);
    expect(bad.code).toBe(3);
    expect(bad.stderr).toContain('expected a month like 2026-09');
  });
});
