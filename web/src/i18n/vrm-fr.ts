import type { vrmEn } from './vrm-en.ts';

/** Textes français des écrans d’intentions et d’offres (VRM), fusionnés dans fr.ts. */
export const vrmNavFr = { intents: 'Mes intentions et offres' } as const;

export const vrmFr: typeof vrmEn = {
  intents: { title: 'Mes intentions et offres' },
};
