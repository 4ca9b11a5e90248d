import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { validateRecord } from '../../domain/record.ts';
import type { Connector, ConnectorContext, ConnectorOptions, ConnectorRecord } from '../connector.ts';
import { bytesInput } from './input.ts';

/**
 * Test support for the bank connectors (ofx, qif, camt, bank-csv): read a fixture
 * whole through a connector, with the warnings it gave, asserting that every record
 * passes `validateRecord`. Not used at run time.
 */
export const FIXTURES = resolve(import.meta.dirname, '../../../test/fixtures');

export interface ReadResult {
  records: ConnectorRecord[];
  warnings: string[];
}

export async function readFixture(connector: Connector, rel: string, options: ConnectorOptions = {}, chunkSize?: number): Promise<ReadResult> {
  const bytes = new Uint8Array(await readFile(resolve(FIXTURES, rel)));
  return readBytes(connector, rel.split('/').pop()!, bytes, options, chunkSize);
}

export async function readBytes(connector: Connector, name: string, bytes: Uint8Array, options: ConnectorOptions = {}, chunkSize?: number): Promise<ReadResult> {
  const warnings: string[] = [];
  const ctx: ConnectorContext = {
    options,
    warn: (m) => warnings.push(m),
    putBlob: () => Promise.reject(new Error('no blobs in bank connectors')),
  };
  const records: ConnectorRecord[] = [];
  for await (const r of connector.read(bytesInput(name, bytes, chunkSize), ctx)) {
    const { location, ...envelope } = r;
    const v = validateRecord(envelope, records.length, location);
    if (!v.ok) throw new Error(`record ${records.length} (${r.location}) invalid: ${JSON.stringify(v.faults)}`);
    records.push(r);
  }
  return { records, warnings };
}

export async function fixtureInput(rel: string) {
  const bytes = new Uint8Array(await readFile(resolve(FIXTURES, rel)));
  return bytesInput(rel.split('/').pop()!, bytes);
}

/** The transactions of a result, by type. */
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
