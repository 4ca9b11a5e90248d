import { describe, expect, it } from 'vitest';
import type { RecordId } from '../../src/domain/ids.ts';
import { budgetMonth } from '../../src/insights/budget/budget.ts';
import { categoriseTransaction, deletePersonRule } from '../../src/insights/budget/categorise-transaction.ts';
import { loadCategorised } from '../../src/insights/budget/ledger.ts';
import { loadPersonChoices } from '../../src/insights/budget/person-rules.ts';
import { Vault } from '../../src/vault/vault.ts';
import { DEMO_VAULT_PASSPHRASE, openDemoVault } from '../support/demo-vault.ts';

describe('the person corrects a category', () => {
  it('becomes a rule that recategorises similar labels, is kept in the vault, moves the budget, and can be undone', async () => {
    const demo = await openDemoVault({ copy: true });
    let vault = demo.vault;
    try {
      const before = await loadCategorised(vault.store);
      const lafayette = before.filter((t) => t.label.startsWith('CB GALERIES LAFAYETTE LYON'));
      expect(lafayette.length).toBeGreaterThan(20);
      expect(new Set(lafayette.map((t) => t.category))).toEqual(new Set(['shopping.general']));
      const chosen = lafayette[lafayette.length - 1]!;
      const month = chosen.date.slice(0, 7);
      const budgetBefore = await budgetMonth(vault.store, month);

      const r = await categoriseTransaction(vault.store, { id: chosen.id, category: 'shopping.clothing' });
      expect(r).toMatchObject({ category: 'shopping.clothing', origin: 'person', similar: lafayette.length - 1, rule: { pattern: 'GALERIES LAFAYETTE LYON', direction: 'out' } });

      const after = await loadCategorised(vault.store);
      const now = after.filter((t) => t.label.startsWith('CB GALERIES LAFAYETTE LYON'));
      expect(now.find((t) => t.id === chosen.id)).toMatchObject({ category: 'shopping.clothing', origin: 'person' });
      expect(now.filter((t) => t.id !== chosen.id).every((t) => t.category === 'shopping.clothing' && t.origin === 'rule' && t.ruleId === `person:${r.rule!.id}`)).toBe(true);
      // Nothing else moved.
      const others = (xs: typeof before) => xs.filter((t) => !t.label.startsWith('CB GALERIES LAFAYETTE LYON')).map((t) => `${t.id}:${t.category}`);
      expect(others(after)).toEqual(others(before));

      // The month's budget moved by exactly the amounts recategorised.
      const moved = now.filter((t) => t.date.startsWith(month)).reduce((s, t) => s + t.amountMinor, 0);
      const budgetAfter = await budgetMonth(vault.store, month);
      const total = (b: typeof budgetAfter, id: string) => b.categories.flatMap((c) => [c, ...c.children]).find((c) => c.id === id)?.totalMinor ?? 0;
      expect(total(budgetAfter, 'shopping.clothing') - total(budgetBefore, 'shopping.clothing')).toBe(moved);
      expect(budgetAfter.figures).toEqual(budgetBefore.figures);
      expect(budgetAfter.byOrigin.person).toBe(1);

      // Kept in the vault: the same after closing and opening it again.
      await vault.close();
      vault = await Vault.open({ path: demo.path, passphrase: DEMO_VAULT_PASSPHRASE });
      const reopened = (await loadCategorised(vault.store)).filter((t) => t.label.startsWith('CB GALERIES LAFAYETTE LYON'));
      expect(reopened.map((t) => t.category)).toEqual(now.map((t) => t.category));

      // Deleting the rule puts the similar ones back; the person's own choice stays.
      await deletePersonRule(vault.store, r.rule!.id);
      const undone = (await loadCategorised(vault.store)).filter((t) => t.label.startsWith('CB GALERIES LAFAYETTE LYON'));
      expect(undone.filter((t) => t.id !== chosen.id).every((t) => t.category === 'shopping.general' && t.origin === 'rule')).toBe(true);
      expect(undone.find((t) => t.id === chosen.id)).toMatchObject({ category: 'shopping.clothing', origin: 'person' });
      expect((await loadPersonChoices(vault.store)).rules).toEqual([]);
    } finally {
      await vault.close();
      await demo.cleanup();
    }
  });

  it('refuses a category outside the tree, a record that is not a transaction, and an unknown id, changing nothing', async () => {
    const demo = await openDemoVault({ copy: true });
    try {
      const [tx] = (await demo.vault.query({ types: ['bank.transaction'], limit: 1 })).records;
      const [doc] = (await demo.vault.query({ types: ['document'], limit: 1 })).records;
      await expect(categoriseTransaction(demo.vault.store, { id: tx!.id, category: 'food.caviar' })).rejects.toMatchObject({ code: 'INPUT_INVALID', message: expect.stringContaining('food.caviar') });
      await expect(categoriseTransaction(demo.vault.store, { id: doc!.id, category: 'food' })).rejects.toMatchObject({ code: 'INPUT_INVALID', message: expect.stringContaining('document') });
      await expect(categoriseTransaction(demo.vault.store, { id: '01900000-0000-7000-8000-000000000000' as RecordId, category: 'food' })).rejects.toMatchObject({ code: 'RECORD_NOT_FOUND' });
      expect(await loadPersonChoices(demo.vault.store)).toEqual({ overrides: {}, rules: [] });
    } finally {
      await demo.cleanup();
    }
  });
});
