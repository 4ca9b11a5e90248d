import { toEpochMs } from '../../domain/time.ts';
import type { RecordStore } from '../../store/record-store.ts';
import { cachedByVersion } from '../insight-cache.ts';
import { buildInteractionIndex, type Interaction, type InteractionIndex } from './interaction-index.ts';
import type { RelationPerson, RelationsResult } from './relations-schema.ts';

/**
 * Who the person interacts with over a period [from, to): counts per person and channel,
 * the trend, the people they lost touch with. `from` and `to` are dates or instants
 * (`to` exclusive); without them the period spans all the data.
 * Example: computeRelations(store, { from: '2025-01-01', to: '2026-01-01' }).
 */
export interface RelationsOptions {
  from?: string;
  to?: string;
  /** No interaction for this many days before `asOf` counts as lost touch (default 180). */
  lostAfterDays?: number;
}

const DAY = 86_400_000;
const YEAR_DAYS = 365;

/** The interaction index of a vault, built once per data version. */
export function interactionIndex(store: RecordStore): Promise<InteractionIndex> {
  return cachedByVersion(store, 'relations:index', () => buildInteractionIndex(store));
}

export async function computeRelations(store: RecordStore, opts: RelationsOptions = {}): Promise<RelationsResult> {
  const lostAfterDays = opts.lostAfterDays ?? 180;
  return cachedByVersion(store, `relations:${opts.from ?? ''}|${opts.to ?? ''}|${lostAfterDays}`, async () => relationsOf(await interactionIndex(store), opts.from, opts.to, lostAfterDays));
}

/** First index whose interaction is at or after `ms` (interactions are sorted). */
function lowerBound(xs: Interaction[], ms: number): number {
  let lo = 0;
  let hi = xs.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (xs[mid]!.ms < ms) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

interface Tally {
  interactions: number;
  calls: number;
  callSeconds: number;
  messages: number;
  meetings: number;
  outgoing: number;
  first: number | null;
  last: number | null;
}

const emptyTally = (): Tally => ({ interactions: 0, calls: 0, callSeconds: 0, messages: 0, meetings: 0, outgoing: 0, first: null, last: null });

function add(t: Tally, x: Interaction): void {
  t.interactions++;
  if (x.channel === 'call') {
    t.calls++;
    t.callSeconds += x.durationS;
  } else if (x.channel === 'message') t.messages++;
  else t.meetings++;
  if (x.outgoing && x.channel !== 'meeting') t.outgoing++;
  t.first ??= x.ms;
  t.last = x.ms;
}

const counts = (t: Tally) => ({ interactions: t.interactions, calls: t.calls, callMinutes: Math.round(t.callSeconds / 60), messages: t.messages, meetings: t.meetings, outgoing: t.outgoing });

export function relationsOf(index: InteractionIndex, from: string | undefined, to: string | undefined, lostAfterDays: number): RelationsResult {
  const all = index.interactions;
  const fromMs = from ? toEpochMs(from) : Math.floor((all[0]?.ms ?? index.horizonMs - DAY) / DAY) * DAY;
  const toMs = to ? toEpochMs(to) : Math.ceil(index.horizonMs / DAY) * DAY;
  const asOfMs = Math.min(toMs, index.horizonMs);
  const windowDays = Math.max(1, Math.min(YEAR_DAYS, Math.floor((toMs - fromMs) / DAY / 2)));
  const recentFrom = toMs - windowDays * DAY;
  const previousFrom = recentFrom - windowDays * DAY;

  const tallies = index.people.map(emptyTally);
  const recent = new Array<number>(index.people.length).fill(0);
  const previous = new Array<number>(index.people.length).fill(0);
  const total = emptyTally();
  const unmatched = new Map<string, { value: string; channel: Interaction['channel']; interactions: number }>();
  const months = new Map<string, { interactions: number; people: Set<number> }>();
  for (let i = lowerBound(all, fromMs); i < all.length && all[i]!.ms < toMs; i++) {
    const x = all[i]!;
    add(total, x);
    const month = new Date(x.ms).toISOString().slice(0, 7);
    const m = months.get(month) ?? { interactions: 0, people: new Set<number>() };
    m.interactions++;
    months.set(month, m);
    if (x.person < 0) {
      const key = `${x.channel}\u0000${x.unmatched ?? '?'}`;
      const u = unmatched.get(key) ?? { value: x.unmatched ?? '?', channel: x.channel, interactions: 0 };
      u.interactions++;
      unmatched.set(key, u);
      continue;
    }
    m.people.add(x.person);
    add(tallies[x.person]!, x);
    if (x.ms >= recentFrom) recent[x.person]!++;
    else if (x.ms >= previousFrom) previous[x.person]!++;
  }

  const monthsSpanned = Math.max(1, (toMs - fromMs) / (DAY * 30.4375));
  const people: RelationPerson[] = index.people.map((p, i) => {
    const t = tallies[i]!;
    return {
      id: p.id,
      name: p.name,
      ...counts(t),
      perMonth: Math.round((t.interactions / monthsSpanned) * 100) / 100,
      first: t.first === null ? null : new Date(t.first).toISOString(),
      last: t.last === null ? null : new Date(t.last).toISOString(),
      trend: trendOf(recent[i]!, previous[i]!, windowDays),
      cards: p.cards.map((c) => ({ recordId: c.recordId, source: c.source, fullName: c.fullName })),
      evidence: p.evidence,
    };
  });
  people.sort((a, b) => b.interactions - a.interactions || a.name.localeCompare(b.name));

  const lostBefore = asOfMs - lostAfterDays * DAY;
  const lostTouch = people
    .filter((p) => p.last !== null && Date.parse(p.last) < lostBefore)
    .map((p) => ({ id: p.id, name: p.name, last: p.last!, daysSince: Math.floor((asOfMs - Date.parse(p.last!)) / DAY), interactions: p.interactions }))
    .sort((a, b) => b.interactions - a.interactions || a.daysSince - b.daysSince);

  return {
    from: new Date(fromMs).toISOString(),
    to: new Date(toMs).toISOString(),
    asOf: new Date(asOfMs).toISOString(),
    totals: {
      ...counts(total),
      people: index.people.length,
      peopleInTouch: people.filter((p) => p.interactions > 0).length,
      mergedPeople: index.people.filter((p) => p.cards.length > 1).length,
      cards: index.read.contacts,
    },
    people,
    lostTouch,
    lostAfterDays,
    unmatched: [...unmatched.values()].sort((a, b) => b.interactions - a.interactions || a.value.localeCompare(b.value)),
    byMonth: [...months].sort(([a], [b]) => a.localeCompare(b)).map(([month, m]) => ({ month, interactions: m.interactions, people: m.people.size })),
  };
}

function trendOf(recent: number, previous: number, windowDays: number): RelationPerson['trend'] {
  const kind: RelationPerson['trend']['kind'] =
    recent === 0 && previous === 0
      ? 'none'
      : previous === 0
        ? 'new'
        : recent === 0
          ? 'stopped'
          : recent >= previous * 1.25 && recent - previous >= 3
            ? 'rising'
            : recent <= previous * 0.75 && previous - recent >= 3
              ? 'falling'
              : 'steady';
  return { kind, recent, previous, windowDays };
}
