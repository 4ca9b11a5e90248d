import { offsetAt } from '../domain/time.ts';
import type { AggregateQuery, AggregateRow } from './record-store.ts';

/** Partial sums per UTC hour, as a store adapter computes them. */
export interface HourlyPartial {
  hour: number;
  group: string | null;
  sum: number;
  count: number;
  min: number;
  max: number;
}

const HOUR = 3_600_000;

/**
 * Folds hourly partial sums into day/week/month/year buckets, in UTC or in a time zone.
 * Adapters compute the hourly partials in their database (so records never leave it as
 * such) and share this folding, so that every adapter labels periods the same way.
 * Offsets are taken at each hour's start: exact for zones whose offsets are whole hours.
 */
export function foldHourly(parts: Iterable<HourlyPartial>, q: Pick<AggregateQuery, 'bucket' | 'timeZone'>): AggregateRow[] {
  const out = new Map<string, AggregateRow>();
  for (const p of parts) {
    const startMs = p.hour * HOUR;
    const local = new Date(startMs + (q.timeZone ? offsetAt(startMs, q.timeZone) * 60_000 : 0));
    const period = label(local, q.bucket);
    const key = `${period}\u0000${p.group ?? ''}`;
    const row = out.get(key);
    if (!row) out.set(key, { period, ...(p.group !== null ? { group: p.group } : {}), sum: p.sum, count: p.count, min: p.min, max: p.max });
    else {
      row.sum += p.sum;
      row.count += p.count;
      row.min = Math.min(row.min, p.min);
      row.max = Math.max(row.max, p.max);
    }
  }
  return [...out.values()].sort((a, b) => (a.period < b.period ? -1 : a.period > b.period ? 1 : String(a.group ?? '').localeCompare(String(b.group ?? ''))));
}

function label(d: Date, bucket: AggregateQuery['bucket']): string {
  const y = d.getUTCFullYear();
  const m = String(d.getUTCMonth() + 1).padStart(2, '0');
  const day = String(d.getUTCDate()).padStart(2, '0');
  switch (bucket) {
    case 'day':
      return `${y}-${m}-${day}`;
    case 'month':
      return `${y}-${m}`;
    case 'year':
      return String(y);
    case 'week': {
      const { year, week } = isoWeek(d);
      return `${year}-W${String(week).padStart(2, '0')}`;
    }
  }
}

/** ISO 8601 week number of a (UTC-read) date. */
export function isoWeek(d: Date): { year: number; week: number } {
  const t = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()));
  const dow = t.getUTCDay() || 7;
  t.setUTCDate(t.getUTCDate() + 4 - dow);
  const yearStart = Date.UTC(t.getUTCFullYear(), 0, 1);
  return { year: t.getUTCFullYear(), week: Math.ceil(((t.getTime() - yearStart) / 86_400_000 + 1) / 7) };
}
