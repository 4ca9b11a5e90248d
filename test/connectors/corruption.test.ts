import fc from 'fast-check';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bytesInput } from '../../src/connectors/util/input.ts';
import { importInput } from '../../src/vault/file-import.ts';
import { tempVault } from '../support/temp-vault.ts';

/**
 * Random corruption of every sample — bytes flipped, the file cut short, garbage spliced
 * in — never crashes the process (an unexpected exception surfaces as an INTERNAL error)
 * and never writes a partial import: either the file imports whole or the vault is as it
 * was.
 */
const root = new URL('../fixtures/', import.meta.url).pathname;
const samples: { dir: string; file: string; bytes: Uint8Array }[] = [];
for (const dir of readdirSync(root)) {
  if (!statSync(join(root, dir)).isDirectory()) continue;
  for (const file of readdirSync(join(root, dir))) {
    const p = join(root, dir, file);
    if (statSync(p).isFile() && statSync(p).size < 256 * 1024) samples.push({ dir, file, bytes: new Uint8Array(readFileSync(p)) });
  }
}

const corruption = (size: number) =>
  fc.oneof(
    fc.record({ kind: fc.constant('truncate' as const), at: fc.nat({ max: Math.max(0, size - 1) }) }),
    fc.record({ kind: fc.constant('flip' as const), at: fc.array(fc.nat({ max: Math.max(0, size - 1) }), { minLength: 1, maxLength: 8 }), byte: fc.integer({ min: 0, max: 255 }) }),
    fc.record({ kind: fc.constant('splice' as const), at: fc.nat({ max: size }), junk: fc.uint8Array({ minLength: 1, maxLength: 64 }) }),
  );

type Corruption = { kind: 'truncate'; at: number } | { kind: 'flip'; at: number[]; byte: number } | { kind: 'splice'; at: number; junk: Uint8Array };

function corrupt(bytes: Uint8Array, c: Corruption): Uint8Array {
  if (c.kind === 'truncate') return bytes.slice(0, c.at);
  if (c.kind === 'flip') {
    const out = bytes.slice();
    for (const i of c.at) if (i < out.length) out[i] = c.byte;
    return out;
  }
  const out = new Uint8Array(bytes.length + c.junk.length);
  out.set(bytes.subarray(0, c.at));
  out.set(c.junk, c.at);
  out.set(bytes.subarray(c.at), c.at + c.junk.length);
  return out;
}

describe('corrupted samples', () => {
  let t: Awaited<ReturnType<typeof tempVault>>;
  beforeAll(async () => {
    t = await tempVault();
  });
  afterAll(async () => t.cleanup());

  it.each(samples.map((s) => [`${s.dir}/${s.file}`, s] as const))('%s', async (_name, s) => {
    await fc.assert(
      fc.asyncProperty(corruption(s.bytes.length), async (c) => {
        const bytes = corrupt(s.bytes, c);
        const before = await t.vault.store.count();
        const reports = await importInput(t.vault, bytesInput(s.file, bytes, 4096), null, {}, 0);
        for (const r of reports) expect(r.error?.code, `${r.file}: ${r.error?.message}`).not.toBe('INTERNAL');
        // The vault grows by exactly what the imported files added: a refused file leaves nothing.
        const added = reports.reduce((n, r) => n + (r.status === 'imported' ? (r.summary?.counts.inserted ?? 0) : 0), 0);
        expect(await t.vault.store.count()).toBe(before + added);
      }),
      { numRuns: 12, seed: 20261130 },
    );
  });
});
