import { normaliseLabel, splitLabel } from './label-key.ts';

/**
 * Built-in categorisation rules, written from what French and English bank labels mean
 * (docs/insights-budget.md lists them with examples). A rule matches on the normalised
 * label (upper case, no accents) and the counterparty's name, optionally on the direction
 * of the money and on the amount. The first rule that matches wins, so specific rules come
 * before general ones ("PRLV SEPA TOTALENERGIES" is energy, "CB TOTALENERGIES" is fuel).
 */
export interface LabelRule {
  id: string;
  category: string;
  /** Regular expression over "LABEL | COUNTERPARTY", normalised. */
  match: RegExp;
  /** `in`: money received; `out`: money paid. Absent: either. */
  direction?: 'in' | 'out';
  /** Bounds on the absolute amount, in minor units (inclusive). */
  minMinor?: number;
  maxMinor?: number;
}

/** What a rule sees of a transaction. */
export interface RuleSubject {
  label: string;
  counterparty?: string;
  amountMinor: number;
}

const CARD = String.raw`(?:^|\b)(?:CB|CARTE|PAIEMENT CB|ACHAT CB|FACTURE CARTE|CARD PAYMENT|CONTACTLESS|POS)\b`;
const DEBIT = String.raw`(?:^|\b)(?:PRLV|PRELEVEMENT|DIRECT DEBIT|DD)\b`;
const r = (id: string, category: string, source: string, extra: Partial<Omit<LabelRule, 'id' | 'category' | 'match'>> = {}): LabelRule => ({
  id,
  category,
  match: new RegExp(source),
  ...extra,
});

export const LABEL_RULES: readonly LabelRule[] = [
  // Money received.
  r('salary', 'income.salary', String.raw`\b(?:SALAIRE|SALAIRES|PAIE|REMUNERATION|SALARY|PAYROLL|WAGES)\b`, { direction: 'in' }),
  r('benefits', 'income.benefits', String.raw`\b(?:CAF|ALLOCATIONS? FAMILIALES|POLE EMPLOI|FRANCE TRAVAIL|CARSAT|RETRAITE|PENSION|CHILD BENEFIT|UNIVERSAL CREDIT|DWP)\b`, { direction: 'in' }),
  r('health-refund', 'health.reimbursement', String.raw`\b(?:CPAM|AMELI|ASSURANCE MALADIE|MUTUELLE|REMBT SOINS|REMB(?:OURSEMENT)? (?:SOINS|SANTE)|NHS REFUND)\b`, { direction: 'in' }),
  r('interest', 'income.interest', String.raw`\b(?:INTERETS?|INTEREST|DIVIDENDES?|DIVIDEND)\b`, { direction: 'in' }),
  // Between the person's own accounts.
  r('savings', 'transfers.savings', String.raw`\b(?:LIVRET|LDDS|LEP|PEL|CEL|EPARGNE|SAVINGS|ISA)\b`),
  r('own-transfer', 'transfers.internal', String.raw`\b(?:COMPTE COURANT|VIR(?:EMENT)? INTERNE|OWN ACCOUNT|BETWEEN ACCOUNTS)\b`),
  // Housing, energy, telecom: mostly direct debits.
  r('rent', 'housing.rent', String.raw`\b(?:LOYER|LOYERS|REGIE|QUITTANCE|BAILLEUR|FONCIA|NEXITY|CITYA|OPAC|HLM|RENT|LETTING)\b`, { direction: 'out' }),
  r('home-insurance', 'insurance.home', String.raw`\b(?:ASSURANCE|ASSUR|HOME INSURANCE)\b.*\b(?:HABITATION|MRH|LOGEMENT|HOME)\b|\bMRH\b`, { direction: 'out' }),
  r('car-insurance', 'insurance.car', String.raw`\b(?:ASSURANCE|ASSUR|CAR INSURANCE)\b.*\b(?:AUTO|AUTOMOBILE|VEHICULE|MOTOR|CAR)\b`, { direction: 'out' }),
  r('health-insurance', 'health.insurance', String.raw`\b(?:MUTUELLE|COMPLEMENTAIRE SANTE|HEALTH INSURANCE|BUPA|AXA PPP)\b`, { direction: 'out' }),
  r('insurance', 'insurance', String.raw`\b(?:ASSURANCE|ASSURANCES|INSURANCE|MAIF|MACIF|MATMUT|GMF|MAAF)\b`, { direction: 'out' }),
  r('gas', 'energy.gas', String.raw`\b(?:GAZ|GRDF|GAS|BRITISH GAS)\b`, { direction: 'out' }),
  r('electricity', 'energy.electricity', String.raw`${DEBIT}.*\b(?:ELEC|ELECTRICITE|EDF|ENEDIS|TOTALENERGIES|ENGIE|OCTOPUS|EKWATEUR|ELECTRICITY|OVO|EON|E ON|EDF ENERGY)\b|\b(?:EDF|ELECTRICITE|ELECTRICITY)\b`, { direction: 'out' }),
  r('water', 'energy.water', String.raw`\b(?:EAU|EAUX|VEOLIA|SUEZ|SAUR|WATER)\b`, { direction: 'out' }),
  r('train', 'transport.train', String.raw`\b(?:SNCF|OUIGO|TGV|TER|TRAINLINE|FLIXBUS|BLABLACAR|EUROSTAR|NATIONAL RAIL|AVANTI)\b`),
  r('mobile', 'telecom.mobile', String.raw`\b(?:MOBILE|FORFAIT|SOSH|FREE MOBILE|RED BY SFR|B AND YOU|VODAFONE|O2|EE LIMITED|GIFFGAFF|THREE)\b`, { direction: 'out' }),
  r('internet', 'telecom.internet', String.raw`\b(?:BOX|FIBRE|INTERNET|LIVEBOX|FREEBOX|BBOX|BROADBAND|VIRGIN MEDIA|BT GROUP|SKY)\b`, { direction: 'out' }),
  r('telecom', 'telecom', String.raw`\b(?:ORANGE|SFR|BOUYGUES TEL(?:ECOM)?|FREE TELECOM)\b`, { direction: 'out' }),
  // Taxes and the bank.
  r('housing-tax', 'taxes.housing', String.raw`\b(?:TAXE (?:D )?HABITATION|TAXE FONCIERE|TAXES FONCIERES|COUNCIL TAX)\b`),
  r('income-tax', 'taxes.income', String.raw`\b(?:DGFIP|IMPOTS?|IMPOT REVENU|TRESOR PUBLIC|FINANCES PUBLIQUES|HMRC|SELF ASSESSMENT)\b`),
  r('bank-fees', 'bank.fees', String.raw`\b(?:FRAIS|COTISATION|COMMISSION|AGIOS|INTERETS DEBITEURS|ACCOUNT FEE|MONTHLY FEE|OVERDRAFT|CHARGES)\b`, { direction: 'out', maxMinor: 30_000 }),
  r('cash', 'cash.withdrawal', String.raw`\b(?:RETRAIT|DAB|GAB|ATM|CASH WITHDRAWAL|CASHPOINT)\b`, { direction: 'out' }),
  // Subscriptions and leisure.
  r('streaming', 'leisure.subscriptions', String.raw`\b(?:SPOTIFY|NETFLIX|DISNEY|DEEZER|PRIME VIDEO|AMAZON PRIME|APPLE COM|APPLE\.COM|ITUNES|YOUTUBE|MOLOTOV|OCS|AUDIBLE|NOW TV)\b|\bCANAL(?:\+|\s?PLUS\b|SAT\b)`),
  r('press', 'leisure.press', String.raw`\b(?:PRESSE|JOURNAL|LE MONDE|LE PROGRES|LIBERATION|LE FIGARO|MEDIAPART|OUEST FRANCE|THE GUARDIAN|THE TIMES|NEWSPAPER)\b`),
  r('sport', 'leisure.sport', String.raw`\b(?:FITNESS|BASIC FIT|BASIC-FIT|NEONESS|KEEP COOL|SALLE DE SPORT|PISCINE|DECATHLON|GO SPORT|INTERSPORT|GYM|PURE GYM)\b`),
  r('holidays', 'leisure.holidays', String.raw`\b(?:HOTEL|HOTELS|CAMPING|GITE|AIRBNB|BOOKING|ABRITEL|VVF|PIERRE ET VACANCES|HOSTEL|APPART HOTEL)\b`),
  r('culture', 'leisure.culture', String.raw`\b(?:CINEMA|CINE|UGC|PATHE|GAUMONT|MK2|MUSEE|MUSEUM|THEATRE|THEATER|CONCERT|LIBRAIRIE|BOOKSHOP|WATERSTONES|FNAC|CULTURA|OPERA)\b`),
  r('outings', 'leisure.outings', String.raw`\b(?:BAR|PUB|CAVE|COMPTOIR DU VIN|BOWLING|DISCOTHEQUE|CLUB)\b`),
  // Food.
  r('groceries', 'food.groceries', String.raw`\b(?:SUPERMARCHE|HYPERMARCHE|CARREFOUR|MONOPRIX|FRANPRIX|LECLERC|AUCHAN|INTERMARCHE|LIDL|ALDI|CASINO|PICARD|NATURALIA|BIOCOOP|SUPER U|HYPER U|MARCHE U|SPAR|COOP|BOULANGERIE|PATISSERIE|BOUCHERIE|FROMAGERIE|PRIMEUR|EPICERIE|TESCO|SAINSBURY'?S?|ASDA|MORRISONS|WAITROSE|GROCERY|BAKERY)\b`),
  r('restaurants', 'food.restaurants', String.raw`\b(?:RESTAURANT|RESTO|BRASSERIE|PIZZERIA|PIZZA|SUSHI|BOUCHON|BISTROT|BISTRO|KITCHEN|CAFE|MCDONALD'?S?|MC DONALD'?S?|BURGER|KFC|QUICK|DELIVEROO|UBER EATS|JUST EAT|LA MERE BRAZIER|TAKEAWAY|PRET A MANGER)\b`),
  // Transport.
  r('public-transport', 'transport.public', String.raw`\b(?:TCL|RATP|NAVIGO|TISSEO|TAN|STAR|VELIB|VELOV|TFL|OYSTER|METRO|TRAM|BUS)\b`),
  r('tolls', 'transport.tolls', String.raw`\b(?:AUTOROUTE|AUTOROUTES|APRR|AREA|SANEF|VINCI|PEAGE|PARKING|INDIGO|EFFIA|TOLL)\b`),
  r('taxi', 'transport.taxi', String.raw`\b(?:TAXI|UBER|BOLT|HEETCH|G7)\b`),
  r('fuel', 'transport.fuel', String.raw`${CARD}.*\b(?:TOTAL|TOTALENERGIES|ESSO|SHELL|BP|AVIA|STATION|CARBURANT|AGIP|INTERMARCHE CARBURANT)\b|\b(?:CARBURANT|PETROL|FUEL)\b`, { direction: 'out' }),
  // Health.
  r('pharmacy', 'health.pharmacy', String.raw`\b(?:PHARMACIE|PHARMA|PARAPHARMACIE|PHARMACY|BOOTS)\b`),
  r('doctor', 'health.doctor', String.raw`\b(?:DR|DOCTEUR|MEDECIN|CABINET MEDICAL|DENTISTE|KINE|KINESITHERAPEUTE|OPHTALMO|ORTHODONTISTE|LABORATOIRE|HOPITAL|CLINIQUE|DENTIST|SURGERY|GP)\b`),
  // Shopping.
  r('clothing', 'shopping.clothing', String.raw`\b(?:ZARA|H&M|H M|KIABI|UNIQLO|CELIO|JULES|CAMAIEU|PRIMARK|MANGO|PROMOD|CHAUSSURES|NEXT|MARKS AND SPENCER)\b`),
  r('gifts', 'shopping.gifts', String.raw`\b(?:NATURE ET DECOUVERTES|CADEAU|CADEAUX|FLEURISTE|INTERFLORA|GIFT)\b`),
  r('online', 'shopping.online', String.raw`\b(?:AMAZON|AMZN|CDISCOUNT|BOUTIQUE EN LIGNE|VEEPEE|ZALANDO|VINTED|EBAY|ALIEXPRESS|ETSY|PAYPAL)\b`),
  r('department', 'shopping.general', String.raw`\b(?:GALERIES LAFAYETTE|PRINTEMPS|BHV|DARTY|BOULANGER|IKEA|JOHN LEWIS|ARGOS|CURRYS)\b`),
  r('diy', 'housing.maintenance', String.raw`\b(?:LEROY MERLIN|CASTORAMA|BRICORAMA|BRICO|MR BRICOLAGE|B&Q|WICKES)\b`),
];

/**
 * The first built-in rule that matches, or undefined. Rules read the operation prefix and
 * the label key (dates and references do not matter to them), so the regular expressions
 * run once per distinct (prefix, key, counterparty, direction) and the amount bounds after.
 */
export function matchLabelRule(t: RuleSubject, rules: readonly LabelRule[] = LABEL_RULES): LabelRule | undefined {
  const direction = t.amountMinor >= 0 ? 'in' : 'out';
  const rawKey = `${direction}\u0000${t.label}\u0000${t.counterparty ?? ''}`;
  let matching = rules === LABEL_RULES ? byRaw.get(rawKey) : undefined;
  if (!matching) {
    const { prefix, key } = splitLabel(t.label);
    const text = `${prefix} ${key} | ${t.counterparty ? normaliseLabel(t.counterparty) : ''}`;
    const memoKey = `${direction}|${text}`;
    matching = rules === LABEL_RULES ? memo.get(memoKey) : undefined;
    if (!matching) {
      matching = rules.filter((rule) => (!rule.direction || rule.direction === direction) && rule.match.test(text));
      if (rules === LABEL_RULES) {
        if (memo.size >= 20_000) memo.clear();
        memo.set(memoKey, matching);
      }
    }
    if (rules === LABEL_RULES) {
      if (byRaw.size >= 50_000) byRaw.clear();
      byRaw.set(rawKey, matching);
    }
  }
  const abs = Math.abs(t.amountMinor);
  return matching.find((rule) => (rule.minMinor === undefined || abs >= rule.minMinor) && (rule.maxMinor === undefined || abs <= rule.maxMinor));
}
/** Rules matching a raw (direction, label, counterparty), and a normalised (direction, prefix, key, counterparty). */
const byRaw = new Map<string, LabelRule[]>();
const memo = new Map<string, LabelRule[]>();
