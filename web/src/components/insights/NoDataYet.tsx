import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { EmptyState } from '../StateViews.tsx';

/** The empty state of an insight: what is missing, which files bring it, and the way to the import page. */
export function NoDataYet({ title, hint }: { title: string; hint?: string }) {
  const { t } = useTranslation();
  return (
    <EmptyState title={title}>
      {hint && <p>{hint}</p>}
      <p>
        <Link className="button" to="/import">
          {t('nav.import')}
        </Link>
      </p>
    </EmptyState>
  );
}
