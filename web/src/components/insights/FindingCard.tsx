import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { call } from '../../api/client.ts';
import type { OperationOutput } from '../../api/operations.ts';
import { useFormat } from '../../format.ts';
import { ErrorState, Notice } from '../StateViews.tsx';

export type Quality = OperationOutput<'insights.quality'>;
export type Finding = Quality['findings'][number];
type Request = OperationOutput<'rights.show'>;
type Letter = OperationOutput<'rights.letter'>;

/** Whether the person already corrected, in the vault, the record a finding is about. */
export function correctedByPerson(q: Quality, finding: Finding): boolean {
  return q.attributes.some((a) => a.beliefs.some((b) => b.source === finding.source && b.correctedByPerson && b.recordIds.some((id) => finding.recordIds.includes(id))));
}

/**
 * One wrong value an organisation holds: what it believes, what it should hold, why, and the
 * two actions — correct the value in the vault (records.correct, a new revision) and ask the
 * organisation to rectify it (rights.create, then its letter, then rights.send). When an open
 * request already asks for it (`existing`), the card shows that request and links to it
 * instead of offering to draft a second one; `onRequested` tells the screen a request changed.
 */
export function FindingCard({ finding, corrected, attributeName, onChanged, existing, onRequested }: { finding: Finding; corrected: boolean; attributeName: string; onChanged: () => void; existing?: Request | undefined; onRequested?: () => void }) {
  const { t, i18n } = useTranslation();
  const f = useFormat();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [made, setRequest] = useState<Request | null>(null);
  const request = made ?? existing ?? null;
  const [letter, setLetter] = useState<Letter | null>(null);
  const act = async (run: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    try {
      await run();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  const correct = () =>
    act(async () => {
      await call('records.correct', { id: finding.recordIds[0]!, set: [`value=${finding.expected ?? ''}`], reason: t('whoKnows.correctReason', { source: finding.source }) });
      onChanged();
    });
  const rectify = () =>
    act(async () => {
      const r = await call('rights.create', { kind: 'rectification', organisation: finding.source, what: [finding.attribute], current: finding.believed, ...(finding.expected ? { requested: finding.expected } : {}) });
      setRequest(r);
      onRequested?.();
      if (r.channel !== 'api') setLetter(await call('rights.letter', { id: r.id, lang: i18n.language === 'fr' ? 'fr' : 'en', format: 'text' }));
    });
  const send = () =>
    act(async () => {
      if (request) setRequest(await call('rights.send', { id: request.id }));
      onRequested?.();
    });
  return (
    <article className={`finding finding-${finding.kind}`} data-finding={finding.id} aria-labelledby={`finding-${finding.recordIds[0]}`}>
      <h3 id={`finding-${finding.recordIds[0]}`}>
        <span className="badge badge-warn">{t(`whoKnows.kind.${finding.kind}`)}</span> {t('whoKnows.findingTitle', { source: finding.source, attribute: attributeName })}
      </h3>
      <dl className="facts">
        <dt>{t('whoKnows.believes')}</dt>
        <dd className="wrong-value" data-testid="believed">
          {finding.believed}
        </dd>
        <dt>{t('whoKnows.shouldBe')}</dt>
        <dd className="right-value" data-testid="expected">
          {finding.expected ?? t('whoKnows.unknownValue')}
        </dd>
        <dt>{t('whoKnows.heldSince')}</dt>
        <dd>
          {f.date(finding.heldSince)}
          {finding.outdatedSince && <> — {t('whoKnows.outdatedSince', { date: f.date(finding.outdatedSince) })}</>}
        </dd>
        <dt>{t('whoKnows.why')}</dt>
        <dd>{t(`whoKnows.basis.${finding.evidence.basis}`, { n: f.number(finding.evidence.agreeing.length) })}</dd>
      </dl>
      {corrected ? (
        <p className="notice notice-success">{t('whoKnows.correctedWaiting', { source: finding.source })}</p>
      ) : (
        <div className="actions">
          {finding.expected && (
            <button type="button" onClick={() => void correct()} disabled={busy}>
              {t('whoKnows.correct')}
            </button>
          )}
          <Link className="button secondary" to={`/records/${finding.recordIds[0]}`}>
            {t('whoKnows.seeRecord')}
          </Link>
        </div>
      )}
      {!request ? (
        <div className="actions">
          <button type="button" className="secondary" onClick={() => void rectify()} disabled={busy}>
            {t('whoKnows.rectify')}
          </button>
        </div>
      ) : (
        <div className="rectification">
          <Notice>
            {t(`whoKnows.request.${request.status === 'draft' || request.status === 'sent' ? request.status : 'other'}`, {
              source: request.organisation.name,
              channel: t(`whoKnows.channel.${request.channel}`),
              due: request.dueOn ? f.date(request.dueOn) : '—',
              status: t(`rights.status.${request.status}`),
            })}{' '}
            <Link to={`/rights/${encodeURIComponent(request.id)}`}>{t('whoKnows.seeRequest')}</Link>
          </Notice>
          {letter?.text && request.status === 'draft' && (
            <details>
              <summary>{t('whoKnows.letter', { subject: letter.subject })}</summary>
              <pre className="mono">{letter.text}</pre>
            </details>
          )}
          {request.status === 'draft' && (
            <button type="button" onClick={() => void send()} disabled={busy}>
              {t('whoKnows.markSent')}
            </button>
          )}
        </div>
      )}
      {error !== null && <ErrorState error={error} />}
    </article>
  );
}
