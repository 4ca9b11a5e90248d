import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/client.ts';
import type { Loadable } from './use-api.ts';
import { ServerMessage } from './ServerMessage.tsx';

export function Loading({ label }: { label?: string }) {
  const { t } = useTranslation();
  return (
    <p className="state state-loading" role="status" aria-live="polite">
      <span className="spinner" aria-hidden="true" />
      {label ?? t('state.loading')}
    </p>
  );
}

/** An error as the API said it: its message (led, in French, by what its code means), and its code beside it. */
export function ErrorState({ error, retry }: { error: unknown; retry?: () => void }) {
  const { t } = useTranslation();
  const message = error instanceof Error ? error.message : String(error);
  return (
    <div className="state state-error" role="alert">
      <p>
        <strong>{t('state.error')}</strong> — <ServerMessage code={error instanceof ApiError ? error.code : undefined} message={message} />
      </p>
      {error instanceof ApiError && <p className="muted">{t('state.errorCode', { code: error.code })}</p>}
      {retry && (
        <button type="button" onClick={retry}>
          {t('state.retry')}
        </button>
      )}
    </div>
  );
}

export function EmptyState({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <div className="state state-empty">
      <p className="state-title">{title}</p>
      {children}
    </div>
  );
}

/** Shows loading and error states of a Loadable, and its data once ready. */
export function Async<T>({ value, children }: { value: Loadable<T> & { reload?: () => void }; children: (data: T) => ReactNode }) {
  if (value.status === 'loading') return <Loading />;
  if (value.status === 'error') return <ErrorState error={value.error} {...(value.reload ? { retry: value.reload } : {})} />;
  return <>{children(value.data)}</>;
}

/** A message after an action, read out by screen readers. */
export function Notice({ kind = 'success', children }: { kind?: 'success' | 'error'; children: ReactNode }) {
  return (
    <p className={`notice notice-${kind}`} role={kind === 'error' ? 'alert' : 'status'}>
      {children}
    </p>
  );
}
