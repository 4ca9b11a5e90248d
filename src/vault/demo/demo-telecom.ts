import type { ConnectorRecord } from '../../connectors/connector.ts';
import { compactNationalPhone, type DemoPeer } from './demo-contacts.ts';
import { ORGS, PERSON } from './demo-persona.ts';
import type { DemoPlan } from './demo-plan.ts';
import type { RoutineBook } from './demo-routine.ts';
import { Rng, hash32 } from './prng.ts';
import { dateOf, isWeekend, parisInstant } from './demo-time.ts';

/**
 * The mobile operator's detailed usage (`telecom.usage`): calls and SMS with the numbers
 * of the people in her address books (closer people more often, so relations can be
 * derived), a few unknown numbers, and one data record per day. Numbers are printed the
 * operator's way ("0612345678"), not as the address books write them.
 */

const OTHER_NUMBERS = ['0478601234', '0472105566', '0969397700', '0800123456', '0437280019', '0187654321'];

export function* telecomRecords(plan: DemoPlan, routines: RoutineBook): Generator<ConnectorRecord> {
  const peers = plan.peers.filter((p) => p.closeness > 0);
  const weights = peers.map((p) => p.closeness);
  const line = PERSON.phone;
  for (let d = plan.startDay; d <= plan.endDay; d++) {
    const rng = new Rng(hash32(plan.seed, 0x7e1e, d));
    const r = routines.of(d);
    const events: { minute: number; kind: 'call' | 'sms'; peer?: DemoPeer }[] = [];
    const calls = rng.int(0, isWeekend(d) ? 5 : 3);
    const sms = rng.int(0, r.holiday ? 10 : 7);
    for (let i = 0; i < calls + sms; i++) {
      const unknown = i < calls && rng.chance(0.15);
      const ev = { minute: rng.int(8 * 60, 22 * 60 + 30), kind: i < calls ? ('call' as const) : ('sms' as const) };
      events.push(unknown ? ev : { ...ev, peer: rng.weighted(peers, weights) });
    }
    events.sort((a, b) => a.minute - b.minute);
    const day = dateOf(d).replaceAll('-', '');
    let n = 0;
    for (const ev of events) {
      const at = parisInstant(d, ev.minute);
      const incoming = rng.chance(ev.kind === 'call' ? 0.45 : 0.5);
      const counterpart = ev.peer ? compactNationalPhone(ev.peer.phone) : rng.pick(OTHER_NUMBERS);
      const durationS = ev.kind === 'call' ? (incoming && rng.chance(0.1) ? 0 : Math.min(3600, Math.round(20 + rng.next() ** 2 * (ev.peer?.circle === 'family' ? 2400 : 900)))) : undefined;
      yield {
        type: 'telecom.usage',
        source: ORGS.mobile.source,
        sourceRef: `${day}-${String(++n).padStart(3, '0')}`,
        occurredAt: at.at,
        occurredOffset: at.offset,
        data: {
          line,
          kind: ev.kind,
          direction: incoming ? 'incoming' : 'outgoing',
          counterpart,
          start: at.at,
          ...(durationS !== undefined ? { durationS } : { count: 1 }),
          included: true,
        },
      };
    }
    const at = parisInstant(d, 0);
    const mb = r.holiday ? rng.int(400, 1500) : rng.int(60, 700);
    yield {
      type: 'telecom.usage',
      source: ORGS.mobile.source,
      sourceRef: `${day}-data`,
      occurredAt: at.at,
      occurredOffset: at.offset,
      data: { line, kind: 'data', start: at.at, dataBytes: mb * 1_048_576, included: true },
    };
  }
}
