import { useTranslation } from 'react-i18next';
import type { OperationOutput } from '../../api/operations.ts';

export type BudgetResult = OperationOutput<'insights.budget'>;
export type CategoryTotal = BudgetResult['categories'][number];
export interface CategoryName {
  id: string;
  en: string;
  fr: string;
}

/** Every category of a budget's tree (top ones and their children), by id. */
export function categoriesOf(categories: readonly CategoryTotal[]): Map<string, CategoryName> {
  const m = new Map<string, CategoryName>();
  for (const c of categories) {
    m.set(c.id, c);
    for (const child of c.children) m.set(child.id, child);
  }
  return m;
}

/** A category's name in the current language; its id when the tree does not name it. */
export function useCategoryName(): (c: CategoryName | string, names?: Map<string, CategoryName>) => string {
  const { i18n } = useTranslation();
  return (c, names) => {
    const n = typeof c === 'string' ? names?.get(c) : c;
    if (!n) return typeof c === 'string' ? c : c.id;
    return i18n.language === 'fr' ? n.fr : n.en;
  };
}
