import type { ReactNode } from 'react';

/** A column: its heading, and whether it holds numbers (right-aligned, tabular figures). */
export interface Column {
  label: ReactNode;
  num?: boolean;
}

/** A row: its heading cell (`th scope="row"`), its other cells, and data attributes (`{ 'data-figure': id }`). */
export interface Row {
  key: string;
  head: ReactNode;
  cells: ReactNode[];
  attrs?: Record<`data-${string}`, string>;
  className?: string;
}

/**
 * The figures of an insight as a table, for everyone and for screen readers (the charts'
 * text alternative): a hidden caption, column headings, a heading cell per row.
 * Example: <DataTable caption="By year" columns={[{ label: 'Year' }, { label: 'kWh', num: true }]} rows={[{ key: '2025', head: '2025', cells: ['4 200'] }]} />
 */
export function DataTable({ caption, columns, rows, testId }: { caption: string; columns: Column[]; rows: Row[]; testId?: string }) {
  return (
    // Focusable and named, so a keyboard can scroll it when it is wider than a phone.
    <div className="table-wrap" tabIndex={0} role="region" aria-label={caption}>
      <table data-testid={testId}>
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            {columns.map((c, n) => (
              <th key={n} scope="col" className={c.num ? 'num' : undefined}>
                {c.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.key} className={r.className} {...r.attrs}>
              <th scope="row">{r.head}</th>
              {r.cells.map((cell, n) => (
                <td key={n} className={columns[n + 1]?.num ? 'num' : undefined}>
                  {cell}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
