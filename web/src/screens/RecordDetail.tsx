import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { call } from '../api/client.ts';
import type { OperationOutput } from '../api/operations.ts';
import { PageTitle } from '../components/PageTitle.tsx';
import { Async, ErrorState, Notice } from '../components/StateViews.tsx';
import { useApi } from '../components/use-api.ts';
import { isMoney, useFormat, type Formatters } from '../format.ts';
import { useTypeName } from '../i18n/record-types.ts';
import { useFieldName } from '../i18n/field-names.ts';

type Detail = OperationOutput<'records.get'>;

/** Dotted paths of a record's data to the values a person reads (money kept whole; a list of texts one path per line: `address.street.0`). */
function leaves(data: Record<string, unknown>, prefix = ''): [string, unknown][] {
  return Object.entries(data).flatMap(([k, v]): [string, unknown][] => {
    const path = prefix ? `${prefix}.${k}` : k;
    if (Array.isArray(v) && v.length > 0 && v.every((x) => typeof x === 'string')) return v.map((x, i): [string, unknown] => [`${path}.${i}`, x]);
    if (v && typeof v === 'object' && !Array.isArray(v) && !isMoney(v)) return leaves(v as Record<string, unknown>, path);
    return [[path, v]];
  });
}

function show(v: unknown, f: Formatters): string {
  if (isMoney(v)) return f.money(v);
  if (typeof v === 'number') return f.number(v, 6);
  if (typeof v === 'string' || typeof v === 'boolean') return String(v);
  return JSON.stringify(v);
}

function CorrectForm({ detail, onSaved }: { detail: Detail; onSaved: (revision: number) => void }) {
  const { t } = useTranslation();
  const reasonId = useId();
  const base = useId();
  const fieldName = useFieldName();
  const editable = leaves(detail.record.data).filter((e): e is [string, string] => typeof e[1] === 'string');
  const [values, setValues] = useState<Record<string, string>>(Object.fromEntries(editable));
  const [reason, setReason] = useState('');
  const [state, setState] = useState<{ s: 'idle' } | { s: 'saving' } | { s: 'error'; error: unknown } | { s: 'invalid' }>({ s: 'idle' });
  if (editable.length === 0) return <p className="muted">{t('record.nothingEditable')}</p>;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const set = editable.filter(([path, was]) => values[path] !== was).map(([path]) => `${path}=${values[path] ?? ''}`);
    if (set.length === 0) return setState({ s: 'invalid' });
    setState({ s: 'saving' });
    try {
      const r = await call('records.correct', { id: detail.record.id, set, reason });
      setState({ s: 'idle' });
      onSaved(r.revision);
    } catch (error) {
      setState({ s: 'error', error });
    }
  };

  return (
    <form onSubmit={(e) => void submit(e)} className="card">
      <h2>{t('record.correctTitle')}</h2>
      <p className="hint">{t('record.correctIntro')}</p>
      {editable.map(([path], n) => (
        <div className="field" key={path}>
          <label htmlFor={`${base}-${n}`}>
            {fieldName(path)} <span className="muted mono small">{path}</span>
          </label>
          <input id={`${base}-${n}`} value={values[path] ?? ''} onChange={(e) => setValues({ ...values, [path]: e.target.value })} />
        </div>
      ))}
      <div className="field">
        <label htmlFor={reasonId}>{t('record.reason')}</label>
        <input id={reasonId} value={reason} placeholder={t('record.reasonPlaceholder')} onChange={(e) => setReason(e.target.value)} required />
      </div>
      <button type="submit" disabled={state.s === 'saving'}>
        {t('record.save')}
      </button>
      {state.s === 'invalid' && <Notice kind="error">{t('record.noChange')}</Notice>}
      {state.s === 'error' && <ErrorState error={state.error} />}
    </form>
  );
}

/** One record: what it says, its history of revisions, and a form to correct it. */
export default function RecordDetail() {
  const { t } = useTranslation();
  const f = useFormat();
  const typeName = useTypeName();
  const fieldName = useFieldName();
  const { id = '' } = useParams();
  const detail = useApi(() => call('records.get', { id }), [id]);
  const [saved, setSaved] = useState<number | null>(null);
  return (
    <>
      <p>
        <Link to="/timeline">← {t('record.back')}</Link>
      </p>
      <Async value={detail}>
        {(d) => (
          <>
            <PageTitle text={`${t('record.title')} · ${typeName(d.record.type)}`} />
            <dl className="facts">
              <dt>{t('record.type')}</dt>
              <dd>
                {typeName(d.record.type)} <span className="muted mono">{d.record.type}</span>
              </dd>
              <dt>{t('record.source')}</dt>
              <dd>{d.record.source}</dd>
              <dt>{t('record.occurredAt')}</dt>
              <dd>{f.dateTime(d.record.occurredAt)}</dd>
              <dt>{t('record.revision')}</dt>
              <dd>
                {d.record.revision} — {t(`record.revisedBy.${d.record.revisedBy}`)}
              </dd>
            </dl>
            <h2>{t('record.data')}</h2>
            <dl className="facts" data-testid="record-data">
              {leaves(d.record.data).map(([k, v]) => (
                <div key={k} className="fact">
                  <dt title={k}>{fieldName(k)}</dt>
                  <dd>{show(v, f)}</dd>
                </div>
              ))}
            </dl>
            {saved !== null && <Notice>{t('record.saved', { revision: saved })}</Notice>}
            <CorrectForm
              key={d.record.revision}
              detail={d}
              onSaved={(revision) => {
                setSaved(revision);
                detail.reload();
              }}
            />
            <h2>{t('record.history')}</h2>
            <ol className="history">
              {d.revisions.map((r) => (
                <li key={r.revision}>
                  <strong>
                    {t('record.revision')} {r.revision}
                  </strong>{' '}
                  — {t(`record.revisedBy.${r.revisedBy}`)}, {f.dateTime(r.at)}
                  {r.reason && <> — « {r.reason} »</>}
                </li>
              ))}
            </ol>
          </>
        )}
      </Async>
    </>
  );
}
