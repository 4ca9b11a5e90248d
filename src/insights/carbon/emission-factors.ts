import { MesInfosError } from '../../domain/errors.ts';

/**
 * Every emission factor the carbon footprint uses, in ONE place (data, not code).
 * Each carries its unit, its source and the year it describes. Physical factors (per kWh,
 * per passenger-km) come from ADEME's Base Carbone / Base Empreinte and ADEME's Impact CO2
 * calculator; monetary factors (per euro spent) are orders of magnitude in the spirit of
 * Base Carbone's "ratios monétaires" (kgCO2e per k€, derived from the carbon footprint of
 * France by SDES and INSEE), converted to kg per euro spent, all taxes included.
 * Monetary factors are far less precise than physical ones (±50 % and more): the result
 * says how much of the estimate rests on them. Review these figures against the current
 * Base Empreinte before relying on them; `approximate` marks the ones rounded by us.
 */

export interface EmissionFactor {
  id: string;
  /** kg CO2e per unit. */
  kgCO2e: number;
  unit: 'kWh' | 'kWh PCS' | 'passenger-km' | 'vehicle-km' | 'EUR';
  label: string;
  source: string;
  year: number;
  approximate?: boolean;
}

const BASE_EMPREINTE = 'ADEME, Base Empreinte® (ex-Base Carbone®)';
const IMPACT_CO2 = 'ADEME, Impact CO2 (impactco2.fr), comparateur des modes de transport';
const RATIOS = 'ADEME, Base Carbone® — ratios monétaires (empreinte carbone de la France, SDES/INSEE), rounded to kg per euro TTC';

/** A monetary ratio (kg CO2e per euro spent). */
const ratio = (id: string, kgCO2e: number, label: string): EmissionFactor => ({ id, kgCO2e, unit: 'EUR', label, source: RATIOS, year: 2021, approximate: true });
/** A transport factor per kilometre. */
const travel = (id: string, kgCO2e: number, unit: 'passenger-km' | 'vehicle-km', label: string): EmissionFactor => ({ id, kgCO2e, unit, label, source: IMPACT_CO2, year: 2023 });

export const EMISSION_FACTORS: readonly EmissionFactor[] = [
  // Energy of the home, from the meters.
  { id: 'electricity.fr', kgCO2e: 0.052, unit: 'kWh', label: 'Electricity, mainland France, average consumption mix', source: `${BASE_EMPREINTE}, Électricité — mix moyen — consommation`, year: 2022 },
  { id: 'gas.network', kgCO2e: 0.205, unit: 'kWh PCS', label: 'Natural gas from the network, combustion and upstream (0.227 per kWh PCI)', source: `${BASE_EMPREINTE}, Gaz naturel — mix moyen — consommation (ACV chaîne gazière 2018)`, year: 2015 },

  // Transport, per kilometre travelled by the person.
  travel('transport.car', 0.218, 'vehicle-km', 'Combustion-engine car, one occupant, construction included'),
  travel('transport.motorcycle', 0.191, 'vehicle-km', 'Combustion-engine motorcycle'),
  travel('transport.bus', 0.113, 'passenger-km', 'City bus (combustion engine)'),
  travel('transport.tram', 0.00428, 'passenger-km', 'Tramway'),
  travel('transport.metro', 0.00442, 'passenger-km', 'Metro'),
  travel('transport.train.long', 0.00293, 'passenger-km', 'High-speed train (TGV), trips of 200 km and more'),
  travel('transport.train.regional', 0.0296, 'passenger-km', 'Regional train (TER), trips under 200 km'),
  travel('transport.plane.short', 0.258, 'passenger-km', 'Plane, flights under 1,000 km, contrails included'),
  travel('transport.plane.medium', 0.187, 'passenger-km', 'Plane, flights of 1,000–3,500 km, contrails included'),
  travel('transport.plane.long', 0.152, 'passenger-km', 'Plane, flights over 3,500 km, contrails included'),
  travel('transport.active', 0, 'passenger-km', 'Walking, running, cycling'),

  // Spending, per euro (budget categories of src/insights/budget/categories.ts).
  ratio('spend.food.groceries', 0.65, 'Food and drinks bought in shops'),
  ratio('spend.food.restaurants', 0.35, 'Restaurants, cafés, takeaway'),
  ratio('spend.housing.rent', 0.05, 'Rent and service charges'),
  ratio('spend.housing.maintenance', 0.45, 'Furniture, DIY and household goods'),
  ratio('spend.energy.electricity', 0.21, 'Electricity bills, when no meter readings cover them'),
  ratio('spend.energy.gas', 1.7, 'Gas bills, when no meter readings cover them'),
  ratio('spend.energy.water', 0.1, 'Water bills'),
  ratio('spend.telecom', 0.1, 'Telephone and internet services'),
  { id: 'spend.transport.fuel', kgCO2e: 1.6, unit: 'EUR', label: 'Road fuel (about 2.9 kg CO2e per litre at about 1.80 € a litre)', source: `${BASE_EMPREINTE}, Gazole / Essence routiers; price from the DGEC weekly fuel prices`, year: 2023, approximate: true },
  ratio('spend.transport.public', 0.1, 'Public transport passes and tickets'),
  ratio('spend.transport.train', 0.03, 'Train and coach tickets'),
  ratio('spend.transport.services', 0.1, 'Tolls, parking, taxis'),
  ratio('spend.health', 0.2, 'Doctors, care and pharmacy'),
  ratio('spend.insurance', 0.05, 'Insurance and bank services'),
  ratio('spend.leisure.services', 0.15, 'Subscriptions, sport, culture'),
  ratio('spend.leisure.outings', 0.35, 'Bars and outings'),
  ratio('spend.leisure.holidays', 0.4, 'Holidays and lodging (travel there counted with transport)'),
  ratio('spend.goods', 0.5, 'Clothing, electronics, online and other goods'),
  ratio('spend.average', 0.4, 'Average household spending (cash, uncategorised)'),
];

/**
 * Which factor prices each budget category (the most specific id wins: a category not
 * listed takes its parent's). `null`: not consumption (income, transfers between own
 * accounts, taxes), so not counted.
 */
export const CATEGORY_FACTORS: Readonly<Record<string, string | null>> = {
  income: null,
  transfers: null,
  taxes: null,
  housing: 'spend.housing.rent',
  'housing.maintenance': 'spend.housing.maintenance',
  energy: 'spend.energy.water',
  'energy.electricity': 'spend.energy.electricity',
  'energy.gas': 'spend.energy.gas',
  telecom: 'spend.telecom',
  food: 'spend.food.groceries',
  'food.restaurants': 'spend.food.restaurants',
  transport: 'spend.transport.services',
  'transport.fuel': 'spend.transport.fuel',
  'transport.public': 'spend.transport.public',
  'transport.train': 'spend.transport.train',
  health: 'spend.health',
  'health.insurance': 'spend.insurance',
  insurance: 'spend.insurance',
  bank: 'spend.insurance',
  leisure: 'spend.leisure.services',
  'leisure.outings': 'spend.leisure.outings',
  'leisure.holidays': 'spend.leisure.holidays',
  'leisure.press': 'spend.goods',
  shopping: 'spend.goods',
  cash: 'spend.average',
  other: 'spend.average',
};

/** The footprint's own headings, by budget category or measured part. */
export const FOOTPRINT_HEADING: Readonly<Record<string, string>> = {
  housing: 'housing',
  energy: 'home energy',
  telecom: 'digital and telecom',
  food: 'food',
  transport: 'transport',
  health: 'health',
  insurance: 'services',
  bank: 'services',
  leisure: 'leisure',
  shopping: 'goods',
  cash: 'other',
  other: 'other',
};

/** The factor that prices a km of a track's mode, by mode and trip length; undefined: not estimated. */
export function transportFactorId(mode: string, tripKm: number): string | undefined {
  switch (mode) {
    case 'car':
      return 'transport.car';
    case 'motorcycle':
      return 'transport.motorcycle';
    case 'bus':
      return 'transport.bus';
    case 'tram':
      return 'transport.tram';
    case 'metro':
      return 'transport.metro';
    case 'train':
      return tripKm >= 200 ? 'transport.train.long' : 'transport.train.regional';
    case 'plane':
      return tripKm < 1000 ? 'transport.plane.short' : tripKm <= 3500 ? 'transport.plane.medium' : 'transport.plane.long';
    case 'walking':
    case 'running':
    case 'cycling':
      return 'transport.active';
    default:
      return undefined;
  }
}

/** Spending categories that already pay for a measured mode: when the person spent there, the spending counts and the tracks are not added on top. */
export const MODE_SPENDING: Readonly<Record<string, string>> = {
  car: 'transport.fuel',
  motorcycle: 'transport.fuel',
  train: 'transport.train',
  bus: 'transport.public',
  tram: 'transport.public',
  metro: 'transport.public',
};

const byId = new Map(EMISSION_FACTORS.map((f) => [f.id, f]));

export function factorById(id: string): EmissionFactor {
  const f = byId.get(id);
  if (!f) throw new MesInfosError('INTERNAL', `The emission factor ${id} is not in emission-factors.ts.`);
  return f;
}
