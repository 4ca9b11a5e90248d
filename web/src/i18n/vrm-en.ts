/**
 * English texts of the intent and offer screens (VRM), merged into en.ts. vrm-fr.ts MUST have
 * the same keys (the type-check enforces it).
 */
export const vrmNavEn = { intents: 'My intents & offers' } as const;

export const vrmEn = {
  intents: { title: 'My intents & offers' },
};
