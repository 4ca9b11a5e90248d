import type { Connector } from '../connector.ts';
import { decodeInput, headText } from '../util/text.ts';
import { OfxReader } from './ofx-reader.ts';
import { SgmlTokenizer } from './sgml-tokenizer.ts';

/**
 * OFX bank and credit-card statements: OFX 1.x (SGML, with its `OFXHEADER:100` block),
 * OFX 2.x (XML with a `<?OFX …?>` instruction), Quicken QFX (OFX plus `INTU.*` tags) and
 * Microsoft OFC. Yields one `bank.account` per statement (with LEDGERBAL/AVAILBAL) and one
 * `bank.transaction` per STMTTRN.
 *
 * - Encoding: the declared CHARSET is only a hint; the util/text.ts rule decides (files
 *   saying CHARSET:1252 are often UTF-8).
 * - `source` is `ofx:<BANKID>` for bank accounts and `ofx` for cards (no BANKID);
 *   `sourceRef` is `<ACCTID>:<FITID>` (FITID is unique per account only), or
 *   `<ACCTID>:h:<content hash>:<occurrence>` when FITID is empty.
 * - TRNAMT is already signed: it is never flipped by TRNTYPE.
 * - Sign-on refused (SONRS STATUS CODE ≠ 0) → ConnectorError; a statement without
 *   STMTTRN → a warning, and the account is still yielded.
 */
export const ofxConnector: Connector = {
  id: 'ofx',
  label: 'OFX / QFX bank statement',
  recognize(input) {
    const head = headText(input, 16384);
    const hasHeader = /OFXHEADER\s*:\s*\d+/.test(head) || /<\?OFX\b[^>]*OFXHEADER/i.test(head);
    const root = /<OFX>/i.test(head);
    const ofc = /<OFC>/i.test(head) && /<ACCTSTMT>|<ACCTFROM>|<DTSERVER>/i.test(head);
    const qfx = /<INTU\./i.test(head);
    if ((hasHeader && root) || (root && /<(SIGNONMSGSRSV1|BANKMSGSRSV1|CREDITCARDMSGSRSV1|STMTTRN)>/i.test(head)))
      return { confidence: 0.98, reason: qfx ? 'QFX (OFX with Intuit tags)' : hasHeader ? 'OFX header and <OFX> root found' : 'OFX message sets found' };
    if (ofc) return { confidence: 0.9, reason: 'Microsoft OFC statement' };
    if (hasHeader) return { confidence: 0.8, reason: 'OFX header found, no <OFX> root in the first bytes' };
    if (root) return { confidence: 0.6, reason: '<OFX> tag found' };
    return { confidence: 0, reason: 'no OFX header or <OFX> tag' };
  },
  async *read(input, ctx) {
    const tokenizer = new SgmlTokenizer();
    const reader = new OfxReader(input.name, ctx);
    for await (const chunk of decodeInput(input)) {
      yield* reader.feed(tokenizer.push(chunk));
    }
    yield* reader.feed(tokenizer.end());
    yield* reader.finish(tokenizer.line);
  },
};
