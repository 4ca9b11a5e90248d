import { runConnectorsBench } from './connectors-bench.ts';
import { runImportBench } from './import-bench.ts';
import { runInsightsBench } from './insights-bench.ts';
import { appClient, personClient, runHttpBench } from './http-bench.ts';
import { saveResult } from './bench-util.ts';

/**
 * `npm run bench`: every benchmark, printed as figures and ratios against a baseline run
 * in the same process, and written to bench/results/*.json. `BENCH_SCALE` (default 1)
 * scales the record counts down for a quick look (e.g. BENCH_SCALE=0.1).
 */
const scale = Number(process.env.BENCH_SCALE ?? '1');
const only = process.argv.slice(2);
const want = (name: string) => only.length === 0 || only.includes(name);

const meta = { node: process.version, platform: `${process.platform}-${process.arch}`, at: new Date().toISOString(), scale };

if (want('import')) {
  console.log(`Import: ${Math.round(1_000_000 * scale).toLocaleString('en-US')} bank transactions`);
  const r = await runImportBench(Math.round(1_000_000 * scale));
  console.log(`  → ${await saveResult('import', { ...meta, ...r })}`);
}

if (want('connectors')) {
  const opts = { ofxRecords: Math.round(300_000 * scale), enedisRecords: Math.round(500_000 * scale), healthBytes: Math.round(1024 ** 3 * scale) };
  console.log(`Connectors: OFX ${opts.ofxRecords.toLocaleString('en-US')} transactions, Enedis ${opts.enedisRecords.toLocaleString('en-US')} points, Apple Health ${Math.round(opts.healthBytes / 1048576)} MiB`);
  const r = await runConnectorsBench(opts);
  console.log(`  → ${await saveResult('connectors', { ...meta, ...r })}`);
}

if (want('insights')) {
  const years = Math.max(1, Math.round(10 * scale));
  console.log(`Insights: the demo person over ${years} years, median of 3 runs`);
  const r = await runInsightsBench({ years, runs: 3 });
  console.log(`  → ${await saveResult('insights', { ...meta, ...r })}`);
}

if (want('http')) {
  console.log('HTTP: record reads by id at 10 connections, the demo person over 1 year');
  const seconds = Math.max(2, Math.round(10 * scale));
  const app = await runHttpBench({ years: 1, seconds, authorise: appClient });
  const person = process.env.BENCH_HTTP_APP_ONLY ? null : await runHttpBench({ years: 1, seconds, authorise: personClient });
  console.log(`  → ${await saveResult('http', { ...meta, app, person })}`);
}
