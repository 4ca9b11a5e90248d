import type { RecordStore } from '../../store/record-store.ts';
import { mobilityInsight, type MobilityResult } from '../mobility/mobility-report.ts';
import { figure, formatValue, monthRange, trio, type ReviewPeriods } from './review-figures.ts';
import type { ReviewSection } from './review-schema.ts';

/**
 * The month's movements, from `insights.mobility` (helper C's `mobilityInsight` over the
 * month): distance travelled, time at home, at work and elsewhere, the most used means of
 * transport and the most visited place away from home and work.
 */
const recorded = (r: MobilityResult) => r.time.home.hours + r.time.work.hours + r.time.elsewhere.hours + r.time.moving.hours;

export async function mobilitySection(store: RecordStore, p: ReviewPeriods): Promise<ReviewSection | { missing: string }> {
  const [now, previous, lastYear] = await Promise.all([p.month, p.previousMonth, p.sameMonthLastYear].map((m) => mobilityInsight(store, monthRange(m))));
  if (recorded(now!) <= 0) return { missing: `no place or trip recorded in ${p.month}` };
  const withData = (r: MobilityResult) => (recorded(r) > 0 ? r : null);
  const [prev, last] = [withData(previous!), withData(lastYear!)];
  const figures = [
    figure('mobility.totalKm', 'Distance travelled', 'km', trio(now!, prev, last, (r) => r.totalKm)),
    figure('mobility.homeHours', 'Time at home', 'hours', trio(now!, prev, last, (r) => r.time.home.hours)),
    figure('mobility.workHours', 'Time at work', 'hours', trio(now!, prev, last, (r) => r.time.work.hours)),
    figure('mobility.elsewhereHours', 'Time elsewhere', 'hours', trio(now!, prev, last, (r) => r.time.elsewhere.hours)),
  ];
  const notes: string[] = [];
  const mode = [...now!.distanceByMode].sort((a, b) => b.km - a.km)[0];
  if (mode) notes.push(`${mode.mode === 'unknown' ? 'Mostly on trips with no recorded means of transport' : `Mostly by ${mode.mode}`}: ${formatValue({ unit: 'km' }, mode.km)} in ${mode.trips} trips.`);
  const place = now!.places.find((x) => x.kind === 'other');
  if (place) notes.push(`Most visited place: ${place.name ?? place.semanticType ?? 'an unnamed place'} (${place.visits} visits).`);
  return { id: 'mobility', title: 'Getting around', from: 'insights.mobility', figures, notes };
}
