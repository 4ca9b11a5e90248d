/**
 * HealthKit identifiers → MesInfos measure kinds, UCUM units and track modes.
 * HealthKit names types `HKQuantityTypeIdentifierStepCount`, `HKCategoryTypeIdentifierSleepAnalysis`,
 * `HKCorrelationTypeIdentifierBloodPressure`; the kind is the rest in snake_case
 * (`heart_rate`, `body_mass`), with a few short names charts expect.
 */
export const HEALTHKIT_SYSTEM = 'http://developer.apple.com/documentation/healthkit';

const SHORT: Record<string, string> = {
  StepCount: 'steps',
  ActiveEnergyBurned: 'active_energy',
  BasalEnergyBurned: 'basal_energy',
  SleepAnalysis: 'sleep',
  BloodPressure: 'blood_pressure',
  BodyMassIndex: 'bmi',
  HeartRateVariabilitySDNN: 'hrv_sdnn',
  VO2Max: 'vo2max',
  MindfulSession: 'mindful',
};

const kindMemo = new Map<string, string>();
export function kindOf(type: string): string {
  let k = kindMemo.get(type);
  if (k === undefined) {
    k = computeKind(type);
    if (kindMemo.size < 10_000) kindMemo.set(type, k);
  }
  return k;
}

function computeKind(type: string): string {
  const rest = type.replace(/^HK(?:Quantity|Category|Correlation|DataType)TypeIdentifier/, '');
  return (
    SHORT[rest] ??
    rest
      .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
      .replace(/([A-Z]+)([A-Z][a-z])/g, '$1_$2')
      .toLowerCase()
  );
}

const UNITS: Record<string, string> = {
  'count/min': '/min',
  mmHg: 'mm[Hg]',
  degC: 'Cel',
  degF: '[degF]',
  hr: 'h',
  lb: '[lb_av]',
  mi: '[mi_i]',
  ft: '[ft_i]',
  in: '[in_i]',
  'mL/min·kg': 'mL/min/kg',
  'mg/dL': 'mg/dL',
};

/** Apple's unit string → UCUM where they differ ("count/min" → "/min", "mmHg" → "mm[Hg]"). */
export function ucumOf(unit: string): string {
  return UNITS[unit] ?? unit;
}

const MODES: Record<string, string> = {
  Running: 'running',
  Walking: 'walking',
  Hiking: 'walking',
  Cycling: 'cycling',
  HandCycling: 'cycling',
  Rowing: 'boat',
  Sailing: 'boat',
  PaddleSports: 'boat',
  WheelchairWalkPace: 'other',
};

/** HKWorkoutActivityTypeRunning → running; anything not a way of moving → other. */
export function workoutModeOf(activityType: string): string {
  return MODES[activityType.replace(/^HKWorkoutActivityType/, '')] ?? 'other';
}

/** A distance in HealthKit's unit to metres, or undefined for an unknown unit. */
export function toMetres(value: number, unit: string): number | undefined {
  const f: Record<string, number> = { m: 1, km: 1000, mi: 1609.344, ft: 0.3048, yd: 0.9144, cm: 0.01 };
  const k = f[unit];
  return k === undefined ? undefined : Math.round(value * k * 10) / 10;
}

/** The device name out of HealthKit's device description ("<<HKDevice…>, name:Apple Watch, …>"). */
const deviceMemo = new Map<string, string | undefined>();
export function deviceNameOf(device: string | undefined): string | undefined {
  if (!device) return undefined;
  if (deviceMemo.has(device)) return deviceMemo.get(device);
  const m = /\bname:([^,>]+)/.exec(device);
  const name = m ? m[1]!.trim() : undefined;
  if (deviceMemo.size < 10_000) deviceMemo.set(device, name);
  return name;
}
