import type { RecordId } from '../../domain/ids.ts';
import { minorUnits, type Money } from '../../domain/money.ts';
import type { StoredRecord } from '../../domain/record.ts';
import type { RecordStore } from '../../store/record-store.ts';
import { SOURCE_CATEGORY_MAP, UNCATEGORISED } from './categories.ts';
import { cachedByVersion } from '../insight-cache.ts';
import { keyContains, labelKey } from './label-key.ts';
import { matchLabelRule } from './label-rules.ts';
import { loadPersonChoices, type PersonChoices } from './person-rules.ts';

/** A bank transaction as the budget reads it: booking date, signed amount in standard minor units. */
export interface LedgerTx {
  id: RecordId;
  /** The record's identity at its source (bills point at transactions by it). */
  source: string;
  sourceRef: string;
  accountRef: string;
  /** Booking date (local, YYYY-MM-DD): what bank statements group by. */
  date: string;
  amountMinor: number;
  currency: string;
  label: string;
  /** The stable part of the label (label-key.ts). */
  key: string;
  counterparty?: string;
  reference?: string;
  transactionType?: string;
  /** The category the source (the bank) gave, as it gave it. */
  sourceCategory?: string;
}

/** Where a transaction's category came from. */
export type CategoryOrigin = 'source' | 'rule' | 'person';

export interface CategorisedTx extends LedgerTx {
  category: string;
  origin: CategoryOrigin;
  /** The rule that decided: a built-in rule id, `person:<id>` for a person's rule, `own-accounts` for a transfer pair. */
  ruleId?: string;
}

/** A booking-date range: `from` included, `to` excluded (YYYY-MM-DD). */
export interface DateRange {
  from: string;
  to: string;
}

export function toLedgerTx(r: StoredRecord): LedgerTx {
  const d = r.data as { accountRef: string; amount: Money; bookingDate: string; label: string; counterparty?: { name?: string }; reference?: string; transactionType?: string; category?: string };
  // One shape for every transaction (absent fields are undefined): building thousands of
  // these, and copying them in categorise, stays on V8's fast path.
  return {
    id: r.id,
    source: r.source,
    sourceRef: r.sourceRef,
    accountRef: d.accountRef,
    date: d.bookingDate,
    amountMinor: minorUnits(d.amount),
    currency: d.amount.currency,
    label: d.label,
    key: labelKey(d.label),
    counterparty: d.counterparty?.name || undefined,
    reference: d.reference,
    transactionType: d.transactionType,
    sourceCategory: d.category,
  };
}

function categorised(t: LedgerTx, category: string, origin: CategoryOrigin, ruleId: string | undefined): CategorisedTx {
  return {
    id: t.id,
    source: t.source,
    sourceRef: t.sourceRef,
    accountRef: t.accountRef,
    date: t.date,
    amountMinor: t.amountMinor,
    currency: t.currency,
    label: t.label,
    key: t.key,
    counterparty: t.counterparty,
    reference: t.reference,
    transactionType: t.transactionType,
    sourceCategory: t.sourceCategory,
    category,
    origin,
    ruleId,
  };
}

const plainKey = (s: string) => s.normalize('NFD').replace(/\p{M}+/gu, '').toLowerCase().trim();

/** The tree category a source's own category stands for, if the map knows it. */
export function mapSourceCategory(name: string | undefined): string | undefined {
  return name === undefined ? undefined : SOURCE_CATEGORY_MAP[plainKey(name)];
}

/**
 * Categorises transactions. Precedence: the person's choice for this transaction
 * (`person`), the person's rules, newest first (`rule`, `person:<id>`), a pair of opposite
 * amounts on the same day between two of the person's accounts (`rule`, `own-accounts`),
 * the built-in label rules (`rule`), the source's own category (`source`), and last
 * `income.other` for money received, `other.uncategorised` for money paid (`rule`).
 */
export function categorise(txs: readonly LedgerTx[], choices: PersonChoices): CategorisedTx[] {
  const pairs = ownAccountPairs(txs);
  const rules = [...choices.rules].reverse();
  return txs.map((t): CategorisedTx => {
    const o = choices.overrides[t.id];
    if (o) return categorised(t, o.category, 'person', undefined);
    const direction = t.amountMinor >= 0 ? 'in' : 'out';
    const pr = rules.find((r) => r.direction === direction && keyContains(t.key, r.pattern));
    if (pr) return categorised(t, pr.category, 'rule', `person:${pr.id}`);
    const builtIn = matchLabelRule(subjectOf(t));
    const twin = pairs.get(t.id);
    if (twin) {
      // Both legs get the same category: savings when either label says so.
      const savings = [t, twin].some((x) => matchLabelRule(subjectOf(x))?.category === 'transfers.savings');
      return categorised(t, savings ? 'transfers.savings' : 'transfers.internal', 'rule', 'own-accounts');
    }
    if (builtIn) return categorised(t, builtIn.category, 'rule', builtIn.id);
    const fromSource = mapSourceCategory(t.sourceCategory);
    if (fromSource) return categorised(t, fromSource, 'source', undefined);
    return t.amountMinor >= 0 ? categorised(t, 'income.other', 'rule', 'other-income') : categorised(t, UNCATEGORISED, 'rule', 'uncategorised');
  });
}

const subjectOf = (t: LedgerTx) => ({ label: t.label, amountMinor: t.amountMinor, counterparty: t.counterparty });

/** Transactions that have a twin of opposite amount, same day, same currency, on another of the person's accounts, with that twin. */
function ownAccountPairs(txs: readonly LedgerTx[]): Map<string, LedgerTx> {
  const open = new Map<string, LedgerTx[]>();
  const out = new Map<string, LedgerTx>();
  for (const t of txs) {
    if (t.amountMinor === 0) continue;
    const waiting = open.get(`${t.date}|${t.currency}|${-t.amountMinor}`);
    const i = waiting?.findIndex((w) => w.accountRef !== t.accountRef) ?? -1;
    if (waiting && i >= 0) {
      const twin = waiting.splice(i, 1)[0]!;
      out.set(twin.id, t);
      out.set(t.id, twin);
      continue;
    }
    const myKey = `${t.date}|${t.currency}|${t.amountMinor}`;
    const mine = open.get(myKey);
    if (mine) mine.push(t);
    else open.set(myKey, [t]);
  }
  return out;
}

const DAY = 86_400_000;
const shiftDate = (date: string, days: number) => new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY).toISOString().slice(0, 10);

/** The person's bank transactions with booking dates in `range` (all of them without one), oldest first. Cached until the next commit. */
export function loadTransactions(store: RecordStore, range?: DateRange): Promise<LedgerTx[]> {
  return cachedByVersion(store, `budget.transactions:${range ? `${range.from}/${range.to}` : 'all'}`, async () => {
    // occurredAt is the booking day at some local hour: widen by two days, then filter on the booking date.
    const q = range ? { from: shiftDate(range.from, -2), to: shiftDate(range.to, 2) } : {};
    const records: StoredRecord[] = [];
    let cursor: string | undefined;
    do {
      const page = await store.query({ types: ['bank.transaction'], ...q, limit: 10_000, ...(cursor ? { cursor } : {}) });
      records.push(...page.records);
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    const txs = records.map(toLedgerTx).filter((t) => !range || (t.date >= range.from && t.date < range.to));
    return txs.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  });
}

/** The same transactions, categorised (see `categorise`). Cached until the next commit. */
export function loadCategorised(store: RecordStore, range?: DateRange): Promise<CategorisedTx[]> {
  return cachedByVersion(store, `budget.ledger:${range ? `${range.from}/${range.to}` : 'all'}`, async () =>
    categorise(await loadTransactions(store, range), await loadPersonChoices(store)),
  );
}

/** The latest booking date of any transaction, or undefined for a vault without any. */
export async function latestBookingDate(store: RecordStore): Promise<string | undefined> {
  const page = await store.query({ types: ['bank.transaction'], order: 'desc', limit: 1 });
  const r = page.records[0];
  return r ? toLedgerTx(r).date : undefined;
}
