import { RECORD_TYPES, type RecordType, type StoredRecord } from '../../domain/record.ts';
import { localDateStart, offsetAt, toEpochMs } from '../../domain/time.ts';
import type { RecordQuery, RecordStore } from '../../store/record-store.ts';
import { cachedByVersion } from '../insight-cache.ts';
import { summariseRecord, type RecordSummary } from './record-summary.ts';

/**
 * The timeline: every record of every type in one chronological feed, newest first by
 * default, with full-text search and filters by type, source and period. Pages use the
 * store's keyset cursors, so a page never repeats or skips records when new ones are
 * imported meanwhile. Beside the page:
 * - facets over the whole filtered feed (not just the page): counts by type, by source and
 *   by year, each ignoring its own filter (so other types can be offered);
 * - a summary of each local day and each month the page touches, over the whole day or
 *   month (with the same filters): records by type, money in and out, energy.
 * Days and months are local to `timeZone` (default Europe/Paris).
 */

export interface TimelineInput {
  from?: string;
  to?: string;
  search?: string;
  types?: RecordType[];
  sources?: string[];
  limit: number;
  cursor?: string;
  order: 'asc' | 'desc';
  timeZone: string;
  facets: boolean;
}

export interface TimelineEntry extends RecordSummary {
  id: string;
  type: RecordType;
  source: string;
  occurredAt: string;
  /** Local date in the timeline's time zone. */
  day: string;
}

export interface Count {
  value: string;
  count: number;
}

export interface PeriodSummary {
  period: string;
  total: number;
  byType: Record<string, number>;
}

export interface DaySummary extends PeriodSummary {
  /** Money in and out of the day's bank transactions, per currency (minor units). */
  money: { currency: string; inMinor: number; outMinor: number }[];
  /** Energy of the day's interval readings, in Wh. */
  energyWh: number;
}

export interface TimelineResult {
  entries: TimelineEntry[];
  nextCursor: string | null;
  timeZone: string;
  facets: { total: number; types: Count[]; sources: Count[]; years: Count[] } | null;
  days: DaySummary[];
  months: PeriodSummary[];
}

type Filter = Omit<RecordQuery, 'limit' | 'cursor' | 'order'>;

function filterOf(i: TimelineInput): Filter {
  return {
    ...(i.types?.length ? { types: i.types } : {}),
    ...(i.sources?.length ? { sources: i.sources } : {}),
    ...(i.from ? { from: i.from } : {}),
    ...(i.to ? { to: i.to } : {}),
    ...(i.search?.trim() ? { text: i.search.trim() } : {}),
  };
}

/** Local calendar date of an instant in a time zone. */
export function localDay(occurredAt: string, timeZone: string): string {
  const ms = toEpochMs(occurredAt);
  return new Date(ms + offsetAt(ms, timeZone) * 60_000).toISOString().slice(0, 10);
}

/** The UTC instant at which a local date starts. */
const dayStart = (date: string, timeZone: string): string => localDateStart(date, timeZone).instant;
const nextDate = (date: string) => new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
const nextMonth = (month: string) => {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
};
const latest = (a: string | undefined, b: string) => (a !== undefined && toEpochMs(a) > toEpochMs(b) ? a : b);
const earliest = (a: string | undefined, b: string) => (a !== undefined && toEpochMs(a) < toEpochMs(b) ? a : b);

/** The filter narrowed to [from, to), never widened beyond the filter's own bounds. */
function within(f: Filter, from: string, to: string): Filter {
  return { ...f, from: latest(f.from, from), to: earliest(f.to, to) };
}

async function countsBy(store: RecordStore, f: Filter, dimension: 'types' | 'sources', values: readonly string[]): Promise<Count[]> {
  const out: Count[] = [];
  for (const v of values) out.push({ value: v, count: await store.count({ ...f, [dimension]: [v] }) });
  return sortCounts(out);
}

/**
 * The types and sources a vault holds, with their counts: one pass over the records,
 * remembered until a new import lands (imports are the only way new types and sources
 * appear; counts are only used when nothing filters the feed, and then fresh).
 */
const present = new WeakMap<RecordStore, { importId: string | null; types: string[]; sources: string[] }>();
async function presentIn(store: RecordStore): Promise<{ types: string[]; sources: string[]; stats?: Awaited<ReturnType<RecordStore['stats']>> }> {
  const last = (await store.listImports(1))[0]?.id ?? null;
  const known = present.get(store);
  if (known && known.importId === last) return known;
  const stats = await store.stats();
  const p = { importId: last, types: Object.keys(stats.byType).sort(), sources: Object.keys(stats.bySource).sort() };
  present.set(store, p);
  return { ...p, stats };
}

const sortCounts = (xs: Count[]) => xs.filter((c) => c.count > 0).sort((a, b) => b.count - a.count || a.value.localeCompare(b.value));

/** Above this many records in the window, facets are counted by the store rather than read record by record. */
const ONE_PASS_LIMIT = 40_000;

/**
 * Facets in one pass over the window's records (its time range and words, every type and
 * source): cheaper than asking the store to count per source, which it does by scanning each
 * source's records whatever the window.
 */
async function facetsByReading(store: RecordStore, f: Filter, timeZone: string): Promise<NonNullable<TimelineResult['facets']>> {
  const { types: onlyTypes, sources: onlySources, ...window } = f;
  const types = new Map<string, number>();
  const sources = new Map<string, number>();
  const years = new Map<string, number>();
  const bump = (m: Map<string, number>, k: string) => m.set(k, (m.get(k) ?? 0) + 1);
  let total = 0;
  for await (const r of store.iterate(window)) {
    const typeOk = !onlyTypes?.length || onlyTypes.includes(r.type);
    const sourceOk = !onlySources?.length || onlySources.includes(r.source);
    if (sourceOk) bump(types, r.type);
    if (typeOk) bump(sources, r.source);
    if (typeOk && sourceOk) {
      total++;
      bump(years, localDay(r.occurredAt, timeZone).slice(0, 4));
    }
  }
  const counts = (m: Map<string, number>) => sortCounts([...m].map(([value, count]) => ({ value, count })));
  return { total, types: counts(types), sources: counts(sources), years: [...years].sort(([a], [b]) => (a < b ? -1 : 1)).map(([value, count]) => ({ value, count })) };
}

async function facetsOf(store: RecordStore, f: Filter, timeZone: string): Promise<NonNullable<TimelineResult['facets']>> {
  const { types: _t, sources: _s2, ...window } = f;
  if (Object.keys(window).length > 0 && (await store.count(window)) <= ONE_PASS_LIMIT) return facetsByReading(store, f, timeZone);
  const { types: _t2, ...withoutTypes } = f;
  const { sources: _s, ...withoutSources } = f;
  const known = await presentIn(store);
  let types: Count[];
  let sources: Count[];
  if (Object.keys(f).length === 0) {
    // Nothing filters the feed: one pass gives both (the store's own per-type and per-source counts).
    const stats = known.stats ?? (await store.stats());
    types = sortCounts(Object.entries(stats.byType).map(([value, count]) => ({ value, count })));
    sources = sortCounts(Object.entries(stats.bySource).map(([value, count]) => ({ value, count })));
  } else {
    types = await countsBy(store, withoutTypes, 'types', known.types);
    sources = await countsBy(store, withoutSources, 'sources', known.sources);
  }
  const years: Count[] = [];
  const [first] = (await store.query({ ...f, limit: 1, order: 'asc' })).records;
  const [last] = (await store.query({ ...f, limit: 1, order: 'desc' })).records;
  if (first && last) {
    for (let y = Number(localDay(first.occurredAt, timeZone).slice(0, 4)); y <= Number(localDay(last.occurredAt, timeZone).slice(0, 4)); y++) {
      const count = await store.count(within(f, dayStart(`${y}-01-01`, timeZone), dayStart(`${y + 1}-01-01`, timeZone)));
      if (count > 0) years.push({ value: String(y), count });
    }
  }
  const total = types.filter((t) => !f.types?.length || f.types.includes(t.value as RecordType)).reduce((sum, t) => sum + t.count, 0);
  return { total, types, sources, years };
}

async function daySummary(store: RecordStore, f: Filter, day: string, timeZone: string): Promise<DaySummary> {
  const byType: Record<string, number> = {};
  const money = new Map<string, { currency: string; inMinor: number; outMinor: number }>();
  let total = 0;
  let energyWh = 0;
  for await (const r of store.iterate(within(f, dayStart(day, timeZone), dayStart(nextDate(day), timeZone)))) {
    total++;
    byType[r.type] = (byType[r.type] ?? 0) + 1;
    const s = summariseRecord(r);
    if (r.type === 'bank.transaction' && s.amount) {
      const m = money.get(s.amount.currency) ?? { currency: s.amount.currency, inMinor: 0, outMinor: 0 };
      if (s.amount.amountMinor >= 0) m.inMinor += s.amount.amountMinor;
      else m.outMinor -= s.amount.amountMinor;
      money.set(m.currency, m);
    }
    if (s.energyWh !== undefined && (r.data as { kind?: string }).kind === 'interval') energyWh += s.energyWh;
  }
  return { period: day, total, byType, money: [...money.values()], energyWh: Math.round(energyWh) };
}

async function monthSummary(store: RecordStore, f: Filter, month: string, timeZone: string): Promise<PeriodSummary> {
  const range = within(f, dayStart(`${month}-01`, timeZone), dayStart(`${nextMonth(month)}-01`, timeZone));
  const byType: Record<string, number> = {};
  let total = 0;
  for (const t of f.types?.length ? f.types : RECORD_TYPES) {
    const n = await store.count({ ...range, types: [t] });
    if (n > 0) byType[t] = n;
    total += n;
  }
  return { period: month, total, byType };
}

function entryOf(r: StoredRecord, timeZone: string): TimelineEntry {
  return { id: r.id, type: r.type, source: r.source, occurredAt: r.occurredAt, day: localDay(r.occurredAt, timeZone), ...summariseRecord(r) };
}

/** One page of the timeline, with facets (cached until the next commit) and the summaries of the days and months it shows. */
export async function computeTimeline(store: RecordStore, i: TimelineInput): Promise<TimelineResult> {
  const f = filterOf(i);
  const page = await store.query({ ...f, limit: i.limit, order: i.order, ...(i.cursor ? { cursor: i.cursor } : {}) });
  const entries = page.records.map((r) => entryOf(r, i.timeZone));
  const days = [...new Set(entries.map((e) => e.day))];
  const months = [...new Set(days.map((d) => d.slice(0, 7)))];
  const key = JSON.stringify([f, i.timeZone]);
  const facets = i.facets ? await cachedByVersion(store, `timeline.facets:${key}`, () => facetsOf(store, f, i.timeZone)) : null;
  return {
    entries,
    nextCursor: page.nextCursor,
    timeZone: i.timeZone,
    facets,
    days: await Promise.all(days.map((d) => cachedByVersion(store, `timeline.day:${d}:${key}`, () => daySummary(store, f, d, i.timeZone)))),
    months: await Promise.all(months.map((m) => cachedByVersion(store, `timeline.month:${m}:${key}`, () => monthSummary(store, f, m, i.timeZone)))),
  };
}
