import { z } from 'zod';
import { MesInfosError } from '../../domain/errors.ts';
import { formatMoney } from '../../domain/money.ts';
import { defineOperation, type AnyOperation } from '../../operations/operation.ts';
import { dateInputSchema, listOf } from '../../operations/schemas.ts';
import { energyInsight } from './energy-report.ts';
import { energyResultSchema, type EnergyResult } from './energy-schema.ts';
import { DEFAULT_TARIFF, type Tariff } from './tariff.ts';

/** The period options every insight of this folder takes. */
export const periodInput = {
  from: dateInputSchema.optional(),
  to: dateInputSchema.optional(),
  timeZone: z.string().default('Europe/Paris'),
};

const price = z.coerce.number().nonnegative();

/**
 * A tariff stated in currency units, as a person reads it on an offer: `--subscription 15.47
 * --price 0.1952`, or with `--off-peak-price` and `--peak-price` (and `--off-peak` windows).
 */
export function tariffFromInput(i: { subscriptionPerMonth?: number | undefined; pricePerKwh?: number | undefined; offPeakPricePerKwh?: number | undefined; peakPricePerKwh?: number | undefined; offPeak?: string[] | undefined }): Tariff {
  const custom = [i.subscriptionPerMonth, i.pricePerKwh, i.offPeakPricePerKwh, i.peakPricePerKwh].some((v) => v !== undefined);
  if (!custom) return DEFAULT_TARIFF;
  if ((i.offPeakPricePerKwh === undefined) !== (i.peakPricePerKwh === undefined))
    throw new MesInfosError('INPUT_INVALID', 'An off-peak tariff needs both prices: --off-peak-price-per-kwh and --peak-price-per-kwh.', { field: i.offPeakPricePerKwh === undefined ? 'offPeakPricePerKwh' : 'peakPricePerKwh' });
  const perKWh = i.pricePerKwh ?? (i.peakPricePerKwh !== undefined ? i.peakPricePerKwh : DEFAULT_TARIFF.priceMinorPerKWh / 100);
  return {
    name: 'your tariff',
    currency: 'EUR',
    subscriptionMinorPerMonth: (i.subscriptionPerMonth ?? DEFAULT_TARIFF.subscriptionMinorPerMonth / 100) * 100,
    priceMinorPerKWh: perKWh * 100,
    ...(i.offPeakPricePerKwh !== undefined && i.peakPricePerKwh !== undefined
      ? { offPeak: { windows: i.offPeak ?? ['22:00-06:00'], offPeakPriceMinorPerKWh: i.offPeakPricePerKwh * 100, peakPriceMinorPerKWh: i.peakPricePerKwh * 100 } }
      : {}),
  };
}

const kwh = (n: number) => `${n.toLocaleString('en-GB', { maximumFractionDigits: 1 })} kWh`;

function render(o: EnergyResult): string {
  const lines = [`Energy from ${o.period.from} to ${o.period.to} (${o.period.timeZone})`];
  if (o.series.length === 0) return `${lines[0]}\nNo energy readings in the vault.`;
  for (const s of o.series) {
    lines.push('', `${s.commodity} (${s.direction}): ${kwh(s.kWh)}${s.volumeM3 !== undefined ? `, ${s.volumeM3} m³` : ''}`);
    if (s.yearOverYear) lines.push(`  a year before: ${kwh(s.yearOverYear.previousKWh)}${s.yearOverYear.changePct !== null ? ` (${s.yearOverYear.changePct > 0 ? '+' : ''}${s.yearOverYear.changePct} %)` : ''}`);
    if (s.past.rank !== null) lines.push(`  your past: ${s.past.of} comparable years, average ${kwh(s.past.averageKWh ?? 0)}; this period ranks ${s.past.rank} of ${s.past.of} (1 = lowest)`);
    if (s.intraday) {
      const d = s.intraday;
      lines.push(`  base load ${d.baseLoadW} W (${Math.round(d.baseLoadShare * 100)} % of the energy); peak hours ${d.peakHours.map((p) => `${p.hour}h (${p.averageW} W)`).join(', ')}`);
      lines.push(`  off-peak ${d.offPeak.windows.join(', ')}: ${kwh(d.offPeak.kWh)} (${Math.round(d.offPeak.share * 100)} %), peak ${kwh(d.peakKWh)}`);
    }
    if (s.cost) lines.push(`  cost under ${s.cost.tariff}: ${formatMoney({ amountMinor: s.cost.totalMinor, currency: s.cost.currency })}`);
    lines.push('  month     kWh       vs last year');
    for (const m of s.monthly) lines.push(`  ${m.month}  ${m.kWh.toFixed(1).padStart(8)}  ${m.changePct === null ? '' : `${m.changePct > 0 ? '+' : ''}${m.changePct} %`}`);
  }
  return lines.join('\n');
}

export const insightsEnergy = defineOperation({
  name: 'insights.energy',
  summary: 'Energy: kWh per day, month and year, base load, peak hours, off-peak split, year-over-year change, estimated cost, comparison with your own past',
  permission: 'owner',
  mutates: false,
  input: z.object({
    ...periodInput,
    offPeak: listOf(z.string()).optional(),
    subscriptionPerMonth: price.optional(),
    pricePerKwh: price.optional(),
    offPeakPricePerKwh: price.optional(),
    peakPricePerKwh: price.optional(),
  }),
  output: energyResultSchema,
  cli: {
    command: ['insights', 'energy'],
    help: {
      from: 'first day (default: a year before --to)',
      to: 'day after the last (default: after the last reading)',
      timeZone: 'your time zone',
      offPeak: 'off-peak window, e.g. 22:00-06:00',
      subscriptionPerMonth: 'tariff: subscription per month, in euros (default: Tarif Bleu Base 6 kVA)',
      pricePerKwh: 'tariff: price per kWh, in euros',
      offPeakPricePerKwh: 'tariff: off-peak price per kWh, in euros',
      peakPricePerKwh: 'tariff: peak price per kWh, in euros',
    },
    render,
  },
  handler: async (ctx, i) =>
    energyInsight(ctx.vault.store, {
      ...(i.from ? { from: i.from } : {}),
      ...(i.to ? { to: i.to } : {}),
      timeZone: i.timeZone,
      ...(i.offPeak ? { offPeak: i.offPeak } : {}),
      tariff: tariffFromInput(i),
    }),
});

export const energyOperations: AnyOperation[] = [insightsEnergy];
