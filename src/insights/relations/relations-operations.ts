import { z } from 'zod';
import { defineOperation, type AnyOperation } from '../../operations/operation.ts';
import { dateInputSchema } from '../../operations/schemas.ts';
import { computeRelations } from './relations.ts';
import { relationsSchema } from './relations-schema.ts';

/**
 * `insights.relations` — who the person is in touch with: `mesinfos insights relations
 * [--from D] [--to D] [--lost-after-days N] [--json]`, GET /api/me/insights/relations.
 */
export const insightsRelations = defineOperation({
  name: 'insights.relations',
  summary: 'Relations: who you are in touch with (calls, messages, calendar events), how often, the trend, who you lost touch with; contacts merged across address books',
  permission: 'owner',
  mutates: false,
  input: z.object({
    from: dateInputSchema.optional(),
    to: dateInputSchema.optional(),
    lostAfterDays: z.coerce.number().int().min(1).max(3650).default(180),
    limit: z.coerce.number().int().min(1).max(10_000).optional(),
  }),
  output: relationsSchema,
  cli: {
    command: ['insights', 'relations'],
    help: {
      from: 'from this date (inclusive)',
      to: 'until this date (exclusive)',
      lostAfterDays: 'no contact for this many days is “lost touch” (default 180)',
      limit: 'show only the first N people',
    },
    render: (o) => {
      const t = o.totals;
      const head = `${o.from.slice(0, 10)} → ${o.to.slice(0, 10)}: ${t.interactions} interactions (${t.calls} calls, ${t.callMinutes} min; ${t.messages} messages; ${t.meetings} events) with ${t.peopleInTouch} of ${t.people} people (${t.mergedPeople} merged from several address books).`;
      const rows = o.people
        .filter((p) => p.interactions > 0)
        .slice(0, 15)
        .map((p) => `  ${p.name.padEnd(26)} ${String(p.interactions).padStart(6)}  ${p.perMonth.toFixed(1).padStart(6)}/month  ${p.trend.kind}`);
      const lost = o.lostTouch.slice(0, 10).map((p) => `  ${p.name} — last ${p.last.slice(0, 10)} (${p.daysSince} days)`);
      return [head, 'Most in touch:', ...rows, ...(lost.length ? [`Not in touch for ${o.lostAfterDays}+ days:`, ...lost] : [])].join('\n');
    },
  },
  handler: async (ctx, i) => {
    const r = await computeRelations(ctx.vault.store, { ...(i.from ? { from: i.from } : {}), ...(i.to ? { to: i.to } : {}), lostAfterDays: i.lostAfterDays });
    return i.limit === undefined ? r : { ...r, people: r.people.slice(0, i.limit) };
  },
});

export const relationsOperations: AnyOperation[] = [insightsRelations] as unknown as AnyOperation[];
