import { useEffect, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/** The screen's one h1, also the document title (what a screen reader announces on navigation). */
export function PageTitle({ children, text }: { children?: ReactNode; text: string }) {
  const { t } = useTranslation();
  useEffect(() => {
    document.title = `${text} · ${t('app.name')}`;
  }, [text, t]);
  return (
    <h1 id="page-title" tabIndex={-1}>
      {children ?? text}
    </h1>
  );
}
