import { readFile } from 'node:fs/promises';
import { expect } from 'vitest';
import type { Connector, ConnectorInput, ConnectorOptions, ConnectorRecord } from '../../src/connectors/connector.ts';
import { bytesInput } from '../../src/connectors/util/input.ts';
import { validateRecord } from '../../src/domain/record.ts';

/** Reads every record of an input with a connector, asserting each one validates. */
export async function readAll(connector: Connector, input: ConnectorInput, options: ConnectorOptions = {}) {
  const records: ConnectorRecord[] = [];
  const warnings: string[] = [];
  const ctx = {
    options,
    warn: (m: string) => warnings.push(m),
    putBlob: () => Promise.reject(new Error('no blobs here')),
  };
  for await (const r of connector.read(input, ctx)) {
    const { location, ...rec } = r;
    const v = validateRecord(rec, records.length, location);
    if (!v.ok) expect.fail(`record ${records.length} (${location}) does not validate: ${JSON.stringify(v.faults)}`);
    records.push(r);
  }
  return { records, warnings };
}

export async function fixture(connectorId: string, file: string, chunkSize?: number): Promise<ConnectorInput> {
  const bytes = await readFile(new URL(`../fixtures/${connectorId}/${file}`, import.meta.url));
  return bytesInput(file, new Uint8Array(bytes), chunkSize);
}
