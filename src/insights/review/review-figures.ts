import type { ReviewFigure } from './review-schema.ts';

/** A month, the month before it and the same month a year before, as YYYY-MM and [from, to) dates. */
export interface ReviewPeriods {
  month: string;
  previousMonth: string;
  sameMonthLastYear: string;
}

export function shiftMonth(month: string, by: number): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const d = new Date(Date.UTC(y, m - 1 + by, 1));
  return d.toISOString().slice(0, 7);
}

export function periodsOf(month: string): ReviewPeriods {
  return { month, previousMonth: shiftMonth(month, -1), sameMonthLastYear: shiftMonth(month, -12) };
}

/** The first day of the month and the first day of the next: [from, to). */
export function monthRange(month: string): { from: string; to: string } {
  return { from: `${month}-01`, to: `${shiftMonth(month, 1)}-01` };
}

/** Relative change from `before` to `now`, rounded to 0.1 %; null without both or when `before` is 0. */
export function change(now: number | null, before: number | null): number | null {
  if (now === null || before === null || before === 0) return null;
  return Math.round(((now - before) / Math.abs(before)) * 1000) / 1000;
}

export function figure(
  id: string,
  label: string,
  unit: ReviewFigure['unit'],
  values: { value: number | null; previous: number | null; lastYear: number | null },
  currency?: string,
): ReviewFigure {
  return {
    id,
    label,
    unit,
    ...(currency ? { currency } : {}),
    ...values,
    changeVsPrevious: unit === 'share' ? difference(values.value, values.previous) : change(values.value, values.previous),
    changeVsLastYear: unit === 'share' ? difference(values.value, values.lastYear) : change(values.value, values.lastYear),
  };
}

/** For shares: the difference in points (0.05 = 5 points). */
function difference(now: number | null, before: number | null): number | null {
  return now === null || before === null ? null : Math.round((now - before) * 1000) / 1000;
}

/**
 * A figure's three values picked from an insight's results for the month, the month before
 * and the same month last year (null where that month has no data).
 */
export function trio<T>(now: T, previous: T | null, lastYear: T | null, pick: (r: T) => number | null): { value: number | null; previous: number | null; lastYear: number | null } {
  return { value: pick(now), previous: previous === null ? null : pick(previous), lastYear: lastYear === null ? null : pick(lastYear) };
}

/** A figure's value for people: "1 843.20 EUR", "42 min", "12 %". */
export function formatValue(f: Pick<ReviewFigure, 'unit' | 'currency'>, v: number): string {
  switch (f.unit) {
    case 'money':
      return `${(v / 100).toFixed(2)} ${f.currency ?? ''}`.trim();
    case 'share':
      return `${Math.round(v * 100)} %`;
    case 'count':
      return String(Math.round(v));
    case 'minutes':
      return `${Math.round(v)} min`;
    default:
      return `${Math.round(v * 10) / 10} ${f.unit}`;
  }
}

const pct = (x: number) => `${x > 0 ? '+' : ''}${Math.round(x * 100)} %`;
const points = (x: number) => `${x > 0 ? '+' : ''}${Math.round(x * 100)} points`;

/** "Spending: 1843.20 EUR (−12 % vs 2026-08, +3 % vs 2025-09)". */
export function describeFigure(f: ReviewFigure, p: ReviewPeriods): string {
  if (f.value === null) return `${f.label}: no data`;
  const parts = [
    ...(f.changeVsPrevious !== null ? [`${(f.unit === 'share' ? points : pct)(f.changeVsPrevious)} vs ${p.previousMonth}`] : []),
    ...(f.changeVsLastYear !== null ? [`${(f.unit === 'share' ? points : pct)(f.changeVsLastYear)} vs ${p.sameMonthLastYear}`] : []),
  ];
  return `${f.label}: ${formatValue(f, f.value)}${parts.length ? ` (${parts.join(', ')})` : ''}`;
}

/** A change counts as standing out from a quarter up (shares: from 5 points). */
const STANDOUT = 0.25;

/**
 * What stands out: figures whose change against the previous month or the same month last
 * year is a quarter or more (shares: 5 points), largest first, in words.
 */
export function standouts(figures: { section: string; figure: ReviewFigure }[], p: ReviewPeriods, max = 6): string[] {
  const scored: { score: number; text: string }[] = [];
  for (const { figure: f } of figures) {
    if (f.value === null) continue;
    for (const [before, against, rel] of [
      [f.lastYear, p.sameMonthLastYear, f.changeVsLastYear],
      [f.previous, p.previousMonth, f.changeVsPrevious],
    ] as const) {
      if (before === null) continue;
      if (Math.sign(f.value) * Math.sign(before) < 0) {
        // A balance that changed sign says more than any percentage.
        scored.push({ score: 2 * STANDOUT, text: `${f.label} turned ${f.value > 0 ? 'positive' : 'negative'} vs ${against}: ${formatValue(f, f.value)} instead of ${formatValue(f, before)}.` });
        break;
      }
      // Shares: 5 points weigh like a 25 % change.
      const score = f.unit === 'share' ? (Math.abs(f.value - before) / 0.05) * STANDOUT : Math.abs(rel ?? 0);
      if (score < STANDOUT) continue;
      const dir = f.value > before ? 'up' : 'down';
      const by = f.unit === 'share' ? `${Math.round(Math.abs(f.value - before) * 100)} points` : pct(rel!).replace(/^[+-]/, '');
      scored.push({ score, text: `${f.label} ${dir} ${by} vs ${against}: ${formatValue(f, f.value)} instead of ${formatValue(f, before)}.` });
      break;
    }
  }
  return scored.sort((a, b) => b.score - a.score).slice(0, max).map((s) => s.text);
}
