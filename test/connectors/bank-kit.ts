import { resolve } from 'node:path';
import { fixture, readAll } from './read-all.ts';
import type { Connector, ConnectorInput, ConnectorOptions, ConnectorRecord } from '../../src/connectors/connector.ts';
import { bytesInput } from '../../src/connectors/util/input.ts';

/**
 * Test support for the bank connectors (ofx, qif, camt, bank-csv): a thin layer over
 * test/connectors/read-all.ts (which reads and validates every record) taking fixture
 * paths as `<connector id>/<file>`, plus small assertion helpers. Not used at run time.
 */
export const FIXTURES = resolve(import.meta.dirname, '../fixtures');

export type ReadResult = Awaited<ReturnType<typeof readAll>>;

/** `rel` is `<connector id>/<file>`, e.g. `ofx/truncated.ofx` or `bank-csv/bad/x.csv`. */
export function fixtureInput(rel: string, chunkSize?: number): Promise<ConnectorInput> {
  const slash = rel.indexOf('/');
  return fixture(rel.slice(0, slash), rel.slice(slash + 1), chunkSize);
}

export async function readFixture(connector: Connector, rel: string, options: ConnectorOptions = {}, chunkSize?: number): Promise<ReadResult> {
  return readAll(connector, await fixtureInput(rel, chunkSize), options);
}

export function readBytes(connector: Connector, name: string, bytes: Uint8Array, options: ConnectorOptions = {}, chunkSize?: number): Promise<ReadResult> {
  return readAll(connector, bytesInput(name, bytes, chunkSize), options);
}

/** The records of a result, by type. */
export function ofType(r: ReadResult, type: 'bank.account' | 'bank.transaction'): ConnectorRecord[] {
  return r.records.filter((x) => x.type === type);
}

/** Data of a record as a loose object, for assertions. */
export function dataOf(r: ConnectorRecord | undefined): Record<string, unknown> {
  if (!r) throw new Error('no such record');
  return r.data;
}

/** Runs a read expected to fail; returns the error. */
export async function readError(connector: Connector, rel: string, options: ConnectorOptions = {}): Promise<unknown> {
  try {
    await readFixture(connector, rel, options);
  } catch (e) {
    return e;
  }
  throw new Error(`${rel} was expected to fail`);
}
