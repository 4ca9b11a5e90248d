import { useTranslation } from 'react-i18next';
import type { OperationInput, OperationOutput } from '../api/operations.ts';

export type GrantWithState = OperationOutput<'grants.list'>['grants'][number];
type Purpose = OperationInput<'grants.create'>['purpose'];

/** The purposes the UI offers (DPV names, checked against the server's list by the type-check). */
export const PURPOSES = ['ServiceProvision', 'Personalisation', 'ResearchAndDevelopment', 'AcademicResearch', 'CustomerManagement', 'DeliveryOfGoods'] as const satisfies readonly Purpose[];
export const GRANULARITIES = ['raw', 'day', 'week', 'month', 'year'] as const;

/** Who a grant is for, as the person named it. */
export const granteeOf = (g: GrantWithState) => g.grantee.name ?? g.grantee.clientId;
/** The types a grant opens, named by `name` (useTypeName). */
export const typesOf = (g: GrantWithState, name: (type: string) => string) => g.scopes.map((s) => name(s.type)).join(', ');
/** raw, day…year, or derived:INSIGHT — the key of sharing.granularities when there is one. */
export const granularityOf = (g: GrantWithState): string => (g.granularity.kind === 'raw' ? 'raw' : g.granularity.kind === 'aggregate' ? g.granularity.bucket : `derived:${g.granularity.insight}`);

/** A granularity in words (raw, day…year), or as given (derived:INSIGHT). */
export function useGranularityLabel() {
  const { t } = useTranslation();
  return (g: string) => {
    const known = GRANULARITIES.find((x) => x === g);
    return known ? t(`sharing.granularities.${known}`) : g;
  };
}

/** The purpose in words when the UI knows it, else its DPV name. */
export function usePurposeLabel() {
  const { t } = useTranslation();
  return (p: string) => {
    const known = PURPOSES.find((x) => x === p);
    return known ? t(`sharing.purposes.${known}`) : p;
  };
}
