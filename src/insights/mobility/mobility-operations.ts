import { z } from 'zod';
import { defineOperation, type AnyOperation } from '../../operations/operation.ts';
import { periodInput } from '../energy/energy-operations.ts';
import { mobilityInsight, mobilityResultSchema, type MobilityResult } from './mobility-report.ts';

function render(o: MobilityResult): string {
  const t = o.time;
  const pct = (s: number) => `${Math.round(s * 1000) / 10} %`;
  const lines = [
    `Mobility from ${o.period.from} to ${o.period.to} (${o.period.timeZone})`,
    `  at home ${pct(t.home.share)}, at work ${pct(t.work.share)}, elsewhere ${pct(t.elsewhere.share)}, moving ${pct(t.moving.share)}, unrecorded ${pct(t.unrecorded.share)}`,
    `  distance: ${o.totalKm} km — ${o.distanceByMode.map((d) => `${d.mode} ${d.km} km`).join(', ') || 'none recorded'}`,
    '  most visited places:',
    ...o.places.map((p) => `    ${String(p.visits).padStart(5)} visits  ${String(Math.round(p.hours)).padStart(6)} h  ${p.name ?? `(${p.lat}, ${p.lon})`}${p.kind !== 'other' ? ` [${p.kind}]` : ''}`),
  ];
  return lines.join('\n');
}

export const insightsMobility = defineOperation({
  name: 'insights.mobility',
  summary: 'Mobility: time at home, at work and elsewhere, distance travelled by mode, most visited places',
  permission: 'owner',
  mutates: false,
  input: z.object({ ...periodInput, top: z.coerce.number().int().min(1).max(100).default(10) }),
  output: mobilityResultSchema,
  cli: {
    command: ['insights', 'mobility'],
    help: { from: 'first day (default: a year before --to)', to: 'day after the last (default: after the last visit)', top: 'how many places to list' },
    render,
  },
  handler: async (ctx, i) => mobilityInsight(ctx.vault.store, { ...(i.from ? { from: i.from } : {}), ...(i.to ? { to: i.to } : {}), timeZone: i.timeZone, top: i.top }),
});

export const mobilityOperations: AnyOperation[] = [insightsMobility];
