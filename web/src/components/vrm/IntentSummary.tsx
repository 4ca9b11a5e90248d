import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ProfileValues, TermsList } from './ProfileValues.tsx';
import { useVrmText, type Intent } from './vrm-text.ts';

/** An intent as its person sees it: status, pseudonym, dates, what was asked, disclosed and required. */
export function IntentSummary({ intent: i, grantLink = true }: { intent: Intent; grantLink?: boolean }) {
  const { t } = useTranslation();
  const v = useVrmText();
  const fields = Object.entries(i.requirements.fields);
  return (
    <>
      <p className="vrm-badges">
        <span className={`badge vrm-status-${i.status}`} data-testid="intent-status">
          {v.status(i.status)}
        </span>{' '}
        {v.category(i.category)}
      </p>
      <p>
        {t('intents.publishedOn', { date: v.f.date(i.publishedAt), until: v.f.date(i.expiresAt) })}
        {i.closedAt && <> {t('intents.closedOn', { date: v.f.dateTime(i.closedAt) })}</>}
      </p>
      <p className="hint">
        <strong>{t('intents.pseudonym')}</strong> <span className="mono small">{i.pseudonym}</span> — {t('intents.pseudonymHint')}
      </p>
      {grantLink && i.grantId && (
        <p>
          <Link to={`/sharing/${encodeURIComponent(i.grantId)}`}>{t('intents.grantLink')}</Link>
        </p>
      )}
      <div className="vrm-summary">
        <section className="card" aria-labelledby="vrm-asked">
          <h2 id="vrm-asked">{t('intents.asked')}</h2>
          {i.requirements.text ? <p className="vrm-text">{i.requirements.text}</p> : <p className="muted">{t('intents.noText')}</p>}
          {fields.length > 0 && (
            <dl className="facts">
              {fields.map(([name, value]) => (
                <div key={name} className="fact">
                  <dt className="mono">{name}</dt>
                  <dd>{String(value)}</dd>
                </div>
              ))}
            </dl>
          )}
        </section>
        <section className="card" aria-labelledby="vrm-disclosed">
          <h2 id="vrm-disclosed">{t('intents.disclosed')}</h2>
          <ProfileValues profile={i.profile} />
        </section>
        <section className="card" aria-labelledby="vrm-terms">
          <h2 id="vrm-terms">{t('intents.termsAccepted')}</h2>
          <TermsList terms={i.terms} />
        </section>
      </div>
    </>
  );
}
