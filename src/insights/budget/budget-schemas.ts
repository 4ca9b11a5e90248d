import { z } from 'zod';

/** Output schemas of the budget operations (they also give the OpenAPI document and the web client's types). */

const figuresShape = {
  incomeMinor: z.number().int(),
  spendingMinor: z.number().int(),
  netMinor: z.number().int(),
  savingsRate: z.number().nullable(),
  transfersMinor: z.number().int(),
  count: z.number().int(),
};
const figuresSchema = z.object(figuresShape);
const kindSchema = z.enum(['income', 'spending', 'transfer']);
const originSchema = z.enum(['source', 'rule', 'person']);

const categoryFields = { id: z.string(), en: z.string(), fr: z.string(), kind: kindSchema, totalMinor: z.number().int(), count: z.number().int() };
/** The tree has two levels: top categories and their children (whose `children` is empty). */
const leafTotalSchema = z.object({ ...categoryFields, children: z.array(z.unknown()).max(0) });
const categoryTotalSchema = z.object({ ...categoryFields, children: z.array(leafTotalSchema) });

export const budgetResultSchema = z.object({
  from: z.string(),
  to: z.string(),
  currency: z.string(),
  figures: figuresSchema,
  categories: z.array(categoryTotalSchema),
  months: z.array(z.object({ month: z.string(), ...figuresShape, lastYear: figuresSchema.nullable() })),
  lastYear: z.object({ from: z.string(), to: z.string(), figures: figuresSchema, categories: z.array(z.object({ id: z.string(), totalMinor: z.number().int(), count: z.number().int() })) }),
  byOrigin: z.object({ source: z.number().int(), rule: z.number().int(), person: z.number().int() }),
  otherCurrencies: z.array(z.object({ currency: z.string(), count: z.number().int() })),
  transactions: z
    .array(
      z.object({
        id: z.string(),
        date: z.string(),
        label: z.string(),
        amountMinor: z.number().int(),
        category: z.string(),
        origin: originSchema,
        ruleId: z.string().optional(),
        sourceCategory: z.string().optional(),
      }),
    )
    .optional(),
});

export const recurringResultSchema = z.object({
  asOf: z.string().nullable(),
  currency: z.string(),
  monthlyCostMinor: z.number().int(),
  series: z.array(
    z.object({
      key: z.string(),
      label: z.string(),
      category: z.string(),
      direction: z.enum(['in', 'out']),
      currency: z.string(),
      period: z.enum(['weekly', 'fortnightly', 'monthly', 'bimonthly', 'quarterly', 'yearly']),
      periodDays: z.number(),
      occurrences: z.number().int(),
      first: z.string(),
      last: z.string(),
      amountMinor: z.number().int(),
      averageMinor: z.number().int(),
      drift: z.object({ firstMinor: z.number().int(), lastMinor: z.number().int(), changeMinor: z.number().int(), changePct: z.number().nullable() }),
      changes: z.array(z.object({ date: z.string(), fromMinor: z.number().int(), toMinor: z.number().int() })),
      status: z.enum(['active', 'ended']),
      nextExpected: z.string().nullable(),
      transactionIds: z.array(z.string()),
    }),
  ),
});

const billTxSchema = z.object({ id: z.string(), date: z.string(), label: z.string(), amountMinor: z.number().int() });
export const billsResultSchema = z.object({
  from: z.string().nullable(),
  to: z.string().nullable(),
  bills: z.array(
    z.object({
      documentId: z.string(),
      kind: z.string(),
      title: z.string(),
      issuer: z.string(),
      issuedOn: z.string(),
      dueOn: z.string().optional(),
      amountMinor: z.number().int(),
      currency: z.string(),
      status: z.enum(['linked', 'matched', 'unmatched']),
      transactions: z.array(billTxSchema),
      evidence: z.array(z.string()),
      matcherAgrees: z.boolean().nullable(),
    }),
  ),
  counts: z.object({ linked: z.number().int(), matched: z.number().int(), unmatched: z.number().int() }),
});

export const personRuleOutputSchema = z.object({
  id: z.string(),
  pattern: z.string(),
  category: z.string(),
  direction: z.enum(['in', 'out']),
  createdAt: z.string(),
  fromRecordId: z.string(),
});

export const categoriseResultSchema = z.object({
  id: z.string(),
  label: z.string(),
  category: z.string(),
  origin: z.literal('person'),
  rule: personRuleOutputSchema.nullable(),
  similar: z.number().int(),
  examples: z.array(z.string()),
});
