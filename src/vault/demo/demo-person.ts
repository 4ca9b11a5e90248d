import type { ConnectorRecord } from '../../connectors/connector.ts';
import { contactRecords } from './demo-contacts.ts';
import { agendaRecords } from './demo-agenda.ts';
import { billEntries } from './demo-bills.ts';
import { EnergyModel, electricityReadings, gasReadings } from './demo-energy.ts';
import { healthRecords } from './demo-health.ts';
import { contractRecords, identityRecords } from './demo-identity.ts';
import { ledgerRecords } from './demo-ledger.ts';
import { demoFacts } from './demo-persona.ts';
import { placeRecords, trackRecords } from './demo-places.ts';
import { makePlan } from './demo-plan.ts';
import { RoutineBook } from './demo-routine.ts';
import { dailyEntries, monthlyEntries } from './demo-spending.ts';
import { telecomRecords } from './demo-telecom.ts';
import { isRealDate } from '../../domain/time.ts';
import type { DemoBlobSink, DemoFacts, DemoOptions } from './demo-types.ts';
import { parisInstant } from './demo-time.ts';

export type { DemoBlobSink, DemoFacts, DemoInconsistency, DemoOptions } from './demo-types.ts';

/**
 * The demo person: Camille Martin, living in Lyon (she moved two years before `until`),
 * over `years` years ending at `until`, as the records her organisations, apps and
 * devices would give her vault — bank accounts and transactions, a 30-minute electricity
 * load curve and gas readings, bills and payslips with their PDFs, mobile usage, contacts,
 * calendar, location history, purchases, health measures, contracts, and what each
 * organisation believes about her, three of them wrongly (`facts.inconsistencies`).
 *
 * Contract: the same options give byte-identical records (seeded PRNG, no clock, no
 * Math.random); `records` is lazy (one month of transactions, one day of anything else in
 * memory), and each iteration generates everything afresh, identically; every record passes validateRecord();
 * (source, type, sourceRef) is unique; a document's `paidBy` names a transaction that is
 * yielded with the same amount. Order: identity and contracts, contacts, calendar, bank
 * (with documents and receipts), gas, telecom, health, places and tracks, electricity.
 * `occurredAt` is the natural instant of each record; date-only facts (a booking date, an
 * issue date) use 12:00 (documents 09:00) Europe/Paris on that date.
 *
 * Example: const { facts, records } = generateDemoPerson({ years: 1 }, vaultBlobs);
 *          for await (const r of records) pipeline.add(r);
 */
export function generateDemoPerson(
  opts: Partial<DemoOptions>,
  blobs: DemoBlobSink,
): { facts: DemoFacts; records: AsyncIterable<ConnectorRecord>; estimatedCount: number } {
  const years = opts.years ?? 10;
  const seed = opts.seed ?? 42;
  const until = opts.until ?? '2026-10-31';
  if (!Number.isInteger(years) || years < 1 || years > 30) throw new RangeError(`years must be an integer from 1 to 30, got ${years}`);
  if (!Number.isInteger(seed)) throw new RangeError(`seed must be an integer, got ${seed}`);
  if (!isRealDate(until)) throw new RangeError(`until must be a date like 2026-10-31, got "${until}"`);
  const plan = makePlan(seed, years, until);
  const days = plan.endDay - plan.startDay + 1;
  // Per day: 48 readings, ~7 telecom, ~4.4 visits, ~1.4 health, ~2.3 transactions, ~0.25 documents and receipts.
  const estimatedCount = Math.round(days * (48 + 7 + 4.4 + 1.4 + 2.3 + 0.25) + 400);

  async function* records(): AsyncGenerator<ConnectorRecord> {
    const routines = new RoutineBook(plan);
    const energy = new EnergyModel(plan, routines);
    yield* identityRecords(plan);
    yield* contractRecords(plan);
    yield* contactRecords(plan.peers, seed, parisInstant(plan.endDay, 20 * 60).at);
    yield* agendaRecords(plan);
    yield* ledgerRecords({ plan, routines, energy, blobs }, [billEntries, monthlyEntries, dailyEntries]);
    yield* gasReadings(plan, energy);
    yield* telecomRecords(plan, routines);
    yield* healthRecords(plan, routines);
    yield* placeRecords(plan, routines);
    yield* trackRecords(plan, routines);
    yield* electricityReadings(plan, energy);
  }

  return { facts: demoFacts(), records: { [Symbol.asyncIterator]: () => records() }, estimatedCount };
}
