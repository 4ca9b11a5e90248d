import { z } from 'zod';
import { moneySchema } from '../money.ts';
import { localDateSchema } from '../time.ts';
import { addressSchema, blobRefSchema, nonEmpty, recordRefSchema } from './common.ts';

/** `purchase` — an order or a till receipt, with its items. */
export const purchaseItemSchema = z.strictObject({
  name: nonEmpty,
  quantity: z.number().positive().default(1),
  unit: z.string().optional(),
  unitPrice: moneySchema.optional(),
  total: moneySchema.optional(),
  sku: z.string().optional(),
  /** EAN/GTIN barcode. */
  gtin: z.string().optional(),
  category: z.string().optional(),
});

export const purchaseSchema = z.strictObject({
  merchant: nonEmpty,
  orderId: z.string().optional(),
  channel: z.enum(['store', 'online', 'phone', 'other']).default('store'),
  total: moneySchema,
  items: z.array(purchaseItemSchema).default([]),
  paymentMethod: z.string().optional(),
  deliveryAddress: addressSchema.optional(),
  store: z.string().optional(),
});

/**
 * `document` — a bill, payslip, statement, tax notice… with its file in the blob store.
 * `paidBy` links a bill to the transactions that paid it.
 */
export const documentSchema = z.strictObject({
  kind: z.enum(['bill', 'payslip', 'statement', 'contract', 'receipt', 'tax_notice', 'certificate', 'id_document', 'other']),
  title: nonEmpty,
  issuer: nonEmpty,
  issuedOn: localDateSchema,
  periodStart: localDateSchema.optional(),
  periodEnd: localDateSchema.optional(),
  dueOn: localDateSchema.optional(),
  amount: moneySchema.optional(),
  reference: z.string().optional(),
  file: blobRefSchema.optional(),
  paidBy: z.array(recordRefSchema).default([]),
});
