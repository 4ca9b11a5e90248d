/**
 * English texts of the rights-request screens, merged into en.ts. rights-fr.ts MUST have the
 * same keys (the type-check enforces it).
 */
export const rightsNavEn = { rights: 'My requests' } as const;

export const rightsEn = {
  rights: { title: 'My requests' },
};
