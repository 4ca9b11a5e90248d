import { MesInfosError } from '../domain/errors.ts';

/**
 * Applies `set` (dotted paths of data → values) to a copy of a record's data. A value
 * given as text is read as what the field held before: a number stays a number, a
 * boolean a boolean, an object or array is read as JSON. `null` removes the field.
 */
export function applyCorrection(data: Record<string, unknown>, set: Record<string, unknown>): Record<string, unknown> {
  const out = structuredClone(data);
  for (const [path, raw] of Object.entries(set)) {
    const keys = path.replace(/^data\./, '').split('.');
    if (keys.some((k) => k === '' || k === '__proto__' || k === 'constructor' || k === 'prototype'))
      throw new MesInfosError('CORRECTION_INVALID', `"${path}" is not a field path.`);
    let node: Record<string, unknown> = out;
    for (const k of keys.slice(0, -1)) {
      const next = node[k];
      if (next === undefined || next === null) node[k] = {};
      else if (typeof next !== 'object') throw new MesInfosError('CORRECTION_INVALID', `"${path}": ${k} is not an object.`);
      node = node[k] as Record<string, unknown>;
    }
    const last = keys[keys.length - 1]!;
    if (raw === null) delete node[last];
    else node[last] = coerce(raw, node[last], path);
  }
  return out;
}

function coerce(raw: unknown, previous: unknown, path: string): unknown {
  if (typeof raw !== 'string') return raw;
  if (typeof previous === 'number') {
    const n = Number(raw.replace(',', '.'));
    if (!Number.isFinite(n)) throw new MesInfosError('CORRECTION_INVALID', `"${path}" expects a number, got "${raw}".`);
    return n;
  }
  if (typeof previous === 'boolean') {
    if (raw === 'true' || raw === 'false') return raw === 'true';
    throw new MesInfosError('CORRECTION_INVALID', `"${path}" expects true or false, got "${raw}".`);
  }
  if (previous !== null && typeof previous === 'object') {
    try {
      return JSON.parse(raw) as unknown;
    } catch {
      throw new MesInfosError('CORRECTION_INVALID', `"${path}" expects JSON, got "${raw}".`);
    }
  }
  return raw;
}
