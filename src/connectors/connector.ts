import type { RecordInputEnvelope } from '../domain/record.ts';
import type { BlobRef } from '../domain/types/common-types.ts';

/**
 * A connector turns one export format into records.
 *
 * It MUST recognise its format from the content (never from the file name), MUST stream
 * (a 1 GB file imports with flat memory), and MUST NOT write to storage: the vault's
 * import pipeline validates, dedups, attaches provenance and saves all or nothing.
 * It SHOULD give each record a stable `sourceRef` (FITID, UID, AcctSvcrRef, or a content
 * hash plus an occurrence index) so that re-imports and overlapping files dedup exactly.
 *
 * Example:
 *   const c = registry.find((c) => c.recognize(input).confidence > 0.5);
 *   for await (const r of c.read(input, ctx)) pipeline.add(r);
 */
export interface Connector {
  /** Stable id, also the format name in import reports ("ofx", "camt053", "enedis-load-curve"). */
  readonly id: string;
  /** A person-readable name ("OFX bank statement"). */
  readonly label: string;
  /**
   * How sure the connector is that the input is its format, from the content's first
   * bytes: 0 (not mine) to 1 (certain). MUST be fast and MUST NOT throw.
   */
  recognize(input: ConnectorInput): Recognition;
  /**
   * Yields the records of the input, streaming. Throws a `ConnectorError` naming the
   * place (line, element, field) on malformed input.
   */
  read(input: ConnectorInput, ctx: ConnectorContext): AsyncIterable<ConnectorRecord>;
}

export interface Recognition {
  confidence: number;
  /** Why, for the "what was tried" message ("OFX header found", "no OFX tag"). */
  reason?: string;
}

/** One file (or one member of an archive) offered to the connectors. */
export interface ConnectorInput {
  /** File name or archive member path, for messages only. */
  readonly name: string;
  /** Size in bytes, when known. */
  readonly size?: number;
  /** Path on disk, when the input is a whole file (lets archives be read by random access). */
  readonly path?: string;
  /** The first bytes of the content (up to 64 KiB), for recognition. */
  readonly head: Uint8Array;
  /** Opens a new stream over the whole content, from the start. */
  open(): AsyncIterable<Uint8Array>;
}

/** What a connector may use while reading. */
export interface ConnectorContext {
  /** Stores a file (a contact photo, a bill PDF) content-addressed and returns its reference. */
  putBlob(bytes: Uint8Array, mediaType: string, fileName?: string): Promise<BlobRef>;
  /** Reports something the person should know that is not an error ("statement is empty"). */
  warn(message: string): void;
  /** Reports how far the reading went, in bytes of the input. */
  progress?(bytesRead: number): void;
  /** Options the person gave (a CSV column mapping, a default time zone…). */
  readonly options: ConnectorOptions;
}

export interface ConnectorOptions {
  /** IANA time zone for naive local times when the file does not say (default Europe/Paris). */
  timeZone?: string;
  /** Column or field mapping for generic CSV/JSON imports, and CSV bank layouts not known. */
  map?: Record<string, string>;
  /** Record type for generic imports. */
  recordType?: string;
  /** Source to use when the format cannot tell (generic imports). */
  source?: string;
}

/** A record as a connector yields it, before validation; `location` says where in the file. */
export type ConnectorRecord = RecordInputEnvelope & { location?: string };

/**
 * A problem in an input file, with the place: file, line or element, field, and what was
 * expected, in words a person understands; `detail` carries the technical part.
 */
export class ConnectorError extends Error {
  readonly code = 'IMPORT_MALFORMED';
  constructor(
    message: string,
    readonly where: { file?: string; line?: number; element?: string; field?: string } = {},
    readonly detail?: string,
  ) {
    super(message);
    this.name = 'ConnectorError';
  }
}
