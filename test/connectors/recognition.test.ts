import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { connectors, recognize } from '../../src/connectors/registry.ts';
import { fileInput } from '../../src/connectors/util/input.ts';

/**
 * Every connector recognises its own samples, and no one else's: each file under
 * test/fixtures/<connector id>/ (but bad/) must be recognised by that connector, with a
 * confidence no other connector reaches. A connector without samples is a defect too.
 */
const GENERIC = 'generic';
const root = new URL('../fixtures/', import.meta.url).pathname;
const dirs = readdirSync(root).filter((d) => statSync(join(root, d)).isDirectory());

describe('connector recognition', () => {
  it('has sample files for every connector', () => {
    for (const c of connectors) expect(dirs, `test/fixtures/${c.id}/`).toContain(c.id);
  });

  for (const dir of dirs) {
    const files = readdirSync(join(root, dir)).filter((f) => statSync(join(root, dir, f)).isFile() && !f.endsWith('.zip'));
    describe(dir, () => {
      it.each(files)('%s', async (file) => {
        const input = await fileInput(join(root, dir, file), file);
        const r = recognize(input);
        const own = r.tried.find((t) => t.id === dir);
        expect(own, `a connector with id ${dir}`).toBeDefined();
        if (dir === GENERIC) {
          // The generic importer is chosen with --format generic; no specific connector may claim these.
          expect(r.connector === null || r.connector.id === GENERIC, `claimed by ${r.connector?.id}`).toBe(true);
          return;
        }
        expect(r.connector?.id, `recognised as ${r.tried[0]?.id} (${r.tried[0]?.reason})`).toBe(dir);
        for (const other of r.tried.filter((t) => t.id !== dir)) expect(other.confidence, `${other.id} also claims it: ${other.reason}`).toBeLessThan(own!.confidence);
      });
    });
  }
});
