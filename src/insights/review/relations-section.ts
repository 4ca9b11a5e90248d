import type { RecordStore } from '../../store/record-store.ts';
import { computeRelations } from '../relations/relations.ts';
import type { RelationsResult } from '../relations/relations-schema.ts';
import { figure, monthRange, trio, type ReviewPeriods } from './review-figures.ts';
import type { ReviewSection } from './review-schema.ts';

/**
 * The month's people, from `insights.relations`: interactions by channel and how many
 * people, the ones most in touch, the ones met for the first time, and how many have not
 * been heard from for six months at the end of the month.
 */
export async function relationsSection(store: RecordStore, p: ReviewPeriods): Promise<ReviewSection | { missing: string }> {
  const [now, previous, lastYear, untilEnd] = await Promise.all([
    computeRelations(store, monthRange(p.month)),
    computeRelations(store, monthRange(p.previousMonth)),
    computeRelations(store, monthRange(p.sameMonthLastYear)),
    computeRelations(store, { to: monthRange(p.month).to }),
  ]);
  if (now.totals.interactions === 0) return { missing: `no call, message or calendar event with someone in ${p.month}` };
  const seen = (r: RelationsResult) => (r.totals.interactions > 0 ? r.totals : null);
  const three = (pick: (t: RelationsResult['totals']) => number) => trio(now.totals, seen(previous), seen(lastYear), pick);
  const figures = [
    figure('relations.interactions', 'Interactions with people', 'count', three((t) => t.interactions)),
    figure('relations.calls', 'Calls', 'count', three((t) => t.calls)),
    figure('relations.callMinutes', 'Time on the phone', 'minutes', three((t) => t.callMinutes)),
    figure('relations.messages', 'Messages', 'count', three((t) => t.messages)),
    figure('relations.meetings', 'Calendar events with people', 'count', three((t) => t.meetings)),
    figure('relations.peopleInTouch', 'People in touch', 'count', three((t) => t.peopleInTouch)),
  ];
  const { from, to } = monthRange(p.month);
  const firstTime = untilEnd.people.filter((x) => x.first !== null && x.first >= from && x.first < to).map((x) => x.name);
  const top = now.people.filter((x) => x.interactions > 0).slice(0, 3);
  const notes = [
    `Most in touch: ${top.map((x) => `${x.name} (${x.interactions})`).join(', ')}.`,
    ...(firstTime.length ? [`First time in touch: ${firstTime.join(', ')}.`] : []),
    ...(untilEnd.lostTouch.length ? [`${untilEnd.lostTouch.length} people not heard from for ${untilEnd.lostAfterDays} days or more, ${untilEnd.lostTouch[0]!.name} first among them.`] : []),
  ];
  return { id: 'relations', title: 'People', from: 'insights.relations', figures, notes };
}
