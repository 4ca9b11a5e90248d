import { useTranslation } from 'react-i18next';

/**
 * The words for the fields of record data the person reads and corrects, in both
 * languages, by the field's own name (the last part of a path: `address.locality` →
 * "Adresse › Ville"). A field not listed shows its name as it is.
 */
const FIELD_NAMES: Record<string, { en: string; fr: string }> = {
  value: { en: 'Value', fr: 'Valeur' },
  attribute: { en: 'What it is', fr: 'Nature' },
  address: { en: 'Address', fr: 'Adresse' },
  structuredAddress: { en: 'Address', fr: 'Adresse' },
  deliveryAddress: { en: 'Delivery address', fr: 'Adresse de livraison' },
  street: { en: 'Street', fr: 'Rue' },
  locality: { en: 'Town', fr: 'Ville' },
  postalCode: { en: 'Postcode', fr: 'Code postal' },
  region: { en: 'Region', fr: 'Région' },
  country: { en: 'Country', fr: 'Pays' },
  countryCode: { en: 'Country code', fr: 'Code pays' },
  poBox: { en: 'PO box', fr: 'Boîte postale' },
  extended: { en: 'Address line 2', fr: 'Complément d’adresse' },
  name: { en: 'Name', fr: 'Nom' },
  given: { en: 'Given name', fr: 'Prénom' },
  family: { en: 'Family name', fr: 'Nom de famille' },
  additional: { en: 'Middle name', fr: 'Autre prénom' },
  prefix: { en: 'Title', fr: 'Civilité' },
  suffix: { en: 'Suffix', fr: 'Suffixe' },
  display: { en: 'Shown as', fr: 'Affiché comme' },
  email: { en: 'E-mail', fr: 'E-mail' },
  phone: { en: 'Phone', fr: 'Téléphone' },
  organization: { en: 'Organisation', fr: 'Organisme' },
  role: { en: 'Role', fr: 'Fonction' },
  gender: { en: 'Gender', fr: 'Genre' },
  label: { en: 'Label', fr: 'Libellé' },
  memo: { en: 'Memo', fr: 'Mémo' },
  description: { en: 'Description', fr: 'Description' },
  summary: { en: 'Summary', fr: 'Résumé' },
  title: { en: 'Title', fr: 'Titre' },
  note: { en: 'Note', fr: 'Note' },
  location: { en: 'Place', fr: 'Lieu' },
  counterparty: { en: 'Counterparty', fr: 'Contrepartie' },
  counterpart: { en: 'Counterparty', fr: 'Contrepartie' },
  holder: { en: 'Holder', fr: 'Titulaire' },
  institution: { en: 'Bank', fr: 'Banque' },
  iban: { en: 'IBAN', fr: 'IBAN' },
  bic: { en: 'BIC', fr: 'BIC' },
  reference: { en: 'Reference', fr: 'Référence' },
  category: { en: 'Category', fr: 'Catégorie' },
  kind: { en: 'Kind', fr: 'Sorte' },
  status: { en: 'Status', fr: 'État' },
  purpose: { en: 'Purpose', fr: 'Finalité' },
  asOf: { en: 'True on', fr: 'Vrai au' },
  bookingDate: { en: 'Booked on', fr: 'Date de comptabilisation' },
  valueDate: { en: 'Value date', fr: 'Date de valeur' },
  dueOn: { en: 'Due on', fr: 'Échéance' },
  issuedOn: { en: 'Issued on', fr: 'Émis le' },
  start: { en: 'Start', fr: 'Début' },
  end: { en: 'End', fr: 'Fin' },
  startDate: { en: 'Start date', fr: 'Date de début' },
  endDate: { en: 'End date', fr: 'Date de fin' },
  periodStart: { en: 'Period start', fr: 'Début de période' },
  periodEnd: { en: 'Period end', fr: 'Fin de période' },
  store: { en: 'Shop', fr: 'Magasin' },
  orderId: { en: 'Order number', fr: 'Numéro de commande' },
  paymentMethod: { en: 'Paid with', fr: 'Moyen de paiement' },
  channel: { en: 'Channel', fr: 'Canal' },
  unit: { en: 'Unit', fr: 'Unité' },
  timeZone: { en: 'Time zone', fr: 'Fuseau horaire' },
  url: { en: 'Web address', fr: 'Adresse web' },
  fileName: { en: 'File name', fr: 'Nom du fichier' },
  mediaType: { en: 'File type', fr: 'Type de fichier' },
  commodity: { en: 'Energy', fr: 'Énergie' },
  direction: { en: 'Direction', fr: 'Sens' },
  meterId: { en: 'Meter', fr: 'Compteur' },
  accountRef: { en: 'Account', fr: 'Compte' },
};

/**
 * A field path in the UI's language: `address.locality` → "Adresse › Ville", the second
 * line of a list `address.street.1` → "Adresse › Rue (2)"; unknown parts as they are.
 */
export function useFieldName(): (path: string) => string {
  const { i18n } = useTranslation();
  const lang = i18n.language === 'fr' ? 'fr' : 'en';
  return (path) => {
    const words: string[] = [];
    for (const part of path.split('.')) {
      if (/^\d+$/.test(part)) {
        if (Number(part) > 0 && words.length > 0) words[words.length - 1] += ` (${Number(part) + 1})`;
      } else words.push(Object.hasOwn(FIELD_NAMES, part) ? FIELD_NAMES[part]![lang] : part);
    }
    return words.join(' › ');
  };
}
