import type { ConnectorRecord } from '../../connectors/connector.ts';
import { eur, type LedgerContext, type LedgerEntry } from './demo-ledger.ts';
import { ORGS, type DemoOrg } from './demo-persona.ts';
import { leaseAt, subscriptionPrice } from './demo-plan.ts';
import { groceryBasket, onlineBasket } from './demo-receipts.ts';
import { Rng, hash32 } from './prng.ts';
import { dateOf, dayNumberOf, ddmm, nextBusinessDay, partsOf, parisInstant, weekdayOf } from './demo-time.ts';

/**
 * Everyday money: groceries (with the supermarket's receipts as `purchase` records whose
 * total is the card payment), bakery, shops, fuel, restaurants with friends, the doctor
 * and its reimbursements, online orders, holidays, cash, subscriptions, insurance, the
 * mutual, taxes, savings transfers and bank fees. Card payments are booked on the next
 * business day with the purchase date as value date and "CB <MERCHANT> <DD/MM>" labels.
 */

function card(day: number, merchant: string, amountMinor: number, category: string, attach?: LedgerEntry['attach']): LedgerEntry {
  return {
    account: 'current',
    day: nextBusinessDay(day + 1),
    valueDay: day,
    amountMinor: -amountMinor,
    label: `CB ${merchant} ${ddmm(day)}`,
    transactionType: 'POS',
    category,
    ...(attach ? { attach } : {}),
  };
}

function directDebit(day: number, org: Pick<DemoOrg, 'name'> & { debitLabel?: string; creditorId?: string }, amountMinor: number, category: string, mandateId: string): LedgerEntry {
  return {
    account: 'current',
    day: nextBusinessDay(day),
    amountMinor: -amountMinor,
    label: org.debitLabel ?? `PRLV SEPA ${org.name.toUpperCase()}`,
    transactionType: 'DIRECTDEBIT',
    category,
    counterparty: { name: org.name, ...(org.creditorId ? { creditorId: org.creditorId } : {}) },
    mandateId,
  };
}

function credit(day: number, label: string, amountMinor: number, name: string, category: string): LedgerEntry {
  return { account: 'current', day: nextBusinessDay(day), amountMinor, label, transactionType: 'CREDIT', category, counterparty: { name } };
}

const CITY_SHOPS: [string, number, number, string][] = [
  ['MONOPRIX LYON', 800, 4500, 'Alimentation'],
  ['CARREFOUR CITY LYON', 500, 3000, 'Alimentation'],
  ['FNAC BELLECOUR', 1500, 6000, 'Loisirs'],
  ['DECATHLON LYON', 1500, 8000, 'Sport'],
  ['PHARMACIE DU PARC', 450, 2500, 'Santé'],
  ['ZARA LYON PART DIEU', 2000, 7000, 'Habillement'],
  ['CINEMA PATHE BELLECOUR', 1100, 2400, 'Loisirs'],
];

const OUTINGS: [string, number, number][] = [
  ['LE COMPTOIR DU VIN LYON', 1200, 4500],
  ['UGC CINE CITE CONFLUENCE', 1150, 2600],
  ['BAR LE PERISCOPE', 800, 3200],
  ['LIBRAIRIE PASSAGES', 1500, 4500],
  ['GALERIES LAFAYETTE LYON', 3000, 12000],
  ['MUSEE DES CONFLUENCES', 900, 2400],
];

function purchaseRecord(source: string, ref: string, day: number, minute: number, data: Record<string, unknown>): ConnectorRecord {
  const at = parisInstant(day, minute);
  return { type: 'purchase', source, sourceRef: ref, occurredAt: at.at, occurredOffset: at.offset, data };
}

/** Day-by-day spending of a month. */
export function dailyEntries(ctx: LedgerContext, year: number, month: number): LedgerEntry[] {
  const { plan, routines } = ctx;
  const out: LedgerEntry[] = [];
  const from = Math.max(dayNumberOf(year, month, 1), plan.startDay);
  const to = Math.min(dayNumberOf(year, month + 1, 0), plan.endDay);
  for (let d = from; d <= to; d++) {
    const r = routines.of(d);
    const rng = new Rng(hash32(plan.seed, 0x5bed, d));
    const y = partsOf(d).year;
    const lease = leaseAt(plan, d);
    if (r.supermarket !== undefined) {
      const basket = groceryBasket(rng, y, plan.seed, weekdayOf(d) === 6);
      const minute = r.supermarket + 35;
      const store = lease === plan.leases[0] ? 'Supermarché Soleil Lyon 3 Villette' : 'Supermarché Soleil Lyon 7 Jean Macé';
      const ticket = `${dateOf(d).replaceAll('-', '')}-${String(minute).padStart(4, '0')}-${String(rng.int(1, 12)).padStart(2, '0')}`;
      const data = {
        merchant: ORGS.supermarket.name,
        orderId: ticket,
        channel: 'store',
        total: eur(basket.totalMinor),
        items: basket.items,
        paymentMethod: 'carte bancaire',
        store,
      };
      out.push(card(d, 'SUPERMARCHE SOLEIL', basket.totalMinor, 'Alimentation', () => [purchaseRecord(ORGS.supermarket.source, ticket, d, minute, data)]));
    }
    if (r.bakery !== undefined) out.push(card(d, 'BOULANGERIE DU PARC', rng.int(12, 85) * 10, 'Alimentation'));
    if (r.cityShop !== undefined) {
      const [name, lo, hi, cat] = rng.pick(CITY_SHOPS);
      out.push(card(d, name, rng.int(lo, hi), cat));
    }
    if (!r.holiday && (weekdayOf(d) === 5 || weekdayOf(d) === 6) && rng.chance(0.45)) {
      const [name, lo, hi] = rng.pick(OUTINGS);
      out.push(card(d, name, rng.int(lo, hi), 'Sorties'));
    }
    if (r.fuel !== undefined) out.push(card(d, 'TOTALENERGIES LYON GERLAND', rng.int(3800, 6800), 'Transport'));
    if (r.meeting && r.meeting.where !== 'friend' && r.meeting.where !== 'home') out.push(card(d, r.meeting.where, rng.int(2200, 6500), 'Restaurants'));
    if (r.doctor !== undefined) {
      const fee = d >= dayNumberOf(2024, 12, 22) ? 3000 : d >= dayNumberOf(2017, 5, 1) ? 2500 : 2300;
      const franchise = d >= dayNumberOf(2024, 5, 15) ? 200 : 100;
      const cpam = Math.round(fee * 0.7) - franchise;
      out.push(card(d, 'DR LEFEBVRE ANNE', fee, 'Santé'));
      out.push(credit(d + 4, 'VIR CPAM DU RHONE REMBT SOINS', cpam, 'CPAM du Rhône', 'Santé'));
      out.push(credit(d + 7, 'VIR MUTUELLE SANTE PLUS REMBT', fee - Math.round(fee * 0.7), ORGS.mutual.name, 'Santé'));
      if (rng.chance(0.5)) out.push(card(d, 'PHARMACIE JEAN MACE', rng.int(450, 2800), 'Santé'));
    }
    if (!r.holiday && rng.chance(1 / 38)) {
      const basket = onlineBasket(rng, y, plan.seed);
      const shipping = basket.totalMinor < 2500 ? 399 : 0;
      const orderId = `BEL-${dateOf(d).replaceAll('-', '')}-${rng.digits(6)}`;
      const data = {
        merchant: ORGS.shop.name,
        orderId,
        channel: 'online',
        total: eur(basket.totalMinor + shipping),
        items: shipping ? [...basket.items, { name: 'Frais de livraison', quantity: 1, unitPrice: eur(shipping), total: eur(shipping), category: 'Livraison' }] : basket.items,
        paymentMethod: 'carte bancaire',
        deliveryAddress: lease.address.parts,
      };
      out.push(card(d, 'BOUTIQUE EN LIGNE', basket.totalMinor + shipping, 'Achats en ligne', () => [purchaseRecord(ORGS.shop.source, orderId, d, 21 * 60 + rng.int(0, 90), data)]));
    }
    if (weekdayOf(d) === 5 && rng.chance(0.3)) out.push({ account: 'current', day: d, amountMinor: -rng.pick([2000, 4000, 5000, 6000]), label: `RETRAIT DAB ${ddmm(d)} LYON`, transactionType: 'ATM', category: 'Retraits' });
    if (partsOf(d).month === 12 && partsOf(d).dom >= 8 && partsOf(d).dom <= 21 && rng.chance(0.2)) out.push(card(d, rng.pick(['FNAC BELLECOUR', 'NATURE ET DECOUVERTES', 'GALERIES LAFAYETTE LYON']), rng.int(2500, 9000), 'Cadeaux'));
    for (const h of plan.holidays) {
      const dest = h.destination;
      if (dest.lodging === 'chez les parents') {
        if (d === h.start) out.push(card(d, 'TOTALENERGIES A6 VILLEFRANCHE', rng.int(2500, 4000), 'Transport'));
        continue;
      }
      if (dest.mode === 'train' && d === h.start - 38) out.push(card(d, 'SNCF CONNECT', 2 * rng.int(5500, 11000), 'Transport'));
      if (dest.mode === 'car' && (d === h.start || d === h.end)) {
        out.push(card(d, 'APRR AUTOROUTE', rng.int(1200, 3800), 'Transport'));
        if (d === h.start) out.push(card(d, 'TOTALENERGIES AIRE DE L ISLE D ABEAU', rng.int(5000, 7000), 'Transport'));
      }
      if (d === h.end) out.push(card(d, dest.lodging, rng.int(45_000, 110_000), 'Vacances'));
      if (d >= h.start && d <= h.end && rng.chance(0.6)) out.push(card(d, `RESTAURANT ${dest.name.toUpperCase()}`, rng.int(1800, 5200), 'Restaurants'));
    }
  }
  return out;
}

/** Monthly debits and transfers: subscriptions, insurance, mutual, taxes, savings, fees. */
export function monthlyEntries(ctx: LedgerContext, year: number, month: number): LedgerEntry[] {
  const { plan } = ctx;
  const out: LedgerEntry[] = [];
  const day = (dom: number) => dayNumberOf(year, month, dom);
  const yearsIn = year - partsOf(plan.startDay).year;
  for (const s of plan.subscriptions) {
    const d = day(s.dayOfMonth);
    if (d < s.start || d > s.end) continue;
    const price = subscriptionPrice(s, d);
    if (s.method === 'card') out.push(card(d, s.label.replace(/^CB /, ''), price, s.category));
    else out.push(directDebit(d, { name: s.counterparty, debitLabel: s.label }, price, s.category, `RUM-${s.counterparty.replace(/\W/g, '').toUpperCase().slice(0, 10)}`));
  }
  const lease = leaseAt(plan, day(1));
  const homeInsurance = Math.round((lease === plan.leases[0] ? 1380 : 1740) * 1.03 ** yearsIn);
  out.push(directDebit(day(10), ORGS.insurance, homeInsurance, 'Assurance', 'RUM-AH-MRH-6620153'));
  out.push(directDebit(day(10), { ...ORGS.insurance, debitLabel: 'PRLV SEPA ASSURANCE HORIZON AUTO' }, Math.round(4120 * 1.025 ** yearsIn), 'Assurance', 'RUM-AH-AUTO-6620153'));
  out.push(directDebit(day(6), ORGS.mutual, Math.round(3850 * 1.04 ** yearsIn), 'Santé', 'RUM-MSP-0451278'));
  if (month <= 3 || month >= 11) out.push(directDebit(day(2), { name: 'TCL Sytral Mobilités', debitLabel: 'PRLV SEPA TCL ABONNEMENT' }, year >= 2023 ? 7450 : 6520, 'Transport', 'RUM-TCL-448120'));
  if (year < 2019 && month <= 10) out.push(directDebit(day(15), { name: 'DGFIP', debitLabel: 'PRLV SEPA DGFIP IMPOT MENSUALISATION' }, 11800 + 400 * yearsIn, 'Impôts', 'RUM-DGFIP-IR'));
  if (month === 11 && year <= 2022) out.push(directDebit(day(15), { name: 'DGFIP', debitLabel: 'PRLV SEPA DGFIP TAXE HABITATION' }, lease === plan.leases[0] ? 64_200 : 71_800, 'Impôts', 'RUM-DGFIP-TH'));
  // Savings: a standing order on the 3rd and a withdrawal before summer (the bank's sweep does the rest).
  const save = (d: number, amount: number, label: string) => {
    out.push({ account: 'current', day: nextBusinessDay(d), amountMinor: -amount, label: `VIR ${label} VERS LIVRET`, transactionType: 'XFER', category: 'Épargne' });
    out.push({ account: 'savings', day: nextBusinessDay(d), amountMinor: amount, label: `VIR ${label} DEPUIS COMPTE COURANT`, transactionType: 'XFER', category: 'Épargne' });
  };
  save(day(3), 25_000, 'PERMANENT');
  if (month === 7) {
    out.push({ account: 'savings', day: nextBusinessDay(day(1)), amountMinor: -80_000, label: 'VIR VERS COMPTE COURANT', transactionType: 'XFER', category: 'Épargne' });
    out.push({ account: 'current', day: nextBusinessDay(day(1)), amountMinor: 80_000, label: 'VIR DEPUIS LIVRET LUMIERE', transactionType: 'XFER', category: 'Épargne' });
  }
  if (year >= 2018) out.push({ account: 'current', day: day(1), amountMinor: -200, label: 'FRAIS TENUE DE COMPTE', transactionType: 'FEE', category: 'Frais bancaires' });
  if (month === 3) out.push({ account: 'current', day: nextBusinessDay(day(12)), amountMinor: year >= 2022 ? -4900 : -4500, label: 'COTISATION CARTE VISA CLASSIC', transactionType: 'FEE', category: 'Frais bancaires' });
  return out.filter((e) => e.day >= plan.startDay);
}
