import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { call } from '../api/client.ts';
import { AttentionList } from '../components/AttentionList.tsx';
import { NoDataYet } from '../components/insights/NoDataYet.tsx';
import { PageTitle } from '../components/PageTitle.tsx';
import { Async } from '../components/StateViews.tsx';
import { useApi } from '../components/use-api.ts';
import { useFormat } from '../format.ts';
import { useTypeName } from '../i18n/record-types.ts';

/** What the vault holds: what needs the person's attention, then records per type and per source. */
export default function Overview() {
  const { t } = useTranslation();
  const f = useFormat();
  const typeName = useTypeName();
  const stats = useApi(() => call('vault.stats', {}), []);
  return (
    <>
      <PageTitle text={t('overview.title')} />
      <Async value={stats}>
        {(s) =>
          s.total === 0 ? (
            <NoDataYet title={t('overview.emptyTitle')} hint={t('overview.empty')} />
          ) : (
            <>
              <p className="big-figure" data-testid="record-total">
                {t('overview.records', { n: f.number(s.total) })}
              </p>
              <AttentionList />
              <section aria-labelledby="by-type">
                <h2 id="by-type">{t('overview.byType')}</h2>
                <figure className="chart" aria-label={t('overview.chartLabel')}>
                  <ResponsiveContainer width="100%" height={260}>
                    <BarChart data={Object.entries(s.byType).map(([type, n]) => ({ type: typeName(type), n }))} margin={{ left: 8, right: 8, bottom: 48 }}>
                      <CartesianGrid strokeDasharray="3 3" vertical={false} />
                      <XAxis dataKey="type" angle={-35} textAnchor="end" interval={0} fontSize={11} />
                      <YAxis scale="sqrt" tickFormatter={(v: number) => f.number(v)} fontSize={11} />
                      <Tooltip formatter={(v) => f.number(Number(v))} />
                      <Bar dataKey="n" name={t('overview.count')} fill="#1d4e89" />
                    </BarChart>
                  </ResponsiveContainer>
                </figure>
                <div className="table-wrap">
                  <table>
                    <thead>
                      <tr>
                        <th scope="col">{t('overview.type')}</th>
                        <th scope="col" className="num">
                          {t('overview.count')}
                        </th>
                      </tr>
                    </thead>
                    <tbody>
                      {Object.entries(s.byType)
                        .sort((a, b) => b[1] - a[1])
                        .map(([type, n]) => (
                          <tr key={type}>
                            <td>
                              <Link to={`/timeline?type=${encodeURIComponent(type)}`}>{typeName(type)}</Link>
                            </td>
                            <td className="num">{f.number(n)}</td>
                          </tr>
                        ))}
                    </tbody>
                  </table>
                </div>
              </section>
              <section aria-labelledby="by-source">
                <h2 id="by-source">{t('overview.bySource')}</h2>
                <ul className="chips">
                  {Object.entries(s.bySource)
                    .sort((a, b) => b[1] - a[1])
                    .map(([source, n]) => (
                      <li key={source}>
                        <Link to={`/timeline?source=${encodeURIComponent(source)}`}>
                          {source} <span className="muted">({f.number(n)})</span>
                        </Link>
                      </li>
                    ))}
                </ul>
              </section>
            </>
          )
        }
      </Async>
    </>
  );
}
