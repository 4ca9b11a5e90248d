import { describe, expect, it } from 'vitest';
import { remindersOf } from './reminders.ts';
import type { RightsRequest, RightsRequestId } from './rights-request.ts';
import { applyAction } from './state-machine.ts';

let n = 0;
function request(name: string, kind: RightsRequest['kind'] = 'access'): RightsRequest {
  n++;
  return {
    id: `0190a000-0000-7000-8000-00000000000${n}` as RightsRequestId,
    kind,
    organisation: { source: `org:${name.toLowerCase()}`, name, linked: false },
    channel: 'letter',
    items: [],
    status: 'draft',
    createdAt: '2025-01-01T08:00:00.000Z',
    extensionMonths: 0,
    history: [{ at: '2025-01-01T08:00:00.000Z', by: 'person', action: 'create', from: null, to: 'draft' }],
  };
}

const sentOn = (r: RightsRequest, day: string) => applyAction(r, { action: 'send', by: 'person', at: Date.parse(`${day}T09:00:00Z`) });
const now = Date.parse('2025-03-10T12:00:00Z');

describe('reminders', () => {
  it('puts a passed deadline and a refusal first, then answers due within a week, then the rest; quiet requests say nothing', () => {
    const overdue = sentOn(request('Alpha'), '2025-01-15'); // due 15 Feb
    const soon = sentOn(request('Beta'), '2025-02-13'); // due 13 Mar: 3 days left
    const quiet = sentOn(request('Gamma'), '2025-03-01'); // due 1 Apr
    const refused = applyAction(sentOn(request('Delta'), '2025-03-01'), { action: 'answer', by: 'org:delta', at: Date.parse('2025-03-05T09:00:00Z'), outcome: 'refused', reason: 'no such customer' });
    const draft = request('Epsilon');
    const done = applyAction(sentOn(request('Zeta', 'rectification'), '2025-03-01'), { action: 'answer', by: 'org:zeta', at: Date.parse('2025-03-05T09:00:00Z'), outcome: 'done' });
    const list = remindersOf([quiet, draft, done, soon, refused, overdue], now).map((r) => `${r.level} ${r.message}`);
    expect(list).toEqual([
      'urgent Alpha had to answer by 2025-02-15: a complaint to the CNIL is ready.',
      'urgent Delta refused: no such customer. You may complain to the CNIL.',
      'soon Beta must answer within 3 day(s), by 2025-03-13.',
      'info Zeta says it is done: the request closes itself when Zeta restitutes the corrected value, or close it yourself.',
      'info Your access request to Epsilon is not sent yet.',
    ]);
  });

  it('says "today" on the due day itself', () => {
    const r = sentOn(request('Eta'), '2025-02-10');
    expect(remindersOf([r], now)[0]!.message).toBe('Eta must answer today (2025-03-10).');
  });
});
