import type { Address } from '../../domain/types/common.ts';
import type { DemoFacts, DemoInconsistency } from './demo-types.ts';

/**
 * Who the demo person is: Camille Martin, living in Lyon, and the organisations that hold
 * data about her. Organisation names and slugs are invented; card labels of shops may
 * sound like real French merchants. Three organisations are deliberately wrong about her
 * (`INCONSISTENCIES`); every other attribute any organisation holds agrees with `demoFacts()`.
 */

export interface DemoAddress {
  label: string;
  parts: Address;
  lat: number;
  lon: number;
}

export const PREVIOUS_ADDRESS: DemoAddress = {
  label: '12 rue des Lilas, 69003 Lyon',
  parts: { street: ['12 rue des Lilas'], postalCode: '69003', locality: 'Lyon', country: 'France', countryCode: 'FR', label: '12 rue des Lilas, 69003 Lyon' },
  lat: 45.7578,
  lon: 4.8599,
};

export const CURRENT_ADDRESS: DemoAddress = {
  label: '27 rue de Marseille, 69007 Lyon',
  parts: { street: ['27 rue de Marseille'], postalCode: '69007', locality: 'Lyon', country: 'France', countryCode: 'FR', label: '27 rue de Marseille, 69007 Lyon' },
  lat: 45.7507,
  lon: 4.8418,
};

export const WORK_PLACE = { name: 'ACME SAS — Part-Dieu', address: '40 rue de la Villette, 69003 Lyon', lat: 45.7602, lon: 4.8614 };

export const PERSON = {
  givenName: 'Camille',
  familyName: 'Martin',
  fullName: 'Camille Martin',
  birthDate: '1991-04-17',
  birthPlace: 'Villeurbanne',
  email: 'camille.martin@exemple.fr',
  mistypedEmail: 'camille.martn@exemple.fr',
  /** Mobile number since before the generated period (E.164). */
  phone: '+33612345678',
  /** The number she had until a year before the period starts. */
  oldPhone: '+33687654321',
} as const;

/** Builds a French IBAN (FR76…) from bank, branch and account numbers, with a valid RIB key and check digits. */
export function frenchIban(bank: string, branch: string, account: string): string {
  const ribKey = 97 - Number((89n * BigInt(bank) + 15n * BigInt(branch) + 3n * BigInt(account)) % 97n);
  const bban = `${bank}${branch}${account}${String(ribKey).padStart(2, '0')}`;
  // FR = 15 27; check digits so that (bban + "FR00") mod 97 = 1.
  const check = 98 - Number(BigInt(`${bban}152700`) % 97n);
  return `FR${String(check).padStart(2, '0')}${bban}`;
}

/** True when an IBAN's check digits are right (ISO 13616 mod 97). */
export function ibanIsValid(iban: string): boolean {
  const moved = iban.slice(4) + iban.slice(0, 4);
  const digits = moved.replace(/[A-Z]/g, (c) => String(c.charCodeAt(0) - 55));
  return BigInt(digits) % 97n === 1n;
}

export const BANK = {
  source: 'org:banque-lumiere',
  name: 'Banque Lumière',
  bic: 'LUMIFRP1XXX',
  bankId: '19870',
  branchId: '00042',
  current: { accountId: '04512398761', name: 'Compte courant' },
  savings: { accountId: '04512398799', name: 'Livret Lumière' },
} as const;

export const CURRENT_IBAN = frenchIban(BANK.bankId, BANK.branchId, BANK.current.accountId);
export const SAVINGS_IBAN = frenchIban(BANK.bankId, BANK.branchId, BANK.savings.accountId);

/** An organisation holding data about the person, with its SEPA details when it debits her. */
export interface DemoOrg {
  source: string;
  name: string;
  sector: string;
  /** Customer number she has there. */
  customerNumber: string;
  /** Label in bank statements ("PRLV SEPA ELEC ENERGIE"). */
  debitLabel?: string;
  creditorId?: string;
}

export const ORGS = {
  bank: { source: BANK.source, name: BANK.name, sector: 'banque', customerNumber: '7712045' },
  electricity: { source: 'org:elec-energie', name: 'Élec Énergie', sector: 'énergie (électricité)', customerNumber: '3002187456', debitLabel: 'PRLV SEPA ELEC ENERGIE', creditorId: 'FR12ZZZ401234' },
  gas: { source: 'org:gaz-reseau', name: 'Gaz Réseau', sector: 'énergie (gaz)', customerNumber: 'GR-558102', debitLabel: 'PRLV SEPA GAZ RESEAU', creditorId: 'FR33ZZZ402210' },
  mobile: { source: 'org:telco-mobile', name: 'Telco Mobile', sector: 'télécom (mobile)', customerNumber: 'TM98120455', debitLabel: 'PRLV SEPA TELCO MOBILE', creditorId: 'FR45ZZZ417001' },
  internet: { source: 'org:box-internet', name: 'Box Internet', sector: 'télécom (internet)', customerNumber: 'BX-20044871', debitLabel: 'PRLV SEPA BOX INTERNET', creditorId: 'FR67ZZZ418552' },
  insurance: { source: 'org:assurance-horizon', name: 'Assurance Horizon', sector: 'assurance', customerNumber: 'AH-6620153', debitLabel: 'PRLV SEPA ASSURANCE HORIZON', creditorId: 'FR89ZZZ420011' },
  mutual: { source: 'org:mutuelle-sante', name: 'Mutuelle Santé Plus', sector: 'santé', customerNumber: 'MSP0451278', debitLabel: 'PRLV SEPA MUTUELLE SANTE PLUS', creditorId: 'FR21ZZZ421870' },
  landlord: { source: 'org:regie-traboules', name: 'Régie des Traboules', sector: 'immobilier', customerNumber: 'LOC-1187', debitLabel: 'PRLV SEPA REGIE DES TRABOULES', creditorId: 'FR54ZZZ423311' },
  employer: { source: 'org:acme', name: 'ACME SAS', sector: 'employeur', customerNumber: 'MAT-00827' },
  supermarket: { source: 'org:supermarche', name: 'Supermarché Soleil', sector: 'distribution', customerNumber: '2900117458221' },
  shop: { source: 'org:boutique-en-ligne', name: 'Boutique en Ligne', sector: 'commerce en ligne', customerNumber: 'BEL-7741206' },
} as const satisfies Record<string, DemoOrg>;

export type OrgKey = keyof typeof ORGS;

export const INCONSISTENCIES: DemoInconsistency[] = [
  {
    source: ORGS.gas.source,
    attribute: 'postal_address',
    believed: PREVIOUS_ADDRESS.label,
    actual: CURRENT_ADDRESS.label,
    kind: 'stale',
    explanation: "Gaz Réseau a transféré le contrat au nouveau logement mais garde l'ancienne adresse de facturation.",
  },
  {
    source: ORGS.mutual.source,
    attribute: 'email',
    believed: PERSON.mistypedEmail,
    actual: PERSON.email,
    kind: 'typo',
    explanation: "La mutuelle a mal saisi l'adresse e-mail (une lettre manque).",
  },
  {
    source: ORGS.insurance.source,
    attribute: 'phone',
    believed: PERSON.oldPhone,
    actual: PERSON.phone,
    kind: 'outdated',
    explanation: "L'assureur a toujours l'ancien numéro de portable, abandonné avant la période.",
  },
];

export function demoFacts(): DemoFacts {
  return {
    fullName: PERSON.fullName,
    givenName: PERSON.givenName,
    familyName: PERSON.familyName,
    email: PERSON.email,
    phone: PERSON.phone,
    address: CURRENT_ADDRESS.label,
    previousAddress: PREVIOUS_ADDRESS.label,
    iban: CURRENT_IBAN,
    organisations: Object.values(ORGS).map((o) => ({ source: o.source, name: o.name, sector: o.sector })),
    inconsistencies: INCONSISTENCIES.map((i) => ({ ...i })),
  };
}
