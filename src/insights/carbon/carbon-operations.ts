import { defineOperation, type AnyOperation } from '../../operations/operation.ts';
import { periodInput } from '../energy/energy-operations.ts';
import { carbonInsight, carbonResultSchema, type CarbonResult } from './carbon-report.ts';
import { z } from 'zod';

const t = (kg: number) => `${(kg / 1000).toLocaleString('en-GB', { maximumFractionDigits: 2 })} t CO2e`;

function render(o: CarbonResult): string {
  return [
    `Carbon footprint from ${o.period.from} to ${o.period.to}: ${t(o.totalKg)}`,
    `  ${Math.round(o.measuredShare * 100)} % from measured data (meters, tracks), ${100 - Math.round(o.measuredShare * 100)} % from spending with monetary factors`,
    ...o.byHeading.map((h) => `  ${h.heading.padEnd(22)} ${t(h.kg).padStart(16)}  ${Math.round(h.share * 100)} %`),
    ...(o.years.length > 1 ? ['  by year:', ...o.years.map((y) => `    ${y.year} (${y.from} → ${y.to}): ${t(y.totalKg)}`)] : []),
    ...(o.notCounted.length ? ['  not counted:', ...o.notCounted.map((n) => `    ${n.what}: ${n.quantity} ${n.unit} — ${n.reason}`)] : []),
  ].join('\n');
}

export const insightsCarbon = defineOperation({
  name: 'insights.carbon',
  summary: 'Carbon footprint: electricity and gas from the meters, transport from tracks, the rest from spending by category; yearly total, by heading, measured vs estimated share',
  permission: 'owner',
  mutates: false,
  input: z.object(periodInput),
  output: carbonResultSchema,
  cli: {
    command: ['insights', 'carbon'],
    help: { from: 'first day (default: a year before --to)', to: 'day after the last (default: after the last energy reading)' },
    render,
  },
  handler: async (ctx, i) => carbonInsight(ctx.vault.store, { ...(i.from ? { from: i.from } : {}), ...(i.to ? { to: i.to } : {}), timeZone: i.timeZone }),
});

export const carbonOperations: AnyOperation[] = [insightsCarbon];
