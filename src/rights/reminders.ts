import { daysUntil, localDateOf } from './deadlines.ts';
import { DEFAULT_TIME_ZONE } from '../domain/time.ts';
import type { RightsRequest } from './rights-request.ts';
import { withOverdue } from './state-machine.ts';

/**
 * What needs the person's attention among their requests: a draft not sent, an answer due
 * within a week, a deadline passed (a complaint to the CNIL is ready), a refusal, an answer
 * to check and close. Most urgent first, then by due day.
 * Example: { level: 'urgent', message: 'Gaz Réseau had to answer by 2025-02-28: a complaint to the CNIL is ready.' }
 */
export interface Reminder {
  id: string;
  organisation: string;
  kind: RightsRequest['kind'];
  status: RightsRequest['status'];
  dueOn?: string;
  level: 'urgent' | 'soon' | 'info';
  message: string;
}

/** An answer due within this many days is a reminder. */
export const REMIND_DAYS_BEFORE = 7;

const RANK = { urgent: 0, soon: 1, info: 2 } as const;

function reminderOf(r: RightsRequest, today: string): Pick<Reminder, 'level' | 'message'> | undefined {
  const org = r.organisation.name;
  switch (r.status) {
    case 'draft':
      return { level: 'info', message: `Your ${r.kind} request to ${org} is not sent yet.` };
    case 'overdue':
      return { level: 'urgent', message: `${org} had to answer by ${r.dueOn}: a complaint to the CNIL is ready.` };
    case 'sent':
    case 'acknowledged': {
      const left = r.dueOn ? daysUntil(r.dueOn, today) : Infinity;
      if (left > REMIND_DAYS_BEFORE) return undefined;
      return { level: 'soon', message: left === 0 ? `${org} must answer today (${r.dueOn}).` : `${org} must answer within ${left} day(s), by ${r.dueOn}.` };
    }
    case 'answered':
      if (r.answer?.outcome === 'refused') return { level: 'urgent', message: `${org} refused: ${r.answer.reason ?? 'no reason given'}. You may complain to the CNIL.` };
      return r.kind === 'rectification'
        ? { level: 'info', message: `${org} says it is done: the request closes itself when ${org} restitutes the corrected value, or close it yourself.` }
        : { level: 'info', message: `${org} answered: close the request once you have what you asked for.` };
    default:
      return undefined;
  }
}

export function remindersOf(requests: readonly RightsRequest[], nowMs: number, timeZone: string = DEFAULT_TIME_ZONE): Reminder[] {
  const today = localDateOf(nowMs, timeZone);
  const out: Reminder[] = [];
  for (const stored of requests) {
    const r = withOverdue(stored, nowMs, timeZone);
    const m = reminderOf(r, today);
    if (m) out.push({ id: r.id, organisation: r.organisation.name, kind: r.kind, status: r.status, ...(r.dueOn ? { dueOn: r.dueOn } : {}), ...m });
  }
  return out.sort((a, b) => RANK[a.level] - RANK[b.level] || (a.dueOn ?? '9999').localeCompare(b.dueOn ?? '9999'));
}
