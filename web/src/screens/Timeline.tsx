import { useCallback, useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { call } from '../api/client.ts';
import type { OperationOutput } from '../api/operations.ts';
import { PageTitle } from '../components/PageTitle.tsx';
import { Async, EmptyState, ErrorState, Loading } from '../components/StateViews.tsx';
import { useApi } from '../components/use-api.ts';
import { summarise, useFormat } from '../format.ts';
import { useTypeName } from '../i18n/record-types.ts';

type StoredRecord = OperationOutput<'records.list'>['records'][number];
type RecordType = NonNullable<StoredRecord['type']>;
const PAGE = 50;

/** The filters, read from and written to the URL (a filtered timeline is a shareable link). */
function useFilters() {
  const [params, setParams] = useSearchParams();
  const filters = {
    search: params.get('search') ?? '',
    type: params.getAll('type') as RecordType[],
    source: params.getAll('source'),
    from: params.get('from') ?? '',
    to: params.get('to') ?? '',
  };
  const set = (next: typeof filters) => {
    const p = new URLSearchParams();
    if (next.search) p.set('search', next.search);
    for (const t of next.type) p.append('type', t);
    for (const s of next.source) p.append('source', s);
    if (next.from) p.set('from', next.from);
    if (next.to) p.set('to', next.to);
    setParams(p);
  };
  return { filters, key: params.toString(), set };
}

/** Every record of every type, newest first, with search, facets (type, source, period) and infinite scroll. */
export default function Timeline() {
  const { t } = useTranslation();
  const f = useFormat();
  const typeName = useTypeName();
  const ids = { search: useId(), from: useId(), to: useId() };
  const { filters, key, set } = useFilters();
  const [draft, setDraft] = useState(filters);
  const stats = useApi(() => call('vault.stats', {}), []);
  const [records, setRecords] = useState<StoredRecord[]>([]);
  const [cursor, setCursor] = useState<string | null | undefined>(undefined);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const generation = useRef(0);
  const sentinel = useRef<HTMLDivElement>(null);

  useEffect(() => setDraft(filters), [key]);

  const load = useCallback(
    async (from: string | null | undefined, reset: boolean) => {
      const n = reset ? ++generation.current : generation.current;
      setLoading(true);
      setError(null);
      try {
        const page = await call('records.list', {
          order: 'desc',
          limit: PAGE,
          ...(filters.search ? { search: filters.search } : {}),
          ...(filters.type.length ? { type: filters.type } : {}),
          ...(filters.source.length ? { source: filters.source } : {}),
          ...(filters.from ? { from: filters.from } : {}),
          ...(filters.to ? { to: filters.to } : {}),
          ...(from ? { cursor: from } : {}),
        });
        if (n !== generation.current) return;
        setRecords((r) => (reset ? page.records : [...r, ...page.records]));
        setCursor(page.nextCursor);
      } catch (e) {
        if (n === generation.current) setError(e);
      } finally {
        if (n === generation.current) setLoading(false);
      }
    },
    [key],
  );

  useEffect(() => {
    setRecords([]);
    setCursor(undefined);
    void load(undefined, true);
  }, [load]);

  // Infinite scroll: the next page loads when the end of the list comes into view.
  useEffect(() => {
    const el = sentinel.current;
    if (!el || !cursor || loading) return;
    const io = new IntersectionObserver((entries) => {
      if (entries.some((e) => e.isIntersecting)) void load(cursor, false);
    });
    io.observe(el);
    return () => io.disconnect();
  }, [cursor, loading, load]);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    set(draft);
  };
  const toggle = (list: string[], v: string) => (list.includes(v) ? list.filter((x) => x !== v) : [...list, v]);

  return (
    <>
      <PageTitle text={t('timeline.title')} />
      <form className="filters" onSubmit={submit} role="search">
        <div className="field grow">
          <label htmlFor={ids.search}>{t('timeline.search')}</label>
          <input id={ids.search} type="search" value={draft.search} placeholder={t('timeline.searchPlaceholder')} onChange={(e) => setDraft({ ...draft, search: e.target.value })} />
        </div>
        <details className="facets" open={filters.type.length + filters.source.length > 0 || !!filters.from || !!filters.to}>
          <summary>{t('timeline.filters')}</summary>
          <Async value={stats}>
            {(s) => (
              <div className="facet-groups">
                <fieldset>
                  <legend>{t('timeline.types')}</legend>
                  {Object.entries(s.byType)
                    .sort()
                    .map(([type, n]) => (
                      <label key={type} className="check">
                        <input type="checkbox" checked={draft.type.includes(type as RecordType)} onChange={() => setDraft({ ...draft, type: toggle(draft.type, type) as RecordType[] })} />
                        {typeName(type)} <span className="muted">({f.number(n)})</span>
                      </label>
                    ))}
                </fieldset>
                <fieldset>
                  <legend>{t('timeline.sources')}</legend>
                  {Object.entries(s.bySource)
                    .sort()
                    .map(([source, n]) => (
                      <label key={source} className="check">
                        <input type="checkbox" checked={draft.source.includes(source)} onChange={() => setDraft({ ...draft, source: toggle(draft.source, source) })} />
                        {source} <span className="muted">({f.number(n)})</span>
                      </label>
                    ))}
                </fieldset>
                <fieldset>
                  <legend>{t('timeline.period')}</legend>
                  <div className="field">
                    <label htmlFor={ids.from}>{t('timeline.from')}</label>
                    <input id={ids.from} type="date" value={draft.from} onChange={(e) => setDraft({ ...draft, from: e.target.value })} />
                  </div>
                  <div className="field">
                    <label htmlFor={ids.to}>{t('timeline.to')}</label>
                    <input id={ids.to} type="date" value={draft.to} onChange={(e) => setDraft({ ...draft, to: e.target.value })} />
                  </div>
                </fieldset>
              </div>
            )}
          </Async>
        </details>
        <div className="actions">
          <button type="submit">{t('timeline.apply')}</button>
          <button type="button" className="secondary" onClick={() => set({ search: '', type: [], source: [], from: '', to: '' })}>
            {t('timeline.reset')}
          </button>
        </div>
      </form>

      <section aria-labelledby="results-title" aria-busy={loading}>
        <h2 id="results-title" className="visually-hidden">
          {t('timeline.results')}
        </h2>
        {records.length === 0 && !loading && error === null ? (
          <EmptyState title={t('timeline.emptyTitle')}>
            <p>{t('timeline.empty')}</p>
          </EmptyState>
        ) : (
          <ol className="timeline" data-testid="timeline">
            {records.map((r) => (
              <li key={r.id}>
                <time dateTime={r.occurredAt}>{f.dateTime(r.occurredAt)}</time>
                <span className="badge">{typeName(r.type)}</span>
                <Link to={`/records/${encodeURIComponent(r.id)}`} className="record-link">
                  {summarise(r.data, f) || typeName(r.type)}
                </Link>
                <span className="muted source">{r.source}</span>
              </li>
            ))}
          </ol>
        )}
        {loading && <Loading />}
        {error !== null && <ErrorState error={error} retry={() => void load(cursor, records.length === 0)} />}
        <div ref={sentinel} />
        {cursor && !loading && (
          <button type="button" className="secondary" onClick={() => void load(cursor, false)}>
            {t('timeline.loadMore')}
          </button>
        )}
        {cursor === null && records.length > 0 && <p className="muted">{t('timeline.end')}</p>}
      </section>
    </>
  );
}
