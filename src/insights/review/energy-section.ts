import type { RecordStore } from '../../store/record-store.ts';
import { energyInsight } from '../energy/energy-report.ts';
import type { EnergyResult, EnergySeriesResult } from '../energy/energy-schema.ts';
import { figure, formatValue, monthRange, trio, type ReviewPeriods } from './review-figures.ts';
import type { ReviewFigure, ReviewSection } from './review-schema.ts';

/**
 * The month's home energy, from `insights.energy` (helper C's `energyInsight` over the
 * month's local days): kWh consumed per commodity, the electricity cost under the default
 * tariff and the night base load.
 */
const consumed = (r: EnergyResult) => r.series.filter((s) => s.direction === 'consumption' && s.kWh > 0);
const seriesOf = (r: EnergyResult, commodity: string): EnergySeriesResult | undefined => consumed(r).find((s) => s.commodity === commodity);

export async function energySection(store: RecordStore, p: ReviewPeriods): Promise<ReviewSection | { missing: string }> {
  const [now, previous, lastYear] = await Promise.all([p.month, p.previousMonth, p.sameMonthLastYear].map((m) => energyInsight(store, monthRange(m))));
  if (consumed(now!).length === 0) return { missing: `no energy reading in ${p.month}` };
  const withData = (r: EnergyResult) => (consumed(r).length ? r : null);
  const [prev, last] = [withData(previous!), withData(lastYear!)];
  const figures: ReviewFigure[] = [];
  for (const s of consumed(now!)) {
    const pick = (r: EnergyResult) => seriesOf(r, s.commodity)?.kWh ?? null;
    figures.push(figure(`energy.${s.commodity}.kWh`, `${s.commodity[0]!.toUpperCase()}${s.commodity.slice(1)} used`, 'kWh', trio(now!, prev, last, pick)));
    if (s.cost) {
      const cost = (r: EnergyResult) => seriesOf(r, s.commodity)?.cost?.totalMinor ?? null;
      figures.push(figure(`energy.${s.commodity}.cost`, `${s.commodity[0]!.toUpperCase()}${s.commodity.slice(1)} cost (${s.cost.tariff})`, 'money', trio(now!, prev, last, cost), s.cost.currency));
    }
    if (s.intraday) {
      const base = (r: EnergyResult) => seriesOf(r, s.commodity)?.intraday?.baseLoadW ?? null;
      figures.push(figure(`energy.${s.commodity}.baseLoadW`, `Night base load (${s.commodity})`, 'W', trio(now!, prev, last, base)));
    }
  }
  const notes: string[] = [];
  const elec = seriesOf(now!, 'electricity');
  if (elec?.intraday?.peakHours.length) notes.push(`Electricity peaks around ${elec.intraday.peakHours.map((h) => `${h.hour}:00`).join(', ')}.`);
  if (elec?.intraday) notes.push(`${formatValue({ unit: 'share' }, elec.intraday.offPeak.share)} of the electricity in off-peak hours (${elec.intraday.offPeak.windows.join(', ')}).`);
  return { id: 'energy', title: 'Home energy', from: 'insights.energy', figures, notes };
}
