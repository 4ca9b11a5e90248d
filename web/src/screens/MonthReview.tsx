import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { call } from '../api/client.ts';
import type { OperationOutput } from '../api/operations.ts';
import { useCarbonHeading } from '../components/insights/carbon-heading.ts';
import { categoriesOf, useCategoryName, type CategoryName } from '../components/insights/category-names.ts';
import { DataTable } from '../components/insights/DataTable.tsx';
import { MonthPicker } from '../components/insights/MonthPicker.tsx';
import { useInsightFormat } from '../components/insights/month-format.ts';
import { ServerText } from '../components/insights/ServerText.tsx';
import { PageTitle } from '../components/PageTitle.tsx';
import { Async, EmptyState } from '../components/StateViews.tsx';
import { useApi } from '../components/use-api.ts';

type Review = OperationOutput<'insights.review'>;
type ReviewFigure = Review['sections'][number]['figures'][number];

const SECTIONS = ['budget', 'relations', 'energy', 'carbon', 'mobility', 'quality'] as const;
const FIXED_LABELS = {
  'budget.income': 'budget.income',
  'budget.spending': 'budget.spending',
  'budget.net': 'budget.net',
  'budget.savingsRate': 'budget.savingsRate',
  'relations.interactions': 'relations.interactions',
  'relations.calls': 'relations.calls',
  'relations.messages': 'relations.messages',
  'relations.meetings': 'relations.meetings',
  'relations.peopleInTouch': 'relations.peopleInTouch',
  'relations.callMinutes': 'review.callMinutes',
  'energy.electricity.kWh': 'review.electricityKWh',
  'energy.electricity.cost': 'review.electricityCost',
  'energy.electricity.baseLoadW': 'energy.baseLoad',
  'energy.gas.kWh': 'review.gasKWh',
  'carbon.totalKg': 'carbon.total',
  'carbon.measuredShare': 'carbon.measured',
  'mobility.totalKm': 'mobility.distance',
  'mobility.homeHours': 'mobility.time.home',
  'mobility.workHours': 'mobility.time.work',
  'mobility.elsewhereHours': 'mobility.time.elsewhere',
  'quality.findings': 'whoKnows.findingsCount',
} as const;
const SCREEN_OF: Record<string, string> = { 'insights.budget': '/budget', 'insights.relations': '/relations', 'insights.energy': '/energy', 'insights.carbon': '/carbon', 'insights.mobility': '/mobility', 'insights.quality': '/who-knows-what' };

/** The month in review: a readable page about the person's month, across every insight, against last month and last year. */
export default function MonthReview() {
  const { t } = useTranslation();
  const f = useInsightFormat();
  const categoryName = useCategoryName();
  const headingName = useCarbonHeading();
  const [params, setParams] = useSearchParams();
  const month = params.get('month') ?? '';
  const review = useApi(() => call('insights.review', month ? { month } : {}), [month]);
  const names = useApi(() => call('insights.budget', month ? { month } : {}), [month]);
  const categories = names.status === 'ready' ? categoriesOf(names.data.categories) : new Map<string, CategoryName>();

  const label = (x: ReviewFigure) => {
    if (x.id in FIXED_LABELS) return t(FIXED_LABELS[x.id as keyof typeof FIXED_LABELS]);
    if (x.id.startsWith('budget.category.')) return t('review.spendingOn', { what: categoryName(x.id.slice('budget.category.'.length), categories) });
    const heading = x.id.startsWith('carbon.heading.') ? headingName(x.id.slice('carbon.heading.'.length)) : null;
    if (heading) return t('review.footprintOf', { what: heading });
    return <ServerText>{x.label}</ServerText>;
  };
  const value = (x: ReviewFigure, v: number | null) => {
    if (v === null) return '—';
    switch (x.unit) {
      case 'money':
        return f.money({ amountMinor: v, currency: x.currency ?? 'EUR' });
      case 'share':
        return f.percent(v);
      case 'minutes':
        return `${f.number(v)} min`;
      case 'kWh':
        return f.kWh(v);
      case 'W':
        return `${f.number(v)} W`;
      case 'kgCO2e':
        return `${f.number(v, 1)} kg CO₂e`;
      case 'km':
        return `${f.number(v, 1)} km`;
      case 'hours':
        return t('mobility.hours', { n: f.number(v) });
      default:
        return f.number(v);
    }
  };
  const change = (x: ReviewFigure, c: number | null) => (c === null ? '—' : x.unit === 'share' ? t('review.points', { n: `${c > 0 ? '+' : c < 0 ? '−' : ''}${f.number(Math.abs(c * 100), 0)}` }) : f.change(c * 100));

  return (
    <>
      <PageTitle text={t('review.title')} />
      <Async value={review}>
        {(r) => {
          const all = r.sections.flatMap((s) => s.figures);
          const standouts = all
            .filter((x) => x.changeVsPrevious !== null && x.value !== null && x.unit !== 'share')
            .sort((a, b) => Math.abs(b.changeVsPrevious!) - Math.abs(a.changeVsPrevious!))
            .slice(0, 4);
          return (
            <article className="magazine">
              <MonthPicker month={r.month} onChange={(m) => setParams({ month: m })} />
              <header className="magazine-head">
                <p className="magazine-kicker">{t('review.kicker')}</p>
                <p className="magazine-title" data-testid="review-month">
                  {f.longMonth(r.month)}
                </p>
              </header>
              {r.sections.length === 0 ? (
                <EmptyState title={t('review.empty')} />
              ) : (
                <>
                  {standouts.length > 0 && (
                    <section aria-labelledby="review-standout" className="standouts">
                      <h2 id="review-standout">{t('review.standout')}</h2>
                      <ul data-testid="review-standouts">
                        {standouts.map((x) => (
                          <li key={x.id}>
                            <strong>{label(x)}</strong>: {value(x, x.value)} <span className={x.changeVsPrevious! > 0 ? 'up' : 'down'}>({change(x, x.changeVsPrevious)})</span>{' '}
                            {t('review.against', { month: f.longMonth(r.previousMonth), value: value(x, x.previous) })}
                          </li>
                        ))}
                      </ul>
                    </section>
                  )}
                  <div className="magazine-sections">
                    {r.sections.map((s) => (
                      <section key={s.id} aria-labelledby={`review-${s.id}`} className="magazine-section" data-section={s.id}>
                        <h2 id={`review-${s.id}`}>{(SECTIONS as readonly string[]).includes(s.id) ? t(`review.section.${s.id as (typeof SECTIONS)[number]}`) : <ServerText>{s.title}</ServerText>}</h2>
                        <DataTable
                          caption={t('review.figuresOf', { month: f.longMonth(r.month) })}
                          columns={[{ label: '' }, { label: f.month(r.month), num: true }, { label: f.month(r.previousMonth), num: true }, { label: f.month(r.sameMonthLastYear), num: true }]}
                          rows={s.figures.map((x) => ({
                            key: x.id,
                            attrs: { 'data-figure': x.id },
                            head: label(x),
                            cells: [
                              <>
                                {value(x, x.value)}
                                {x.changeVsPrevious !== null && <span className="muted small"> ({change(x, x.changeVsPrevious)})</span>}
                              </>,
                              value(x, x.previous),
                              value(x, x.lastYear),
                            ],
                          }))}
                        />
                        {s.notes.length > 0 && (
                          <ul className="notes">
                            {s.notes.map((n) => (
                              <ServerText as="li" key={n}>
                                {n}
                              </ServerText>
                            ))}
                          </ul>
                        )}
                        {SCREEN_OF[s.from] && (
                          <p>
                            <Link to={s.from === 'insights.budget' ? `${SCREEN_OF[s.from]}?month=${r.month}` : SCREEN_OF[s.from]!}>{t('review.more', { section: (SECTIONS as readonly string[]).includes(s.id) ? t(`review.section.${s.id as (typeof SECTIONS)[number]}`) : s.title })}</Link>
                          </p>
                        )}
                      </section>
                    ))}
                  </div>
                  {r.missing.length > 0 && (
                    <section aria-labelledby="review-missing">
                      <h2 id="review-missing">{t('review.missing')}</h2>
                      <ul className="plain-list">
                        {r.missing.map((m) => (
                          <li key={m.id}>
                            <strong>{(SECTIONS as readonly string[]).includes(m.id) ? t(`review.section.${m.id as (typeof SECTIONS)[number]}`) : m.id}</strong> — <ServerText>{m.reason}</ServerText>
                          </li>
                        ))}
                      </ul>
                    </section>
                  )}
                </>
              )}
            </article>
          );
        }}
      </Async>
    </>
  );
}
