import type { Connector } from '../connector.ts';
import { decodeInput, headText } from '../util/text.ts';
import { CamtReader } from './camt-reader.ts';

/**
 * ISO 20022 bank-to-customer cash management: CAMT.053 statements, and CAMT.052 reports
 * and CAMT.054 notifications (same Acct/Bal/Ntry structure), versions 001.02 to 001.08
 * and later. Streams with saxes.
 *
 * - `source` is `camt`; `sourceRef` is `<account>:<AcctSvcrRef>` where the bank gives one
 *   (a repeated or "NONREF" one is not trusted), else `<account>:h:<content hash>:<n>`.
 * - Amounts are unsigned in CAMT: Ntry and Bal amounts take their sign from CdtDbtInd.
 * - A batch entry (NtryDtls with several TxDtls, each with its own amount) becomes one
 *   transaction per TxDtls (`<entry ref>/<detail ref or index>`); otherwise the entry is
 *   one transaction (its single TxDtls supplies the counterparty, remittance text,
 *   EndToEndId and mandate). Never both.
 * - Label: AddtlNtryInf (the bank's own wording, "PRLV SEPA EDF"), else the counterparty
 *   name, else the remittance text (RmtInf/Ustrd), which otherwise goes to memo.
 * - Sts PDNG/FUTR → status pending; INFO entries are skipped with a warning.
 */
export const camtConnector: Connector = {
  id: 'camt',
  label: 'ISO 20022 CAMT bank statement (camt.053 / 052 / 054)',
  recognize(input) {
    const head = headText(input, 16384);
    const ns = /urn:iso:std:iso:20022:tech:xsd:camt\.05([234])\.\d{3}\.\d{2}/.exec(head);
    if (ns) return { confidence: 0.98, reason: `CAMT.05${ns[1]} namespace found` };
    if (/<(\w+:)?BkToCstmr(Stmt|AcctRpt|DbtCdtNtfctn)\b/.test(head)) return { confidence: 0.85, reason: 'BkToCstmr element found without the CAMT namespace' };
    return { confidence: 0, reason: 'no CAMT namespace or BkToCstmr element' };
  },
  async *read(input, ctx) {
    const reader = new CamtReader(input.name, ctx);
    for await (const chunk of decodeInput(input)) yield* reader.write(chunk);
    yield* reader.end();
  },
};
