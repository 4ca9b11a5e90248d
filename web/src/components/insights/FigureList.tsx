import type { ReactNode } from 'react';

/** One headline figure: its label, its value as text, and a test id. */
export interface Figure {
  label: string;
  value: ReactNode;
  testId?: string;
  hint?: ReactNode;
  tone?: 'good' | 'bad';
}

/** Headline figures as a description list: big on screen, read as "label: value" by screen readers. */
export function FigureList({ figures, label }: { figures: Figure[]; label: string }) {
  return (
    <dl className="figures" aria-label={label}>
      {figures.map((f) => (
        <div key={f.label} className={`figure${f.tone ? ` figure-${f.tone}` : ''}`}>
          <dt>{f.label}</dt>
          <dd data-testid={f.testId}>{f.value}</dd>
          {f.hint && <dd className="hint">{f.hint}</dd>}
        </div>
      ))}
    </dl>
  );
}
