import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { listOf } from '../operations/schemas.ts';
import { queryReader } from './query-input.ts';

const schema = z.object({
  live: z.boolean().default(false),
  limit: z.coerce.number().int().default(10),
  count: z.number().optional(),
  tags: z.array(z.string()).optional(),
  types: listOf(z.string()).optional(),
  name: z.string().optional(),
});
const queryToInput = queryReader(schema);

describe('queryReader', () => {
  it('turns query strings into what the schema expects', () => {
    const input = queryToInput({ live: 'true', count: '12.5', tags: 'a', types: 'x,y', name: 'Dupont', extra: 'kept' });
    expect(input).toEqual({ live: true, count: 12.5, tags: ['a'], types: 'x,y', name: 'Dupont', extra: 'kept' });
    expect(schema.parse(input)).toMatchObject({ live: true, limit: 10, count: 12.5, tags: ['a'], types: ['x', 'y'] });
  });

  it('reads a bare flag as true, 0/false as false, and keeps repeated keys as arrays', () => {
    expect(queryToInput({ live: '' })).toEqual({ live: true });
    expect(queryToInput({ live: '0' })).toEqual({ live: false });
    expect(queryToInput({ live: 'false' })).toEqual({ live: false });
    expect(queryToInput({ tags: ['a', 'b'], types: ['x', 'y'] })).toEqual({ tags: ['a', 'b'], types: ['x', 'y'] });
  });

  it('leaves what it cannot read for the schema to refuse', () => {
    const input = queryToInput({ live: 'maybe', count: '12abc', name: ['a', 'b'] });
    expect(input).toEqual({ live: 'maybe', count: '12abc', name: ['a', 'b'] });
    const r = schema.safeParse(input);
    expect(r.success).toBe(false);
    expect(r.error?.issues.map((i) => i.path.join('.')).sort()).toEqual(['count', 'live', 'name']);
  });
});
