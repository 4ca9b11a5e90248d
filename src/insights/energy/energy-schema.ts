import { z } from 'zod';
import { tariffCostSchema } from './tariff.ts';

/** Output of `insights.energy` (figures in kWh rounded to Wh, powers in W, volumes in m³). */
const amounts = { kWh: z.number(), volumeM3: z.number().optional() };

export const energySeriesResultSchema = z.object({
  commodity: z.enum(['electricity', 'gas', 'water', 'heat']),
  direction: z.enum(['consumption', 'production']),
  meters: z.array(z.string()),
  ...amounts,
  daily: z.array(z.object({ date: z.string(), ...amounts })),
  monthly: z.array(
    z.object({
      month: z.string(),
      ...amounts,
      /** Whether the period and the data cover the whole month. */
      complete: z.boolean(),
      sameMonthLastYearKWh: z.number().nullable(),
      changePct: z.number().nullable(),
    }),
  ),
  yearly: z.array(z.object({ year: z.string(), ...amounts, complete: z.boolean() })),
  /** The same dates a year before, when the data covers them. */
  yearOverYear: z.object({ previousKWh: z.number(), changePct: z.number().nullable() }).nullable(),
  /** The same dates in every earlier year the data covers: the person's own past. */
  past: z.object({
    years: z.array(z.object({ from: z.string(), kWh: z.number() })),
    averageKWh: z.number().nullable(),
    /** 1 = this period is the lowest of all years compared (this one included). */
    rank: z.number().int().nullable(),
    of: z.number().int(),
  }),
  /** From intraday readings (a load curve); absent when the series has none in the period. */
  intraday: z
    .object({
      /** Median over the nights of the lowest half-hour average power between 00:00 and 05:00 local. */
      baseLoadW: z.number(),
      nights: z.number().int(),
      /** Share of the period's energy the base load accounts for, running all day. */
      baseLoadShare: z.number(),
      /** Average power by local hour of the day (0–23). */
      hourlyAverageW: z.array(z.number()),
      peakHours: z.array(z.object({ hour: z.number().int(), averageW: z.number() })),
      maxDemand: z.object({ powerW: z.number(), at: z.string() }),
      offPeak: z.object({ windows: z.array(z.string()), kWh: z.number(), share: z.number() }),
      peakKWh: z.number(),
      /** Energy from longer readings (daily, monthly) that cannot be placed in hours. */
      unplacedKWh: z.number(),
    })
    .optional(),
  cost: tariffCostSchema.optional(),
});

export const energyResultSchema = z.object({
  period: z.object({ from: z.string(), to: z.string(), timeZone: z.string() }),
  series: z.array(energySeriesResultSchema),
  /** Whole years of every series, over all the data (not only the period). */
  history: z.array(z.object({ commodity: z.string(), direction: z.string(), year: z.string(), kWh: z.number(), complete: z.boolean() })),
  skippedReadings: z.number().int(),
});

export type EnergyResult = z.infer<typeof energyResultSchema>;
export type EnergySeriesResult = z.infer<typeof energySeriesResultSchema>;
