import { useRightsText, type RightsStatus } from './rights-text.ts';

/** A request's status in words, coloured by how it stands (the words carry it; the colour only helps). */
export function StatusBadge({ status }: { status: RightsStatus }) {
  const text = useRightsText();
  return (
    <span className={`badge rights-status rights-status-${status}`} data-status={status}>
      {text.status(status)}
    </span>
  );
}
