import { describe, it, expect } from 'vitest';
import { readdir } from 'node:fs/promises';
import { connectorById, recognize } from '../registry.ts';
import { fixture } from '../../../test/connectors/read-all.ts';

describe('choosing by id and recognition of these fixtures among all connectors', () => {
  it('forces the generic connector by id; recognition alone never picks it', async () => {
    const input = await fixture('generic', 'balance-latin1.csv');
    expect(recognize(input).connector).toBeNull();
    expect(recognize(input).tried.find((t) => t.id === 'generic')!.confidence).toBe(0.2);
    expect(connectorById('generic')!.recognize(input).confidence).toBe(0.2);
    expect(connectorById('nope')).toBeUndefined();
  });

  for (const id of ['gpx', 'google-location', 'apple-health', 'fhir', 'generic']) {
    it(`every fixture of ${id} is best recognised by ${id}`, async () => {
      const files = (await readdir(new URL(`../../../test/fixtures/${id}/`, import.meta.url), { withFileTypes: true })).filter((f) => f.isFile());
      expect(files.length).toBeGreaterThan(2);
      for (const f of files) {
        const { tried } = recognize(await fixture(id, f.name));
        expect(tried[0]!.id, `${id}/${f.name}: ${JSON.stringify(tried.slice(0, 3))}`).toBe(id);
        expect(tried[1]!.confidence, f.name).toBeLessThan(tried[0]!.confidence);
      }
    });
  }
});
