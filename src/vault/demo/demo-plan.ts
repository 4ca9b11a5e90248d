import { CURRENT_ADDRESS, PREVIOUS_ADDRESS, type DemoAddress } from './demo-persona.ts';
import { makePeers, type DemoPeer } from './demo-contacts.ts';
import { Rng, deriveSeed } from './prng.ts';
import { addMonths, dayNumber, dayNumberOf, isWeekend, partsOf, weekdayOf } from './demo-time.ts';

/**
 * The life plan of the demo person: the few hundred dated facts every generator must
 * agree on (when she moved, when she was on holiday, when she saw the doctor or a
 * friend, what she earned and paid in rent, which subscriptions ran when). It is small
 * and computed once; the big streams (readings, transactions) are derived from it lazily.
 */

export interface Destination {
  name: string;
  lat: number;
  lon: number;
  mode: 'car' | 'train';
  /** Place stayed at, for place visits and the hotel's card label. */
  lodging: string;
}

export interface Holiday {
  start: number;
  /** Last day away, included. */
  end: number;
  destination: Destination;
}

export interface Meeting {
  day: number;
  minute: number;
  durationMin: number;
  peer: DemoPeer;
  /** Where: at the friend's, at a restaurant (name), or at home. */
  where: 'friend' | 'home' | string;
}

export interface Subscription {
  label: string;
  counterparty: string;
  /** Card payment or SEPA direct debit. */
  method: 'card' | 'debit';
  start: number;
  /** Last day it is charged, included. */
  end: number;
  dayOfMonth: number;
  /** Price in cents from a date on: [[day, cents], …], ascending. */
  prices: [number, number][];
  category: string;
}

export interface Lease {
  reference: string;
  address: DemoAddress;
  start: number;
  end?: number;
  /** Rent and charges in cents at the start; revised every year on the anniversary month. */
  rentMinor: number;
  chargesMinor: number;
  prm: string;
  pce: string;
  /** Heating need of the flat (W per °C below 17 °C). */
  heatLossWPerK: number;
}

export interface DemoPlan {
  seed: number;
  years: number;
  startDay: number;
  /** The last day, included (`until`). */
  endDay: number;
  moveDay: number;
  leases: [Lease, Lease];
  peers: DemoPeer[];
  holidays: Holiday[];
  doctorVisits: { day: number; minute: number }[];
  meetings: Meeting[];
  subscriptions: Subscription[];
  gym: { start: number; end: number };
  /** Gross monthly salary in cents, by calendar year. */
  grossByYear: Map<number, number>;
}

const DESTINATIONS: Destination[] = [
  { name: 'Biarritz', lat: 43.4832, lon: -1.5586, mode: 'train', lodging: 'HOTEL DU PALAIS BIARRITZ' },
  { name: 'Annecy', lat: 45.8992, lon: 6.1294, mode: 'car', lodging: 'CAMPING DU LAC ANNECY' },
  { name: 'Marseille', lat: 43.2965, lon: 5.3698, mode: 'train', lodging: 'HOTEL VIEUX PORT MARSEILLE' },
  { name: 'La Rochelle', lat: 46.1603, lon: -1.1511, mode: 'train', lodging: 'HOTEL DES DEUX TOURS' },
  { name: 'Chamonix', lat: 45.9237, lon: 6.8694, mode: 'car', lodging: 'GITE DES AIGUILLES CHAMONIX' },
  { name: 'Montpellier', lat: 43.6108, lon: 3.8767, mode: 'car', lodging: 'APPART HOTEL COMEDIE MONTPELLIER' },
  { name: 'Quimper', lat: 47.9960, lon: -4.1024, mode: 'train', lodging: 'HOTEL DE LA CATHEDRALE QUIMPER' },
];

export const PARENTS_HOME: Destination = { name: 'Villefranche-sur-Saône', lat: 45.9899, lon: 4.7186, mode: 'car', lodging: 'chez les parents' };

const RESTAURANTS = ['LE BOUCHON DES CORDELIERS', 'PIZZERIA DA NELLO', 'LE KITCHEN CAFE', 'BRASSERIE GEORGES', 'SUSHI SHOP BELLECOUR', 'LA MERE BRAZIER'];

export function makePlan(seed: number, years: number, until: string): DemoPlan {
  const rng = new Rng(deriveSeed(seed, 'plan'));
  const endDay = dayNumber(until);
  const startDay = dayNumber(addMonths(until, -12 * years)) + 1;
  const spanDays = endDay - startDay + 1;
  // She moves on the first of a month, two years before the end (midway for short spans).
  const moveBase = years >= 3 ? dayNumber(addMonths(until, -24)) : startDay + Math.floor(spanDays / 2);
  const mp = partsOf(moveBase);
  const moveDay = dayNumberOf(mp.year, mp.month, 1) + (mp.dom > 1 ? daysToNextMonth(mp.year, mp.month) : 0);

  const leases: [Lease, Lease] = [
    {
      reference: 'BAIL-2014-0412',
      address: PREVIOUS_ADDRESS,
      start: dayNumber('2014-09-01'),
      end: moveDay - 1,
      rentMinor: 68_000,
      chargesMinor: 4_500,
      prm: '09251834672215',
      pce: '21907714583620',
      heatLossWPerK: 62,
    },
    {
      reference: `BAIL-${partsOf(moveDay).year}-${String(rng.int(1000, 9999))}`,
      address: CURRENT_ADDRESS,
      start: moveDay,
      rentMinor: 84_000,
      chargesMinor: 6_000,
      prm: '09258861034478',
      pce: '21904462907315',
      heatLossWPerK: 48,
    },
  ];

  const peers = makePeers(seed);
  const firstYear = partsOf(startDay).year;
  const lastYear = partsOf(endDay).year;

  const holidays: Holiday[] = [];
  for (let y = firstYear; y <= lastYear; y++) {
    // Two summer weeks starting on a Saturday between mid-July and mid-August.
    let s = dayNumberOf(y, 7, 12) + rng.int(0, 30);
    while (weekdayOf(s) !== 6) s++;
    holidays.push({ start: s, end: s + 14, destination: DESTINATIONS[(y + rng.int(0, DESTINATIONS.length - 1)) % DESTINATIONS.length]! });
    holidays.push({ start: dayNumberOf(y, 12, 23), end: dayNumberOf(y, 12, 27), destination: PARENTS_HOME });
  }
  const inPeriod = (d: number) => d >= startDay && d <= endDay;
  const awayOn = (d: number) => holidays.some((h) => d >= h.start && d <= h.end);

  const doctorVisits: DemoPlan['doctorVisits'] = [];
  const meetings: Meeting[] = [];
  const friends = peers.filter((p) => p.circle === 'friend' || p.circle === 'family');
  const weights = friends.map((p) => p.closeness);
  for (let d = startDay; d <= endDay; d++) {
    if (awayOn(d)) continue;
    const wd = weekdayOf(d);
    if (!isWeekend(d) && rng.chance(4 / 260)) doctorVisits.push({ day: d, minute: 17 * 60 + 30 + 15 * rng.int(0, 5) });
    const dinnerChance = wd === 5 || wd === 6 ? 0.18 : wd === 0 ? 0.08 : 0.03;
    if (rng.chance(dinnerChance)) {
      const peer = rng.weighted(friends, weights);
      const where = peer.circle === 'family' ? 'friend' : rng.weighted(['friend', 'home', rng.pick(RESTAURANTS)], [3, 2, 3]);
      meetings.push({ day: d, minute: wd === 0 ? 12 * 60 + 30 : 19 * 60 + 30 + 15 * rng.int(0, 4), durationMin: rng.int(150, 240), peer, where });
    }
  }

  const gym = { start: startDay + rng.int(200, 300), end: Math.max(startDay + 400, endDay - rng.int(300, 500)) };
  const sub = (s: Omit<Subscription, 'start' | 'end'> & { start: number; end: number }): Subscription => ({
    ...s,
    start: Math.max(s.start, startDay),
    end: Math.min(s.end, endDay),
  });
  const y = (year: number, month = 1) => dayNumberOf(year, month, 1);
  const subscriptions = [
    sub({ label: 'PRLV SEPA SPOTIFY', counterparty: 'Spotify AB', method: 'debit', start: startDay, end: endDay, dayOfMonth: 14, prices: [[0, 999], [y(2023, 8), 1099], [y(2024, 6), 1112], [y(2025, 9), 1215]], category: 'Loisirs' }),
    sub({ label: 'CB NETFLIX.COM', counterparty: 'Netflix International BV', method: 'card', start: startDay + 90, end: endDay - 180, dayOfMonth: 3, prices: [[0, 999], [y(2019, 2), 1099], [y(2021, 2), 1349], [y(2024, 4), 1399]], category: 'Loisirs' }),
    sub({ label: 'PRLV SEPA FITNESS PARK', counterparty: 'Fitness Park Lyon 7', method: 'debit', start: gym.start, end: gym.end, dayOfMonth: 5, prices: [[0, 2990], [y(2022, 1), 3290]], category: 'Sport' }),
    sub({ label: 'PRLV SEPA LE PROGRES NUMERIQUE', counterparty: 'Le Progrès SA', method: 'debit', start: startDay + Math.floor(spanDays * 0.3), end: startDay + Math.floor(spanDays * 0.55), dayOfMonth: 20, prices: [[0, 990]], category: 'Presse' }),
    sub({ label: 'CB DISNEY PLUS', counterparty: 'Disney Plus', method: 'card', start: endDay - 400, end: endDay, dayOfMonth: 22, prices: [[0, 899], [y(2025, 11), 999]], category: 'Loisirs' }),
  ].filter((s) => s.start <= s.end);

  // Salary by calendar year (not by position in the period, so every span agrees): a raise
  // each January, a promotion in 2020.
  const grossByYear = new Map<number, number>();
  const pay = new Rng(deriveSeed(seed, 'salary'));
  for (let yr = firstYear; yr < 2012; yr++) grossByYear.set(yr, Math.round((262_000 * 0.975 ** (2012 - yr)) / 100) * 100);
  let gross = 262_000;
  for (let yr = 2012; yr <= lastYear; yr++) {
    if (yr >= firstYear) grossByYear.set(yr, gross);
    const raise = yr === 2019 ? 1.09 : 1 + pay.int(12, 30) / 1000;
    gross = Math.round((gross * raise) / 100) * 100;
  }

  return {
    seed,
    years,
    startDay,
    endDay,
    moveDay,
    leases,
    peers,
    holidays: holidays.filter((h) => inPeriod(h.start) || inPeriod(h.end)),
    doctorVisits,
    meetings,
    subscriptions,
    gym,
    grossByYear,
  };
}

function daysToNextMonth(year: number, month: number): number {
  return dayNumberOf(year, month + 1, 1) - dayNumberOf(year, month, 1);
}

/** The lease in force on a day (the first one before the move, the second after). */
export function leaseAt(plan: DemoPlan, day: number): Lease {
  return day >= plan.moveDay ? plan.leases[1] : plan.leases[0];
}

/** The holiday she is on that day, if any. */
export function holidayOn(plan: DemoPlan, day: number): Holiday | undefined {
  for (const h of plan.holidays) if (day >= h.start && day <= h.end) return h;
  return undefined;
}

/** Rent and charges due for a month, in cents: the rent is revised (IRL) every year on the lease's anniversary month. */
export function rentDue(plan: DemoPlan, lease: Lease, year: number, month: number): { rentMinor: number; chargesMinor: number } {
  const start = partsOf(lease.start);
  let revisions = year - start.year - (month < start.month ? 1 : 0);
  if (revisions < 0) revisions = 0;
  let rent = lease.rentMinor;
  for (let i = 0; i < revisions; i++) {
    const irl = 1 + (8 + (deriveSeed(plan.seed, `irl${start.year + i}`) % 27)) / 1000;
    rent = Math.round(rent * irl);
  }
  return { rentMinor: rent, chargesMinor: lease.chargesMinor };
}

/** Price of a subscription on a day, in cents. */
export function subscriptionPrice(s: Subscription, day: number): number {
  let p = s.prices[0]![1];
  for (const [from, cents] of s.prices) if (day >= from) p = cents;
  return p;
}

