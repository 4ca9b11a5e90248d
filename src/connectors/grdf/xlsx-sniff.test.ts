import { readFileSync } from 'node:fs';
import { Readable, Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import yazl from 'yazl';
import { sniffXlsx } from './xlsx-sniff.ts';

const dir = new URL('../../../test/fixtures/grdf/', import.meta.url).pathname;

async function zip(entries: [string, string][], streamed = false): Promise<Uint8Array> {
  const z = new yazl.ZipFile();
  for (const [name, text] of entries)
    if (streamed) z.addReadStream(Readable.from([Buffer.from(text)]), name);
    else z.addBuffer(Buffer.from(text), name, { compress: true });
  z.end();
  const parts: Buffer[] = [];
  await new Promise<void>((resolve, reject) => {
    z.outputStream.pipe(new Writable({ write: (c: Buffer, _e, cb) => (parts.push(c), cb()) })).on('finish', resolve).on('error', reject);
  });
  return new Uint8Array(Buffer.concat(parts));
}

describe('sniffXlsx', () => {
  it('finds the shared strings of an exceljs workbook in its head', () => {
    const s = sniffXlsx(readFileSync(`${dir}grdf-journalier.xlsx`));
    expect(s).toMatchObject({ isXlsx: true, complete: true });
    expect(s.text).toContain('Journée gazière');
  });

  it('says the strings are incomplete when a big sheet comes first, and reads inline strings', async () => {
    const big = `<worksheet><sheetData>${'<row><c t="inlineStr"><is><t>PCE 21546789012345</t></is></c></row>'.repeat(1)}${'<row><c><v>1</v></c></row>'.repeat(6000)}</sheetData></worksheet>`;
    const bytes = await zip([
      ['[Content_Types].xml', '<Types/>'],
      ['xl/workbook.xml', '<workbook/>'],
      ['xl/worksheets/sheet1.xml', big],
      ['xl/sharedStrings.xml', '<sst><si><t>Journée gazière</t></si></sst>'],
    ]);
    const s = sniffXlsx(bytes.subarray(0, 200));
    expect(s).toEqual({ isXlsx: true, text: '', complete: false });
    const all = sniffXlsx(bytes);
    expect(all.complete).toBe(true);
    expect(all.text).toContain('PCE 21546789012345');
    expect(all.text).toContain('Journée gazière');
  });

  it('reads a streamed zip whose local headers do not give sizes (data descriptors)', async () => {
    const bytes = await zip([['[Content_Types].xml', '<Types/>'], ['xl/workbook.xml', '<workbook/>'], ['xl/sharedStrings.xml', '<sst><si><t>PCE</t></si><si><t>Journée gazière</t></si></sst>']], true);
    expect(bytes[6]! & 8).toBe(8);
    expect(sniffXlsx(bytes)).toEqual({ isXlsx: true, text: '<sst><si><t>PCE</t></si><si><t>Journée gazière</t></si></sst>', complete: true });
  });

  it('is not an XLSX: a zip of other things, or garbage', async () => {
    expect(sniffXlsx(await zip([['photo.jpg', 'xx']])).isXlsx).toBe(false);
    expect(sniffXlsx(Uint8Array.from([0x50, 0x4b, 0x03, 0x04, 9, 9, 9])).isXlsx).toBe(false);
  });
});
