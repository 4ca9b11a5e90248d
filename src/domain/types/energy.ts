import { z } from 'zod';
import { moneySchema } from '../money.ts';
import { instantSchema, toEpochMs } from '../time.ts';
import { nonEmpty } from './common.ts';

/**
 * `energy.reading` — one measurement from a meter, with units kept honest:
 * - `interval`: energy over [start, end). Electricity in Wh (`energyWh`); the average
 *   power the meter reported may be kept beside it (`averagePowerW`). Gas in m³
 *   (`volumeM3`) and, where the supplier converts, kWh as `energyWh` with the factor.
 * - `index`: a cumulative register read at `end` (`indexWh` or `indexM3`).
 * - `max_power`: the maximum power reached over [start, end) (`maxPowerW` or `maxPowerVA`).
 * Example: an Enedis 30-minute point of 1,200 W ending 10:30 local time is
 * { kind: 'interval', start: …09:00Z, end: …09:30Z, averagePowerW: 1200, energyWh: 600 }.
 */
export const energyReadingSchema = z
  .strictObject({
    /** Meter or delivery point id: Enedis PRM/PDL, GRDF PCE. */
    meterId: nonEmpty,
    commodity: z.enum(['electricity', 'gas', 'water', 'heat']),
    direction: z.enum(['consumption', 'production']).default('consumption'),
    kind: z.enum(['interval', 'index', 'max_power']),
    start: instantSchema.optional(),
    end: instantSchema,
    energyWh: z.number().finite().optional(),
    averagePowerW: z.number().finite().optional(),
    maxPowerW: z.number().finite().optional(),
    maxPowerVA: z.number().finite().optional(),
    /** For `max_power`: the instant the maximum was reached, when the source gives it. */
    maxPowerAt: instantSchema.optional(),
    volumeM3: z.number().finite().optional(),
    volumeL: z.number().finite().optional(),
    indexWh: z.number().finite().optional(),
    indexM3: z.number().finite().optional(),
    /** Gas conversion factor (kWh per m³) the supplier applied. */
    conversionKWhPerM3: z.number().positive().optional(),
    quality: z.enum(['measured', 'estimated', 'corrected', 'missing']).default('measured'),
    /** Tariff period the reading counts in (HP, HC, base, Tempo colours…). */
    tariffPeriod: z.string().optional(),
  })
  .superRefine((r, ctx) => {
    const has = (...k: (keyof typeof r)[]) => k.some((key) => r[key] !== undefined);
    if (r.kind === 'interval') {
      if (!r.start) ctx.addIssue({ code: 'custom', path: ['start'], message: 'an interval reading needs a start' });
      if (!has('energyWh', 'averagePowerW', 'volumeM3', 'volumeL'))
        ctx.addIssue({ code: 'custom', path: ['energyWh'], message: 'an interval reading needs energyWh, averagePowerW, volumeM3 or volumeL' });
    }
    if (r.kind === 'index' && !has('indexWh', 'indexM3'))
      ctx.addIssue({ code: 'custom', path: ['indexWh'], message: 'an index reading needs indexWh or indexM3' });
    if (r.kind === 'max_power' && !has('maxPowerW', 'maxPowerVA'))
      ctx.addIssue({ code: 'custom', path: ['maxPowerW'], message: 'a max_power reading needs maxPowerW or maxPowerVA' });
    if (r.start && toEpochMs(r.start) > toEpochMs(r.end)) ctx.addIssue({ code: 'custom', path: ['end'], message: 'end is before start' });
  });

/**
 * `telecom.usage` — a call, message, data session or billed line item from an operator's
 * detailed bill (CDR). Durations in seconds, data in bytes.
 */
export const telecomUsageSchema = z.strictObject({
  /** The person's line (MSISDN in E.164 or the operator's line id). */
  line: nonEmpty,
  kind: z.enum(['call', 'sms', 'mms', 'data', 'subscription', 'other']),
  direction: z.enum(['incoming', 'outgoing']).optional(),
  /** The other party's number, as given. */
  counterpart: z.string().optional(),
  start: instantSchema,
  durationS: z.number().nonnegative().optional(),
  dataBytes: z.number().int().nonnegative().optional(),
  count: z.number().int().positive().optional(),
  roaming: z.boolean().optional(),
  country: z.string().optional(),
  cost: moneySchema.optional(),
  included: z.boolean().optional(),
});
