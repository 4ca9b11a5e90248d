import { z } from 'zod';

/**
 * The data-quality result: for each identity value, what every source believes, which
 * value is the person's current one and why, and the findings — one per source and wrong
 * value — in the shape the rectification loop (issue 8) turns into requests.
 */

export const qualityCategorySchema = z.enum(['name', 'postal_address', 'email', 'phone', 'iban', 'birth_date', 'text']);

/** What one source believes (one record, or a given and a family name composed). */
export const beliefSchema = z.object({
  source: z.string(),
  /** The identity.attribute attribute(s) this belief comes from ("email", "given_name+family_name"). */
  attribute: z.string(),
  recordIds: z.array(z.string()),
  sourceRefs: z.array(z.string()),
  /** The value as the source wrote it (its latest restitution, not the person's correction). */
  value: z.string(),
  /** The normal form compared (E.164 phone, lower-case e-mail, grouped IBAN…). */
  normalised: z.string(),
  valid: z.boolean(),
  problem: z.string().optional(),
  /** When the source last confirmed the value (its `asOf`, else the record's date). */
  asOf: z.string(),
  purpose: z.string().optional(),
  /**
   * agrees: same as the current value; differs: a finding; other-purpose: a different value
   * kept for another purpose (a delivery address), not flagged; unresolved: no current value.
   */
  status: z.enum(['agrees', 'differs', 'other-purpose', 'unresolved']),
  /** The person corrected this record in the vault; the source has not restituted the fix yet. */
  correctedByPerson: z.boolean(),
});
export type Belief = z.infer<typeof beliefSchema>;

export const currentValueSchema = z.object({
  value: z.string(),
  normalised: z.string(),
  /**
   * person: the person said so (their own record, or a correction); consensus: most sources
   * hold it; most-recent: sources disagree evenly and this one was confirmed last.
   */
  basis: z.enum(['person', 'consensus', 'most-recent']),
  /** First date any source (or the person) confirmed it. */
  since: z.string(),
  sources: z.array(z.string()),
});

export const attributeQualitySchema = z.object({
  /** "postal_address", "email"…; for plain values the attribute name ("birth_place"). */
  attribute: z.string(),
  category: qualityCategorySchema,
  current: currentValueSchema.nullable(),
  /** Every distinct value, with the sources holding it. */
  values: z.array(z.object({ normalised: z.string(), sources: z.array(z.string()), current: z.boolean() })),
  beliefs: z.array(beliefSchema),
});

export const findingKindSchema = z.enum(['stale', 'typo', 'conflict', 'invalid']);

/**
 * One wrong value held by one source: what a rectification request needs (the records,
 * the wrong value, the right one) and why MesInfos thinks it is wrong.
 */
export const qualityFindingSchema = z.object({
  /** Stable while the source holds the same wrong value: `source|attribute|normalised`. */
  id: z.string(),
  /**
   * stale: last confirmed before the current value appeared (they missed a change);
   * typo: one or two letters from the current value; conflict: another value, confirmed as
   * recently as the current one; invalid: not a well-formed value at all.
   */
  kind: findingKindSchema,
  source: z.string(),
  attribute: z.string(),
  category: qualityCategorySchema,
  recordIds: z.array(z.string()),
  sourceRefs: z.array(z.string()),
  believed: z.string(),
  believedNormalised: z.string(),
  /** The value the source should hold (null when no current value could be told). */
  expected: z.string().nullable(),
  expectedNormalised: z.string().nullable(),
  /** When the source last confirmed the wrong value. */
  heldSince: z.string(),
  /** Since when the value is wrong: the date the current value was first confirmed. */
  outdatedSince: z.string().nullable(),
  evidence: z.object({
    basis: z.enum(['person', 'consensus', 'most-recent', 'format']),
    /** Sources that hold the current value, with the date each confirmed it. */
    agreeing: z.array(z.object({ source: z.string(), asOf: z.string() })),
    editDistance: z.number().int().optional(),
    problem: z.string().optional(),
  }),
  explanation: z.string(),
});
export type QualityFinding = z.infer<typeof qualityFindingSchema>;

export const dataQualitySchema = z.object({
  /** How many identity.attribute records were read, from how many sources. */
  records: z.number().int(),
  sources: z.array(z.string()),
  attributes: z.array(attributeQualitySchema),
  findings: z.array(qualityFindingSchema),
  /** Findings grouped by organisation: one rectification request per finding, sent per organisation. */
  byOrganisation: z.array(z.object({ source: z.string(), findings: z.array(z.string()) })),
  /** Attributes whose sources disagree with no way to tell the right value: ask the person. */
  unresolved: z.array(z.string()),
});
export type DataQualityResult = z.infer<typeof dataQualitySchema>;
export type AttributeQuality = z.infer<typeof attributeQualitySchema>;
