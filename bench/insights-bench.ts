import { join } from 'node:path';
import type { AnyOperation } from '../src/operations/operation.ts';
import { demoGenerate } from '../src/operations/demo-operations.ts';
import { closeServices, createServices, operations } from '../src/operations/table.ts';
import { SqliteRecordStore } from '../src/store/sqlite/sqlite-record-store.ts';
import { Vault } from '../src/vault/vault.ts';
import { scratch, timed } from './bench-util.ts';

/**
 * Insights on the ten-year demo person (issue 6): every `insights.*` operation of the
 * table, run through its handler as the CLI and the API run it, timed cold (a commit
 * before each run invalidates any cache keyed on the store's data version) and warm
 * (again, unchanged), median of `runs`, next to a bare scan that reads every live record's
 * data once (without decoding it) in the same run. The ratio says how many bare scans one
 * insight costs. (A bare `SELECT count(*)` is no baseline: SQLite answers it by counting
 * the cells of an index's pages, without reading a record, about 1,000× cheaper than the scan.)
 */

/** Inputs for operations that need more than their defaults: the demo person's last full month and year. */
const SAMPLE_INPUT: Record<string, Record<string, unknown>> = {
  month: { month: '2026-09' },
  range: { from: '2025-10-01', to: '2026-10-01' },
};

function inputFor(op: AnyOperation): unknown {
  for (const candidate of [{}, SAMPLE_INPUT.range, SAMPLE_INPUT.month]) {
    const r = op.input.safeParse(candidate);
    if (r.success) return r.data;
  }
  throw new Error(`${op.name}: no sample input fits its schema`);
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

export async function runInsightsBench(opts: { years: number; runs: number }): Promise<Record<string, unknown>> {
  const { dir, done } = await scratch();
  try {
    const vault = await Vault.create({ path: join(dir, 'demo.mesinfos'), passphrase: 'bench passphrase for the vault' });
    const services = await createServices(vault);
    const ctx = { vault, principal: { kind: 'owner' as const }, services };
    const gen = await timed(() => demoGenerate.handler(ctx, { years: opts.years, seed: 42 }));
    const records = gen.value.summary.counts.inserted;
    console.log(`  demo person: ${records.toLocaleString('en-US')} records over ${opts.years} years, generated and imported in ${gen.seconds.toFixed(1)} s`);

    const reader = (vault.store as SqliteRecordStore).reader;
    const scanStmt = reader.prepare('SELECT sum(length(data)) AS n FROM records WHERE deleted_at IS NULL');
    const bareTimes: number[] = [];
    for (let i = 0; i < Math.max(opts.runs, 5); i++) bareTimes.push((await timed(() => scanStmt.get())).seconds * 1000);
    const bareMs = median(bareTimes);
    console.log(`  bare scan of every record's data: ${bareMs.toFixed(2)} ms`);

    const out: Record<string, unknown> = { records, bareScanMs: round(bareMs), insights: {} as Record<string, unknown> };
    const insights = operations.filter((o) => o.name.startsWith('insights.'));
    let bump = 0;
    for (const op of insights) {
      const input = inputFor(op);
      const cold: number[] = [];
      const warm: number[] = [];
      for (let i = 0; i < opts.runs; i++) {
        await vault.store.setMeta('bench.bump', String(bump++));
        cold.push((await timed(() => op.handler(ctx, input))).seconds * 1000);
        warm.push((await timed(() => op.handler(ctx, input))).seconds * 1000);
      }
      const r = { coldMs: round(median(cold)), warmMs: round(median(warm)), coldRatioToBareScan: round(median(cold) / bareMs), input };
      (out.insights as Record<string, unknown>)[op.name] = r;
      console.log(`  ${op.name.padEnd(22)} cold ${r.coldMs.toFixed(1).padStart(8)} ms (${r.coldRatioToBareScan.toFixed(1)} × bare scan), warm ${r.warmMs.toFixed(2)} ms`);
    }
    await closeServices(services);
    await vault.close();
    return out;
  } finally {
    await done();
  }
}

const round = (x: number) => Math.round(x * 100) / 100;
