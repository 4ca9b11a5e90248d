import { describe, expect, it } from 'vitest';
import { operations } from '../../src/operations/table.ts';
import { httpOperations, operationMethod } from '../../src/http/operation-routes.ts';
import { OPERATION_METHODS } from '../../web/src/api/operations.ts';
import { en } from '../../web/src/i18n/en.ts';
import { fr } from '../../web/src/i18n/fr.ts';

describe('the web client against the table of operations', () => {
  it('calls only operations the server offers over HTTP, with their method', () => {
    const offered = new Map(httpOperations(operations).map((op) => [op.name, operationMethod(op)]));
    const wrong = Object.entries(OPERATION_METHODS).filter(([name, method]) => offered.get(name) !== method).map(([name, method]) => `${name}: client ${method}, server ${offered.get(name) ?? 'not offered over HTTP'}`);
    expect(wrong).toEqual([]);
  });
});

describe('the UI texts', () => {
  const leaves = (o: object, prefix = ''): [string, string][] =>
    Object.entries(o).flatMap(([k, v]): [string, string][] => (typeof v === 'string' ? [[`${prefix}${k}`, v]] : leaves(v as object, `${prefix}${k}.`)));

  it('are complete in French and English, with the same placeholders', () => {
    const french = new Map(leaves(fr));
    const placeholders = (s: string) => [...s.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();
    const faults = leaves(en).flatMap(([key, text]) => {
      const f = french.get(key);
      if (f === undefined || f.trim() === '') return [`${key}: missing in French`];
      return JSON.stringify(placeholders(f)) === JSON.stringify(placeholders(text)) ? [] : [`${key}: placeholders differ`];
    });
    expect(faults).toEqual([]);
    expect(french.size).toBe(leaves(en).length);
  });
});
