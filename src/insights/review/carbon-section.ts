import type { RecordStore } from '../../store/record-store.ts';
import { carbonInsight, type CarbonResult } from '../carbon/carbon-report.ts';
import { figure, formatValue, monthRange, trio, type ReviewPeriods } from './review-figures.ts';
import type { ReviewSection } from './review-schema.ts';

/**
 * The month's carbon footprint, from `insights.carbon` (helper C's `carbonInsight` over the
 * month): the total, the share measured (meters, tracks) rather than estimated from
 * spending, and the three largest headings.
 */
const TOP_HEADINGS = 3;

export async function carbonSection(store: RecordStore, p: ReviewPeriods): Promise<ReviewSection | { missing: string }> {
  const [now, previous, lastYear] = await Promise.all([p.month, p.previousMonth, p.sameMonthLastYear].map((m) => carbonInsight(store, monthRange(m))));
  if (now!.totalKg <= 0) return { missing: `nothing to estimate a footprint from in ${p.month}` };
  const withData = (r: CarbonResult) => (r.totalKg > 0 ? r : null);
  const [prev, last] = [withData(previous!), withData(lastYear!)];
  const heading = (name: string) => (r: CarbonResult) => r.byHeading.find((h) => h.heading === name)?.kg ?? null;
  const top = [...now!.byHeading].sort((a, b) => b.kg - a.kg).slice(0, TOP_HEADINGS);
  const figures = [
    figure('carbon.totalKg', 'Carbon footprint', 'kgCO2e', trio(now!, prev, last, (r) => r.totalKg)),
    figure('carbon.measuredShare', 'Share of the footprint from measured data', 'share', trio(now!, prev, last, (r) => r.measuredShare)),
    ...top.map((h) => figure(`carbon.heading.${h.heading}`, `Footprint of ${h.heading}`, 'kgCO2e', trio(now!, prev, last, heading(h.heading)))),
  ];
  const notes = top.length ? [`Largest part: ${top[0]!.heading}, ${formatValue({ unit: 'kgCO2e' }, top[0]!.kg)} (${formatValue({ unit: 'share' }, top[0]!.share)}).`] : [];
  return { id: 'carbon', title: 'Carbon footprint', from: 'insights.carbon', figures, notes };
}
