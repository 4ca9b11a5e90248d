import { describe, expect, it } from 'vitest';
import { CATEGORY_IDS, CATEGORY_TREE, isCategory, kindOf } from '../../src/insights/budget/categories.ts';
import { keyContains, labelKey } from '../../src/insights/budget/label-key.ts';
import { LABEL_RULES, matchLabelRule } from '../../src/insights/budget/label-rules.ts';
import { categorise, type LedgerTx } from '../../src/insights/budget/ledger.ts';
import type { RecordId } from '../../src/domain/ids.ts';

const out = (label: string, amountMinor = -2500, counterparty?: string) => matchLabelRule({ label, amountMinor, ...(counterparty ? { counterparty } : {}) })?.category;

describe('the category tree', () => {
  it('has the categories the issue names, each child under its parent, and every rule points into it', () => {
    const top = CATEGORY_TREE.map((c) => c.id);
    for (const id of ['housing', 'energy', 'telecom', 'food', 'transport', 'health', 'leisure', 'income']) expect(top).toContain(id);
    for (const c of CATEGORY_TREE) for (const child of c.children ?? []) expect(child.id.startsWith(`${c.id}.`)).toBe(true);
    for (const r of LABEL_RULES) expect(isCategory(r.category), `${r.id} → ${r.category}`).toBe(true);
    expect(new Set(CATEGORY_IDS).size).toBe(CATEGORY_IDS.length);
    expect([kindOf('income.salary'), kindOf('food.groceries'), kindOf('transfers.savings')]).toEqual(['income', 'spending', 'transfer']);
  });
});

describe('French bank labels', () => {
  it.each([
    ['PRLV SEPA EDF CLIENTS PARTICULIERS', 'energy.electricity'],
    ['PRELEVEMENT ENGIE GAZ NATUREL ECH 05/03', 'energy.gas'],
    ['PRLV SEPA VEOLIA EAU', 'energy.water'],
    ['PRLV SEPA ORANGE SA', 'telecom'],
    ['PRLV SEPA FREE MOBILE', 'telecom.mobile'],
    ['PRLV SEPA BOUYGUES TELECOM BBOX', 'telecom.internet'],
    ['CB CARREFOUR MARKET 12/03', 'food.groceries'],
    ['CARTE X4521 05/04 BOULANGERIE ST MARTIN', 'food.groceries'],
    ['PAIEMENT CB 0803 LIDL 4521 TOULOUSE', 'food.groceries'],
    ['CB UBER EATS 14/02', 'food.restaurants'],
    ['CB UBER TRIP 14/02', 'transport.taxi'],
    ['CB TOTAL ACCESS MARSEILLE 02/03', 'transport.fuel'],
    ['PRLV SEPA TOTALENERGIES ELECTRICITE ET GAZ', 'energy.gas'],
    ['CB SNCF INTERNET PARIS', 'transport.train'],
    ['CB PEAGE VINCI AUTOROUTES', 'transport.tolls'],
    ['PRLV SEPA RATP NAVIGO', 'transport.public'],
    ['CB PHARMACIE DE LA GARE', 'health.pharmacy'],
    ['CB DR MARTIN PIERRE 22/01', 'health.doctor'],
    ['PRLV SEPA MGEN MUTUELLE', 'health.insurance'],
    ['PRLV SEPA MAIF ASSURANCE HABITATION', 'insurance.home'],
    ['PRLV SEPA MACIF ASSURANCE AUTO', 'insurance.car'],
    ['PRLV SEPA FONCIA LOYER MARS', 'housing.rent'],
    ['CB LEROY MERLIN 03/05', 'housing.maintenance'],
    ['PRLV SEPA DGFIP IMPOT PAS', 'taxes.income'],
    ['PRLV SEPA DGFIP TAXE FONCIERE', 'taxes.housing'],
    ['RETRAIT DAB 12/03 PARIS 15', 'cash.withdrawal'],
    ['FRAIS TENUE DE COMPTE', 'bank.fees'],
    ['COMMISSION INTERVENTION', 'bank.fees'],
    ['CB NETFLIX.COM 03/05', 'leisure.subscriptions'],
    ['PRLV SEPA CANAL+ FRANCE', 'leisure.subscriptions'],
    ['CB BOULANGERIE DU CANAL', 'food.groceries'],
    ['CB UGC CINE CITE LES HALLES', 'leisure.culture'],
    ['PRLV SEPA BASIC FIT', 'leisure.sport'],
    ['CB HOTEL IBIS BORDEAUX', 'leisure.holidays'],
    ['CB ZARA FRANCE 12/12', 'shopping.clothing'],
    ['CB AMAZON PAYMENTS 12/12', 'shopping.online'],
    ['VIR SEPA VERS LIVRET A', 'transfers.savings'],
  ])('%s → %s', (label, category) => expect(out(label)).toBe(category));

  it('reads money received: salary, benefits, health refunds, interest', () => {
    expect(out('VIR SEPA SOCIETE DUPONT SALAIRE 03/2025', 245_000)).toBe('income.salary');
    expect(out('VIR CAF DU RHONE PRESTATIONS', 18_000)).toBe('income.benefits');
    expect(out('VIR CPAM PARIS REMBT SOINS', 1_610)).toBe('health.reimbursement');
    expect(out('INTERETS CREDITEURS 2025', 4_210)).toBe('income.interest');
  });

  it('uses direction and amount: a fee over 300 € is not a bank fee, a salary label on a payment is not income', () => {
    expect(out('COTISATION CARTE VISA', -4_500)).toBe('bank.fees');
    expect(out('COTISATION ANNUELLE ASSOCIATION', -45_000)).toBeUndefined();
    expect(out('VIR SALAIRE AIDE MENAGERE', -30_000)).toBeUndefined();
  });

  it('uses the counterparty when the label says nothing', () => {
    expect(out('PRLV SEPA 88412 ECH 05/03', -6_200, 'Gaz de Bordeaux')).toBe('energy.gas');
  });
});

describe('English bank labels', () => {
  it.each([
    ['CARD PAYMENT TO TESCO STORES 3345 ON 12 MAR', 'food.groceries'],
    ['DIRECT DEBIT BRITISH GAS', 'energy.gas'],
    ['DD OCTOPUS ENERGY', 'energy.electricity'],
    ['DIRECT DEBIT THAMES WATER', 'energy.water'],
    ['DD VODAFONE LTD', 'telecom.mobile'],
    ['DD VIRGIN MEDIA', 'telecom.internet'],
    ['STANDING ORDER RENT FLAT 2', 'housing.rent'],
    ['DD COUNCIL TAX', 'taxes.housing'],
    ['CASH WITHDRAWAL ATM 12MAR', 'cash.withdrawal'],
    ['CARD PAYMENT TO TFL TRAVEL CH', 'transport.public'],
    ['CARD PAYMENT TO TRAINLINE', 'transport.train'],
    ['CARD PAYMENT TO SHELL 1234', 'transport.fuel'],
    ['CARD PAYMENT TO BOOTS 1120', 'health.pharmacy'],
    ['CARD PAYMENT TO SPOTIFY P1234', 'leisure.subscriptions'],
    ['MONTHLY ACCOUNT FEE', 'bank.fees'],
  ])('%s → %s', (label, category) => expect(out(label)).toBe(category));

  it('reads a salary credit', () => expect(out('FASTER PAYMENT ACME LTD SALARY', 310_000)).toBe('income.salary'));
});

describe('label keys: what makes two labels similar', () => {
  it('drops the operation, the dates, card numbers and references', () => {
    expect(labelKey('CB BOULANGERIE DU PARC 12/03')).toBe('BOULANGERIE DU PARC');
    expect(labelKey('CB BOULANGERIE DU PARC 28/11')).toBe('BOULANGERIE DU PARC');
    expect(labelKey('VIR SEPA ACME SAS SALAIRE 03/2024')).toBe('ACME SAS SALAIRE');
    expect(labelKey('CARTE X4521 05/04 Épicerie Léon')).toBe('EPICERIE LEON');
    expect(labelKey('PRLV SEPA ENGIE REF 0012345678 ECH 05/03')).toBe('ENGIE');
    expect(labelKey('CARD PAYMENT TO TESCO STORES 3345')).toBe('TESCO STORES');
    expect(labelKey('RETRAIT DAB 12/03 14H32 LYON')).toBe('LYON');
  });

  it('matches whole words, not parts of words', () => {
    expect(keyContains('BOULANGERIE DU PARC LYON', 'BOULANGERIE DU PARC')).toBe(true);
    expect(keyContains('BOULANGERIE DU PARCOURS', 'BOULANGERIE DU PARC')).toBe(false);
  });
});

describe('categorise: precedence and origin', () => {
  let n = 0;
  const t = (label: string, amountMinor: number, over: Partial<LedgerTx> = {}): LedgerTx => {
    n++;
    return { id: `01900000-0000-7000-8000-${String(n).padStart(12, '0')}` as RecordId, source: 'org:b', sourceRef: `r${n}`, accountRef: 'A1', date: '2025-03-10', amountMinor, currency: 'EUR', label, key: labelKey(label), ...over };
  };

  it('takes the bank’s own category when no rule knows the label, and says so', () => {
    const [x] = categorise([t('CB ETS MOREAU ET FILS', -3_400, { sourceCategory: 'Alimentation' })], { overrides: {}, rules: [] });
    expect(x).toMatchObject({ category: 'food', origin: 'source' });
    const [y] = categorise([t('CB ETS MOREAU ET FILS', -3_400)], { overrides: {}, rules: [] });
    expect(y).toMatchObject({ category: 'other.uncategorised', origin: 'rule' });
  });

  it('pairs opposite amounts on the same day between two of the person’s accounts as a transfer, whatever the labels say', () => {
    const a = t('VIR M MARTIN', -50_000, { accountRef: 'CURRENT' });
    const b = t('VIR RECU M MARTIN', 50_000, { accountRef: 'JOINT' });
    const c = t('VIR RECU M MARTIN', 50_000, { accountRef: 'CURRENT', date: '2025-03-11' });
    const r = categorise([a, b, c], { overrides: {}, rules: [] });
    expect(r.map((x) => x.category)).toEqual(['transfers.internal', 'transfers.internal', 'income.other']);
  });

  it('lets the person’s choice win over everything, and the person’s newest rule over older ones and the built-in rules', () => {
    const a = t('CB BIOCOOP LYON 12/03', -4_000);
    const b = t('CB BIOCOOP LYON 19/03', -3_000);
    const c = t('CB BIOCOOP LYON 26/03', -2_000);
    const rules = [
      { id: 'old', pattern: 'BIOCOOP LYON', category: 'shopping.gifts', direction: 'out' as const, createdAt: '2025-01-01', fromRecordId: a.id },
      { id: 'new', pattern: 'BIOCOOP', category: 'food.restaurants', direction: 'out' as const, createdAt: '2025-02-01', fromRecordId: a.id },
    ];
    const r = categorise([a, b, c], { overrides: { [c.id]: { category: 'health.pharmacy', at: '2025-04-01' } }, rules });
    expect(r.map((x) => [x.category, x.origin, x.ruleId])).toEqual([
      ['food.restaurants', 'rule', 'person:new'],
      ['food.restaurants', 'rule', 'person:new'],
      ['health.pharmacy', 'person', undefined],
    ]);
    const [refund] = categorise([t('CB BIOCOOP LYON 27/03', 2_000)], { overrides: {}, rules });
    expect(refund!.category).toBe('food.groceries');
  });
});
