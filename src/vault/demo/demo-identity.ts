import type { ConnectorRecord } from '../../connectors/connector.ts';
import { CURRENT_ADDRESS, CURRENT_IBAN, INCONSISTENCIES, ORGS, PERSON, PREVIOUS_ADDRESS, type DemoOrg } from './demo-persona.ts';
import type { DemoPlan } from './demo-plan.ts';
import { dateOf, dayNumber, parisInstant } from './demo-time.ts';

/**
 * What each organisation believes about the person (`identity.attribute`) and the
 * contracts she holds with them (`contract`). Every attribute agrees with the facts,
 * except the three listed in INCONSISTENCIES (stale address, mistyped e-mail, outdated
 * phone), which are applied here and nowhere else.
 */

type Attr = 'full_name' | 'given_name' | 'family_name' | 'birth_date' | 'postal_address' | 'email' | 'phone' | 'iban' | 'customer_number';

/** Which attributes each organisation holds. */
const HELD: Record<keyof typeof ORGS, Attr[]> = {
  bank: ['full_name', 'birth_date', 'postal_address', 'email', 'phone', 'iban', 'customer_number'],
  electricity: ['full_name', 'postal_address', 'email', 'phone', 'iban', 'customer_number'],
  gas: ['full_name', 'postal_address', 'email', 'phone', 'iban', 'customer_number'],
  mobile: ['full_name', 'postal_address', 'email', 'phone', 'iban', 'customer_number'],
  internet: ['full_name', 'postal_address', 'email', 'phone', 'iban', 'customer_number'],
  insurance: ['full_name', 'birth_date', 'postal_address', 'email', 'phone', 'iban', 'customer_number'],
  mutual: ['given_name', 'family_name', 'birth_date', 'postal_address', 'email', 'phone', 'iban', 'customer_number'],
  landlord: ['full_name', 'postal_address', 'email', 'phone', 'iban', 'customer_number'],
  employer: ['full_name', 'birth_date', 'postal_address', 'email', 'phone', 'iban', 'customer_number'],
  supermarket: ['full_name', 'email', 'phone', 'customer_number'],
  shop: ['full_name', 'postal_address', 'email', 'phone', 'customer_number'],
};

function truth(attr: Attr, org: DemoOrg): string {
  switch (attr) {
    case 'full_name':
      return PERSON.fullName;
    case 'given_name':
      return PERSON.givenName;
    case 'family_name':
      return PERSON.familyName;
    case 'birth_date':
      return PERSON.birthDate;
    case 'postal_address':
      return CURRENT_ADDRESS.label;
    case 'email':
      return PERSON.email;
    case 'phone':
      return PERSON.phone;
    case 'iban':
      return CURRENT_IBAN;
    case 'customer_number':
      return org.customerNumber;
  }
}

const PURPOSE: Partial<Record<Attr, string>> = { postal_address: 'billing', email: 'contact', phone: 'contact', iban: 'direct debit' };

export function* identityRecords(plan: DemoPlan): Generator<ConnectorRecord> {
  let k = 0;
  for (const [key, org] of Object.entries(ORGS) as [keyof typeof ORGS, DemoOrg][]) {
    k++;
    for (const attr of HELD[key]) {
      const wrong = INCONSISTENCIES.find((i) => i.source === org.source && i.attribute === attr);
      const value = wrong ? wrong.believed : truth(attr, org);
      // When the organisation last confirmed it: after the move for those who followed it.
      const asOfDay = Math.min(plan.endDay, wrong?.kind === 'stale' ? plan.moveDay - 40 : plan.moveDay + 3 + 5 * k);
      const address = attr === 'postal_address' ? (value === PREVIOUS_ADDRESS.label ? PREVIOUS_ADDRESS.parts : CURRENT_ADDRESS.parts) : undefined;
      const at = parisInstant(asOfDay, 12 * 60);
      yield {
        type: 'identity.attribute',
        source: org.source,
        sourceRef: attr,
        occurredAt: at.at,
        occurredOffset: at.offset,
        data: {
          attribute: attr,
          value,
          ...(address ? { address } : {}),
          ...(PURPOSE[attr] ? { purpose: key === 'employer' && attr === 'iban' ? 'salary' : key === 'shop' && attr === 'postal_address' ? 'delivery' : PURPOSE[attr] } : {}),
          asOf: dateOf(asOfDay),
          ...(attr === 'iban' || attr === 'customer_number' ? { verified: true } : {}),
        },
      };
    }
  }
}

interface ContractSpec {
  org: DemoOrg;
  kind: 'energy' | 'telecom' | 'insurance' | 'bank' | 'lease' | 'employment';
  name: string;
  reference: string;
  start: string | number;
  end?: number;
  priceMinor?: number;
  period?: 'month' | 'year';
  terms: Record<string, string | number | boolean>;
}

export function* contractRecords(plan: DemoPlan): Generator<ConnectorRecord> {
  const [oldLease, newLease] = plan.leases;
  const moved = plan.moveDay;
  const specs: ContractSpec[] = [
    { org: ORGS.electricity, kind: 'energy', name: 'Électricité Base 9 kVA', reference: `CTR-EE-${oldLease.prm.slice(-6)}`, start: '2014-09-01', end: moved - 1, terms: { contractedPowerKVA: 9, tariffOption: 'Base', prm: oldLease.prm, meter: 'Linky' } },
    { org: ORGS.electricity, kind: 'energy', name: 'Électricité Base 9 kVA', reference: `CTR-EE-${newLease.prm.slice(-6)}`, start: moved, terms: { contractedPowerKVA: 9, tariffOption: 'Base', prm: newLease.prm, meter: 'Linky' } },
    { org: ORGS.gas, kind: 'energy', name: 'Gaz naturel — cuisson et eau chaude', reference: `CTR-GR-${oldLease.pce.slice(-6)}`, start: '2014-09-01', end: moved - 1, terms: { pce: oldLease.pce, tariffOption: 'B1', estimatedAnnualKWh: 1800 } },
    { org: ORGS.gas, kind: 'energy', name: 'Gaz naturel — cuisson et eau chaude', reference: `CTR-GR-${newLease.pce.slice(-6)}`, start: moved, terms: { pce: newLease.pce, tariffOption: 'B1', estimatedAnnualKWh: 1800 } },
    { org: ORGS.mobile, kind: 'telecom', name: 'Forfait mobile 130 Go', reference: `CTR-TM-${ORGS.mobile.customerNumber}`, start: '2015-10-12', priceMinor: 1599, period: 'month', terms: { dataAllowanceGB: 130, unlimitedCalls: true, line: PERSON.phone } },
    { org: ORGS.internet, kind: 'telecom', name: 'Box Fibre', reference: `CTR-BX-${ORGS.internet.customerNumber}`, start: '2014-09-15', priceMinor: 3499, period: 'month', terms: { technology: 'FTTH', downloadMbps: 1000 } },
    { org: ORGS.insurance, kind: 'insurance', name: 'Multirisque habitation', reference: 'AH-MRH-6620153-1', start: '2014-09-01', end: moved - 1, period: 'month', terms: { risk: 'habitation', address: oldLease.address.label, rooms: 2 } },
    { org: ORGS.insurance, kind: 'insurance', name: 'Multirisque habitation', reference: 'AH-MRH-6620153-2', start: moved, period: 'month', terms: { risk: 'habitation', address: newLease.address.label, rooms: 3 } },
    { org: ORGS.insurance, kind: 'insurance', name: 'Assurance auto tous risques', reference: 'AH-AUTO-6620153', start: '2015-02-01', period: 'month', terms: { risk: 'automobile', vehicle: 'Renault Clio IV', bonusMalus: 0.64 } },
    { org: ORGS.mutual, kind: 'insurance', name: 'Complémentaire santé Essentielle', reference: `CTR-MSP-${ORGS.mutual.customerNumber}`, start: '2014-09-01', period: 'month', terms: { level: 'Essentielle', reimbursementRate: 100 } },
    { org: ORGS.landlord, kind: 'lease', name: `Bail d'habitation — ${oldLease.address.label}`, reference: oldLease.reference, start: oldLease.start, end: moved - 1, priceMinor: oldLease.rentMinor + oldLease.chargesMinor, period: 'month', terms: { surfaceM2: 48, chargesMinor: oldLease.chargesMinor, furnished: false } },
    { org: ORGS.landlord, kind: 'lease', name: `Bail d'habitation — ${newLease.address.label}`, reference: newLease.reference, start: newLease.start, priceMinor: newLease.rentMinor + newLease.chargesMinor, period: 'month', terms: { surfaceM2: 64, chargesMinor: newLease.chargesMinor, furnished: false } },
    { org: ORGS.employer, kind: 'employment', name: 'CDI — chargée de projet', reference: `CDI-${ORGS.employer.customerNumber}`, start: '2014-09-01', terms: { contractType: 'CDI', position: 'Chargée de projet', hoursPerWeek: 35 } },
    { org: ORGS.bank, kind: 'bank', name: 'Convention de compte Lumière', reference: `CONV-${ORGS.bank.customerNumber}`, start: '2013-06-20', terms: { card: 'Visa Classic', accountId: '04512398761' } },
    { org: ORGS.bank, kind: 'bank', name: 'Livret A', reference: `LIVA-${ORGS.bank.customerNumber}`, start: '2013-06-20', terms: { accountId: '04512398799' } },
  ];
  for (const s of specs) {
    const startDay = typeof s.start === 'number' ? s.start : dayNumber(s.start);
    if (startDay > plan.endDay) continue;
    const ended = s.end !== undefined && s.end <= plan.endDay;
    const at = parisInstant(startDay, 12 * 60);
    yield {
      type: 'contract',
      source: s.org.source,
      sourceRef: s.reference,
      occurredAt: at.at,
      occurredOffset: at.offset,
      data: {
        provider: s.org.name,
        kind: s.kind,
        name: s.name,
        reference: s.reference,
        startDate: dateOf(startDay),
        ...(ended ? { endDate: dateOf(s.end!) } : {}),
        status: ended ? 'ended' : 'active',
        ...(s.priceMinor !== undefined ? { price: { amountMinor: s.priceMinor, currency: 'EUR' } } : {}),
        ...(s.period ? { period: s.period } : {}),
        terms: s.terms,
      },
    };
  }
}
