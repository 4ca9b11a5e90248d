import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { entryCanonicalJson, hashedMembers } from './access-log-entry.ts';
import { canonicalJson } from './canonical-json.ts';

describe('canonicalJson', () => {
  it('sorts keys at every depth, drops undefined members, keeps arrays in order', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { z: null, y: 'é' }], c: undefined }, '': true })).toBe('{"":true,"a":{"d":[3,{"y":"é","z":null}]},"b":1}');
  });

  it('gives the same text whatever order the keys were built in', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.oneof(fc.integer(), fc.string(), fc.boolean(), fc.constant(null))), (o) => {
        const reversed = Object.fromEntries(Object.entries(o).reverse());
        expect(canonicalJson(reversed)).toBe(canonicalJson(o));
        expect(JSON.parse(canonicalJson(o))).toEqual(o);
      }),
    );
  });

  it('refuses what JSON cannot hold exactly', () => {
    expect(() => canonicalJson(Number.NaN)).toThrow(TypeError);
    expect(() => canonicalJson({ f: () => 1 })).toThrow(TypeError);
  });

  it('the access log’s hand-written serialisation is the canonical one', () => {
    fc.assert(
      fc.property(
        fc.record({
          seq: fc.integer({ min: 1 }),
          at: fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
          principalKind: fc.constantFrom('app' as const, 'organisation' as const),
          clientId: fc.string({ minLength: 1 }),
          grantId: fc.option(fc.uuid(), { nil: null }),
          operation: fc.string({ minLength: 1 }),
          action: fc.constantFrom('read' as const, 'write' as const),
          types: fc.array(fc.string()),
          recordCount: fc.nat(),
          outcome: fc.constantFrom('allowed' as const, 'denied' as const),
          reason: fc.constantFrom(null, 'NO_GRANT' as const, 'GRANT_EXPIRED' as const),
          prevHash: fc.stringMatching(/^[0-9a-f]{64}$/),
        }),
        (e) => {
          const entry = e as Parameters<typeof entryCanonicalJson>[0];
          expect(entryCanonicalJson(entry)).toBe(canonicalJson(hashedMembers(entry)));
        },
      ),
    );
  });
});
