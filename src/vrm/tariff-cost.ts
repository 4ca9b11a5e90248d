import { currencyExponent, type Money } from '../domain/money.ts';
import type { MobilePrice } from './offer-schema.ts';

/**
 * Pure costing of price structures over usage: a mobile plan on monthly usage (energy
 * tariffs are costed by the energy insight, see energy-usage.ts). Amounts are summed
 * unrounded in the currency's minor units and rounded once, at the end.
 */

/** One month of mobile usage. */
export interface MobileMonth {
  month: string;
  dataBytes: number;
  callSeconds: number;
  sms: number;
}

/** A price applied to a quantity, in (unrounded) minor units of `currency`. */
export function priceTimes(quantity: number, unitPrice: Money, currency: string): number {
  const exp = currencyExponent(currency);
  const scale = unitPrice.scale ?? currencyExponent(unitPrice.currency);
  return (quantity * unitPrice.amountMinor * 10 ** exp) / 10 ** scale;
}

/** Rounds minor units half away from zero into a Money of the currency's own scale. */
export function roundedMoney(minor: number, currency: string): Money {
  return { amountMinor: Math.sign(minor) * Math.round(Math.abs(minor)), currency };
}

const GB = 1e9;

/** What a mobile plan would have cost over these months: subscription plus usage beyond the allowances. */
export function costMobilePlan(months: readonly MobileMonth[], price: MobilePrice): { amount: Money; monthsOverAllowance: number } {
  const currency = price.subscriptionPerMonth.currency;
  let minor = 0;
  let over = 0;
  for (const m of months) {
    minor += priceTimes(1, price.subscriptionPerMonth, currency);
    const extraGB = price.included.dataGB === undefined ? 0 : Math.max(0, m.dataBytes / GB - price.included.dataGB);
    const extraMin = price.included.callMinutes === undefined ? 0 : Math.max(0, m.callSeconds / 60 - price.included.callMinutes);
    const extraSms = price.included.sms === undefined ? 0 : Math.max(0, m.sms - price.included.sms);
    if (extraGB > 0 || extraMin > 0 || extraSms > 0) over++;
    if (extraGB > 0 && price.beyond.perGB) minor += priceTimes(Math.ceil(extraGB), price.beyond.perGB, currency);
    if (extraMin > 0 && price.beyond.perMinute) minor += priceTimes(Math.ceil(extraMin), price.beyond.perMinute, currency);
    if (extraSms > 0 && price.beyond.perSms) minor += priceTimes(extraSms, price.beyond.perSms, currency);
  }
  return { amount: roundedMoney(minor, currency), monthsOverAllowance: over };
}
