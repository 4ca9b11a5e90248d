import type { Connector, ConnectorInput, Recognition } from './connector.ts';
import { jsonlRecordsConnector } from './jsonl-records/jsonl-records-connector.ts';
import { enedisConnector } from './enedis/enedis-connector.ts';
import { grdfConnector } from './grdf/grdf-connector.ts';
import { vcardConnector } from './vcard/vcard-connector.ts';
import { icalConnector } from './ical/ical-connector.ts';
import { gpxConnector } from './gpx/gpx-connector.ts';
import { googleLocationConnector } from './google-location/google-location-connector.ts';
import { appleHealthConnector } from './apple-health/apple-health-connector.ts';
import { fhirConnector } from './fhir/fhir-connector.ts';
import { genericConnector } from './generic/generic-connector.ts';
import { ofxConnector } from './ofx/ofx-connector.ts';
import { camtConnector } from './camt/camt-connector.ts';
import { qifConnector } from './qif/qif-connector.ts';
import { bankCsvConnector } from './bank-csv/bank-csv-connector.ts';

/**
 * Every connector, one line each. Recognition asks each of them and takes the most
 * confident; ties go to the earlier line, so put specific formats before generic ones.
 */
export const connectors: readonly Connector[] = [
  enedisConnector,
  grdfConnector,
  vcardConnector,
  icalConnector,
  gpxConnector,
  googleLocationConnector,
  appleHealthConnector,
  fhirConnector,
  ofxConnector,
  camtConnector,
  qifConnector,
  bankCsvConnector,
  jsonlRecordsConnector,
  genericConnector,
];

export interface RecognitionResult {
  connector: Connector | null;
  /** What every connector answered, most confident first: the "what was tried" list. */
  tried: { id: string; label: string; confidence: number; reason?: string }[];
}

/** The least confidence that counts as recognised. */
export const MIN_CONFIDENCE = 0.5;

export function recognize(input: ConnectorInput, among: readonly Connector[] = connectors): RecognitionResult {
  const tried = among.map((c) => {
    let r: Recognition;
    try {
      r = c.recognize(input);
    } catch (e) {
      r = { confidence: 0, reason: `recognize failed: ${(e as Error).message}` };
    }
    return { id: c.id, label: c.label, confidence: r.confidence, ...(r.reason ? { reason: r.reason } : {}) };
  });
  const ranked = [...tried].sort((a, b) => b.confidence - a.confidence);
  const best = ranked[0];
  const connector = best && best.confidence >= MIN_CONFIDENCE ? among.find((c) => c.id === best.id)! : null;
  return { connector, tried: ranked };
}

export function connectorById(id: string): Connector | undefined {
  return connectors.find((c) => c.id === id);
}
