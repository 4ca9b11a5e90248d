import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { call } from '../api/client.ts';
import { PageTitle } from '../components/PageTitle.tsx';
import { DocumentPanel } from '../components/rights/DocumentPanel.tsx';
import { HistoryTimeline } from '../components/rights/HistoryTimeline.tsx';
import { RequestActions } from '../components/rights/RequestActions.tsx';
import { StatusBadge } from '../components/rights/StatusBadge.tsx';
import { useRightsText, type RequestView } from '../components/rights/rights-text.ts';
import '../components/rights/rights.css';
import { Async } from '../components/StateViews.tsx';
import { useApi } from '../components/use-api.ts';
import { useFormat } from '../format.ts';

/** Where the request stands, in one sentence beside its status badge. */
function StatusLine({ r }: { r: RequestView }) {
  const { t } = useTranslation();
  const f = useFormat();
  const text = useRightsText();
  const vars = { organisation: r.organisation.name, date: r.dueOn ? f.date(r.dueOn) : '—', left: r.daysLeft !== undefined ? text.left(r.daysLeft) : '' };
  const line = {
    draft: t('rights.statusLine.draft'),
    sent: t('rights.statusLine.waiting', vars),
    acknowledged: t('rights.statusLine.waiting', vars),
    overdue: t('rights.statusLine.overdue', vars),
    answered: t('rights.statusLine.answered', vars),
    closed: t('rights.statusLine.closed'),
    'closed-verified': t('rights.statusLine.verified', vars),
  }[r.status];
  return (
    <p className={`rights-status-line rights-status-line-${r.status}`} data-testid="status-line">
      <StatusBadge status={r.status} /> {line}
    </p>
  );
}

function Facts({ r }: { r: RequestView }) {
  const { t } = useTranslation();
  const f = useFormat();
  const text = useRightsText();
  return (
    <dl className="facts">
      <dt>{t('rights.organisationOf')}</dt>
      <dd>
        {r.organisation.name} <span className="muted">({r.organisation.source})</span>
      </dd>
      <dt>{t('rights.contact')}</dt>
      <dd>{r.organisation.contact ?? t('rights.unknownContact')}</dd>
      <dt>{t('rights.channelLabel')}</dt>
      <dd>{text.channel(r.channel)}</dd>
      <dt>{t('rights.sentOn')}</dt>
      <dd data-testid="sent-on">{r.sentOn ? f.date(r.sentOn) : t('rights.notSent')}</dd>
      {r.dueOn && (
        <>
          <dt>{t('rights.dueOn')}</dt>
          <dd>
            <span data-testid="due-on">{f.date(r.dueOn)}</span>
            {r.extensionMonths > 0 && <> — {t('rights.extended', { n: r.extensionMonths, reason: r.extensionReason ?? '' })}</>}
          </dd>
        </>
      )}
      {r.answer && (
        <>
          <dt>{t('rights.answer')}</dt>
          <dd data-testid="answer">
            {r.answer.outcome === 'done' ? t('rights.answerDone') : t('rights.answerRefused')}
            {r.answer.reason && <> — {r.answer.reason}</>} <span className="muted">({f.dateTime(r.answer.at)})</span>
          </dd>
        </>
      )}
    </dl>
  );
}

function Items({ r }: { r: RequestView }) {
  const { t } = useTranslation();
  if (r.items.length === 0 && !r.requestedChange) return null;
  return (
    <section aria-labelledby="rights-items">
      <h2 id="rights-items">{t('rights.itemsTitle')}</h2>
      {r.items.length > 0 && (
        <ul className="rights-items" data-testid="items">
          {r.items.map((i) => (
            <li key={`${i.what}-${i.currentValue ?? ''}`}>
              <strong className="mono">{i.what}</strong>
              {(i.currentValue !== undefined || i.requestedValue !== undefined) && (
                <dl className="rights-change">
                  <div>
                    <dt>{t('rights.itemCurrent')}</dt>
                    <dd className="wrong-value">{i.currentValue ?? '—'}</dd>
                  </div>
                  <div>
                    <dt>{t('rights.itemRequested')}</dt>
                    <dd className="right-value">{i.requestedValue ?? '—'}</dd>
                  </div>
                </dl>
              )}
            </li>
          ))}
        </ul>
      )}
      {r.requestedChange && (
        <p>
          <strong>{t('rights.asked')}</strong> — {r.requestedChange}
        </p>
      )}
    </section>
  );
}

/**
 * One request: where it stands (in words and colour), the complaint to the CNIL first when it
 * is overdue or refused, what is asked, the letter or e-mail (copy, PDF), the actions it
 * allows now, and its whole history.
 */
export default function RightsRequest() {
  const { t } = useTranslation();
  const text = useRightsText();
  const { id = '' } = useParams();
  const request = useApi(() => call('rights.show', { id }), [id]);
  return (
    <>
      <p>
        <Link to="/rights">← {t('rights.back')}</Link>
      </p>
      {request.status !== 'ready' && <PageTitle text={t('rights.requestTitle')} />}
      <Async value={request}>
        {(r) => {
          const version = `${r.status}-${r.history.length}`;
          const medium = r.channel === 'email' ? 'email' : 'letter';
          const letter = <DocumentPanel requestId={r.id} document="letter" version={version} title={t(`rights.letterTitle.${medium}`)} testId="letter" className={r.channel === 'api' ? 'rights-api-letter' : 'card'} />;
          return (
            <>
              <PageTitle text={`${text.kindTitle(r.kind)} · ${r.organisation.name}`} />
              <p className="muted">{text.kind(r.kind)}</p>
              <StatusLine r={r} />
              {r.complaintAvailable && (
                <DocumentPanel requestId={r.id} document="complaint" version={version} title={t('rights.complaintTitle')} intro={<p>{t('rights.complaintIntro')}</p>} className="card rights-complaint" testId="complaint" />
              )}
              <Facts r={r} />
              <Items r={r} />
              <RequestActions r={r} done={request.reload} />
              {r.channel === 'api' ? (
                <details className="card">
                  <summary>{t(`rights.letterTitle.${medium}`)}</summary>
                  <p className="hint">{t('rights.letterHintApi')}</p>
                  {letter}
                </details>
              ) : (
                letter
              )}
              <HistoryTimeline r={r} />
            </>
          );
        }}
      </Async>
    </>
  );
}
