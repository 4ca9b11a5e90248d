import { useTranslation } from 'react-i18next';
import type { RecordType } from '../../../src/domain/record.ts';

/**
 * Every record type in words, in both languages. Keyed by the server's RecordType (a
 * type-only import), so adding a record type without its name fails the type-check.
 */
const RECORD_TYPE_NAMES: Record<RecordType, { en: string; fr: string }> = {
  'bank.account': { en: 'Bank accounts', fr: 'Comptes bancaires' },
  'bank.transaction': { en: 'Bank transactions', fr: 'Opérations bancaires' },
  'energy.reading': { en: 'Energy readings', fr: 'Relevés d’énergie' },
  'telecom.usage': { en: 'Phone and internet use', fr: 'Consommations téléphone et internet' },
  contact: { en: 'Contacts', fr: 'Contacts' },
  'calendar.event': { en: 'Calendar events', fr: 'Événements d’agenda' },
  'location.point': { en: 'Locations', fr: 'Positions' },
  'place.visit': { en: 'Places visited', fr: 'Lieux visités' },
  track: { en: 'Tracks', fr: 'Trajets' },
  purchase: { en: 'Purchases', fr: 'Achats' },
  'health.measure': { en: 'Health measures', fr: 'Mesures de santé' },
  'health.event': { en: 'Health events', fr: 'Événements de santé' },
  'identity.attribute': { en: 'Identity details', fr: 'Éléments d’identité' },
  document: { en: 'Documents', fr: 'Documents' },
  contract: { en: 'Contracts', fr: 'Contrats' },
};

const known = (type: string): type is RecordType => Object.hasOwn(RECORD_TYPE_NAMES, type);

/** A record type in the UI's language ("Opérations bancaires"); anything else (a derived grant type) as it is. */
export function useTypeName(): (type: string) => string {
  const { i18n } = useTranslation();
  const lang = i18n.language === 'fr' ? 'fr' : 'en';
  return (type) => (known(type) ? RECORD_TYPE_NAMES[type][lang] : type);
}
