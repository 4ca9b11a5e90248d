import { useTranslation } from 'react-i18next';
import type { OperationOutput } from '../../api/operations.ts';
import { CATEGORIES, useVrmText } from './vrm-text.ts';

type Vendor = OperationOutput<'vendors.list'>['vendors'][number];

/** The organisations with the vendor role and the intent categories each may receive. */
export function VendorList({ vendors }: { vendors: Vendor[] }) {
  const { t } = useTranslation();
  const v = useVrmText();
  if (vendors.length === 0) return <p>{t('intents.vendorsEmpty')}</p>;
  return (
    <ul className="plain-list" data-testid="vendors">
      {vendors.map((x) => (
        <li key={x.client}>
          <strong>{x.name}</strong> —{' '}
          {x.categories.length === 0
            ? t('intents.vendorNoCategory')
            : CATEGORIES.filter((c) => x.categories.includes(c))
                .map((c) => v.category(c))
                .join(', ')}
        </li>
      ))}
    </ul>
  );
}
