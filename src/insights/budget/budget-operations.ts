import { z } from 'zod';
import { MesInfosError } from '../../domain/errors.ts';
import { formatMoney } from '../../domain/money.ts';
import { defineOperation, type AnyOperation } from '../../operations/operation.ts';
import { dateInputSchema } from '../../operations/schemas.ts';
import type { RecordStore } from '../../store/record-store.ts';
import { timelineOperations } from '../timeline/timeline-operations.ts';
import { matchBills } from './bills.ts';
import { budgetMonth, computeBudget, latestBudgetMonth, type CategoryTotal } from './budget.ts';
import { budgetResultSchema, billsResultSchema, categoriseResultSchema, personRuleOutputSchema, recurringResultSchema } from './budget-schemas.ts';
import { categoriseTransaction, deletePersonRule } from './categorise-transaction.ts';
import { CATEGORY_IDS } from './categories.ts';
import { loadPersonChoices } from './person-rules.ts';
import { detectRecurring } from './recurring.ts';

const monthSchema = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'expected a month like 2025-03');
const money = (minor: number, currency: string) => formatMoney({ amountMinor: minor, currency });
const pct = (r: number | null) => (r === null ? '—' : `${(r * 100).toFixed(1)} %`);
const dateOnly = (s: string) => s.slice(0, 10);

/** The period asked for: --month, or --from/--to, or by default the month of the latest transaction. */
async function periodOf(store: RecordStore, i: { month?: string | undefined; from?: string | undefined; to?: string | undefined }): Promise<{ month?: string; from?: string; to?: string }> {
  if (i.month && (i.from || i.to)) throw new MesInfosError('INPUT_INVALID', 'Give either --month or --from/--to, not both.');
  if (i.month) return { month: i.month };
  if (i.from && i.to) return { from: dateOnly(i.from), to: dateOnly(i.to) };
  if (i.from || i.to) throw new MesInfosError('INPUT_INVALID', 'Give both --from and --to (to is excluded), or --month.');
  const latest = await latestBudgetMonth(store);
  return { month: latest ?? new Date().toISOString().slice(0, 7) };
}

export const insightsBudget = defineOperation({
  name: 'insights.budget',
  summary: 'Budget of a month or period: income, spending by category, savings rate, and the same period last year',
  permission: 'owner',
  mutates: false,
  input: z.object({
    month: monthSchema.optional(),
    from: dateInputSchema.optional(),
    to: dateInputSchema.optional(),
    category: z.enum(CATEGORY_IDS as [string, ...string[]], { error: () => `expected a budget category: ${CATEGORY_IDS.join(', ')}` }).optional(),
    transactions: z.boolean().default(false),
  }),
  output: budgetResultSchema,
  cli: {
    command: ['insights', 'budget'],
    help: {
      month: 'a calendar month, e.g. 2025-03 (default: the month of the latest transaction)',
      from: 'first booking date (inclusive)',
      to: 'last booking date (exclusive)',
      category: 'list the transactions of this category (e.g. food, food.groceries)',
      transactions: 'list every transaction of the period with its category and origin',
    },
    render: (o) => renderBudget(o),
  },
  handler: async (ctx, i) => {
    const p = await periodOf(ctx.vault.store, i);
    const opts = { ...(i.category ? { category: i.category } : {}), transactions: i.transactions };
    return p.month ? budgetMonth(ctx.vault.store, p.month, opts) : computeBudget(ctx.vault.store, { from: p.from!, to: p.to!, ...opts });
  },
});

export const insightsRecurring = defineOperation({
  name: 'insights.recurring',
  summary: 'Recurring payments and subscriptions: period, amount and its drift, next expected date, the ones that ended',
  permission: 'owner',
  mutates: false,
  input: z.object({ asOf: dateInputSchema.optional(), active: z.boolean().default(false) }),
  output: recurringResultSchema,
  cli: {
    command: ['insights', 'recurring'],
    help: { asOf: 'judge active/ended at this date (default: the latest transaction)', active: 'only the active ones' },
    render: (o) => ({
      head: ['status', 'label', 'category', 'every', 'amount', 'drift', 'last', 'next'],
      table: o.series.map((s) => [
        s.status,
        s.label,
        s.category,
        s.period,
        `${s.direction === 'in' ? '+' : '-'}${money(s.amountMinor, s.currency)}`,
        s.drift.changePct === null ? '' : `${s.drift.changePct > 0 ? '+' : ''}${s.drift.changePct} %`,
        s.last,
        s.nextExpected ?? '',
      ]),
    }),
  },
  handler: async (ctx, i) => detectRecurring(ctx.vault.store, { ...(i.asOf ? { asOf: dateOnly(i.asOf) } : {}), includeEnded: !i.active }),
});

export const insightsBills = defineOperation({
  name: 'insights.bills',
  summary: 'Bills, payslips and receipts matched to the bank transactions that paid them (amount, date window, vendor)',
  permission: 'owner',
  mutates: false,
  input: z.object({ from: dateInputSchema.optional(), to: dateInputSchema.optional() }),
  output: billsResultSchema,
  cli: {
    command: ['insights', 'bills'],
    help: { from: 'issued on or after this date', to: 'issued before this date' },
    render: (o) => ({
      head: ['issued', 'issuer', 'title', 'amount', 'status', 'paid on', 'by'],
      table: o.bills.map((b) => [b.issuedOn, b.issuer, b.title, money(b.amountMinor, b.currency), b.status, b.transactions[0]?.date ?? '', b.transactions[0]?.label ?? '']),
    }),
  },
  handler: async (ctx, i) => matchBills(ctx.vault.store, { ...(i.from ? { from: dateOnly(i.from) } : {}), ...(i.to ? { to: dateOnly(i.to) } : {}) }),
});

export const budgetCategorise = defineOperation({
  name: 'budget.categorise',
  summary: 'Set the category of a transaction; it becomes a rule for similar labels',
  permission: 'owner',
  mutates: true,
  input: z.object({
    id: z.string().min(1, 'give the transaction id'),
    category: z.string().min(1, 'give a category, e.g. food.groceries'),
    onlyThis: z.boolean().default(false),
    pattern: z.string().min(1).optional(),
  }),
  output: categoriseResultSchema,
  cli: {
    command: ['budget', 'categorise'],
    positional: ['id', 'category'],
    help: { onlyThis: 'only this transaction, no rule for similar labels', pattern: 'words similar labels contain (default: the label without dates and numbers)' },
    render: (o) =>
      `${o.label} is now ${o.category}.` +
      (o.rule ? `\nRule: labels with "${o.rule.pattern}" (${o.rule.direction === 'out' ? 'payments' : 'credits'}) → ${o.category}; ${o.similar} other transaction(s) follow it.` : ''),
  },
  handler: async (ctx, i) => categoriseTransaction(ctx.vault.store, { id: i.id, category: i.category, applyToSimilar: !i.onlyThis, ...(i.pattern ? { pattern: i.pattern } : {}) }),
});

export const budgetRules = defineOperation({
  name: 'budget.rules',
  summary: 'The categorisation rules the person made, newest last, and how many single transactions they categorised',
  permission: 'owner',
  mutates: false,
  input: z.object({}),
  output: z.object({ rules: z.array(personRuleOutputSchema), overrides: z.number().int() }),
  cli: {
    command: ['budget', 'rules'],
    render: (o) => ({ head: ['id', 'words', 'direction', 'category', 'since'], table: o.rules.map((r) => [r.id, r.pattern, r.direction, r.category, r.createdAt.slice(0, 10)]) }),
  },
  handler: async (ctx) => {
    const c = await loadPersonChoices(ctx.vault.store);
    return { rules: c.rules, overrides: Object.keys(c.overrides).length };
  },
});

export const budgetRulesDelete = defineOperation({
  name: 'budget.rules.delete',
  summary: 'Delete one of the person’s categorisation rules (single-transaction choices stay)',
  permission: 'owner',
  mutates: true,
  input: z.object({ id: z.string().min(1, 'give the rule id') }),
  output: personRuleOutputSchema,
  cli: { command: ['budget', 'rules', 'delete'], positional: ['id'], render: (r) => `Deleted the rule "${r.pattern}" → ${r.category}.` },
  handler: async (ctx, i) => deletePersonRule(ctx.vault.store, i.id),
});

function renderBudget(o: z.output<typeof budgetResultSchema>): string {
  const lines = [
    `Budget ${o.from} → ${o.to} (to excluded), ${o.currency}`,
    `Income ${money(o.figures.incomeMinor, o.currency)} · spending ${money(o.figures.spendingMinor, o.currency)} · saved ${money(o.figures.netMinor, o.currency)} · savings rate ${pct(o.figures.savingsRate)}`,
    `A year earlier: income ${money(o.lastYear.figures.incomeMinor, o.currency)} · spending ${money(o.lastYear.figures.spendingMinor, o.currency)} · savings rate ${pct(o.lastYear.figures.savingsRate)}`,
    '',
  ];
  const walk = (nodes: CategoryTotal[], depth: number) => {
    for (const n of nodes) {
      lines.push(`${'  '.repeat(depth)}${n.en.padEnd(40 - 2 * depth)} ${money(n.totalMinor, o.currency).padStart(16)}  (${n.count})`);
      walk(n.children, depth + 1);
    }
  };
  walk(o.categories as CategoryTotal[], 0);
  if (o.transactions) {
    lines.push('');
    for (const t of o.transactions) lines.push(`${t.date}  ${money(t.amountMinor, o.currency).padStart(14)}  ${t.category.padEnd(24)} ${t.origin.padEnd(6)} ${t.label}`);
  }
  return lines.join('\n');
}

/** Helper B's operations (budget and timeline), for the table. */
export const budgetOperations: AnyOperation[] = [
  insightsBudget,
  insightsRecurring,
  insightsBills,
  budgetCategorise,
  budgetRules,
  budgetRulesDelete,
  ...timelineOperations,
] as unknown as AnyOperation[];
