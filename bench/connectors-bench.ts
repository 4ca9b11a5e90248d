import { join } from 'node:path';
import { appleHealthConnector } from '../src/connectors/apple-health/apple-health-connector.ts';
import { fileInput } from '../src/connectors/util/input.ts';
import { importFiles } from '../src/vault/file-import.ts';
import { Vault } from '../src/vault/vault.ts';
import { PeakRss, fmt, ratio, scratch, timed } from './bench-util.ts';
import { generateAppleHealthExport } from './gen-apple-health.ts';
import { writeLargeEnedis, writeLargeOfx } from './gen-files.ts';
import { bareInsert } from './import-bench.ts';

/**
 * Connector benchmarks (issue 3): a large OFX statement and a large Enedis load curve
 * imported end to end (`importFiles`: recognise, parse, validate, dedup, store encrypted),
 * as records/s and as a ratio to the bare encrypted insert of as many rows in the same
 * run; and an Apple Health export.xml of `healthBytes` read through its connector, with
 * peak RSS (memory must stay flat in file size).
 */
export async function runConnectorsBench(opts: { ofxRecords: number; enedisRecords: number; healthBytes: number }): Promise<Record<string, unknown>> {
  const { dir, done } = await scratch();
  const out: Record<string, unknown> = {};
  try {
    const files = [
      { name: 'ofx', path: join(dir, 'releve.ofx'), n: opts.ofxRecords, write: writeLargeOfx },
      { name: 'enedis', path: join(dir, 'courbe.csv'), n: opts.enedisRecords, write: writeLargeEnedis },
    ];
    for (const f of files) {
      const bytes = await f.write(f.path, f.n);
      const bare = bareInsert(join(dir, `bare-${f.name}.db`), f.n, 'chacha20');
      const vault = await Vault.create({ path: join(dir, `${f.name}.mesinfos`), passphrase: 'bench passphrase for the vault' });
      const peak = new PeakRss();
      const first = await timed(() => importFiles(vault, [f.path], { onProgress: () => peak.sample() }));
      const again = await timed(() => importFiles(vault, [f.path], { onProgress: () => peak.sample() }));
      await vault.close();
      const s = first.value[0]!.summary;
      if (!s) throw new Error(`${f.name}: ${JSON.stringify(first.value[0]!.error)}`);
      const records = s.counts.received;
      const rate = records / first.seconds;
      const r = {
        fileMiB: Math.round(bytes / 1048576),
        records,
        importPerSecond: Math.round(rate),
        reimportPerSecond: Math.round(records / again.seconds),
        reimportNew: again.value[0]!.summary?.counts.inserted,
        bareEncryptedPerSecond: Math.round(bare),
        ratioToBareEncrypted: ratio(rate, bare),
        peakRssMiB: peak.mib,
      };
      out[f.name] = r;
      console.log(`  ${f.name.padEnd(7)} ${r.fileMiB} MiB, ${fmt(records)} records: ${fmt(rate)} records/s, ${r.ratioToBareEncrypted} × bare encrypted insert (${fmt(bare)} rows/s); re-import ${fmt(r.reimportPerSecond)}/s with ${r.reimportNew} new; peak RSS ${r.peakRssMiB} MiB`);
    }
    const health = join(dir, 'export.xml');
    const gen = await generateAppleHealthExport(health, opts.healthBytes);
    const input = await fileInput(health);
    const peak = new PeakRss();
    let count = 0;
    const read = await timed(async () => {
      const ctx = { options: {}, warn: () => undefined, putBlob: () => Promise.reject(new Error('no blobs')) };
      for await (const _ of appleHealthConnector.read(input, ctx)) if (++count % 10_000 === 0) peak.sample();
    });
    const expected = gen.expected['health.measure'] + gen.expected.track + gen.expected['identity.attribute'];
    out.appleHealth = {
      fileMiB: Math.round(gen.bytes / 1048576),
      records: count,
      expectedRecords: expected,
      readMiBPerSecond: Math.round(gen.bytes / 1048576 / read.seconds),
      recordsPerSecond: Math.round(count / read.seconds),
      peakRssMiB: peak.mib,
    };
    console.log(`  apple-health ${Math.round(gen.bytes / 1048576)} MiB read through its connector: ${fmt(count)} records (expected ${fmt(expected)}), ${fmt(count / read.seconds)} records/s, peak RSS ${peak.mib} MiB`);
    return out;
  } finally {
    await done();
  }
}
