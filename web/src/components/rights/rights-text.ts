import { useTranslation } from 'react-i18next';
import type { OperationOutput } from '../../api/operations.ts';
import { useFormat } from '../../format.ts';

/** A request as the person sees it (rights.show, rights.list): status, allowed actions, days left. */
export type RequestView = OperationOutput<'rights.show'>;
export type RightsStatus = RequestView['status'];
export type RightKind = RequestView['kind'];
export type HistoryEntry = RequestView['history'][number];

export const RIGHT_KINDS: readonly RightKind[] = ['access', 'rectification', 'erasure', 'restriction', 'portability', 'objection'];

/** The groups of the list's status filter, in the order shown, each with the statuses it holds. */
export const STATUS_GROUPS = {
  all: [],
  overdue: ['overdue'],
  waiting: ['sent', 'acknowledged'],
  draft: ['draft'],
  answered: ['answered'],
  closed: ['closed', 'closed-verified'],
} as const satisfies Record<string, readonly RightsStatus[]>;
export type StatusGroup = keyof typeof STATUS_GROUPS;

export function isStatusGroup(v: string | null): v is StatusGroup {
  return v !== null && Object.hasOwn(STATUS_GROUPS, v);
}

export function inGroup(r: RequestView, group: StatusGroup): boolean {
  const statuses: readonly RightsStatus[] = STATUS_GROUPS[group];
  return group === 'all' || statuses.includes(r.status);
}

/** The statuses in which the request is still open (an open rectification is not asked twice). */
export const OPEN_STATUSES: readonly RightsStatus[] = ['draft', 'sent', 'acknowledged', 'answered', 'overdue'];

/**
 * The words of rights requests in the current language: the right with its article, the
 * status, the channel, the days left, who did what in the history.
 * Example: text.left(-3) → "overdue by 3 days"
 */
export function useRightsText() {
  const { t } = useTranslation();
  const f = useFormat();
  const left = (days: number): string => {
    if (days === 0) return t('rights.dueToday');
    if (days === 1) return t('rights.dueTomorrow');
    if (days > 1) return t('rights.dueIn', { n: f.number(days) });
    return days === -1 ? t('rights.overdueByOne') : t('rights.overdueBy', { n: f.number(-days) });
  };
  const actor = (by: string, r: Pick<RequestView, 'organisation'>) => (by === 'person' ? t('rights.by.person') : by === 'system' ? t('rights.by.system') : by === r.organisation.source ? r.organisation.name : by);
  return {
    kind: (k: RightKind) => t(`rights.kind.${k}`),
    kindTitle: (k: RightKind) => t(`rights.kindTitle.${k}`),
    status: (s: RightsStatus) => t(`rights.status.${s}`),
    channel: (c: RequestView['channel']) => t(`rights.channel.${c}`),
    left,
    /** Who did it: you, MesInfos, or the organisation by its name. */
    actor,
    action: (a: HistoryEntry['action']) => t(`rights.action.${a}`),
    /** The last event of a request in one line: what, who, when. */
    lastEvent: (r: RequestView) => {
      const h = r.history.at(-1);
      return h ? t('rights.eventLine', { action: t(`rights.action.${h.action}`), by: actor(h.by, r), date: f.date(h.at) }) : '';
    },
  };
}
export type RightsText = ReturnType<typeof useRightsText>;
