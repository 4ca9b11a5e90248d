import { createWriteStream } from 'node:fs';
import { once } from 'node:events';

/**
 * Writes a synthetic Apple Health `export.xml` of about `targetBytes` bytes to `path`,
 * streaming (memory flat whatever the size), for the import benchmark (1 GB) and tests
 * (a few KB). The shape is the real one: the inline DTD, ExportDate, Me, then Records
 * (steps from an iPhone and a Watch overlapping, heart rate with metadata children, body
 * mass, sleep), blood-pressure Correlations with their top-level copies, and Workouts.
 *
 * Returns how many records the apple-health connector should yield, by record type.
 * Example: await generateAppleHealthExport('/tmp/export.xml', 1024 ** 3)
 */
export interface GeneratedExport {
  bytes: number;
  /** Records the connector yields: measures, workouts (tracks), identity attributes. */
  expected: { 'health.measure': number; track: number; 'identity.attribute': number };
}

const HEAD = `<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE HealthData [
<!-- HealthKit Export Version: 13 -->
<!ELEMENT HealthData (ExportDate,Me,(Record|Correlation|Workout|ActivitySummary|ClinicalRecord|Audiogram)*)>
<!ATTLIST HealthData
  locale CDATA #REQUIRED
>
<!ELEMENT ExportDate EMPTY>
<!ATTLIST ExportDate
  value CDATA #REQUIRED
>
<!ELEMENT Record ((MetadataEntry|HeartRateVariabilityMetadataList)*)>
<!ATTLIST Record
  type          CDATA #REQUIRED
  unit          CDATA #IMPLIED
  value         CDATA #IMPLIED
  sourceName    CDATA #REQUIRED
  sourceVersion CDATA #IMPLIED
  device        CDATA #IMPLIED
  creationDate  CDATA #IMPLIED
  startDate     CDATA #REQUIRED
  endDate       CDATA #REQUIRED
>
<!ELEMENT Correlation ((MetadataEntry|Record)*)>
<!ELEMENT Workout ((MetadataEntry|WorkoutEvent|WorkoutRoute|WorkoutStatistics)*)>
]>
<HealthData locale="fr_FR">
 <ExportDate value="2024-06-01 10:00:00 +0200"/>
 <Me HKCharacteristicTypeIdentifierDateOfBirth="1985-04-12" HKCharacteristicTypeIdentifierBiologicalSex="HKBiologicalSexFemale" HKCharacteristicTypeIdentifierBloodType="HKBloodTypeNotSet" HKCharacteristicTypeIdentifierFitzpatrickSkinType="HKFitzpatrickSkinTypeNotSet" HKCharacteristicTypeIdentifierCardioFitnessMedicationsUse="None"/>
`;
const TAIL = '</HealthData>\n';
const PHONE = '&lt;&lt;HKDevice: 0x2817c5e00&gt;, name:iPhone, manufacturer:Apple Inc., model:iPhone, hardware:iPhone14,5, software:17.4&gt;';
const WATCH = '&lt;&lt;HKDevice: 0x2817c6f80&gt;, name:Apple Watch, manufacturer:Apple Inc., model:Watch, hardware:Watch6,2, software:10.4&gt;';

function stamp(ms: number): string {
  // Local time in France, winter offset, as HealthKit writes it.
  const d = new Date(ms + 3600_000);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getUTCFullYear()}-${p(d.getUTCMonth() + 1)}-${p(d.getUTCDate())} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())} +0100`;
}

/** One block of records for minute `i`, and the records the connector makes of it. */
function block(i: number): { xml: string; measures: number; tracks: number } {
  const t0 = Date.UTC(2020, 0, 1) + i * 60_000;
  const s = stamp(t0);
  const e = stamp(t0 + 60_000);
  const c = stamp(t0 + 90_000);
  let xml =
    ` <Record type="HKQuantityTypeIdentifierStepCount" sourceName="iPhone de Camille" sourceVersion="17.4" device="${PHONE}" unit="count" creationDate="${c}" startDate="${s}" endDate="${e}" value="${(i * 7) % 120}"/>\n` +
    ` <Record type="HKQuantityTypeIdentifierStepCount" sourceName="Apple Watch de Camille" sourceVersion="10.4" device="${WATCH}" unit="count" creationDate="${c}" startDate="${s}" endDate="${e}" value="${(i * 7) % 118}"/>\n` +
    ` <Record type="HKQuantityTypeIdentifierHeartRate" sourceName="Apple Watch de Camille" sourceVersion="10.4" device="${WATCH}" unit="count/min" creationDate="${c}" startDate="${s}" endDate="${s}" value="${60 + (i % 40)}">\n` +
    `  <MetadataEntry key="HKMetadataKeyHeartRateMotionContext" value="0"/>\n </Record>\n`;
  let measures = 3;
  let tracks = 0;
  if (i % 10 === 0) {
    xml += ` <Record type="HKCategoryTypeIdentifierSleepAnalysis" sourceName="Apple Watch de Camille" sourceVersion="10.4" creationDate="${c}" startDate="${s}" endDate="${e}" value="HKCategoryValueSleepAnalysisAsleepCore"/>\n`;
    measures++;
  }
  if (i % 50 === 0) {
    const sys = ` <Record type="HKQuantityTypeIdentifierBloodPressureSystolic" sourceName="Withings" sourceVersion="6.2" unit="mmHg" creationDate="${c}" startDate="${s}" endDate="${s}" value="${110 + (i % 30)}"/>\n`;
    const dia = ` <Record type="HKQuantityTypeIdentifierBloodPressureDiastolic" sourceName="Withings" sourceVersion="6.2" unit="mmHg" creationDate="${c}" startDate="${s}" endDate="${s}" value="${70 + (i % 20)}"/>\n`;
    xml += sys + dia;
    xml += ` <Correlation type="HKCorrelationTypeIdentifierBloodPressure" sourceName="Withings" sourceVersion="6.2" creationDate="${c}" startDate="${s}" endDate="${s}">\n `;
    xml += sys.replace(/^ /, '  ') + ' ' + dia.replace(/^ /, '  ') + ' </Correlation>\n';
    measures++;
  }
  if (i % 200 === 0) {
    xml +=
      ` <Workout workoutActivityType="HKWorkoutActivityTypeRunning" duration="30" durationUnit="min" sourceName="Apple Watch de Camille" sourceVersion="10.4" device="${WATCH}" creationDate="${c}" startDate="${s}" endDate="${stamp(t0 + 1800_000)}">\n` +
      `  <WorkoutStatistics type="HKQuantityTypeIdentifierDistanceWalkingRunning" startDate="${s}" endDate="${stamp(t0 + 1800_000)}" sum="5.1" unit="km"/>\n` +
      ` </Workout>\n`;
    tracks++;
  }
  return { xml, measures, tracks };
}

export async function generateAppleHealthExport(path: string, targetBytes: number): Promise<GeneratedExport> {
  const out = createWriteStream(path);
  const expected = { 'health.measure': 0, track: 0, 'identity.attribute': 2 };
  let bytes = 0;
  const write = async (s: string) => {
    bytes += Buffer.byteLength(s);
    if (!out.write(s)) await once(out, 'drain');
  };
  await write(HEAD);
  for (let i = 0; bytes + TAIL.length < targetBytes; i++) {
    const b = block(i);
    expected['health.measure'] += b.measures;
    expected.track += b.tracks;
    await write(b.xml);
  }
  await write(TAIL);
  out.end();
  await once(out, 'finish');
  return { bytes, expected };
}
