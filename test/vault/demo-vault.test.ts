import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../support/run-cli.ts';
import { tempDir } from '../support/temp-vault.ts';

describe('a vault filled with the demo person', () => {
  let dir: string;
  let cleanup: () => Promise<void>;
  let vault: string;
  let demo: { person: string; summary: { counts: { inserted: number } }; inconsistencies: { source: string; attribute: string; believed: string }[] };
  beforeAll(async () => {
    ({ dir, cleanup } = await tempDir());
    vault = join(dir, 'demo.mesinfos');
    const r = await runCli(['--vault', vault, 'demo', '--years', '1', '--seed', '7', '--json']);
    expect(r.code, r.stderr).toBe(0);
    demo = JSON.parse(r.stdout) as typeof demo;
  });
  afterAll(async () => cleanup());

  it('holds none of the person’s plaintext in the vault file or beside it', async () => {
    const secrets = [demo.person, 'Camille', 'Martin', 'BOULANGERIE', 'CARREFOUR', 'rue de Marseille', 'org:banque-lumiere', '%PDF'];
    const files = await readdir(dir);
    expect(files).toContain('demo.mesinfos');
    for (const f of files) {
      const bytes = await readFile(join(dir, f));
      for (const s of secrets) expect(bytes.includes(Buffer.from(s)), `${s} in ${f}`).toBe(false);
    }
  });

  it('has the listed inconsistencies in what organisations believe, and is deterministic', async () => {
    expect(demo.inconsistencies.map((i) => i.attribute).sort()).toEqual(['email', 'phone', 'postal_address']);
    const attrs = JSON.parse((await runCli(['--vault', vault, 'records', '--type', 'identity.attribute', '--limit', '1000', '--json'])).stdout) as { source: string; data: { attribute: string; value: string } }[];
    for (const inc of demo.inconsistencies) expect(attrs.some((a) => a.source === inc.source && a.data.attribute === inc.attribute && a.data.value === inc.believed), `${inc.source} ${inc.attribute}`).toBe(true);
    // Same seed again: nothing new.
    const again = JSON.parse((await runCli(['--vault', vault, 'demo', '--years', '1', '--seed', '7', '--json'])).stdout) as typeof demo;
    expect(again.summary.counts.inserted).toBe(0);
  });

  it('answers searches and time ranges across its types', async () => {
    const stats = JSON.parse((await runCli(['--vault', vault, 'stats', '--json'])).stdout) as { total: number; byType: Record<string, number> };
    expect(stats.total).toBe(demo.summary.counts.inserted);
    expect(Object.keys(stats.byType).length).toBeGreaterThanOrEqual(13);
    const loyer = JSON.parse((await runCli(['--vault', vault, 'records', '--search', 'prlv regie', '--type', 'bank.transaction', '--json'])).stdout) as unknown[];
    expect(loyer.length).toBeGreaterThanOrEqual(11);
    const march = JSON.parse((await runCli(['--vault', vault, 'records', '--type', 'energy.reading', '--from', '2026-03-01', '--to', '2026-03-02', '--limit', '1000', '--json'])).stdout) as unknown[];
    expect(march).toHaveLength(48);
  });
});
