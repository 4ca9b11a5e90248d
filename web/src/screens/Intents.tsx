import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { call } from '../api/client.ts';
import { DataTable } from '../components/insights/DataTable.tsx';
import { PageTitle } from '../components/PageTitle.tsx';
import { Async, EmptyState } from '../components/StateViews.tsx';
import { useApi } from '../components/use-api.ts';
import { VendorList } from '../components/vrm/VendorList.tsx';
import { useVrmText } from '../components/vrm/vrm-text.ts';
import '../components/vrm/vrm.css';

/** My intents and offers: what I asked vendors for, where each stands, and who may receive them. */
export default function Intents() {
  const { t } = useTranslation();
  const v = useVrmText();
  const intents = useApi(() => call('intents.list', {}), []);
  const vendors = useApi(() => call('vendors.list', {}), []);
  const start = (
    <p>
      <Link className="button" to="/intents/new">
        {t('intents.sayWhatYouWant')}
      </Link>
    </p>
  );
  return (
    <>
      <PageTitle text={t('intents.title')} />
      <p className="lead">{t('intents.intro')}</p>
      <section aria-labelledby="intents-mine">
        <h2 id="intents-mine">{t('intents.mine')}</h2>
        <Async value={intents}>
          {({ intents: list }) =>
            list.length === 0 ? (
              <EmptyState title={t('intents.emptyTitle')}>
                <p>{t('intents.emptyText')}</p>
                {start}
              </EmptyState>
            ) : (
              <>
                {start}
                <DataTable
                  caption={t('intents.listCaption')}
                  testId="intents"
                  columns={[{ label: t('intents.colIntent') }, { label: t('intents.colStatus') }, { label: t('intents.colOffers'), num: true }, { label: t('intents.colExpires') }]}
                  rows={list.map((i) => ({
                    key: i.pseudonym,
                    attrs: { 'data-intent': i.pseudonym },
                    head: (
                      <>
                        <Link to={`/intents/${i.pseudonym}`}>{i.title}</Link>
                        <span className="hint vrm-block">{v.category(i.category)}</span>
                        <span className="mono small vrm-block" title={t('intents.pseudonymHint')}>
                          <span className="visually-hidden">{t('intents.pseudonym')} </span>
                          {i.pseudonym}
                        </span>
                      </>
                    ),
                    cells: [<span className={`badge vrm-status-${i.status}`}>{v.status(i.status)}</span>, v.f.number(i.offers), v.f.date(i.expiresAt)],
                  }))}
                />
              </>
            )
          }
        </Async>
      </section>
      <section aria-labelledby="intents-vendors" className="card">
        <h2 id="intents-vendors">{t('intents.vendors')}</h2>
        <p className="hint">{t('intents.vendorsIntro')}</p>
        <Async value={vendors}>{({ vendors: list }) => <VendorList vendors={list} />}</Async>
      </section>
    </>
  );
}
