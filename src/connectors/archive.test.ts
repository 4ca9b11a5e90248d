import { describe, it, expect } from 'vitest';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expandArchive, isJunkMember } from './archive.ts';
import { bytesInput, fileInput } from './util/input.ts';
import type { ConnectorInput } from './connector.ts';
import { makeZip } from '../../test/connectors/make-zip.ts';

async function text(input: ConnectorInput): Promise<string> {
  const parts: Uint8Array[] = [];
  for await (const c of input.open()) parts.push(c);
  return Buffer.concat(parts).toString('utf8');
}

async function list(it: AsyncIterable<ConnectorInput>): Promise<ConnectorInput[]> {
  const out: ConnectorInput[] = [];
  for await (const m of it) out.push(m);
  return out;
}

describe('expandArchive', () => {
  it('returns null for anything but a zip', () => {
    expect(expandArchive(bytesInput('a.json', Buffer.from('{"locations":[]}')))).toBeNull();
  });

  it('yields members with archive/member names, skipping folders and junk, and re-opens them', async () => {
    const big = 'x'.repeat(200_000);
    const zip = await makeZip([
      ['Takeout/', ''],
      ['Takeout/Location History/Records.json', '{"locations":[]}'],
      ['Takeout/Location History/Semantic Location History/2024/2024_JANUARY.json', '{"timelineObjects":[]}'],
      ['__MACOSX/Takeout/._Records.json', 'junk'],
      ['Takeout/.DS_Store', 'junk'],
      ['Takeout/big.txt', big],
    ]);
    const members = await list(expandArchive(bytesInput('takeout.zip', zip))!);
    expect(members.map((m) => m.name)).toEqual([
      'takeout.zip/Takeout/Location History/Records.json',
      'takeout.zip/Takeout/Location History/Semantic Location History/2024/2024_JANUARY.json',
      'takeout.zip/Takeout/big.txt',
    ]);
    expect(Buffer.from(members[0]!.head).toString()).toBe('{"locations":[]}');
    expect(members[2]!.size).toBe(200_000);
    expect(members[2]!.head.length).toBe(64 * 1024);
    // Opened twice, after the listing ended: whole each time.
    expect(await text(members[2]!)).toBe(big);
    expect(await text(members[2]!)).toBe(big);
  });

  it('reads a zip from disk by path and expands nested zips, down to the depth limit', async () => {
    const inner2 = await makeZip([['deep.txt', 'deep']]);
    const inner = await makeZip([['apple_health_export/export.xml', '<HealthData/>'], ['more.zip', inner2]]);
    const outer = await makeZip([['inner.zip', inner], ['readme.txt', 'hello']], false);
    const dir = await mkdtemp(join(tmpdir(), 'mesinfos-zip-'));
    await writeFile(join(dir, 'outer.zip'), outer);
    const input = await fileInput(join(dir, 'outer.zip'));
    const members = await list(expandArchive(input)!);
    expect(members.map((m) => m.name)).toEqual([
      'outer.zip/inner.zip/apple_health_export/export.xml',
      'outer.zip/inner.zip/more.zip/deep.txt',
      'outer.zip/readme.txt',
    ]);
    expect(await text(members[1]!)).toBe('deep');
    // With depth 2, the third-level zip is handed over as a member, not expanded.
    const shallow = await list(expandArchive(input, { maxDepth: 2 })!);
    expect(shallow.map((m) => m.name)).toContain('outer.zip/inner.zip/more.zip');
  });

  it('refuses a member larger than the limit, and a suspicious compression ratio', async () => {
    const zip = await makeZip([['ok.txt', 'fine'], ['huge.xml', '<a>' + ' '.repeat(5000) + '</a>']]);
    await expect(list(expandArchive(bytesInput('e.zip', zip), { maxMemberBytes: 1000 })!)).rejects.toThrow(
      /e\.zip\/huge\.xml: .*expand to 5007 bytes, more than the limit of 1000 bytes/,
    );
    const bomb = await makeZip([['zeros.bin', new Uint8Array(3 * 1024 * 1024)]]);
    await expect(list(expandArchive(bytesInput('b.zip', bomb), { maxRatio: 100 })!)).rejects.toThrow(/compressed \d+ to 1/);
  });

  it('says so when the zip is damaged', async () => {
    const zip = await makeZip([['a.txt', 'hello']]);
    await expect(list(expandArchive(bytesInput('cut.zip', zip.subarray(0, zip.length - 30)))!)).rejects.toThrow(/cut\.zip: this zip archive cannot be read/);
  });

  it('knows the junk names', () => {
    expect(isJunkMember('__MACOSX/a/b')).toBe(true);
    expect(isJunkMember('a/._b.xml')).toBe(true);
    expect(isJunkMember('a/')).toBe(true);
    expect(isJunkMember('a/export.xml')).toBe(false);
  });
});
