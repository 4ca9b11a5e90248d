import { z } from 'zod';
import { recordTypeSchema } from '../domain/record.ts';

/** Output schemas shared by operations (they also give the OpenAPI document and the web client's types). */
export const storedRecordSchema = z.object({
  id: z.string(),
  type: recordTypeSchema,
  source: z.string(),
  sourceRef: z.string(),
  occurredAt: z.string(),
  occurredOffset: z.string().optional(),
  data: z.record(z.string(), z.unknown()),
  importId: z.string().nullable(),
  revision: z.number().int(),
  revisedBy: z.enum(['source', 'person']),
  revisionReason: z.string().optional(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

export const importSummarySchema = z.object({
  id: z.string(),
  status: z.enum(['committed', 'refused', 'failed']),
  format: z.string().nullable(),
  fileName: z.string().nullable(),
  fileHash: z.string().nullable(),
  startedAt: z.string(),
  finishedAt: z.string(),
  durationMs: z.number(),
  counts: z.object({ received: z.number(), inserted: z.number(), updated: z.number(), unchanged: z.number(), deleted: z.number() }),
  byType: z.record(z.string(), z.number()),
  bySource: z.record(z.string(), z.number()),
  errors: z.array(z.object({ field: z.string().optional(), index: z.number().optional(), location: z.string().optional(), message: z.string() })),
  warnings: z.array(z.string()),
});

/** A date or instant given by a person: "2025-03-01" or "2025-03-01T10:00:00Z". */
export const dateInputSchema = z
  .string()
  .refine((s) => /^\d{4}-\d{2}-\d{2}(T.*)?$/.test(s) && !Number.isNaN(Date.parse(s)), 'expected a date like 2025-03-01 or an ISO 8601 instant');

/** Accepts "a,b" or ["a","b"], for list options typed on a command line. */
export const listOf = <T extends z.ZodType>(item: T) =>
  z.preprocess((v) => (typeof v === 'string' ? v.split(',').map((s) => s.trim()).filter(Boolean) : v), z.array(item));
