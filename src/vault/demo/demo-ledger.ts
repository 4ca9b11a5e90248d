import type { ConnectorRecord } from '../../connectors/connector.ts';
import type { EnergyModel } from './demo-energy.ts';
import type { DemoPlan } from './demo-plan.ts';
import type { RoutineBook } from './demo-routine.ts';
import type { DemoBlobSink } from './demo-types.ts';
import { BANK, CURRENT_IBAN, PERSON, SAVINGS_IBAN } from './demo-persona.ts';
import { dateOf, dayNumberOf, lastBusinessDayOfMonth, partsOf, parisInstant } from './demo-time.ts';

/**
 * The bank side of the demo person's life: two accounts at Banque Lumière and every
 * movement on them, month by month. Builders (bills, spending) return `LedgerEntry`s for
 * the events of a month; the ledger sorts them by booking date, gives each a stable bank
 * reference (`<account>-<yyyymmdd>-<nnn>`), yields the `bank.transaction` and then the
 * records attached to it (the bill it paid, the till receipt), so a bill is never emitted
 * without the transaction that paid it. Only one month is held in memory at a time.
 *
 * Time convention: a transaction's `occurredAt` is its booking date at 12:00 Europe/Paris
 * (10:00Z or 11:00Z), with that offset in `occurredOffset`; the exact date stays in
 * `bookingDate`. Documents use 09:00 Europe/Paris on their issue date.
 */

export type AccountKey = 'current' | 'savings';

export interface TxRef {
  type: 'bank.transaction';
  source: string;
  sourceRef: string;
}

export interface LedgerEntry {
  account: AccountKey;
  /** Booking day (day number). */
  day: number;
  valueDay?: number;
  amountMinor: number;
  label: string;
  transactionType: string;
  category?: string;
  counterparty?: { name?: string; iban?: string; creditorId?: string };
  mandateId?: string;
  reference?: string;
  /** Records that belong with this transaction (the bill it paid, the receipt of the purchase). */
  attach?: (tx: TxRef) => Promise<ConnectorRecord[]> | ConnectorRecord[];
}

export interface LedgerContext {
  plan: DemoPlan;
  routines: RoutineBook;
  energy: EnergyModel;
  blobs: DemoBlobSink;
}

/** Builds the entries of the events of one month (their booking may fall in the next). */
export type MonthBuilder = (ctx: LedgerContext, year: number, month: number) => LedgerEntry[];

const ACCOUNTS = {
  current: { ...BANK.current, iban: CURRENT_IBAN, accountType: 'checking' as const, openingMinor: 350_000 },
  savings: { ...BANK.savings, iban: SAVINGS_IBAN, accountType: 'savings' as const, openingMinor: 600_000 },
};

export function accountIdOf(account: AccountKey): string {
  return ACCOUNTS[account].accountId;
}

/** Savings rate (per 10,000, close to the Livret A's) on 31 December of a year. */
function livretARate(year: number): number {
  if (year <= 2021) return 50;
  if (year === 2022) return 200;
  if (year <= 2024) return 300;
  return 170;
}

/**
 * The bank's automatic sweep on the last business day of the month, after the salary:
 * above 4,500 € the current account keeps 4,000 € and the excess goes to the savings account;
 * below 3,500 € the savings top it up to 4,000 €.
 */
function sweep(current: number, day: number): LedgerEntry[] {
  const excess = current - 400_000;
  const move = excess >= 50_000 ? Math.floor(excess / 10_000) * 10_000 : current < 350_000 ? -Math.ceil((400_000 - current) / 10_000) * 10_000 : 0;
  if (move === 0) return [];
  return [
    { account: 'current', day, amountMinor: -move, label: move > 0 ? 'VIR EPARGNE AUTOMATIQUE VERS LIVRET' : 'VIR AUTOMATIQUE DEPUIS LIVRET', transactionType: 'XFER', category: 'Épargne' },
    { account: 'savings', day, amountMinor: move, label: move > 0 ? 'VIR EPARGNE AUTOMATIQUE DEPUIS COMPTE COURANT' : 'VIR AUTOMATIQUE VERS COMPTE COURANT', transactionType: 'XFER', category: 'Épargne' },
  ];
}

export function eur(amountMinor: number): { amountMinor: number; currency: 'EUR' } {
  return { amountMinor, currency: 'EUR' };
}

function transaction(e: LedgerEntry, sourceRef: string): ConnectorRecord {
  const at = parisInstant(e.day, 12 * 60);
  return {
    type: 'bank.transaction',
    source: BANK.source,
    sourceRef,
    occurredAt: at.at,
    occurredOffset: at.offset,
    data: {
      accountRef: accountIdOf(e.account),
      amount: eur(e.amountMinor),
      bookingDate: dateOf(e.day),
      valueDate: dateOf(e.valueDay ?? e.day),
      label: e.label,
      ...(e.counterparty ? { counterparty: e.counterparty } : {}),
      transactionType: e.transactionType,
      ...(e.mandateId ? { mandateId: e.mandateId } : {}),
      ...(e.reference ? { reference: e.reference } : {}),
      status: 'booked',
      ...(e.category ? { category: e.category } : {}),
    },
  };
}

export async function* ledgerRecords(ctx: LedgerContext, builders: readonly MonthBuilder[]): AsyncGenerator<ConnectorRecord> {
  const { plan } = ctx;
  const balance: Record<AccountKey, number> = { current: ACCOUNTS.current.openingMinor, savings: ACCOUNTS.savings.openingMinor };
  let carry: LedgerEntry[] = [];
  const first = partsOf(plan.startDay);
  const last = partsOf(plan.endDay);
  for (let y = first.year, m = first.month; y < last.year || (y === last.year && m <= last.month); m === 12 ? (y++, (m = 1)) : m++) {
    const monthEnd = dayNumberOf(y, m + 1, 0);
    const all = carry;
    for (const b of builders) for (const e of b(ctx, y, m)) all.push(e);
    carry = all.filter((e) => e.day > monthEnd && e.day <= plan.endDay);
    const batch = all.filter((e) => e.day <= monthEnd && e.day >= plan.startDay && e.day <= plan.endDay);
    if (m === 12 && monthEnd <= plan.endDay) {
      const interest = Math.round((balance.savings * livretARate(y)) / 10_000);
      batch.push({ account: 'savings', day: monthEnd, amountMinor: interest, label: `INTERETS CREDITEURS ${y}`, transactionType: 'INT', category: 'Épargne' });
    }
    batch.sort((a, b) => a.day - b.day || (a.account === b.account ? 0 : a.account === 'current' ? -1 : 1));
    const seq = new Map<string, number>();
    const emit = async function* (e: LedgerEntry): AsyncGenerator<ConnectorRecord> {
      const key = `${e.account}-${e.day}`;
      const n = (seq.get(key) ?? 0) + 1;
      seq.set(key, n);
      const sourceRef = `${accountIdOf(e.account)}-${dateOf(e.day).replaceAll('-', '')}-${String(n).padStart(3, '0')}`;
      balance[e.account] += e.amountMinor;
      yield transaction(e, sourceRef);
      if (e.attach) for (const r of await e.attach({ type: 'bank.transaction', source: BANK.source, sourceRef })) yield r;
    };
    const sweepDay = lastBusinessDayOfMonth(y, m);
    for (const e of batch) if (e.day <= sweepDay) yield* emit(e);
    if (sweepDay >= plan.startDay && sweepDay <= plan.endDay) for (const e of sweep(balance.current, sweepDay)) yield* emit(e);
    for (const e of batch) if (e.day > sweepDay) yield* emit(e);
  }
  for (const key of ['current', 'savings'] as const) {
    const a = ACCOUNTS[key];
    const at = parisInstant(plan.endDay, 12 * 60);
    yield {
      type: 'bank.account',
      source: BANK.source,
      sourceRef: a.accountId,
      occurredAt: at.at,
      occurredOffset: at.offset,
      data: {
        accountId: a.accountId,
        iban: a.iban,
        bic: BANK.bic,
        bankId: BANK.bankId,
        branchId: BANK.branchId,
        institution: BANK.name,
        accountType: a.accountType,
        name: a.name,
        holder: PERSON.fullName.toUpperCase(),
        currency: 'EUR',
        balances: [
          { amount: eur(a.openingMinor), at: dateOf(plan.startDay - 1), kind: 'opening' },
          { amount: eur(balance[key]), at: dateOf(plan.endDay), kind: 'closing' },
        ],
      },
    };
  }
}
