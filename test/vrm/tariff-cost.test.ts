import { describe, expect, it } from 'vitest';
import { periodDates, tariffOf } from '../../src/vrm/energy-usage.ts';
import { costMobilePlan } from '../../src/vrm/tariff-cost.ts';
import { twelveMonthsBefore } from '../../src/vrm/usage-data.ts';
import type { EnergyPrice, MobilePrice } from '../../src/vrm/offer-schema.ts';

const eur = (amountMinor: number, scale?: number) => ({ amountMinor, currency: 'EUR', ...(scale !== undefined ? { scale } : {}) });
const HC = { from: '22:00', to: '06:00' };
const TZ = 'Europe/Paris';

describe('an energy offer as the energy insight’s tariff', () => {
  it('keeps a price per kWh finer than the cent as decimal minor units, and the off-peak window', () => {
    const price: EnergyPrice = { kind: 'energy', subscriptionPerMonth: eur(1690), pricePerKWh: eur(2050, 4), offPeak: { pricePerKWh: eur(15_500, 5), window: HC } };
    expect(tariffOf('Watt HC', price)).toEqual({
      name: 'Watt HC',
      currency: 'EUR',
      subscriptionMinorPerMonth: 1690,
      priceMinorPerKWh: 20.5,
      offPeak: { windows: ['22:00-06:00'], offPeakPriceMinorPerKWh: 15.5, peakPriceMinorPerKWh: 20.5 },
    });
  });

  it('costs twelve whole months as local dates, December rolling over the year', () => {
    expect(periodDates(twelveMonthsBefore(Date.parse('2026-12-31T23:00:00Z'), TZ))).toEqual({ from: '2026-01-01', to: '2027-01-01' });
  });
});

describe('costing a mobile plan', () => {
  const plan: MobilePrice = { kind: 'mobile', subscriptionPerMonth: eur(999), included: { dataGB: 10, sms: 100 }, beyond: { perGB: eur(200), perSms: eur(5) } };

  it('adds whole extra gigabytes and each extra message beyond the allowances', () => {
    const months = [
      { month: '2026-01', dataBytes: 8e9, callSeconds: 36_000, sms: 40 },
      { month: '2026-02', dataBytes: 11.2e9, callSeconds: 0, sms: 103 },
    ];
    const c = costMobilePlan(months, plan);
    // 2 × 9.99 € + 2 GB started beyond 10 GB × 2 € + 3 SMS × 0.05 €; calls unlimited
    expect(c.amount.amountMinor).toBe(1998 + 400 + 15);
    expect(c.monthsOverAllowance).toBe(1);
  });
});

describe('the twelve months compared', () => {
  it('are the twelve whole local months before the end of the data', () => {
    const p = twelveMonthsBefore(Date.parse('2026-10-31T23:00:00Z'), TZ); // 1 Nov 2026, 00:00 in Paris
    expect(p.months).toEqual(['2025-11', '2025-12', '2026-01', '2026-02', '2026-03', '2026-04', '2026-05', '2026-06', '2026-07', '2026-08', '2026-09', '2026-10']);
    expect(new Date(p.fromMs).toISOString()).toBe('2025-10-31T23:00:00.000Z');
    expect(new Date(p.toMs).toISOString()).toBe('2026-10-31T23:00:00.000Z');
    // Data ending mid-month: that month is left out.
    expect(twelveMonthsBefore(Date.parse('2026-10-15T10:00:00Z'), TZ).months.at(-1)).toBe('2026-09');
  });
});
