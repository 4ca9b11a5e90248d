import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { streamJson, JsonStreamError, type JsonPath } from './json-stream.ts';

async function* chunked(text: string, size: number): AsyncIterable<string> {
  for (let i = 0; i < text.length; i += size) yield text.slice(i, i + size);
}
async function collect(text: string, select: (p: JsonPath) => boolean, size = 7) {
  const out: { path: JsonPath; value: unknown; line: number }[] = [];
  for await (const it of streamJson(chunked(text, size), { select })) out.push(it);
  return out;
}

describe('streamJson', () => {
  const doc = '{\n "version": 2,\n "skip": {"a": [1, {"b": "}]\\"x"}]},\n "locations": [\n  {"latitudeE7": 488566000, "s": "a,b}"},\n  {"latitudeE7": -338688000, "k\\u00e9y": [true, null]}\n ]\n}';
  it('yields the selected array items whole, at every chunk size', async () => {
    for (const size of [1, 2, 3, 5, 64, 10_000]) {
      const items = await collect(doc, (p) => p.length === 2 && p[0] === 'locations', size);
      expect(items.map((i) => i.path)).toEqual([['locations', 0], ['locations', 1]]);
      expect(items[0]!.value).toEqual({ latitudeE7: 488566000, s: 'a,b}' });
      expect(items[1]!.value).toEqual({ latitudeE7: -338688000, 'kéy': [true, null] });
      expect(items.map((i) => i.line)).toEqual([5, 6]);
    }
  });
  it('captures scalars and top-level array items', async () => {
    const a = await collect(doc, (p) => p.length === 1 && p[0] === 'version');
    expect(a).toEqual([{ path: ['version'], value: 2, line: 2 }]);
    const b = await collect('[1, "x", {"y": -2.5e3}, [] ]', (p) => p.length === 1, 1);
    expect(b.map((i) => i.value)).toEqual([1, 'x', { y: -2500 }, []]);
    const c = await collect('  42  ', (p) => p.length === 0);
    expect(c.map((i) => i.value)).toEqual([42]);
  });
  it('skips a BOM', async () => {
    expect((await collect('\ufeff[1]', (p) => p.length === 1)).map((i) => i.value)).toEqual([1]);
  });
  it('throws with line and column on malformed or truncated JSON', async () => {
    await expect(collect('{"a": [1, 2}', () => false)).rejects.toThrow(/expected ',' or '\]'.*line 1, column 12/);
    await expect(collect('{"locations": [{"a": 1},\n{"a": ', (p) => p.length === 2)).rejects.toThrow(/ends too early/);
    await expect(collect('', () => false)).rejects.toThrow(/empty/);
    await expect(collect('[1] x', () => false)).rejects.toBeInstanceOf(JsonStreamError);
    await expect(collect('{a: 1}', () => false)).rejects.toThrow(/object key in double quotes/);
    // Truncated right after a selected number or literal: the value is whole, the document is not.
    await expect(collect('{"locations": [{"a": 1}], "version": 2', (p) => p.length === 1)).rejects.toThrow(/ends too early/);
    await expect(collect('[1, 2', (p) => p.length === 1)).rejects.toThrow(/ends too early/);
    await expect(collect('[true', (p) => p.length === 1, 64)).rejects.toThrow(/ends too early/);
  });
  it('agrees with JSON.parse on arbitrary JSON (property)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.jsonValue(), { maxLength: 6 }), fc.integer({ min: 1, max: 20 }), async (arr, size) => {
        const text = JSON.stringify({ data: arr }, null, size % 3);
        const got = await collect(text, (p) => p.length === 2 && p[0] === 'data', size);
        expect(got.map((g) => g.value)).toEqual(JSON.parse(JSON.stringify(arr)));
      }),
      { numRuns: 200 },
    );
  });
});
