import { z } from 'zod';
import { currencySchema, moneySchema } from '../money.ts';
import { localDateSchema } from '../time.ts';
import { dateOrInstantSchema, nonEmpty } from './common.ts';

/**
 * `bank.account` — an account as a statement describes it (OFX BANKACCTFROM/CCACCTFROM,
 * CAMT Acct). `accountId` is the bank's own number for it; `sourceRef` of the record
 * is usually the same. Balances are what the statement says at a date.
 */
export const balanceSchema = z.strictObject({
  amount: moneySchema,
  /** Date the balance is stated at. */
  at: dateOrInstantSchema,
  kind: z.enum(['booked', 'available', 'opening', 'closing', 'interim', 'other']).default('booked'),
});

export const bankAccountSchema = z.strictObject({
  accountId: nonEmpty,
  iban: z.string().regex(/^[A-Z]{2}\d{2}[A-Z0-9]{10,30}$/, 'expected an IBAN without spaces').optional(),
  bic: z.string().regex(/^[A-Z0-9]{8}([A-Z0-9]{3})?$/, 'expected a BIC of 8 or 11 characters').optional(),
  /** OFX BANKID / national bank code. */
  bankId: z.string().optional(),
  branchId: z.string().optional(),
  institution: z.string().optional(),
  accountType: z.enum(['checking', 'savings', 'credit_card', 'loan', 'investment', 'money_market', 'other']).default('checking'),
  name: z.string().optional(),
  holder: z.string().optional(),
  currency: currencySchema,
  balances: z.array(balanceSchema).default([]),
});

/**
 * `bank.transaction` — one booked (or pending) movement on an account. `amount` is
 * signed: negative leaves the account, positive enters it. `accountRef` is the
 * `accountId` of the account it belongs to.
 */
export const counterpartySchema = z.strictObject({
  name: z.string().optional(),
  iban: z.string().optional(),
  bic: z.string().optional(),
  /** SEPA creditor identifier. */
  creditorId: z.string().optional(),
});

export const bankTransactionSchema = z.strictObject({
  accountRef: nonEmpty,
  amount: moneySchema,
  bookingDate: localDateSchema,
  valueDate: localDateSchema.optional(),
  /** The label as the bank shows it ("PRLV SEPA EDF", "CB CARREFOUR 12/03"). */
  label: z.string(),
  memo: z.string().optional(),
  counterparty: counterpartySchema.optional(),
  /** OFX TRNTYPE (DEBIT, CREDIT, POS, ATM, XFER, DIRECTDEBIT, CHECK, FEE, INT…) or the bank's own. */
  transactionType: z.string().optional(),
  /** ISO 20022 bank transaction code (domain/family/sub-family) or proprietary code. */
  bankTransactionCode: z.string().optional(),
  checkNumber: z.string().optional(),
  /** End-to-end id, remittance reference or similar. */
  reference: z.string().optional(),
  mandateId: z.string().optional(),
  status: z.enum(['booked', 'pending']).default('booked'),
  /** The amount in the original currency, for card payments abroad. */
  originalAmount: moneySchema.optional(),
  exchangeRate: z.string().regex(/^\d+(\.\d+)?$/).optional(),
  /** Category given by the source (the bank's own categorisation), if any. */
  category: z.string().optional(),
});

/**
 * `contract` — a contract or subscription the person holds with an organisation
 * (energy supply, phone line, insurance, lease, loan, streaming…).
 */
export const contractSchema = z.strictObject({
  provider: nonEmpty,
  kind: z.enum(['energy', 'telecom', 'insurance', 'bank', 'loan', 'lease', 'subscription', 'employment', 'other']),
  name: z.string().optional(),
  reference: z.string().optional(),
  startDate: localDateSchema,
  endDate: localDateSchema.optional(),
  status: z.enum(['active', 'ended', 'pending', 'suspended']).default('active'),
  price: moneySchema.optional(),
  period: z.enum(['day', 'week', 'month', 'quarter', 'year', 'once']).optional(),
  /** Contract terms as the provider names them (contracted power in kVA, tariff option, data allowance…). */
  terms: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()], { error: 'expected a text, a number or true/false' })).default({}),
});
