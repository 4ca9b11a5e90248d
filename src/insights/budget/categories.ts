/**
 * The budget's category tree (documented in docs/insights-budget.md). Data, not code:
 * every category has a stable dotted id (a child's id starts with its parent's), a name in
 * English and French, and a kind that says how its total counts:
 * - `income`: money the person earns (salary, benefits, interest);
 * - `spending`: money spent; a refund in a spending category (a pharmacy refund, the
 *   health insurer's reimbursement) is a positive amount that lowers that spending;
 * - `transfer`: money moving between the person's own accounts — neither income nor spending.
 * A category total is always the signed sum of its transactions' amounts (minor units).
 */

export type CategoryKind = 'income' | 'spending' | 'transfer';

export interface CategoryNode {
  id: string;
  en: string;
  fr: string;
  kind: CategoryKind;
  children?: CategoryNode[];
}

const leaf = (id: string, en: string, fr: string, kind: CategoryKind = 'spending'): CategoryNode => ({ id, en, fr, kind });

export const CATEGORY_TREE: CategoryNode[] = [
  {
    ...leaf('income', 'Income', 'Revenus', 'income'),
    children: [
      leaf('income.salary', 'Salary', 'Salaire', 'income'),
      leaf('income.benefits', 'Benefits and pensions', 'Allocations et pensions', 'income'),
      leaf('income.interest', 'Interest and dividends', 'Intérêts et dividendes', 'income'),
      leaf('income.other', 'Other income', 'Autres revenus', 'income'),
    ],
  },
  {
    ...leaf('housing', 'Housing', 'Logement'),
    children: [leaf('housing.rent', 'Rent and charges', 'Loyer et charges'), leaf('housing.maintenance', 'Home and DIY', 'Maison et bricolage')],
  },
  {
    ...leaf('energy', 'Energy and water', 'Énergie et eau'),
    children: [leaf('energy.electricity', 'Electricity', 'Électricité'), leaf('energy.gas', 'Gas', 'Gaz'), leaf('energy.water', 'Water', 'Eau')],
  },
  {
    ...leaf('telecom', 'Telecom', 'Télécom'),
    children: [leaf('telecom.mobile', 'Mobile phone', 'Téléphone mobile'), leaf('telecom.internet', 'Internet and TV', 'Internet et TV')],
  },
  {
    ...leaf('food', 'Food', 'Alimentation'),
    children: [leaf('food.groceries', 'Groceries', 'Courses'), leaf('food.restaurants', 'Restaurants and takeaway', 'Restaurants et livraison')],
  },
  {
    ...leaf('transport', 'Transport', 'Transport'),
    children: [
      leaf('transport.fuel', 'Fuel', 'Carburant'),
      leaf('transport.public', 'Public transport', 'Transports en commun'),
      leaf('transport.train', 'Train and coach', 'Train et car'),
      leaf('transport.tolls', 'Tolls and parking', 'Péages et stationnement'),
      leaf('transport.taxi', 'Taxi and ride-hailing', 'Taxi et VTC'),
    ],
  },
  {
    ...leaf('health', 'Health', 'Santé'),
    children: [
      leaf('health.doctor', 'Doctors and care', 'Médecins et soins'),
      leaf('health.pharmacy', 'Pharmacy', 'Pharmacie'),
      leaf('health.insurance', 'Health insurance', 'Mutuelle'),
      leaf('health.reimbursement', 'Reimbursements', 'Remboursements'),
    ],
  },
  {
    ...leaf('insurance', 'Insurance', 'Assurances'),
    children: [leaf('insurance.home', 'Home insurance', 'Assurance habitation'), leaf('insurance.car', 'Car insurance', 'Assurance auto')],
  },
  {
    ...leaf('leisure', 'Leisure', 'Loisirs'),
    children: [
      leaf('leisure.subscriptions', 'Streaming and subscriptions', 'Streaming et abonnements'),
      leaf('leisure.culture', 'Culture and books', 'Culture et livres'),
      leaf('leisure.sport', 'Sport', 'Sport'),
      leaf('leisure.outings', 'Bars and outings', 'Bars et sorties'),
      leaf('leisure.holidays', 'Holidays and lodging', 'Vacances et hébergement'),
      leaf('leisure.press', 'Press', 'Presse'),
    ],
  },
  {
    ...leaf('shopping', 'Shopping', 'Achats'),
    children: [
      leaf('shopping.clothing', 'Clothing', 'Habillement'),
      leaf('shopping.online', 'Online shopping', 'Achats en ligne'),
      leaf('shopping.gifts', 'Gifts', 'Cadeaux'),
      leaf('shopping.general', 'Department stores and electronics', 'Grands magasins et high-tech'),
    ],
  },
  {
    ...leaf('taxes', 'Taxes', 'Impôts'),
    children: [leaf('taxes.income', 'Income tax', 'Impôt sur le revenu'), leaf('taxes.housing', 'Housing taxes', 'Taxes locales')],
  },
  { ...leaf('bank', 'Bank', 'Banque'), children: [leaf('bank.fees', 'Bank fees', 'Frais bancaires')] },
  { ...leaf('cash', 'Cash', 'Espèces'), children: [leaf('cash.withdrawal', 'Cash withdrawals', 'Retraits')] },
  {
    ...leaf('transfers', 'Transfers between own accounts', 'Virements internes', 'transfer'),
    children: [leaf('transfers.savings', 'To and from savings', 'Épargne', 'transfer'), leaf('transfers.internal', 'Between own accounts', 'Entre comptes', 'transfer')],
  },
  { ...leaf('other', 'Other', 'Autres'), children: [leaf('other.uncategorised', 'Not categorised', 'Non catégorisé')] },
];

/** The category of transactions nothing recognised. */
export const UNCATEGORISED = 'other.uncategorised';

const byId = new Map<string, CategoryNode>();
const walk = (nodes: CategoryNode[]) => {
  for (const n of nodes) {
    byId.set(n.id, n);
    if (n.children) walk(n.children);
  }
};
walk(CATEGORY_TREE);

export function isCategory(id: string): boolean {
  return byId.has(id);
}

export const CATEGORY_IDS: readonly string[] = [...byId.keys()];

/** The category and its ancestors, nearest first: "food.groceries" → ["food.groceries", "food"]. */
export function lineage(id: string): string[] {
  const out: string[] = [];
  const parts = id.split('.');
  for (let i = parts.length; i > 0; i--) out.push(parts.slice(0, i).join('.'));
  return out;
}

/** True when `id` is `ancestor` or lies under it. */
export function isUnder(id: string, ancestor: string): boolean {
  return id === ancestor || id.startsWith(`${ancestor}.`);
}

/** How the category's total counts (its own kind; children share their parent's). */
export function kindOf(id: string): CategoryKind {
  return byId.get(id)?.kind ?? 'spending';
}

/**
 * Categories that banks and aggregators commonly give (French and English names), mapped
 * onto the tree: used when no rule knows a label but the source categorised it. Keys are
 * compared without accents and case.
 */
export const SOURCE_CATEGORY_MAP: Readonly<Record<string, string>> = {
  alimentation: 'food',
  courses: 'food.groceries',
  groceries: 'food.groceries',
  restaurants: 'food.restaurants',
  'eating out': 'food.restaurants',
  logement: 'housing',
  loyer: 'housing.rent',
  housing: 'housing',
  rent: 'housing.rent',
  energie: 'energy',
  energy: 'energy',
  utilities: 'energy',
  telecom: 'telecom',
  telecommunications: 'telecom',
  transport: 'transport',
  transports: 'transport',
  sante: 'health',
  health: 'health',
  assurance: 'insurance',
  assurances: 'insurance',
  insurance: 'insurance',
  loisirs: 'leisure',
  entertainment: 'leisure',
  sport: 'leisure.sport',
  sorties: 'leisure.outings',
  vacances: 'leisure.holidays',
  voyages: 'leisure.holidays',
  travel: 'leisure.holidays',
  presse: 'leisure.press',
  habillement: 'shopping.clothing',
  vetements: 'shopping.clothing',
  clothing: 'shopping.clothing',
  'achats en ligne': 'shopping.online',
  shopping: 'shopping',
  cadeaux: 'shopping.gifts',
  gifts: 'shopping.gifts',
  impots: 'taxes',
  taxes: 'taxes',
  'frais bancaires': 'bank.fees',
  'bank charges': 'bank.fees',
  retraits: 'cash.withdrawal',
  'cash withdrawal': 'cash.withdrawal',
  salaire: 'income.salary',
  salary: 'income.salary',
  revenus: 'income',
  income: 'income',
  epargne: 'transfers.savings',
  savings: 'transfers.savings',
  virements: 'transfers',
  transfers: 'transfers',
};
