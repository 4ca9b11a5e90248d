import { createHash } from 'node:crypto';
import type { Connector, ConnectorRecord } from '../connector.ts';
import type { TextEncoding } from '../util/text.ts';
import { ConnectorError } from '../connector.ts';
import { headText } from '../util/text.ts';
import { contactData } from './vcard-card.ts';
import type { VcardProperty } from './vcard-lines.ts';
import { VcardUnfolder, parseProperty } from './vcard-lines.ts';
import { readVcardLines } from './vcard-read-lines.ts';

/**
 * vCard 2.1, 3.0 and 4.0 address books → `contact` records, one per card, streaming card
 * by card (a card is held in memory until its END:VCARD; photos go to ctx.putBlob). Each
 * line is decoded on its own (UTF-8, else Windows-1252; see readVcardLines).
 *
 * Source `vcard` (not derived from PRODID: the same card exported by two apps should
 * dedup). sourceRef: the card's UID; without one, `sha256:<hash of the card's lines
 * without REV and PRODID>:<occurrence>` so identical cards in one file stay distinct and
 * re-imports dedup. occurredAt: REV when given, else 1970-01-01T00:00:00Z (an address
 * book entry has no date of its own).
 */
export const vcardConnector: Connector = {
  id: 'vcard',
  label: 'vCard address book (.vcf)',
  recognize(input) {
    const first = headText(input, 4096).trimStart().split(/\r\n|\r|\n/, 1)[0] ?? '';
    if (/^BEGIN:VCARD\s*$/i.test(first)) return { confidence: 0.97, reason: 'starts with BEGIN:VCARD' };
    return { confidence: 0, reason: 'does not start with BEGIN:VCARD' };
  },
  async *read(input, ctx) {
    const file = input.name;
    const unfolder = new VcardUnfolder();
    const seen = new Map<string, number>();
    let card: { line: number; props: VcardProperty[] } | null = null;
    let cards = 0;

    const onLine = async ({ text, line, encoding }: { text: string; line: number; encoding: TextEncoding }): Promise<ConnectorRecord | null> => {
      const p = parseProperty(text, line, file, encoding);
      const value = p.value.trim().toUpperCase();
      if (p.name === 'BEGIN' && value === 'VCARD') {
        if (card) throw new ConnectorError(`${file}, line ${line}: a new card begins but the card of line ${card.line} has no END:VCARD`, { file, line: card.line, element: 'VCARD' });
        card = { line, props: [] };
        return null;
      }
      if (!card) throw new ConnectorError(`${file}, line ${line}: expected BEGIN:VCARD, found "${text.slice(0, 60)}"`, { file, line });
      if (p.name === 'END' && value === 'VCARD') {
        const done: { line: number; props: VcardProperty[] } = card;
        card = null;
        cards++;
        return toRecord(done.props, done.line);
      }
      card.props.push(p);
      return null;
    };

    const toRecord = async (props: VcardProperty[], line: number): Promise<ConnectorRecord> => {
      const { data, uid, rev } = await contactData(props, { file, line }, ctx);
      let sourceRef = uid;
      if (!sourceRef) {
        const h = createHash('sha256');
        for (const p of props) if (p.name !== 'REV' && p.name !== 'PRODID') h.update(`${p.group ?? ''}.${p.name};${[...p.params].map(([k, v]) => `${k}=${v.join(',')}`).join(';')};${p.bare.join(';')}:${p.value.trim()}\n`);
        const hash = h.digest('hex');
        const n = seen.get(hash) ?? 0;
        seen.set(hash, n + 1);
        sourceRef = `sha256:${hash}:${n}`;
      }
      return { type: 'contact', source: 'vcard', sourceRef, occurredAt: rev ?? '1970-01-01T00:00:00.000Z', data, location: `line ${line}` };
    };

    for await (const { line, lineNo, encoding } of readVcardLines(input)) {
      const logical = unfolder.push(line, lineNo, encoding);
      if (!logical) continue;
      const rec = await onLine(logical);
      if (rec) yield rec;
    }
    const last = unfolder.end();
    if (last) {
      const rec = await onLine(last);
      if (rec) yield rec;
    }
    const open = card as { line: number } | null;
    if (open) throw new ConnectorError(`${file}, line ${open.line}: the card that begins here has no END:VCARD; the file looks truncated`, { file, line: open.line, element: 'VCARD' });
    if (cards === 0) throw new ConnectorError(`${file}: no card found; expected BEGIN:VCARD … END:VCARD`, { file, line: 1 });
  },
};
