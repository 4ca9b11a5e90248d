import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call } from '../api/client.ts';
import { useFormat } from '../format.ts';
import { ErrorState, Loading, Notice } from './StateViews.tsx';

/** Fills the vault with the demo person (demo.generate), for a chosen number of years. */
export function DemoLoader({ onDone }: { onDone?: () => void }) {
  const { t } = useTranslation();
  const f = useFormat();
  const id = useId();
  const [years, setYears] = useState(1);
  const [state, setState] = useState<{ s: 'idle' } | { s: 'running' } | { s: 'done'; count: number; person: string } | { s: 'error'; error: unknown }>({ s: 'idle' });
  const run = async () => {
    setState({ s: 'running' });
    try {
      const r = await call('demo.generate', { years });
      setState({ s: 'done', count: r.summary.counts.inserted, person: r.person });
      onDone?.();
    } catch (error) {
      setState({ s: 'error', error });
    }
  };
  return (
    <div className="demo-loader">
      <div className="field inline">
        <label htmlFor={id}>{t('onboarding.demoYears')}</label>
        <select id={id} value={years} onChange={(e) => setYears(Number(e.target.value))} disabled={state.s === 'running'}>
          {[1, 3, 10].map((y) => (
            <option key={y} value={y}>
              {y}
            </option>
          ))}
        </select>
      </div>
      <button type="button" onClick={() => void run()} disabled={state.s === 'running'}>
        {t('onboarding.demo')}
      </button>
      {state.s === 'running' && <Loading label={t('onboarding.demoRunning')} />}
      {state.s === 'done' && <Notice>{t('onboarding.demoDone', { n: f.number(state.count), person: state.person })}</Notice>}
      {state.s === 'error' && <ErrorState error={state.error} retry={() => void run()} />}
    </div>
  );
}
