import type { Rng } from './prng.ts';

/**
 * What the demo person buys: a supermarket catalogue (with EAN-13 barcodes and prices
 * that follow French food inflation) and an online shop's. A basket is a list of items
 * whose totals, in cents, add up exactly to what the card paid.
 */

export interface CatalogueItem {
  name: string;
  /** Price in cents in 2016, per unit or per kg. */
  base: number;
  category: string;
  /** Sold by weight (price per kg). */
  byWeight?: boolean;
}

const GROCERIES: CatalogueItem[] = [
  { name: 'Baguette tradition', base: 105, category: 'Boulangerie' },
  { name: 'Lait demi-écrémé 1 L', base: 89, category: 'Crèmerie' },
  { name: 'Yaourts nature x8', base: 165, category: 'Crèmerie' },
  { name: 'Comté 12 mois 250 g', base: 385, category: 'Crèmerie' },
  { name: 'Beurre doux 250 g', base: 185, category: 'Crèmerie' },
  { name: 'Œufs plein air x6', base: 199, category: 'Crèmerie' },
  { name: 'Pommes Gala', base: 249, category: 'Fruits et légumes', byWeight: true },
  { name: 'Bananes', base: 189, category: 'Fruits et légumes', byWeight: true },
  { name: 'Tomates grappe', base: 299, category: 'Fruits et légumes', byWeight: true },
  { name: 'Carottes', base: 129, category: 'Fruits et légumes', byWeight: true },
  { name: 'Salade batavia', base: 99, category: 'Fruits et légumes' },
  { name: 'Courgettes', base: 239, category: 'Fruits et légumes', byWeight: true },
  { name: 'Pâtes penne 500 g', base: 95, category: 'Épicerie' },
  { name: 'Riz basmati 1 kg', base: 259, category: 'Épicerie' },
  { name: 'Huile d’olive 75 cl', base: 549, category: 'Épicerie' },
  { name: 'Café moulu 250 g', base: 329, category: 'Épicerie' },
  { name: 'Chocolat noir 70 % 100 g', base: 159, category: 'Épicerie' },
  { name: 'Céréales muesli 500 g', base: 279, category: 'Épicerie' },
  { name: 'Sauce tomate basilic', base: 179, category: 'Épicerie' },
  { name: 'Filet de poulet 400 g', base: 599, category: 'Boucherie' },
  { name: 'Jambon blanc x4', base: 259, category: 'Charcuterie' },
  { name: 'Saumon fumé 4 tranches', base: 499, category: 'Poissonnerie' },
  { name: 'Eau minérale 6 x 1,5 L', base: 249, category: 'Boissons' },
  { name: 'Jus d’orange 1 L', base: 199, category: 'Boissons' },
  { name: 'Côtes-du-Rhône rouge 75 cl', base: 550, category: 'Boissons' },
  { name: 'Lessive liquide 2 L', base: 799, category: 'Entretien' },
  { name: 'Liquide vaisselle', base: 189, category: 'Entretien' },
  { name: 'Papier toilette x12', base: 459, category: 'Hygiène' },
  { name: 'Dentifrice', base: 229, category: 'Hygiène' },
  { name: 'Gel douche 250 ml', base: 249, category: 'Hygiène' },
];

const ONLINE: CatalogueItem[] = [
  { name: 'Livre de poche — roman', base: 850, category: 'Livres' },
  { name: 'Câble USB-C 1 m', base: 1299, category: 'High-tech' },
  { name: 'Écouteurs sans fil', base: 4999, category: 'High-tech' },
  { name: 'Ampoules LED E27 x3', base: 1190, category: 'Maison' },
  { name: 'Poêle 28 cm', base: 2990, category: 'Maison' },
  { name: 'Chaussures de running', base: 8999, category: 'Sport' },
  { name: 'Tapis de yoga', base: 2499, category: 'Sport' },
  { name: 'Jeu de société', base: 3490, category: 'Jeux' },
  { name: 'Cartouches d’encre', base: 3290, category: 'Bureau' },
  { name: 'Plaid polaire', base: 1999, category: 'Maison' },
  { name: 'Sac à dos 20 L', base: 3999, category: 'Sport' },
];

/** Cumulative price level by year (French food inflation, roughly). */
const PRICE_LEVEL: Record<number, number> = {
  2014: 0.98, 2015: 0.99, 2016: 1.0, 2017: 1.01, 2018: 1.03, 2019: 1.05, 2020: 1.07, 2021: 1.08, 2022: 1.15, 2023: 1.29, 2024: 1.31, 2025: 1.32, 2026: 1.34, 2027: 1.36,
};

export function priceAt(base: number, year: number): number {
  const level = PRICE_LEVEL[year] ?? (year < 2014 ? 0.98 : 1.36);
  return Math.round(base * level);
}

/** A valid EAN-13 for an item of the catalogue (French prefix 3xx). */
export function ean13(seed: number, index: number): string {
  let body = `3${String(200_000_000_00 + ((seed >>> 0) % 9_000_000) * 1_000 + index * 7919).slice(0, 11)}`;
  body = body.slice(0, 12);
  let sum = 0;
  for (let i = 0; i < 12; i++) sum += Number(body[i]) * (i % 2 === 0 ? 1 : 3);
  return `${body}${(10 - (sum % 10)) % 10}`;
}

export interface BasketItem {
  name: string;
  quantity: number;
  unit?: string;
  unitPrice: { amountMinor: number; currency: 'EUR' };
  total: { amountMinor: number; currency: 'EUR' };
  gtin?: string;
  category: string;
}

function basket(rng: Rng, catalogue: readonly CatalogueItem[], count: number, year: number, seed: number, withGtin: boolean): { items: BasketItem[]; totalMinor: number } {
  const items: BasketItem[] = [];
  const used = new Set<number>();
  let totalMinor = 0;
  for (let n = 0; n < count; n++) {
    const idx = rng.int(0, catalogue.length - 1);
    if (used.has(idx)) continue;
    used.add(idx);
    const c = catalogue[idx]!;
    const unitPrice = priceAt(c.base, year);
    const quantity = c.byWeight ? rng.int(250, 1800) / 1000 : rng.chance(0.2) ? rng.int(2, 4) : 1;
    const total = Math.round(unitPrice * quantity);
    totalMinor += total;
    items.push({
      name: c.name,
      quantity,
      ...(c.byWeight ? { unit: 'kg' } : {}),
      unitPrice: { amountMinor: unitPrice, currency: 'EUR' },
      total: { amountMinor: total, currency: 'EUR' },
      ...(withGtin && !c.byWeight ? { gtin: ean13(seed, idx) } : {}),
      category: c.category,
    });
  }
  return { items, totalMinor };
}

/** A supermarket receipt: 6 to 24 items (bigger on Saturdays). */
export function groceryBasket(rng: Rng, year: number, seed: number, big: boolean) {
  return basket(rng, GROCERIES, big ? rng.int(12, 24) : rng.int(5, 11), year, seed, true);
}

/** An online order of one to three items. */
export function onlineBasket(rng: Rng, year: number, seed: number) {
  return basket(rng, ONLINE, rng.int(1, 3), year, seed + 1, false);
}
