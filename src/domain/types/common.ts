import { z } from 'zod';
import { instantSchema, localDateSchema } from '../time.ts';

/** Pieces shared by several record types. */
export const nonEmpty = z.string().trim().min(1, 'must not be empty');

export const addressSchema = z.strictObject({
  /** Street lines, as written ("12 rue des Lilas", "Bât. B"). */
  street: z.array(z.string()).optional(),
  extended: z.string().optional(),
  poBox: z.string().optional(),
  locality: z.string().optional(),
  region: z.string().optional(),
  postalCode: z.string().optional(),
  /** Country as written by the source. */
  country: z.string().optional(),
  /** ISO 3166-1 alpha-2 where known. */
  countryCode: z.string().regex(/^[A-Z]{2}$/, 'expected an ISO 3166-1 alpha-2 code like FR').optional(),
  /** The whole address as one label, when the source gives it so. */
  label: z.string().optional(),
});
export type Address = z.infer<typeof addressSchema>;

/** A date with or without a time: an instant, or a local date for all-day values. */
export const dateOrInstantSchema = z.union([instantSchema, localDateSchema], {
  error: 'expected a real date like 2025-03-01 or a UTC instant like 2025-03-01T08:30:00Z',
});

export const latSchema = z.number().min(-90, 'latitude must be between -90 and 90').max(90, 'latitude must be between -90 and 90');
export const lonSchema = z.number().min(-180, 'longitude must be between -180 and 180').max(180, 'longitude must be between -180 and 180');

/** A reference from one record to another, by its identity at the source. */
export const recordRefSchema = z.strictObject({
  type: z.string(),
  source: z.string().optional(),
  sourceRef: z.string(),
});
export type RecordRef = z.infer<typeof recordRefSchema>;

/** A coded concept (LOINC, SNOMED CT, HealthKit identifier, ISO 20022 code…). */
export const codingSchema = z.strictObject({
  system: z.string().optional(),
  code: z.string(),
  display: z.string().optional(),
});

/** A file kept in the vault's content-addressed blob store. */
export const blobRefSchema = z.strictObject({
  sha256: z.string().regex(/^[0-9a-f]{64}$/, 'expected a sha256 hex digest'),
  mediaType: z.string(),
  size: z.number().int().nonnegative(),
  fileName: z.string().optional(),
});
