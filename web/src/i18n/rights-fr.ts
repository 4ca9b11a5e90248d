import type { rightsEn } from './rights-en.ts';

/** Textes français des écrans de demandes (droits RGPD), fusionnés dans fr.ts. */
export const rightsNavFr = { rights: 'Mes demandes' } as const;

export const rightsFr: typeof rightsEn = {
  rights: { title: 'Mes demandes' },
};
