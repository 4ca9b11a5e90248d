/** Renders rows as aligned columns; numbers are right-aligned. */
export function renderTable(rows: (string | number)[][], head?: string[]): string {
  const all = head ? [head, ...rows] : rows;
  if (all.length === 0) return '';
  const widths: number[] = [];
  for (const r of all) r.forEach((c, i) => (widths[i] = Math.max(widths[i] ?? 0, String(c).length)));
  const line = (r: (string | number)[]) =>
    r
      .map((c, i) => (typeof c === 'number' ? String(c).padStart(widths[i]!) : i === r.length - 1 ? String(c) : String(c).padEnd(widths[i]!)))
      .join('  ')
      .trimEnd();
  const out = all.map(line);
  if (head) out.splice(1, 0, widths.map((w) => '─'.repeat(w)).join('  '));
  return out.join('\n');
}
