import { createHash } from 'node:crypto';

/**
 * Content-hash sourceRefs, for formats without their own stable ids: the sha256 of the
 * normalised fields (joined with a separator that cannot occur in them), shortened to 32
 * hex digits, plus `#n`, the occurrence of that same content in the file (0, 1, 2…), so
 * two genuine identical rows stay two and a re-import of the same file dedups exactly.
 *
 * Example:
 *   const refs = new OccurrenceRefs();
 *   refs.next(['2024-01-05', '-42.50', 'CB CARREFOUR']) // "9f2c…#0"
 */
export function contentHash(parts: readonly (string | number | undefined | null)[]): string {
  // Each field normalised (NFC, trimmed, inner whitespace collapsed): banks re-export the
  // same row with different padding.
  const norm = parts.map((p) => (p === undefined || p === null ? '' : String(p).normalize('NFC').trim().replace(/\s+/g, ' ')));
  return createHash('sha256').update(norm.join('\u001f')).digest('hex').slice(0, 32);
}

export class OccurrenceRefs {
  private readonly seen = new Map<string, number>();
  next(parts: readonly (string | number | undefined | null)[]): string {
    const h = contentHash(parts);
    const n = this.seen.get(h) ?? 0;
    this.seen.set(h, n + 1);
    return `${h}#${n}`;
  }
}

/** A free-text name ("Garmin Connect", "iPhone de Camille") as a source suffix: "garmin-connect". */
export function sourceSlug(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9.@_-]+/g, '-')
    .replace(/^[^a-z0-9]+|-+$/g, '')
    .slice(0, 60);
}
