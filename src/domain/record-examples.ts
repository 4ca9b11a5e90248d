import type { RecordType } from './record.ts';
import type { RecordExample } from './examples/record-example.ts';
import { ENERGY_EXAMPLES } from './examples/energy-examples.ts';
import { FINANCE_EXAMPLES } from './examples/finance-examples.ts';
import { HEALTH_EXAMPLES } from './examples/health-examples.ts';
import { PEOPLE_EXAMPLES } from './examples/people-examples.ts';
import { PLACE_EXAMPLES } from './examples/place-examples.ts';

export type { RecordExample } from './examples/record-example.ts';
export { EXAMPLE_SHA256 } from './examples/record-example.ts';

/**
 * Realistic examples of every record type, as real exports give them (OFX, CAMT.053,
 * vCard 4, iCalendar, GPX, Enedis load curves, FHIR, Google location history…).
 * Test support for the record model's tests and for anyone who needs a valid record of
 * a type; not used at run time. Adding a record type means adding its examples under examples/:
 * the `satisfies` below fails to compile until you do.
 */
export const RECORD_EXAMPLES = {
  ...FINANCE_EXAMPLES,
  ...ENERGY_EXAMPLES,
  ...PEOPLE_EXAMPLES,
  ...PLACE_EXAMPLES,
  ...HEALTH_EXAMPLES,
} satisfies Record<RecordType, RecordExample[]>;
