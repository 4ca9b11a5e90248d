import type { ConnectorRecord } from '../connector.ts';
import { type Coding, FhirValueError, type Json, SNOMED, arr, conceptText, firstTime, mainCoding, obj, referenceText, str, type FhirTime } from './fhir-values.ts';

const RXNORM = 'http://www.nlm.nih.gov/research/umls/rxnorm';
const CVX = 'http://hl7.org/fhir/sid/cvx';
const ATC = 'http://www.whocc.no/atc';

type Event = Omit<ConnectorRecord, 'source' | 'sourceRef'>;

/** What the clinical resources share: kind, code, status, times, performer, note. */
interface Shape {
  kind: 'condition' | 'medication' | 'immunization' | 'procedure' | 'allergy' | 'encounter';
  concept: unknown;
  conceptField: string;
  prefer: string[];
  status?: unknown;
  startPaths: string[];
  endPaths: string[];
  performer?: string;
  dosage?: string;
  note?: string;
}

/**
 * Condition, MedicationRequest (and MedicationStatement), Immunization, Procedure,
 * AllergyIntolerance, Encounter → `health.event`. Times that are dates stay dates.
 * `names` resolves references inside the bundle (urn:uuid or Type/id) to a resource's
 * words: a Medication's code, a Practitioner's name.
 * `medications` resolves medicationReference to the Medication's code.
 */
export function clinicalEventOf(
  res: Json,
  timeZone: string,
  names: Map<string, string>,
  medications: Map<string, unknown>,
  fallback: FhirTime | undefined,
): Event {
  const type = str(res.resourceType)!;
  const shape = shapeOf(type, res, names, medications);
  const { main, all } = mainCoding(shape.concept, shape.prefer, `${type}.${shape.conceptField}`);
  const start = firstTime(res, shape.startPaths, timeZone);
  const end = firstTime(res, shape.endPaths, timeZone);
  const at = start ?? fallback;
  if (!at) throw new FhirValueError(`${type} has no date (${shape.startPaths.join(', ')}) and the bundle has no timestamp`);
  const data: Json = { kind: shape.kind, code: main, codes: all.length > 0 ? all : [main] };
  const status = typeof shape.status === 'string' ? shape.status : conceptText(shape.status);
  if (status) data.status = status;
  if (start) data.start = start.field;
  if (end) data.end = end.field;
  if (shape.performer) data.performer = shape.performer;
  if (shape.dosage) data.dosage = shape.dosage;
  if (shape.note) data.note = shape.note;
  const rec: Event = { type: 'health.event', occurredAt: at.instant, data };
  if (at.offset) rec.occurredOffset = at.offset;
  return rec;
}

function notes(res: Json): string | undefined {
  const t = arr(res.note).map((n) => str(obj(n)?.text)).filter((x): x is string => !!x);
  return t.length ? t.join('\n') : undefined;
}

function shapeOf(type: string, r: Json, names: Map<string, string>, medications: Map<string, unknown>): Shape {
  const performer = (p: unknown) => referenceText(obj(p)?.actor ?? p, names);
  switch (type) {
    case 'Condition':
      return {
        kind: 'condition',
        concept: r.code,
        conceptField: 'code',
        prefer: [SNOMED, 'http://hl7.org/fhir/sid/icd-10', 'http://hl7.org/fhir/sid/icd-10-cm'],
        status: r.clinicalStatus,
        startPaths: ['onsetDateTime', 'onsetPeriod.start', 'recordedDate'],
        endPaths: ['abatementDateTime', 'abatementPeriod.end', 'onsetPeriod.end'],
        performer: referenceText(r.asserter, names) ?? referenceText(r.recorder, names),
        note: notes(r),
      };
    case 'MedicationRequest':
    case 'MedicationStatement': {
      const ref = str(obj(r.medicationReference)?.reference);
      const concept = r.medicationCodeableConcept ?? (ref ? medications.get(ref) : undefined);
      if (!concept && ref) throw new FhirValueError(`medicationReference ${ref} does not point to a Medication in this bundle`);
      const dosage = arr(r.dosageInstruction ?? r.dosage)
        .map((d) => str(obj(d)?.text))
        .filter((x): x is string => !!x)
        .join('; ');
      return {
        kind: 'medication',
        concept,
        conceptField: 'medicationCodeableConcept',
        prefer: [RXNORM, ATC, 'http://snomed.info/sct'],
        status: r.status,
        startPaths: ['authoredOn', 'effectiveDateTime', 'effectivePeriod.start', 'dateAsserted'],
        endPaths: ['effectivePeriod.end'],
        performer: referenceText(r.requester, names) ?? referenceText(r.informationSource, names),
        dosage: dosage || undefined,
        note: notes(r),
      };
    }
    case 'Immunization':
      return {
        kind: 'immunization',
        concept: r.vaccineCode,
        conceptField: 'vaccineCode',
        prefer: [CVX, SNOMED, ATC],
        status: r.status,
        startPaths: ['occurrenceDateTime', 'recorded'],
        endPaths: [],
        performer: arr(r.performer).map(performer).find((x) => x),
        note: [str(r.lotNumber) ? `lot ${str(r.lotNumber)}` : undefined, notes(r)].filter((x) => x).join('\n') || undefined,
      };
    case 'Procedure':
      return {
        kind: 'procedure',
        concept: r.code,
        conceptField: 'code',
        prefer: [SNOMED],
        status: r.status,
        startPaths: ['performedDateTime', 'performedPeriod.start'],
        endPaths: ['performedPeriod.end'],
        performer: arr(r.performer).map(performer).find((x) => x),
        note: notes(r),
      };
    case 'AllergyIntolerance': {
      const reactions = arr(r.reaction).flatMap((x) => arr(obj(x)?.manifestation).map((m) => conceptText(m)));
      const words = [str(r.criticality) ? `criticality: ${str(r.criticality)}` : undefined, reactions.length ? `reaction: ${reactions.join(', ')}` : undefined, notes(r)];
      return {
        kind: 'allergy',
        concept: r.code,
        conceptField: 'code',
        prefer: [SNOMED],
        status: r.clinicalStatus,
        startPaths: ['onsetDateTime', 'onsetPeriod.start', 'recordedDate'],
        endPaths: ['lastOccurrence'],
        performer: referenceText(r.recorder, names) ?? referenceText(r.asserter, names),
        note: words.filter((x) => x).join('\n') || undefined,
      };
    }
    case 'Encounter':
      return {
        kind: 'encounter',
        concept: arr(r.type)[0] ?? (obj(r.class) ? { coding: [r.class] } : undefined),
        conceptField: 'type',
        prefer: [SNOMED],
        status: r.status,
        startPaths: ['period.start'],
        endPaths: ['period.end'],
        performer: arr(r.participant).map((p) => referenceText(obj(p)?.individual, names)).find((x) => x) ?? referenceText(r.serviceProvider, names),
      };
    default:
      throw new FhirValueError(`${type} is not a clinical event`);
  }
}

export const CLINICAL_TYPES = new Set(['Condition', 'MedicationRequest', 'MedicationStatement', 'Immunization', 'Procedure', 'AllergyIntolerance', 'Encounter']);
export type { Coding };
