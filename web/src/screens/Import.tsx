import { useEffect, useId, useRef, useState, type DragEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { call, uploadFile, type UploadResult } from '../api/client.ts';
import { filesOfDrop, filesOfInput, type PickedFile } from '../components/collect-files.ts';
import { PageTitle } from '../components/PageTitle.tsx';
import { Async, EmptyState, ErrorState } from '../components/StateViews.tsx';
import { useApi } from '../components/use-api.ts';
import { useFormat } from '../format.ts';
import { ServerMessage } from '../components/ServerMessage.tsx';

type FileReport = UploadResult['files'][number];
type Status = 'waiting' | 'uploading' | 'importing' | 'done' | 'error';
interface QueueItem extends PickedFile {
  key: number;
  status: Status;
  progress: number;
  result?: UploadResult;
  error?: unknown;
}

interface Fault {
  index?: number;
  field?: string;
  message: string;
}

function faultsOf(r: FileReport): Fault[] {
  const d = r.error?.details as { faults?: Fault[] } | undefined;
  return Array.isArray(d?.faults) ? d.faults : [];
}

/** The status a file shows once done: its own report's, or the worst of its members'. */
function outcomeOf(item: QueueItem): FileReport['status'] | null {
  const files = item.result?.files ?? [];
  if (files.length === 0) return item.status === 'error' ? 'failed' : null;
  for (const s of ['failed', 'refused', 'unrecognised'] as const) if (files.some((f) => f.status === s)) return s;
  return 'imported';
}

/** Drag and drop files or folders; each is sent and imported in turn, with its progress and result. */
export default function Import() {
  const { t } = useTranslation();
  const f = useFormat();
  const filesId = useId();
  const folderId = useId();
  const [queue, setQueue] = useState<QueueItem[]>([]);
  const [dragging, setDragging] = useState(false);
  const [dropError, setDropError] = useState<unknown>(null);
  const nextKey = useRef(1);
  const history = useApi(() => call('imports.list', { limit: 20 }), []);

  const add = (picked: PickedFile[]) => setQueue((q) => [...q, ...picked.map((p) => ({ ...p, key: nextKey.current++, status: 'waiting' as const, progress: 0 }))]);
  const update = (key: number, patch: Partial<QueueItem>) => setQueue((q) => q.map((i) => (i.key === key ? { ...i, ...patch } : i)));

  // One file at a time: the next waiting file starts when none is in flight.
  const busy = queue.some((i) => i.status === 'uploading' || i.status === 'importing');
  const nextWaiting = queue.find((i) => i.status === 'waiting');
  useEffect(() => {
    if (busy || !nextWaiting) return;
    const item = nextWaiting;
    update(item.key, { status: 'uploading' });
    uploadFile(item.file, item.path, (p) => update(item.key, p >= 1 ? { progress: 1, status: 'importing' } : { progress: p }))
      .then((result) => update(item.key, { status: 'done', progress: 1, result }))
      .catch((error: unknown) => update(item.key, { status: 'error', error }))
      .finally(() => history.reload());
  }, [busy, nextWaiting?.key]);

  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    setDragging(false);
    filesOfDrop(e.dataTransfer).then(add, setDropError);
  };

  const reports = queue.flatMap((i) => i.result?.files ?? []);
  const finished = queue.length > 0 && queue.every((i) => i.status === 'done' || i.status === 'error');
  const count = (s: FileReport['status']) => reports.filter((r) => r.status === s).length;
  const problems = reports.filter((r) => r.status !== 'imported');
  const transportErrors = queue.filter((i) => i.status === 'error');

  return (
    <>
      <PageTitle text={t('import.title')} />
      <p className="lead">{t('import.intro')}</p>
      <div
        className={`dropzone${dragging ? ' dragging' : ''}`}
        onDragOver={(e) => {
          e.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={onDrop}
      >
        <p className="dropzone-title">{t('import.drop')}</p>
        <p>{t('import.or')}</p>
        <div className="actions">
          <label className="button" htmlFor={filesId}>
            {t('import.chooseFiles')}
          </label>
          <input id={filesId} className="visually-hidden" type="file" multiple onChange={(e) => (add(filesOfInput(e.target.files)), (e.target.value = ''))} />
          <label className="button secondary" htmlFor={folderId}>
            {t('import.chooseFolder')}
          </label>
          <input id={folderId} className="visually-hidden" type="file" multiple ref={(el) => el?.setAttribute('webkitdirectory', '')} onChange={(e) => (add(filesOfInput(e.target.files)), (e.target.value = ''))} />
        </div>
      </div>
      {dropError !== null && <ErrorState error={dropError} />}

      {queue.length > 0 && (
        <section aria-labelledby="queue-title">
          <h2 id="queue-title">{t('import.queue')}</h2>
          <ul className="queue">
            {queue.map((i) => {
              const outcome = outcomeOf(i);
              const label =
                i.status === 'waiting' ? t('import.status.waiting') : i.status === 'uploading' ? t('import.status.uploading', { percent: f.percent(i.progress) }) : i.status === 'importing' ? t('import.status.importing') : t(`import.status.${outcome ?? 'failed'}`);
              return (
                <li key={i.key} className={`queue-item status-${outcome ?? i.status}`}>
                  <div className="queue-head">
                    <span className="file-name">{i.path}</span>
                    <span className="muted">{f.bytes(i.file.size)}</span>
                    <span className="badge" data-testid="file-status">
                      {label}
                    </span>
                  </div>
                  <progress max={1} value={i.status === 'importing' ? undefined : i.progress} aria-label={`${i.path}: ${label}`} />
                  {i.result?.files.map((r) => (
                    <p key={r.file} className="hint">
                      {r.file !== i.path && <span className="file-name">{r.file}: </span>}
                      {r.summary ? t('import.fileResult', { inserted: f.number(r.summary.counts.inserted), updated: f.number(r.summary.counts.updated), unchanged: f.number(r.summary.counts.unchanged) }) : r.archive ? t('import.archiveResult', { inserted: f.number(r.archive.inserted), unchanged: f.number(r.archive.unchanged) }) : r.error && <ServerMessage code={r.error.code} message={r.error.message} />}
                      {r.format && <span className="muted"> — {t('import.format', { format: r.format })}</span>}
                    </p>
                  ))}
                  {i.error !== undefined && <p className="field-error">{i.error instanceof Error ? i.error.message : String(i.error)}</p>}
                </li>
              );
            })}
          </ul>
        </section>
      )}

      {finished && (
        <section aria-labelledby="summary-title" className="card">
          <h2 id="summary-title">{t('import.summaryTitle')}</h2>
          <p role="status" data-testid="import-summary">
            {t('import.summary', { imported: count('imported'), refused: count('refused'), unrecognised: count('unrecognised'), failed: count('failed') + transportErrors.length })}
          </p>
          {(problems.length > 0 || transportErrors.length > 0) && (
            <>
              <h3>{t('import.problems')}</h3>
              <ul className="problems">
                {problems.map((r) => (
                  <li key={r.file}>
                    <strong className="file-name">{r.file}</strong> — {t('import.problemStatus', { status: t(`import.status.${r.status}`) })}{r.error && <ServerMessage code={r.error.code} message={r.error.message} />}
                    {faultsOf(r).length > 0 && (
                      <ul>
                        {faultsOf(r)
                          .slice(0, 10)
                          .map((x, n) => (
                            <li key={n}>{t('import.fault', { index: (x.index ?? 0) + 1, field: x.field ?? '', message: x.message })}</li>
                          ))}
                        {faultsOf(r).length > 10 && <li>{t('import.moreFaults', { count: faultsOf(r).length - 10 })}</li>}
                      </ul>
                    )}
                  </li>
                ))}
                {transportErrors.map((i) => (
                  <li key={i.key}>
                    <strong className="file-name">{i.path}</strong> — {i.error instanceof Error ? i.error.message : String(i.error)}
                  </li>
                ))}
              </ul>
            </>
          )}
          <div className="actions">
            <Link className="button" to="/timeline">
              {t('import.goTimeline')}
            </Link>
            <button type="button" className="secondary" onClick={() => setQueue([])}>
              {t('import.clear')}
            </button>
          </div>
        </section>
      )}

      <section aria-labelledby="history-title">
        <h2 id="history-title">{t('import.history')}</h2>
        <Async value={history}>
          {(rows) =>
            rows.length === 0 ? (
              <EmptyState title={t('import.historyEmpty')} />
            ) : (
              <div className="table-wrap">
                <table>
                  <thead>
                    <tr>
                      <th scope="col">{t('import.started')}</th>
                      <th scope="col">{t('import.file')}</th>
                      <th scope="col">{t('import.result')}</th>
                      <th scope="col">{t('import.inserted')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {rows.map((r) => (
                      <tr key={r.id}>
                        <td>{f.dateTime(r.startedAt)}</td>
                        <td className="file-name">{r.fileName ?? r.format ?? ''}</td>
                        <td>{r.status === 'committed' ? t('import.status.imported') : t('import.status.refused')}</td>
                        <td>{f.number(r.counts.inserted)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )
          }
        </Async>
      </section>
    </>
  );
}
