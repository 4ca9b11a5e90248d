import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { call } from '../../api/client.ts';
import type { OperationOutput } from '../../api/operations.ts';
import { useFormat } from '../../format.ts';
import { Async, ErrorState, Notice } from '../StateViews.tsx';
import { useApi } from '../use-api.ts';
import { categoriesOf, useCategoryName, type BudgetResult, type CategoryName } from './category-names.ts';

type Tx = NonNullable<BudgetResult['transactions']>[number];
type Categorised = OperationOutput<'budget.categorise'>;

/** Every category the person's transactions have used (the budget of all time), for the choice. */
const ALL_TIME = { from: '1900-01-01', to: '2200-01-01' };

function CategoriseForm({ tx, names, onDone, onCancel }: { tx: Tx; names: Map<string, CategoryName>; onDone: (r: Categorised) => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const name = useCategoryName();
  const ids = { category: useId(), only: useId() };
  const all = useApi(() => call('insights.budget', ALL_TIME), []);
  const [category, setCategory] = useState(tx.category);
  const [onlyThis, setOnlyThis] = useState(false);
  const [state, setState] = useState<{ s: 'idle' | 'saving' } | { s: 'error'; error: unknown }>({ s: 'idle' });
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setState({ s: 'saving' });
    try {
      onDone(await call('budget.categorise', { id: tx.id, category, onlyThis }));
    } catch (error) {
      setState({ s: 'error', error });
    }
  };
  return (
    <form className="categorise" onSubmit={(e) => void submit(e)}>
      <Async value={all}>
        {(a) => {
          const options = new Map([...categoriesOf(a.categories), ...names]);
          return (
            <div className="field">
              <label htmlFor={ids.category}>{t('budget.newCategory', { label: tx.label })}</label>
              <select id={ids.category} value={category} onChange={(e) => setCategory(e.target.value)}>
                {[...options.values()]
                  .sort((x, y) => x.id.localeCompare(y.id))
                  .map((c) => (
                    <option key={c.id} value={c.id}>
                      {c.id.includes('.') ? `— ${name(c)}` : name(c)}
                    </option>
                  ))}
              </select>
            </div>
          );
        }}
      </Async>
      <label className="check" htmlFor={ids.only}>
        <input id={ids.only} type="checkbox" checked={onlyThis} onChange={(e) => setOnlyThis(e.target.checked)} />
        {t('budget.onlyThis')}
      </label>
      <div className="actions">
        <button type="submit" disabled={state.s === 'saving' || all.status !== 'ready'}>
          {t('budget.saveCategory')}
        </button>
        <button type="button" className="secondary" onClick={onCancel}>
          {t('budget.cancel')}
        </button>
      </div>
      {state.s === 'error' && <ErrorState error={state.error} />}
    </form>
  );
}

/** The period's transactions with their category and where it came from; each can be re-categorised (and becomes a rule). */
export function TransactionsCategorise({ budget, onChanged }: { budget: BudgetResult; onChanged: () => void }) {
  const { t } = useTranslation();
  const f = useFormat();
  const name = useCategoryName();
  const names = categoriesOf(budget.categories);
  const [editing, setEditing] = useState<string | null>(null);
  const [done, setDone] = useState<Categorised | null>(null);
  const txs = budget.transactions ?? [];
  if (txs.length === 0) return <p className="muted">{t('budget.noTransactions')}</p>;
  return (
    <>
      {done && (
        <Notice>
          {t('budget.categorised', { label: done.label, category: name(done.category, names) })}{' '}
          {done.rule ? t('budget.ruleApplies', { pattern: done.rule.pattern, n: f.number(done.similar) }) : t('budget.noRule')}
        </Notice>
      )}
      <ul className="transactions" data-testid="transactions">
        {txs.map((tx) => (
          <li key={tx.id} className="transaction">
            <span className="tx-date">{f.date(tx.date)}</span>
            <Link className="tx-label" to={`/records/${tx.id}`}>
              {tx.label}
            </Link>
            <span className={`num tx-amount${tx.amountMinor > 0 ? ' positive' : ''}`}>{f.money({ amountMinor: tx.amountMinor, currency: budget.currency })}</span>
            <span className="tx-category">
              {name(tx.category, names)} <span className={`badge origin-${tx.origin}`}>{t(`budget.origin.${tx.origin}`)}</span>
            </span>
            {editing === tx.id ? (
              <CategoriseForm
                tx={tx}
                names={names}
                onCancel={() => setEditing(null)}
                onDone={(r) => {
                  setEditing(null);
                  setDone(r);
                  onChanged();
                }}
              />
            ) : (
              <button type="button" className="secondary small-button" onClick={() => setEditing(tx.id)} aria-label={t('budget.changeCategoryOf', { label: tx.label, date: f.date(tx.date) })}>
                {t('budget.changeCategory')}
              </button>
            )}
          </li>
        ))}
      </ul>
    </>
  );
}
