import { MesInfosError } from '../domain/errors.ts';
import { toInstant, type LocalDate } from '../domain/time.ts';
import { MAX_EXTENSION_MONTHS, dueDate, isPastDue, localDateOf, overdueFrom } from './deadlines.ts';
import { DEFAULT_TIME_ZONE } from '../domain/time.ts';
import type { Actor, AnswerOutcome, RightsAction, RightsRequest, RightsStatus } from './rights-request.ts';

/**
 * The life of a rights request as a pure state machine: `applyAction` takes a request and
 * what someone did, checks it is allowed now and by them, and returns the new request with
 * one more history entry. Illegal moves are `RIGHTS_TRANSITION_INVALID` (409) naming the
 * request, its status and what would be allowed; a late or too long extension is
 * `RIGHTS_EXTENSION_INVALID`.
 *
 *   draft ─send→ sent ─acknowledge→ acknowledged ─answer→ answered ─close→ closed
 *                  └──── past the due day ──→ overdue ─answer→ answered
 *   sent | acknowledged | answered | overdue | closed ─verify→ closed-verified (rectification)
 */

/** What someone does to a request. `at` is epoch milliseconds. */
export type RightsEvent =
  | { action: 'send'; by: Actor; at: number; sentOn?: LocalDate; note?: string }
  | { action: 'acknowledge'; by: Actor; at: number; note?: string }
  | { action: 'extend'; by: Actor; at: number; months: number; reason: string }
  | { action: 'answer'; by: Actor; at: number; outcome: AnswerOutcome; reason?: string }
  | { action: 'close'; by: Actor; at: number; note?: string }
  | { action: 'verify'; by: Actor; at: number; note: string };

type EventAction = RightsEvent['action'];

/** From which statuses each action may start, and the status it leads to (`null`: unchanged). */
const RULES: Record<EventAction, { from: readonly RightsStatus[]; to: RightsStatus | null }> = {
  send: { from: ['draft'], to: 'sent' },
  acknowledge: { from: ['sent'], to: 'acknowledged' },
  extend: { from: ['sent', 'acknowledged'], to: null },
  answer: { from: ['sent', 'acknowledged', 'overdue'], to: 'answered' },
  close: { from: ['draft', 'sent', 'acknowledged', 'answered', 'overdue'], to: 'closed' },
  verify: { from: ['sent', 'acknowledged', 'answered', 'overdue', 'closed'], to: 'closed-verified' },
};

/** What an organisation may do; MesInfos itself only verifies; the person does the rest. */
const ORGANISATION_ACTIONS: readonly EventAction[] = ['acknowledge', 'extend', 'answer'];

/** The actions allowed on a request in a status (for messages and the UI's buttons). */
export function allowedActions(status: RightsStatus): EventAction[] {
  return (Object.keys(RULES) as EventAction[]).filter((a) => RULES[a].from.includes(status));
}

function invalid(r: RightsRequest, message: string): MesInfosError {
  return new MesInfosError('RIGHTS_TRANSITION_INVALID', message, { id: r.id, status: r.status, allowed: allowedActions(r.status) });
}

function checkActor(r: RightsRequest, e: RightsEvent): void {
  if (e.by === 'system') {
    if (e.action !== 'verify') throw invalid(r, `MesInfos itself only verifies requests; "${e.action}" is for the person or the organisation.`);
    return;
  }
  if (e.by === 'person') {
    if (e.action === 'verify') throw invalid(r, 'A request is verified by the organisation’s next restitution, not by hand: close it instead.');
    return;
  }
  if (e.by !== r.organisation.source) throw invalid(r, `Request ${r.id} is addressed to ${r.organisation.source}, not to ${e.by}.`);
  if (!ORGANISATION_ACTIONS.includes(e.action)) throw invalid(r, `An organisation may acknowledge, extend or answer a request, not "${e.action}" it.`);
}

/**
 * The request as it stands at `nowMs`: a sent or acknowledged request whose due day has
 * passed becomes overdue, with the history entry dated from the first overdue moment.
 */
export function withOverdue(r: RightsRequest, nowMs: number, timeZone: string = DEFAULT_TIME_ZONE): RightsRequest {
  if ((r.status !== 'sent' && r.status !== 'acknowledged') || !r.dueOn || !isPastDue(r.dueOn, nowMs, timeZone)) return r;
  return {
    ...r,
    status: 'overdue',
    history: [...r.history, { at: overdueFrom(r.dueOn, timeZone), by: 'system', action: 'overdue', from: r.status, to: 'overdue', note: `no answer by ${r.dueOn}` }],
  };
}

/**
 * Applies one event to a request (after bringing it up to date with `withOverdue`) and
 * returns the new request. Throws, and changes nothing, when the event is not allowed.
 */
export function applyAction(request: RightsRequest, e: RightsEvent, timeZone: string = DEFAULT_TIME_ZONE): RightsRequest {
  const r = withOverdue(request, e.at, timeZone);
  checkActor(r, e);
  const rule = RULES[e.action];
  if (!rule.from.includes(r.status)) {
    const late = r.status === 'overdue' && e.action === 'extend' ? ` The deadline passed on ${r.dueOn}: an extension had to be announced before it.` : '';
    throw invalid(r, `Request ${r.id} is ${r.status}: it cannot be ${pastTense(e.action)} (only a request that is ${rule.from.join(' or ')} can).${late}`);
  }
  const at = toInstant(e.at);
  const to = rule.to ?? r.status;
  const entry = (note?: string) => ({ at, by: e.by, action: e.action as RightsAction, from: r.status, to, ...(note ? { note } : {}) });
  switch (e.action) {
    case 'send': {
      const sentOn = e.sentOn ?? localDateOf(e.at, timeZone);
      return withOverdue({ ...r, status: to, sentAt: at, sentOn, dueOn: dueDate(sentOn, 0), history: [...r.history, entry(e.note)] }, e.at, timeZone);
    }
    case 'extend': {
      if (e.reason.trim() === '') throw new MesInfosError('RIGHTS_EXTENSION_INVALID', 'An extension needs its reasons (art. 12(3) GDPR).', { id: r.id });
      const firstDue = dueDate(r.sentOn!, 0);
      if (localDateOf(e.at, timeZone) > firstDue)
        throw new MesInfosError('RIGHTS_EXTENSION_INVALID', `An extension must be announced within the first month, by ${firstDue}; request ${r.id} was sent on ${r.sentOn}.`, { id: r.id, firstDue });
      const months = r.extensionMonths + e.months;
      if (!Number.isInteger(e.months) || e.months < 1 || months > MAX_EXTENSION_MONTHS)
        throw new MesInfosError('RIGHTS_EXTENSION_INVALID', `The deadline may be extended by two further months at most; request ${r.id} has ${r.extensionMonths} already, ${e.months} more asked.`, { id: r.id });
      const dueOn = dueDate(r.sentOn!, months);
      return { ...r, extensionMonths: months, extensionReason: e.reason, dueOn, history: [...r.history, entry(`extended by ${e.months} month(s) to ${dueOn}: ${e.reason}`)] };
    }
    case 'answer': {
      if (e.outcome === 'refused' && !e.reason?.trim()) throw invalid(r, 'A refusal must give its reason (art. 12(4) GDPR).');
      const note = `${e.outcome}${e.reason ? `: ${e.reason}` : ''}`;
      return { ...r, status: to, answer: { outcome: e.outcome, ...(e.reason ? { reason: e.reason } : {}), at, by: e.by }, history: [...r.history, entry(note)] };
    }
    case 'verify':
      if (r.kind !== 'rectification') throw invalid(r, `Only a rectification is verified by a restitution; request ${r.id} is ${r.kind}.`);
      return { ...r, status: to, closedAt: at, history: [...r.history, entry(e.note)] };
    case 'close':
      return { ...r, status: to, closedAt: at, history: [...r.history, entry(e.note)] };
    case 'acknowledge':
      return { ...r, status: to, history: [...r.history, entry(e.note)] };
  }
}

function pastTense(a: EventAction): string {
  return { send: 'sent', acknowledge: 'acknowledged', extend: 'extended', answer: 'answered', close: 'closed', verify: 'verified' }[a];
}
