import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { call } from '../api/client.ts';
import { PageTitle } from '../components/PageTitle.tsx';
import { NewRequestForm, type OrganisationChoice } from '../components/rights/NewRequestForm.tsx';
import { RemindersPanel } from '../components/rights/RemindersPanel.tsx';
import { RequestListItem } from '../components/rights/RequestListItem.tsx';
import { STATUS_GROUPS, inGroup, isStatusGroup, type RequestView, type StatusGroup } from '../components/rights/rights-text.ts';
import '../components/rights/rights.css';
import { Async, EmptyState } from '../components/StateViews.tsx';
import { useApi } from '../components/use-api.ts';

/** The organisations a request may go to: the vault's sources and the registered organisations, organisations first. */
async function organisationChoices(): Promise<OrganisationChoice[]> {
  const [stats, clients] = await Promise.all([call('vault.stats', {}), call('clients.list', {})]);
  const named = new Map<string, string>();
  for (const c of clients.clients) if (c.kind === 'organisation') named.set(c.source, c.name);
  const sources = new Set([...Object.keys(stats.bySource), ...named.keys()]);
  return [...sources]
    .map((source) => ({ source, name: named.get(source) ?? source }))
    .sort((a, b) => Number(b.source.startsWith('org:')) - Number(a.source.startsWith('org:')) || a.name.localeCompare(b.name));
}

function Filters({ requests, group, organisation, onChange }: { requests: RequestView[]; group: StatusGroup; organisation: string; onChange: (group: StatusGroup, organisation: string) => void }) {
  const { t } = useTranslation();
  const id = useId();
  const organisations = [...new Map(requests.map((r) => [r.organisation.source, r.organisation.name])).entries()].sort((a, b) => a[1].localeCompare(b[1]));
  const ofOrganisation = requests.filter((r) => !organisation || r.organisation.source === organisation);
  return (
    <form className="filters" aria-label={t('rights.filters')} onSubmit={(e) => e.preventDefault()}>
      <div className="field">
        <label htmlFor={`${id}-status`}>{t('rights.show')}</label>
        <select id={`${id}-status`} value={group} onChange={(e) => onChange(isStatusGroup(e.target.value) ? e.target.value : 'all', organisation)}>
          {(Object.keys(STATUS_GROUPS) as StatusGroup[]).map((g) => (
            <option key={g} value={g}>
              {t(`rights.group.${g}`, { n: ofOrganisation.filter((r) => inGroup(r, g)).length })}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${id}-org`}>{t('rights.organisation')}</label>
        <select id={`${id}-org`} value={organisation} onChange={(e) => onChange(group, e.target.value)}>
          <option value="">{t('rights.anyOrganisation')}</option>
          {organisations.map(([source, name]) => (
            <option key={source} value={source}>
              {name}
            </option>
          ))}
        </select>
      </div>
    </form>
  );
}

/**
 * "My requests": every GDPR request with its status, channel, dates and last event; the
 * reminders first; filters by status group and organisation in the query string
 * (`?status=overdue&organisation=org:gaz-reseau`); the form of a new request.
 */
export default function Rights() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const status = params.get('status');
  const group: StatusGroup = isStatusGroup(status) ? status : 'all';
  const organisation = params.get('organisation') ?? '';
  const list = useApi(() => call('rights.list', {}), []);
  const reminders = useApi(() => call('rights.reminders', {}), []);
  const organisations = useApi(organisationChoices, []);
  const setFilters = (g: StatusGroup, o: string) => {
    const next = new URLSearchParams();
    if (g !== 'all') next.set('status', g);
    if (o) next.set('organisation', o);
    setParams(next, { replace: true });
  };
  return (
    <>
      <PageTitle text={t('rights.title')} />
      <p className="lead">{t('rights.intro')}</p>
      <Async value={reminders}>{(r) => <RemindersPanel reminders={r.reminders} />}</Async>
      <section aria-labelledby="rights-list">
        <h2 id="rights-list">{t('rights.listTitle')}</h2>
        <Async value={list}>
          {({ requests }) => {
            if (requests.length === 0)
              return (
                <EmptyState title={t('rights.emptyTitle')}>
                  <p>{t('rights.emptyText')}</p>
                  <p>
                    <Link to="/who-knows-what">{t('rights.emptyStart')}</Link>
                  </p>
                </EmptyState>
              );
            const shown = requests.filter((r) => inGroup(r, group) && (!organisation || r.organisation.source === organisation));
            return (
              <>
                <Filters requests={requests} group={group} organisation={organisation} onChange={setFilters} />
                {shown.length === 0 ? (
                  <p className="state state-empty">{t('rights.noneMatch')}</p>
                ) : (
                  <ul className="rights-list" data-testid="rights-list">
                    {shown.map((r) => (
                      <RequestListItem key={r.id} r={r} />
                    ))}
                  </ul>
                )}
              </>
            );
          }}
        </Async>
      </section>
      <Async value={organisations}>{(o) => <NewRequestForm organisations={o} />}</Async>
    </>
  );
}
