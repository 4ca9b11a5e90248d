import { MesInfosError } from '../../domain/errors.ts';
import { newId, type RecordId } from '../../domain/ids.ts';
import type { RecordStore } from '../../store/record-store.ts';
import { isCategory } from './categories.ts';
import { labelKey, normaliseLabel } from './label-key.ts';
import { loadCategorised, toLedgerTx } from './ledger.ts';
import { loadPersonChoices, savePersonChoices, type PersonRule } from './person-rules.ts';

export interface CategoriseInput {
  id: string;
  category: string;
  /** Make the choice a rule for similar labels (default true). */
  applyToSimilar?: boolean;
  /** The words similar labels must contain (default: the label's key, e.g. "BOULANGERIE DU PARC"). */
  pattern?: string;
}

export interface CategoriseResult {
  id: string;
  label: string;
  category: string;
  origin: 'person';
  rule: PersonRule | null;
  /** Other transactions the rule now categorises, and a few of their labels. */
  similar: number;
  examples: string[];
}

/**
 * The person sets a transaction's category. The choice is kept for that transaction
 * (origin `person`) and, unless `applyToSimilar` is false, becomes a rule for payments in
 * the same direction whose label key contains the same words (origin `rule`,
 * `person:<rule id>`); a rule with the same words and direction replaces the older one.
 * Saved in the vault; every cached insight is recomputed after it.
 */
export async function categoriseTransaction(store: RecordStore, input: CategoriseInput): Promise<CategoriseResult> {
  if (!isCategory(input.category)) throw new MesInfosError('INPUT_INVALID', `"${input.category}" is not a budget category (see docs/insights-budget.md or "mesinfos insights budget").`);
  const record = await store.get(input.id as RecordId);
  if (!record) throw new MesInfosError('RECORD_NOT_FOUND', `No record with id ${input.id}.`);
  if (record.type !== 'bank.transaction') throw new MesInfosError('INPUT_INVALID', `Record ${input.id} is a ${record.type}, not a bank transaction: only transactions have a budget category.`);
  const tx = toLedgerTx(record);
  const now = new Date().toISOString();
  const choices = await loadPersonChoices(store);
  choices.overrides[tx.id] = { category: input.category, at: now };
  let rule: PersonRule | null = null;
  if (input.applyToSimilar !== false) {
    const pattern = input.pattern !== undefined ? normaliseLabel(input.pattern) : labelKey(tx.label);
    if (pattern === '') throw new MesInfosError('INPUT_INVALID', 'The pattern has no words to match labels with.');
    const direction = tx.amountMinor >= 0 ? 'in' : 'out';
    rule = { id: newId(), pattern, category: input.category, direction, createdAt: now, fromRecordId: tx.id };
    choices.rules = [...choices.rules.filter((r) => !(r.pattern === pattern && r.direction === direction)), rule];
  }
  await savePersonChoices(store, choices);
  const similar = rule ? (await loadCategorised(store)).filter((t) => t.ruleId === `person:${rule.id}`) : [];
  return { id: tx.id, label: tx.label, category: input.category, origin: 'person', rule, similar: similar.length, examples: [...new Set(similar.map((t) => t.label))].slice(0, 5) };
}

/** Removes one of the person's rules (the single-transaction choices stay). */
export async function deletePersonRule(store: RecordStore, ruleId: string): Promise<PersonRule> {
  const choices = await loadPersonChoices(store);
  const rule = choices.rules.find((r) => r.id === ruleId);
  if (!rule) throw new MesInfosError('NOT_FOUND', `No budget rule with id ${ruleId}. List them with "mesinfos budget rules".`);
  choices.rules = choices.rules.filter((r) => r.id !== ruleId);
  await savePersonChoices(store, choices);
  return rule;
}
