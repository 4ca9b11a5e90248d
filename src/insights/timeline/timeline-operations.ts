import { z } from 'zod';
import { formatMoney, formatMoneyDecimal } from '../../domain/money.ts';
import { recordTypeSchema, RECORD_TYPES } from '../../domain/record.ts';
import { defineOperation, type AnyOperation } from '../../operations/operation.ts';
import { dateInputSchema, listOf } from '../../operations/schemas.ts';
import { computeTimeline } from './timeline.ts';

const countSchema = z.object({ value: z.string(), count: z.number().int() });
const periodSummaryShape = { period: z.string(), total: z.number().int(), byType: z.record(z.string(), z.number().int()) };

const TIME_ZONES = new Set([...Intl.supportedValuesOf('timeZone'), 'UTC']);
const timeZoneSchema = z.string().refine((tz) => TIME_ZONES.has(tz), 'expected an IANA time zone like Europe/Paris');

export const insightsTimeline = defineOperation({
  name: 'insights.timeline',
  summary: 'Every record in one chronological feed, with search, facets by type, source and year, and day and month summaries',
  permission: 'owner',
  mutates: false,
  input: z.object({
    from: dateInputSchema.optional(),
    to: dateInputSchema.optional(),
    search: z.string().optional(),
    type: listOf(recordTypeSchema).optional(),
    source: listOf(z.string()).optional(),
    limit: z.coerce.number().int().min(1).max(500).default(50),
    cursor: z.string().optional(),
    order: z.enum(['asc', 'desc']).default('desc'),
    timeZone: timeZoneSchema.default('Europe/Paris'),
    facets: z.boolean().default(true),
  }),
  output: z.object({
    entries: z.array(
      z.object({
        id: z.string(),
        type: z.enum(RECORD_TYPES as [string, ...string[]]),
        source: z.string(),
        occurredAt: z.string(),
        day: z.string(),
        title: z.string(),
        amount: z.object({ amountMinor: z.number().int(), currency: z.string() }).optional(),
        energyWh: z.number().optional(),
      }),
    ),
    nextCursor: z.string().nullable(),
    timeZone: z.string(),
    facets: z.object({ total: z.number().int(), types: z.array(countSchema), sources: z.array(countSchema), years: z.array(countSchema) }).nullable(),
    days: z.array(z.object({ ...periodSummaryShape, money: z.array(z.object({ currency: z.string(), inMinor: z.number().int(), outMinor: z.number().int() })), energyWh: z.number() })),
    months: z.array(z.object(periodSummaryShape)),
  }),
  cli: {
    command: ['insights', 'timeline'],
    help: {
      from: 'from this date (inclusive)',
      to: 'until this date (exclusive)',
      search: 'words to find',
      type: 'record types, comma-separated',
      source: 'sources, comma-separated',
      cursor: 'the cursor a previous page gave',
      order: 'desc: newest first (default); asc: oldest first',
      timeZone: 'time zone of days and months (default Europe/Paris)',
      facets: 'count by type, source and year over the whole feed',
    },
    render: (o) => {
      const lines: string[] = [];
      if (o.facets) {
        lines.push(`${o.facets.total} records · ${o.facets.types.map((t) => `${t.value} ${t.count}`).join(', ')}`);
        lines.push(`years: ${o.facets.years.map((y) => `${y.value} ${y.count}`).join(', ')}`);
      }
      const byDay = new Map(o.days.map((d) => [d.period, d]));
      let day = '';
      for (const e of o.entries) {
        if (e.day !== day) {
          day = e.day;
          const s = byDay.get(day);
          const money = s?.money.map((m) => `+${formatMoneyDecimal({ amountMinor: m.inMinor, currency: m.currency })} −${formatMoneyDecimal({ amountMinor: m.outMinor, currency: m.currency })} ${m.currency}`).join(' ');
          lines.push('', `${day} — ${s?.total ?? '?'} records${money ? ` · ${money}` : ''}${s?.energyWh ? ` · ${(s.energyWh / 1000).toFixed(1)} kWh` : ''}`);
        }
        const amount = e.amount ? ` ${formatMoney(e.amount)}` : '';
        lines.push(`  ${e.occurredAt.slice(11, 16)}  ${e.type.padEnd(18)} ${e.title}${amount}`);
      }
      if (o.nextCursor) lines.push('', `more: --cursor ${o.nextCursor}`);
      return lines.join('\n');
    },
  },
  handler: async (ctx, i) =>
    computeTimeline(ctx.vault.store, {
      ...(i.from ? { from: i.from } : {}),
      ...(i.to ? { to: i.to } : {}),
      ...(i.search ? { search: i.search } : {}),
      ...(i.type ? { types: i.type } : {}),
      ...(i.source ? { sources: i.source } : {}),
      ...(i.cursor ? { cursor: i.cursor } : {}),
      limit: i.limit,
      order: i.order,
      timeZone: i.timeZone,
      facets: i.facets,
    }),
});

export const timelineOperations: AnyOperation[] = [insightsTimeline] as unknown as AnyOperation[];
