import { localMidnight } from './demo-energy.ts';
import { documentRecord, euros, type DocumentSpec } from './demo-documents.ts';
import type { LedgerContext, LedgerEntry } from './demo-ledger.ts';
import { CURRENT_IBAN, INCONSISTENCIES, ORGS, PERSON, type DemoOrg } from './demo-persona.ts';
import { leaseAt, rentDue } from './demo-plan.ts';
import { Rng, hash32 } from './prng.ts';
import { dayNumberOf, frenchDate, frenchMonth, lastBusinessDayOfMonth, nextBusinessDay } from './demo-time.ts';

/**
 * The monthly paperwork and what pays it: payslips (salary transfer), rent receipts (rent
 * direct debit), electricity bills (monthly, from the load curve), gas bills (every two
 * months, from the gas readings), mobile and internet bills. Each bill's amount is the
 * amount of the direct debit that pays it, to the cent.
 */

/** Electricity price per kWh (1/10,000 €, base option, taxes included) and monthly 9 kVA standing charge (cents). */
const ELEC: Record<number, [number, number]> = {
  2014: [1400, 1300], 2015: [1440, 1350], 2016: [1467, 1381], 2017: [1482, 1394], 2018: [1504, 1402], 2019: [1555, 1466], 2020: [1546, 1520],
  2021: [1558, 1548], 2022: [1740, 1565], 2023: [2062, 1697], 2024: [2516, 1902], 2025: [2016, 2042], 2026: [1952, 2088],
};
/** Gas price per kWh (1/10,000 €) and two-monthly standing charge (cents). */
const GAS: Record<number, [number, number]> = {
  2014: [560, 2000], 2015: [550, 2050], 2016: [540, 2100], 2017: [560, 2140], 2018: [640, 2200], 2019: [700, 2260], 2020: [620, 2300],
  2021: [800, 2380], 2022: [900, 2450], 2023: [1150, 2900], 2024: [1100, 3100], 2025: [1150, 3200], 2026: [1100, 3250],
};
function tariff(table: Record<number, [number, number]>, year: number): [number, number] {
  return table[Math.min(2026, Math.max(2014, year))]!;
}

function debit(org: DemoOrg, day: number, amountMinor: number, mandate: string, category: string, doc?: DocumentSpec, ctx?: LedgerContext): LedgerEntry {
  return {
    account: 'current',
    day: nextBusinessDay(day),
    amountMinor: -amountMinor,
    label: org.debitLabel ?? org.name.toUpperCase(),
    transactionType: 'DIRECTDEBIT',
    category,
    counterparty: { name: org.name, ...(org.creditorId ? { creditorId: org.creditorId } : {}) },
    mandateId: mandate,
    ...(doc ? { reference: doc.reference } : {}),
    ...(doc && ctx ? { attach: async (tx) => [await documentRecord(doc, tx, ctx.blobs)] } : {}),
  };
}

/** Address line the organisation prints on its bills (the gas supplier's is the stale one). */
function billingAddress(org: DemoOrg, actual: string): string {
  const wrong = INCONSISTENCIES.find((i) => i.source === org.source && i.attribute === 'postal_address');
  return wrong ? wrong.believed : actual;
}

export function billEntries(ctx: LedgerContext, year: number, month: number): LedgerEntry[] {
  const { plan } = ctx;
  const out: LedgerEntry[] = [];
  const first = dayNumberOf(year, month, 1);
  const last = dayNumberOf(year, month + 1, 0);
  const from = Math.max(first, plan.startDay);
  const ym = `${year}${String(month).padStart(2, '0')}`;
  const rng = new Rng(hash32(plan.seed, 0xb111, year * 12 + month));
  const lease = leaseAt(plan, from);
  const who = `${PERSON.fullName} — ${billingAddress(ORGS.electricity, lease.address.label)}`;

  // Payslip and salary, on the last business day.
  const payday = lastBusinessDayOfMonth(year, month);
  const base = plan.grossByYear.get(year) ?? 300_000;
  const bonus = month === 12 ? base : 0;
  const gross = base + bonus;
  const contributions = Math.round(gross * 0.225);
  const netBeforeTax = gross - contributions;
  const pasRate = year < 2019 ? 0 : 48 + 2 * Math.min(6, year - 2019);
  const pas = Math.round(((netBeforeTax + Math.round(gross * 0.024)) * pasRate) / 1000);
  const net = netBeforeTax - pas;
  const slip: DocumentSpec = {
    source: ORGS.employer.source,
    kind: 'payslip',
    title: `Bulletin de paie — ${frenchMonth(year, month)}`,
    issuer: ORGS.employer.name,
    issuedOn: payday,
    periodStart: first,
    periodEnd: last,
    amountMinor: net,
    reference: `BP-${ym}-${ORGS.employer.customerNumber}`,
    fileName: `bulletin-${ym}.pdf`,
    lines: [
      `${ORGS.employer.name}, 40 rue de la Villette, 69003 Lyon — SIRET 512 345 678 00021`,
      `Salariée : ${PERSON.fullName} — matricule ${ORGS.employer.customerNumber}`,
      `Période : du ${frenchDate(first)} au ${frenchDate(last)}`,
      `Salaire de base : ${euros(base)}`,
      ...(bonus ? [`Prime de fin d'année : ${euros(bonus)}`] : []),
      `Salaire brut : ${euros(gross)}`,
      `Cotisations et contributions salariales : -${euros(contributions)}`,
      `Net à payer avant impôt sur le revenu : ${euros(netBeforeTax)}`,
      ...(pasRate ? [`Impôt sur le revenu prélevé à la source (taux ${(pasRate / 10).toFixed(1).replace('.', ',')} %) : -${euros(pas)}`] : []),
      `Net payé : ${euros(net)} — virement le ${frenchDate(payday)} sur ${CURRENT_IBAN}`,
    ],
  };
  out.push({
    account: 'current',
    day: payday,
    amountMinor: net,
    label: `VIR SEPA ACME SAS SALAIRE ${String(month).padStart(2, '0')}/${year}`,
    transactionType: 'CREDIT',
    category: 'Salaire',
    counterparty: { name: ORGS.employer.name, iban: 'FR7630004000031234567890143' },
    reference: slip.reference,
    attach: async (tx) => [await documentRecord(slip, tx, ctx.blobs)],
  });

  // Rent, debited on the 5th, and its receipt at the end of the month.
  const rent = rentDue(plan, lease, year, month);
  const rentTotal = rent.rentMinor + rent.chargesMinor;
  const quittance: DocumentSpec = {
    source: ORGS.landlord.source,
    kind: 'receipt',
    title: `Quittance de loyer — ${frenchMonth(year, month)}`,
    issuer: ORGS.landlord.name,
    issuedOn: last,
    periodStart: first,
    periodEnd: last,
    amountMinor: rentTotal,
    reference: `Q-${lease.reference}-${ym}`,
    fileName: `quittance-${ym}.pdf`,
    lines: [
      `Locataire : ${PERSON.fullName}`,
      `Logement : ${lease.address.label} — bail ${lease.reference}`,
      `Loyer : ${euros(rent.rentMinor)}   Provision sur charges : ${euros(rent.chargesMinor)}`,
      `Total reçu : ${euros(rentTotal)}`,
    ],
  };
  out.push(debit(ORGS.landlord, dayNumberOf(year, month, 5), rentTotal, `RUM-${lease.reference}`, 'Logement', quittance, ctx));

  // Electricity: the month's consumption, billed on the 3rd of next month, debited on the 18th.
  const wh = ctx.energy.electricityWh(localMidnight(from), localMidnight(Math.min(last, plan.endDay) + 1));
  const kWh = Math.round(wh / 1000);
  const [price, standing] = tariff(ELEC, year);
  const energyCost = Math.round((kWh * price) / 100);
  const elecTotal = energyCost + standing;
  const elecIssued = dayNumberOf(year, month + 1, 3);
  const elecDue = dayNumberOf(year, month + 1, 18);
  const elecRef = `EE-${ym}-${lease.prm.slice(-6)}`;
  out.push(
    debit(ORGS.electricity, elecDue, elecTotal, `RUM-EE-${ORGS.electricity.customerNumber}`, 'Énergie', {
      source: ORGS.electricity.source,
      kind: 'bill',
      title: `Facture d'électricité — ${frenchMonth(year, month)}`,
      issuer: ORGS.electricity.name,
      issuedOn: elecIssued,
      periodStart: from,
      periodEnd: last,
      dueOn: elecDue,
      amountMinor: elecTotal,
      reference: elecRef,
      fileName: `facture-electricite-${ym}.pdf`,
      lines: [
        `Client ${ORGS.electricity.customerNumber} — ${who}`,
        `Point de livraison (PRM) ${lease.prm} — puissance souscrite 9 kVA, option Base`,
        `Consommation du ${frenchDate(from)} au ${frenchDate(last)} : ${kWh} kWh`,
        `Énergie : ${kWh} kWh x ${(price / 10000).toFixed(4).replace('.', ',')} € = ${euros(energyCost)}`,
        `Abonnement : ${euros(standing)}`,
        `Total TTC : ${euros(elecTotal)} — prélevé le ${frenchDate(nextBusinessDay(elecDue))}`,
      ],
    }, ctx),
  );

  // Gas, every two months (bills for Jan–Feb, Mar–Apr…), one bill per meter.
  if (month % 2 === 0 || last >= plan.endDay) {
    const periods = [...(month % 2 === 0 ? ctx.energy.gasPeriods(year, month - 1) : []), ...ctx.energy.gasPeriods(year, month)].filter((p) => p.toDay > p.fromDay);
    const byPce = new Map<string, typeof periods>();
    for (const p of periods) {
      const pce = leaseAt(plan, p.fromDay).pce;
      byPce.set(pce, [...(byPce.get(pce) ?? []), p]);
    }
    const [gasPrice, gasStanding] = tariff(GAS, year);
    for (const [pce, ps] of byPce) {
      const gasKWh = Math.round(ps.reduce((s, p) => s + p.energyWh, 0) / 1000);
      const volume = Math.round(ps.reduce((s, p) => s + p.volumeM3, 0) * 100) / 100;
      const gasCost = Math.round((gasKWh * gasPrice) / 100);
      const gasTotal = gasCost + gasStanding;
      const pStart = ps[0]!.fromDay;
      const pEnd = ps[ps.length - 1]!.toDay - 1;
      const issued = dayNumberOf(year, month + 1, 5);
      const due = dayNumberOf(year, month + 1, 20);
      out.push(
        debit(ORGS.gas, due, gasTotal, `RUM-GR-${ORGS.gas.customerNumber}`, 'Énergie', {
          source: ORGS.gas.source,
          kind: 'bill',
          title: `Facture de gaz — ${frenchDate(pStart)} au ${frenchDate(pEnd)}`,
          issuer: ORGS.gas.name,
          issuedOn: issued,
          periodStart: pStart,
          periodEnd: pEnd,
          dueOn: due,
          amountMinor: gasTotal,
          reference: `GR-${ym}-${pce.slice(-6)}`,
          fileName: `facture-gaz-${ym}-${pce.slice(-6)}.pdf`,
          lines: [
            `Client ${ORGS.gas.customerNumber} — ${PERSON.fullName} — ${billingAddress(ORGS.gas, lease.address.label)}`,
            `Point de comptage (PCE) ${pce}`,
            `Volume relevé : ${volume.toFixed(2).replace('.', ',')} m3 — ${gasKWh} kWh`,
            `Gaz : ${gasKWh} kWh x ${(gasPrice / 10000).toFixed(4).replace('.', ',')} € = ${euros(gasCost)}`,
            `Abonnement (2 mois) : ${euros(gasStanding)}`,
            `Total TTC : ${euros(gasTotal)}`,
          ],
        }, ctx),
      );
    }
  }

  // Mobile (issued on the 1st, debited on the 6th) and internet (debited on the 9th).
  const mobileBase = first < dayNumberOf(2021, 7, 1) ? 1999 : 1599;
  const extra = rng.chance(0.12) ? rng.int(150, 690) : 0;
  const mobileTotal = mobileBase + extra;
  out.push(
    debit(ORGS.mobile, dayNumberOf(year, month, 6), mobileTotal, `RUM-TM-${ORGS.mobile.customerNumber}`, 'Télécom', {
      source: ORGS.mobile.source,
      kind: 'bill',
      title: `Facture mobile — ${frenchMonth(year, month)}`,
      issuer: ORGS.mobile.name,
      issuedOn: first,
      periodStart: first,
      periodEnd: last,
      dueOn: dayNumberOf(year, month, 6),
      amountMinor: mobileTotal,
      reference: `TM-${ym}-${ORGS.mobile.customerNumber}`,
      fileName: `facture-mobile-${ym}.pdf`,
      lines: [
        `Ligne ${PERSON.phone} — ${PERSON.fullName}`,
        `Forfait ${mobileBase === 1999 ? '60 Go' : '130 Go'} : ${euros(mobileBase)}`,
        ...(extra ? [`Hors forfait (numéros spéciaux) : ${euros(extra)}`] : []),
        `Total TTC : ${euros(mobileTotal)}`,
      ],
    }, ctx),
  );
  const boxPrice = first < dayNumberOf(2022, 5, 1) ? 2999 : 3499;
  out.push(
    debit(ORGS.internet, dayNumberOf(year, month, 9), boxPrice, `RUM-BX-${ORGS.internet.customerNumber}`, 'Télécom', {
      source: ORGS.internet.source,
      kind: 'bill',
      title: `Facture Box Fibre — ${frenchMonth(year, month)}`,
      issuer: ORGS.internet.name,
      issuedOn: first,
      periodStart: first,
      periodEnd: last,
      dueOn: dayNumberOf(year, month, 9),
      amountMinor: boxPrice,
      reference: `BX-${ym}-${ORGS.internet.customerNumber.slice(3)}`,
      fileName: `facture-box-${ym}.pdf`,
      lines: [`Abonné : ${PERSON.fullName} — ${lease.address.label}`, `Box Fibre (internet, TV, téléphone fixe) : ${euros(boxPrice)}`, `Total TTC : ${euros(boxPrice)}`],
    }, ctx),
  );
  return out.filter((e) => e.day >= plan.startDay);
}
