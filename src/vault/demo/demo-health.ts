import type { ConnectorRecord } from '../../connectors/connector.ts';
import type { DemoPlan } from './demo-plan.ts';
import type { RoutineBook } from './demo-routine.ts';
import { Rng, hash32 } from './prng.ts';
import { dateOf, parisInstant, weekdayOf } from './demo-time.ts';

/**
 * Quantified self (`health.measure`): daily steps from the phone (more on foot days and
 * holidays), resting heart rate from a watch bought three years before the end (lower
 * while she goes to the gym), weekly weight from a connected scale (a slow random walk)
 * and a few blood pressure readings with systolic and diastolic components (LOINC codes).
 */

const LOINC = 'http://loinc.org';
const STEPS = { system: LOINC, code: '41950-7', display: 'Number of steps in 24 hour Measured' };
const HEART = { system: LOINC, code: '8867-4', display: 'Heart rate' };
const WEIGHT = { system: LOINC, code: '29463-7', display: 'Body weight' };
const BP = { system: LOINC, code: '85354-9', display: 'Blood pressure panel with all children optional' };
const SYS = { system: LOINC, code: '8480-6', display: 'Systolic blood pressure' };
const DIA = { system: LOINC, code: '8462-4', display: 'Diastolic blood pressure' };

export function* healthRecords(plan: DemoPlan, routines: RoutineBook): Generator<ConnectorRecord> {
  const walk = new Rng(hash32(plan.seed, 0x3e1a));
  let weight = 63.5;
  const watchFrom = plan.endDay - 3 * 365;
  for (let d = plan.startDay; d <= plan.endDay; d++) {
    const rng = new Rng(hash32(plan.seed, 0xea17, d));
    const r = routines.of(d);
    const day = dateOf(d);
    const midnight = parisInstant(d, 0);
    let steps = r.holiday ? rng.int(11_000, 21_000) : r.working && !r.telework ? rng.int(5_000, 9_000) : rng.int(2_500, 12_000);
    if (!r.holiday && r.commute === 'tram' && r.working && !r.telework) steps += rng.int(1_500, 3_000);
    if (r.gym) steps += rng.int(2_000, 4_000);
    yield {
      type: 'health.measure',
      source: 'app:sante-mobile',
      sourceRef: `steps-${day}`,
      occurredAt: midnight.at,
      occurredOffset: midnight.offset,
      data: { kind: 'steps', code: STEPS, value: steps, unit: 'count', start: midnight.at, end: parisInstant(d + 1, 0).at, device: 'iPhone', sourceName: 'Santé' },
    };
    if (d >= watchFrom) {
      const wake = parisInstant(d, r.wake + 5);
      const fit = d >= plan.gym.start && d <= plan.gym.end ? -3 : 0;
      yield {
        type: 'health.measure',
        source: 'app:sante-mobile',
        sourceRef: `resting-hr-${day}`,
        occurredAt: wake.at,
        occurredOffset: wake.offset,
        data: { kind: 'heart_rate', code: HEART, value: Math.round(62 + fit + rng.normal(0, 2.2)), unit: '/min', start: wake.at, device: 'Montre connectée', sourceName: 'Santé', category: 'vital-signs' },
      };
    }
    weight += walk.normal(0, 0.08) + (63.5 - weight) * 0.01;
    if (weekdayOf(d) === 0 && !r.holiday) {
      const at = parisInstant(d, 8 * 60 + rng.int(0, 40));
      yield {
        type: 'health.measure',
        source: 'app:balance-connectee',
        sourceRef: `weight-${day}`,
        occurredAt: at.at,
        occurredOffset: at.offset,
        data: { kind: 'body_mass', code: WEIGHT, value: Math.round((weight + rng.normal(0, 0.25)) * 10) / 10, unit: 'kg', start: at.at, device: 'Balance connectée', category: 'vital-signs' },
      };
      if (d >= plan.endDay - 3 * 365 && rng.chance(1 / 8)) {
        const bp = parisInstant(d, 8 * 60 + 50);
        yield {
          type: 'health.measure',
          source: 'app:balance-connectee',
          sourceRef: `bp-${day}`,
          occurredAt: bp.at,
          occurredOffset: bp.offset,
          data: {
            kind: 'blood_pressure',
            code: BP,
            components: [
              { code: SYS, value: Math.round(117 + rng.normal(0, 5)), unit: 'mm[Hg]' },
              { code: DIA, value: Math.round(75 + rng.normal(0, 4)), unit: 'mm[Hg]' },
            ],
            start: bp.at,
            device: 'Tensiomètre connecté',
            category: 'vital-signs',
          },
        };
      }
    }
  }
}
