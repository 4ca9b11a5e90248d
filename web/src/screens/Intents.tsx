import { useTranslation } from 'react-i18next';
import { PageTitle } from '../components/PageTitle.tsx';

/** Placeholder, replaced by the screen's own work. */
export default function Intents() {
  const { t } = useTranslation();
  return <PageTitle text={t('intents.title')} />;
}
