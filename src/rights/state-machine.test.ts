import { describe, expect, it } from 'vitest';
import { MesInfosError } from '../domain/errors.ts';
import type { RightsRequest, RightsRequestId } from './rights-request.ts';
import { allowedActions, applyAction, withOverdue, type RightsEvent } from './state-machine.ts';

const at = (s: string) => Date.parse(s);

function draft(over: Partial<RightsRequest> = {}): RightsRequest {
  return {
    id: '0190a000-0000-7000-8000-000000000001' as RightsRequestId,
    kind: 'rectification',
    organisation: { source: 'org:gaz-reseau', name: 'Gaz Réseau', linked: true },
    channel: 'api',
    items: [{ what: 'postal_address', currentValue: '12 rue des Lilas, 69003 Lyon', requestedValue: '27 rue de Marseille, 69007 Lyon' }],
    status: 'draft',
    createdAt: '2025-01-30T10:00:00.000Z',
    extensionMonths: 0,
    history: [{ at: '2025-01-30T10:00:00.000Z', by: 'person', action: 'create', from: null, to: 'draft' }],
    ...over,
  };
}

function run(r: RightsRequest, ...events: RightsEvent[]): RightsRequest {
  return events.reduce((acc, e) => applyAction(acc, e), r);
}

function errorOf(fn: () => unknown): MesInfosError {
  try {
    fn();
  } catch (e) {
    if (e instanceof MesInfosError) return e;
    throw e;
  }
  throw new Error('expected a MesInfosError');
}

const sent = () => run(draft(), { action: 'send', by: 'person', at: at('2025-01-31T09:00:00Z') });

describe('the life of a request', () => {
  it('sending sets the day sent and the due day one month later (31 January → 28 February)', () => {
    const r = sent();
    expect(r.status).toBe('sent');
    expect(r.sentOn).toBe('2025-01-31');
    expect(r.dueOn).toBe('2025-02-28');
    expect(r.history.map((h) => [h.action, h.from, h.to])).toEqual([
      ['create', null, 'draft'],
      ['send', 'draft', 'sent'],
    ]);
  });

  it('goes sent → acknowledged → answered → closed, each step in the history with who and when', () => {
    const r = run(
      sent(),
      { action: 'acknowledge', by: 'org:gaz-reseau', at: at('2025-02-02T08:00:00Z') },
      { action: 'answer', by: 'org:gaz-reseau', at: at('2025-02-10T08:00:00Z'), outcome: 'done' },
      { action: 'close', by: 'person', at: at('2025-02-11T08:00:00Z') },
    );
    expect(r.status).toBe('closed');
    expect(r.answer).toEqual({ outcome: 'done', at: '2025-02-10T08:00:00.000Z', by: 'org:gaz-reseau' });
    expect(r.history.slice(2).map((h) => `${h.by} ${h.action} ${h.from}→${h.to} ${h.at}`)).toEqual([
      'org:gaz-reseau acknowledge sent→acknowledged 2025-02-02T08:00:00.000Z',
      'org:gaz-reseau answer acknowledged→answered 2025-02-10T08:00:00.000Z',
      'person close answered→closed 2025-02-11T08:00:00.000Z',
    ]);
  });

  it('becomes overdue the day after the due day, dated from Paris midnight, and may still be answered late', () => {
    const r = sent();
    expect(withOverdue(r, at('2025-02-28T22:00:00Z')).status).toBe('sent');
    const late = withOverdue(r, at('2025-03-01T09:00:00Z'));
    expect(late.status).toBe('overdue');
    expect(late.history.at(-1)).toEqual({ at: '2025-02-28T23:00:00.000Z', by: 'system', action: 'overdue', from: 'sent', to: 'overdue', note: 'no answer by 2025-02-28' });
    const answered = applyAction(r, { action: 'answer', by: 'org:gaz-reseau', at: at('2025-03-05T09:00:00Z'), outcome: 'done' });
    expect(answered.history.map((h) => h.to)).toEqual(['draft', 'sent', 'overdue', 'answered']);
  });

  it('an extension within the first month moves the due day; the total is two further months', () => {
    const r = run(sent(), { action: 'extend', by: 'org:gaz-reseau', at: at('2025-02-20T09:00:00Z'), months: 1, reason: 'many requests this month' });
    expect(r.dueOn).toBe('2025-03-31');
    expect(r.extensionMonths).toBe(1);
    const r2 = applyAction(r, { action: 'extend', by: 'org:gaz-reseau', at: at('2025-02-25T09:00:00Z'), months: 1, reason: 'archives to search' });
    expect(r2.dueOn).toBe('2025-04-30');
    expect(withOverdue(r2, at('2025-04-15T09:00:00Z')).status).toBe('sent');
    const tooMuch = errorOf(() => applyAction(r2, { action: 'extend', by: 'org:gaz-reseau', at: at('2025-02-26T09:00:00Z'), months: 1, reason: 'more' }));
    expect(tooMuch.code).toBe('RIGHTS_EXTENSION_INVALID');
    expect(tooMuch.message).toMatch(/two further months at most/);
  });

  it('refuses an extension announced after the first month, or without reasons', () => {
    const late = errorOf(() => applyAction(sent(), { action: 'extend', by: 'org:gaz-reseau', at: at('2025-02-28T12:00:00Z') + 86_400_000, months: 1, reason: 'late' }));
    expect(late.code).toBe('RIGHTS_TRANSITION_INVALID'); // it is overdue by then
    expect(late.message).toMatch(/deadline passed on 2025-02-28/);
    const silent = errorOf(() => applyAction(sent(), { action: 'extend', by: 'org:gaz-reseau', at: at('2025-02-10T12:00:00Z'), months: 1, reason: ' ' }));
    expect(silent.code).toBe('RIGHTS_EXTENSION_INVALID');
  });

  it('a restitution with the corrected value closes a rectification as verified, even before the answer', () => {
    const r = applyAction(sent(), { action: 'verify', by: 'system', at: at('2025-02-05T09:00:00Z'), note: 'org:gaz-reseau now restitutes the address' });
    expect(r.status).toBe('closed-verified');
    expect(r.closedAt).toBe('2025-02-05T09:00:00.000Z');
  });
});

describe('illegal moves are refused with a clear error and change nothing', () => {
  const cases: [string, () => RightsRequest, RightsEvent, RegExp][] = [
    ['acknowledge a draft', () => draft(), { action: 'acknowledge', by: 'org:gaz-reseau', at: at('2025-02-01T00:00:00Z') }, /is draft: it cannot be acknowledged \(only a request that is sent can\)/],
    ['send twice', sent, { action: 'send', by: 'person', at: at('2025-02-01T00:00:00Z') }, /is sent: it cannot be sent/],
    ['answer a closed request', () => run(sent(), { action: 'close', by: 'person', at: at('2025-02-01T00:00:00Z') }), { action: 'answer', by: 'org:gaz-reseau', at: at('2025-02-02T00:00:00Z'), outcome: 'done' }, /is closed/],
    ['another organisation answers', sent, { action: 'answer', by: 'org:mutuelle-sante', at: at('2025-02-02T00:00:00Z'), outcome: 'done' }, /addressed to org:gaz-reseau, not to org:mutuelle-sante/],
    ['the organisation closes', sent, { action: 'close', by: 'org:gaz-reseau', at: at('2025-02-02T00:00:00Z') }, /acknowledge, extend or answer/],
    ['the person verifies by hand', sent, { action: 'verify', by: 'person', at: at('2025-02-02T00:00:00Z'), note: 'x' }, /next restitution/],
    ['a refusal without a reason', sent, { action: 'answer', by: 'org:gaz-reseau', at: at('2025-02-02T00:00:00Z'), outcome: 'refused' }, /must give its reason/],
    ['verify an access request', () => run(draft({ kind: 'access', items: [] }), { action: 'send', by: 'person', at: at('2025-01-31T09:00:00Z') }), { action: 'verify', by: 'system', at: at('2025-02-02T00:00:00Z'), note: 'x' }, /Only a rectification/],
  ];
  for (const [name, start, event, message] of cases) {
    it(name, () => {
      const before = start();
      const snapshot = structuredClone(before);
      const e = errorOf(() => applyAction(before, event));
      expect(e.code).toBe('RIGHTS_TRANSITION_INVALID');
      expect(e.message).toMatch(message);
      expect(before).toEqual(snapshot);
    });
  }

  it('lists what is allowed in each status', () => {
    expect(allowedActions('draft')).toEqual(['send', 'close']);
    expect(allowedActions('overdue')).toEqual(['answer', 'close', 'verify']);
    expect(allowedActions('closed-verified')).toEqual([]);
  });
});
