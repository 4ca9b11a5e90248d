import { minorUnits, type Money } from '../../domain/money.ts';
import type { StoredRecord } from '../../domain/record.ts';

/** What a timeline entry shows of a record: one line a person reads, and the money or energy in it. */
export interface RecordSummary {
  title: string;
  amount?: { amountMinor: number; currency: string };
  energyWh?: number;
}

type Data = Record<string, unknown>;
const str = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() !== '' ? v : undefined);
const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);
const isMoney = (v: unknown): v is Money => typeof v === 'object' && v !== null && typeof (v as Money).amountMinor === 'number' && typeof (v as Money).currency === 'string';
const moneyOf = (v: unknown) => (isMoney(v) ? { amountMinor: minorUnits(v), currency: v.currency } : undefined);

const TITLES: Record<string, (d: Data) => string | undefined> = {
  'bank.transaction': (d) => str(d.label),
  'bank.account': (d) => [str(d.institution), str(d.name) ?? str(d.accountId)].filter(Boolean).join(' — '),
  'energy.reading': (d) => `${str(d.commodity) ?? 'energy'} ${str(d.kind) ?? 'reading'} (${str(d.meterId) ?? '?'})`,
  'telecom.usage': (d) => [str(d.kind), str(d.counterpart) ?? str(d.direction)].filter(Boolean).join(' '),
  contact: (d) => str(d.fullName) ?? str(d.organization),
  'calendar.event': (d) => str(d.summary),
  'location.point': () => 'location',
  'place.visit': (d) => str(d.name) ?? str(d.semanticType) ?? 'place visit',
  track: (d) => str(d.name) ?? `track${str(d.kind) ? ` (${str(d.kind)})` : ''}`,
  purchase: (d) => [str(d.merchant), str(d.store)].filter(Boolean).join(' — '),
  'health.measure': (d) => [str(d.kind), num(d.value) ?? str(d.valueText), str(d.unit)].filter((x) => x !== undefined).join(' '),
  'health.event': (d) => str(d.kind),
  'identity.attribute': (d) => [str(d.attribute), str(d.value)].filter(Boolean).join(': '),
  document: (d) => str(d.title),
  contract: (d) => [str(d.provider), str(d.name) ?? str(d.kind)].filter(Boolean).join(' — '),
};

/** The line a person reads for a record in the timeline, with its amount or energy when it has one. */
export function summariseRecord(r: Pick<StoredRecord, 'type' | 'data'>): RecordSummary {
  const d = r.data as Data;
  const title = TITLES[r.type]?.(d) || r.type;
  const amount = moneyOf(d.amount) ?? moneyOf(d.total) ?? moneyOf(d.price);
  const energyWh = r.type === 'energy.reading' ? num(d.energyWh) : undefined;
  return { title, ...(amount ? { amount } : {}), ...(energyWh !== undefined ? { energyWh } : {}) };
}
