import { z } from 'zod';
import { MesInfosError } from '../../domain/errors.ts';
import type { RecordStore } from '../../store/record-store.ts';

/**
 * What the person decided about categories, kept in the vault (meta key
 * `budget.categorisation`, JSON): the category they gave to single transactions
 * (`overrides`, by record id) and the rules those choices became (`rules`): a rule says
 * "payments whose label key contains these words, in this direction, are CATEGORY". The
 * latest rule wins over older ones; both win over the built-in rules and the source.
 */
export const personRuleSchema = z.strictObject({
  id: z.string(),
  /** A label key (see label-key.ts), matched as whole words. */
  pattern: z.string().min(1),
  category: z.string(),
  direction: z.enum(['in', 'out']),
  createdAt: z.string(),
  /** The transaction the person categorised when the rule was made. */
  fromRecordId: z.string(),
});
export type PersonRule = z.infer<typeof personRuleSchema>;

const choicesSchema = z.strictObject({
  overrides: z.record(z.string(), z.strictObject({ category: z.string(), at: z.string() })),
  rules: z.array(personRuleSchema),
});
export type PersonChoices = z.infer<typeof choicesSchema>;

export const PERSON_CHOICES_KEY = 'budget.categorisation';

export async function loadPersonChoices(store: RecordStore): Promise<PersonChoices> {
  const raw = await store.getMeta(PERSON_CHOICES_KEY);
  if (raw === undefined) return { overrides: {}, rules: [] };
  const parsed = choicesSchema.safeParse(JSON.parse(raw));
  if (!parsed.success) throw new MesInfosError('VAULT_CORRUPT', `The saved budget categories (meta "${PERSON_CHOICES_KEY}") are unreadable: ${parsed.error.issues[0]?.message ?? 'invalid'}.`);
  return parsed.data;
}

export async function savePersonChoices(store: RecordStore, choices: PersonChoices): Promise<void> {
  await store.setMeta(PERSON_CHOICES_KEY, JSON.stringify(choices));
}
