import { copyFile, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../support/run-cli.ts';
import { tempDir } from '../support/temp-vault.ts';

/**
 * The person drops a folder of downloads on MesInfos without saying what each file is:
 * the files are renamed here to bare numbers, so only their content can tell.
 */
const SAMPLES: [fixture: string, format: string, type: string][] = [
  ['ofx/sgml-102-latin1-crlf.ofx', 'ofx', 'bank.transaction'],
  ['ofx/ofx2-xml.ofx', 'ofx', 'bank.transaction'],
  ['ofx/qfx-one-line-utf8.qfx', 'ofx', 'bank.transaction'],
  ['qif/bank-ddmmyyyy-latin1-crlf.qif', 'qif', 'bank.transaction'],
  ['camt/camt053-v02-fr.xml', 'camt', 'bank.transaction'],
  ['camt/camt053-v08-two-statements-latin1.xml', 'camt', 'bank.transaction'],
  ['bank-csv/boursorama.csv', 'bank-csv', 'bank.transaction'],
  ['bank-csv/credit-agricole-debit-credit.csv', 'bank-csv', 'bank.transaction'],
  ['enedis/courbe-de-charge-octobre-dst.csv', 'enedis', 'energy.reading'],
  ['enedis/export-ancien-format.csv', 'enedis', 'energy.reading'],
  ['grdf/grdf-journalier.xlsx', 'grdf', 'energy.reading'],
  ['vcard/android-21-qp.vcf', 'vcard', 'contact'],
  ['vcard/google-40.vcf', 'vcard', 'contact'],
  ['ical/agenda-google.ics', 'ical', 'calendar.event'],
  ['gpx/garmin-run-1.1.gpx', 'gpx', 'track'],
  ['google-location/Records.json', 'google-location', 'location.point'],
  ['google-location/2024_JANUARY.json', 'google-location', 'place.visit'],
  ['google-location/Timeline.json', 'google-location', 'place.visit'],
  ['apple-health/export.xml', 'apple-health', 'health.measure'],
  ['fhir/synthea-transaction.json', 'fhir', 'health.measure'],
  ['mesinfos-jsonl/records.jsonl', 'mesinfos-jsonl', 'bank.transaction'],
];

interface Report {
  files: { file: string; status: string; format: string | null; summary?: { counts: { inserted: number; unchanged: number; updated: number }; byType: Record<string, number> } }[];
}

describe('importing a folder that mixes every format', () => {
  let dir: string;
  let cleanup: () => Promise<void>;
  let vault: string;
  let downloads: string;
  const cli = (...args: string[]) => runCli(['--vault', vault, ...args]);
  beforeAll(async () => {
    ({ dir, cleanup } = await tempDir());
    vault = join(dir, 'v.mesinfos');
    downloads = join(dir, 'Downloads');
    await mkdir(downloads);
    for (const [i, [f]] of SAMPLES.entries()) await copyFile(new URL(`../fixtures/${f}`, import.meta.url), join(downloads, `download-${String(i).padStart(2, '0')}`));
    expect((await cli('init')).code).toBe(0);
  });
  afterAll(async () => cleanup());

  it('recognises each file from its content and imports it into the right types', async () => {
    const r = await cli('import', downloads, '--json');
    const report = JSON.parse(r.stdout) as Report;
    expect(report.files).toHaveLength(SAMPLES.length);
    for (const [i, [fixture, format, type]] of SAMPLES.entries()) {
      const f = report.files.find((x) => x.file.endsWith(`download-${String(i).padStart(2, '0')}`))!;
      expect([f.status, f.format], fixture).toEqual(['imported', format]);
      expect(f.summary!.byType[type], `${fixture} gives ${type}`).toBeGreaterThan(0);
    }
    expect(r.code).toBe(0);
    const stats = JSON.parse((await cli('stats', '--json')).stdout) as { total: number; byType: Record<string, number> };
    const inserted = report.files.reduce((n, f) => n + f.summary!.counts.inserted, 0);
    expect(stats.total).toBe(inserted);
    expect(Object.keys(stats.byType).length).toBeGreaterThanOrEqual(10);
  });

  it('keeps exact amounts and dates end to end', async () => {
    const edf = JSON.parse((await cli('records', '--type', 'bank.transaction', '--search', 'prlv sepa edf', '--json')).stdout) as { source: string; data: { amount: { amountMinor: number; currency: string }; bookingDate: string } }[];
    const fromOfx = edf.find((r) => r.source.startsWith('ofx') && r.data.bookingDate === '2025-03-03');
    expect(fromOfx?.data.amount).toEqual({ amountMinor: -7842, currency: 'EUR' });
  });

  it('adds nothing when the same folder is imported again', async () => {
    const r = await cli('import', downloads, '--json');
    const report = JSON.parse(r.stdout) as Report;
    expect(report.files.every((f) => f.status === 'imported')).toBe(true);
    const changed = report.files.filter((f) => f.summary!.counts.inserted + f.summary!.counts.updated > 0).map((f) => `${f.file}: ${JSON.stringify(f.summary!.counts)}`);
    expect(changed).toEqual([]);
  });

  it('adds only the new transactions of an overlapping statement', async () => {
    for (const [a, b] of [
      ['ofx/overlap-march.ofx', 'ofx/overlap-march-april.ofx'],
      ['camt/camt053-overlap-march.xml', 'camt/camt053-overlap-march-april.xml'],
      ['qif/overlap-march.qif', 'qif/overlap-march-april.qif'],
      ['bank-csv/overlap-march.csv', 'bank-csv/overlap-march-april.csv'],
    ]) {
      const first = JSON.parse((await cli('import', new URL(`../fixtures/${a}`, import.meta.url).pathname, '--json')).stdout) as Report;
      const second = JSON.parse((await cli('import', new URL(`../fixtures/${b}`, import.meta.url).pathname, '--json')).stdout) as Report;
      const march = first.files[0]!.summary!.byType['bank.transaction']!;
      const s = second.files[0]!.summary!;
      const both = s.byType['bank.transaction']!;
      expect(both, b).toBeGreaterThan(march);
      // Only April's transactions are new; March's are known (the account, with a new balance, may be updated).
      expect(s.counts.inserted, `${b}: only April is new`).toBe(both - march);
    }
  });

  it('refuses a broken file with its reason while importing the others, and exits 3', async () => {
    const r = await cli('import', new URL('../fixtures/ofx/truncated.ofx', import.meta.url).pathname, new URL('../fixtures/gpx/strava-offsets.gpx', import.meta.url).pathname);
    expect(r.code).toBe(3);
    expect(r.stdout).toMatch(/✗ .*truncated\.ofx \[ofx\]: /);
    expect(r.stdout).toMatch(/✓ .*strava-offsets\.gpx \[gpx\]/);
  });
});
