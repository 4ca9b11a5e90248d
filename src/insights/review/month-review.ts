import type { RecordType } from '../../domain/record.ts';
import type { RecordStore } from '../../store/record-store.ts';
import { cachedByVersion } from '../insight-cache.ts';
import { budgetSection } from './budget-section.ts';
import { carbonSection } from './carbon-section.ts';
import { energySection } from './energy-section.ts';
import { mobilitySection } from './mobility-section.ts';
import { qualitySection } from './quality-section.ts';
import { relationsSection } from './relations-section.ts';
import { describeFigure, periodsOf, standouts, type ReviewPeriods } from './review-figures.ts';
import type { MonthReview, ReviewSection } from './review-schema.ts';

/**
 * The month in review: a "magazine about yourself". Each section takes its figures from
 * one insight's own exported function (so a figure here always equals that insight's
 * figure for the month), beside the previous month and the same month last year; an
 * insight with nothing for the month is listed in `missing`, never made up.
 * Example: computeMonthReview(store, '2026-09').
 */

type SectionMaker = (store: RecordStore, p: ReviewPeriods) => Promise<ReviewSection | { missing: string }>;

/** The sections, in reading order, by id. */
const SECTIONS: [string, SectionMaker][] = [
  ['budget', budgetSection],
  ['relations', relationsSection],
  ['energy', energySection],
  ['carbon', carbonSection],
  ['mobility', mobilitySection],
  ['quality', (store) => qualitySection(store)],
];

/** Types whose records say what happened (a calendar may hold plans, a bill a due date ahead). */
const LIVED: RecordType[] = ['bank.transaction', 'energy.reading', 'telecom.usage', 'location.point', 'place.visit', 'track', 'purchase', 'health.measure'];

/** The month of the latest record of something that happened (YYYY-MM), or undefined in an empty vault. */
export async function latestMonth(store: RecordStore): Promise<string | undefined> {
  const lasts = await Promise.all(LIVED.map(async (type) => (await store.query({ types: [type], order: 'desc', limit: 1 })).records[0]?.occurredAt));
  const latest = lasts.filter((x): x is string => x !== undefined).sort().at(-1);
  return latest?.slice(0, 7);
}

export async function computeMonthReview(store: RecordStore, month: string): Promise<MonthReview> {
  return cachedByVersion(store, `review:${month}`, async () => {
    const p = periodsOf(month);
    const made = await Promise.all(SECTIONS.map(async ([id, make]) => ({ id, made: await make(store, p) })));
    const sections: ReviewSection[] = [];
    const missing: MonthReview['missing'] = [];
    for (const m of made) {
      if ('missing' in m.made) missing.push({ id: m.id, reason: m.made.missing });
      else sections.push(m.made);
    }
    const highlights = standouts(
      sections.flatMap((s) => s.figures.map((figure) => ({ section: s.id, figure }))),
      p,
    );
    return { ...p, sections, highlights, missing, text: textOf(p, sections, highlights, missing) };
  });
}

function textOf(p: ReviewPeriods, sections: ReviewSection[], highlights: string[], missing: MonthReview['missing']): string {
  const lines = [`Your month in review: ${p.month}`, ''];
  if (highlights.length) lines.push('What stands out', ...highlights.map((h) => `  • ${h}`), '');
  for (const s of sections) {
    lines.push(s.title, ...s.figures.map((f) => `  ${describeFigure(f, p)}`), ...s.notes.map((n) => `  ${n}`), '');
  }
  for (const m of missing) lines.push(`(${m.id}: ${m.reason})`);
  return lines.join('\n').trimEnd();
}
