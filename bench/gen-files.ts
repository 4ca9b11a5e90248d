import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { offsetAt } from '../src/domain/time.ts';

/** Large export files for the connector benchmarks, written streaming. */
async function writeLines(path: string, lines: Iterable<string>): Promise<number> {
  const out = createWriteStream(path);
  let bytes = 0;
  let buf = '';
  for (const l of lines) {
    buf += l;
    if (buf.length > 1 << 20) {
      bytes += Buffer.byteLength(buf);
      if (!out.write(buf)) await once(out, 'drain');
      buf = '';
    }
  }
  bytes += Buffer.byteLength(buf);
  out.end(buf);
  await once(out, 'finish');
  return bytes;
}

const LABELS = ['PRLV SEPA EDF', 'CB CARREFOUR 12/03', 'VIR SALAIRE ACME', 'CB MONOPRIX LYON', 'CB SNCF INTERNET', 'PRLV SEPA FREE MOBILE'];

/** An OFX 1.02 (SGML, unclosed tags, CRLF) statement with `n` transactions on one account. */
export function writeLargeOfx(path: string, n: number): Promise<number> {
  return writeLines(
    path,
    (function* () {
      yield 'OFXHEADER:100\r\nDATA:OFXSGML\r\nVERSION:102\r\nSECURITY:NONE\r\nENCODING:USASCII\r\nCHARSET:1252\r\nCOMPRESSION:NONE\r\nOLDFILEUID:NONE\r\nNEWFILEUID:NONE\r\n\r\n';
      yield '<OFX>\r\n<SIGNONMSGSRSV1>\r\n<SONRS>\r\n<STATUS>\r\n<CODE>0\r\n<SEVERITY>INFO\r\n</STATUS>\r\n<DTSERVER>20250401083000[+2:CEST]\r\n<LANGUAGE>FRA\r\n</SONRS>\r\n</SIGNONMSGSRSV1>\r\n';
      yield '<BANKMSGSRSV1>\r\n<STMTTRNRS>\r\n<TRNUID>1\r\n<STATUS>\r\n<CODE>0\r\n<SEVERITY>INFO\r\n</STATUS>\r\n<STMTRS>\r\n<CURDEF>EUR\r\n<BANKACCTFROM>\r\n<BANKID>30004\r\n<BRANCHID>00817\r\n<ACCTID>00012345678\r\n<ACCTTYPE>CHECKING\r\n</BANKACCTFROM>\r\n<BANKTRANLIST>\r\n<DTSTART>20000101\r\n<DTEND>20250331\r\n';
      const start = Date.UTC(2000, 0, 1);
      for (let i = 0; i < n; i++) {
        const d = new Date(start + Math.floor(i / 20) * 86_400_000).toISOString().slice(0, 10).replace(/-/g, '');
        const cents = ((i * 7919) % 25_000) + 100;
        yield `<STMTTRN>\r\n<TRNTYPE>DEBIT\r\n<DTPOSTED>${d}\r\n<TRNAMT>-${Math.floor(cents / 100)},${String(cents % 100).padStart(2, '0')}\r\n<FITID>B${i}\r\n<NAME>${LABELS[i % LABELS.length]}\r\n<MEMO>OPERATION ${i}\r\n</STMTTRN>\r\n`;
      }
      yield '</BANKTRANLIST>\r\n<LEDGERBAL>\r\n<BALAMT>1234,56\r\n<DTASOF>20250331\r\n</LEDGERBAL>\r\n</STMTRS>\r\n</STMTTRNRS>\r\n</BANKMSGSRSV1>\r\n</OFX>\r\n';
    })(),
  );
}

/** An Enedis load curve (current one-header-line format), `n` half-hour points on one PRM. */
export function writeLargeEnedis(path: string, n: number): Promise<number> {
  return writeLines(
    path,
    (function* () {
      yield 'Identifiant PRM;Date de début;Date de fin;Grandeur physique;Grandeur métier;Etape métier;Unité;Horodate;Valeur;Nature;Pas;Indice de vraisemblance;Etat complémentaire\n';
      // `Horodate` is the naive Europe/Paris wall time of each interval's END, as Enedis
      // writes it: a spring hour is missing, an autumn hour is written twice.
      const start = Date.UTC(1999, 11, 31, 23, 30);
      for (let i = 0; i < n; i++) {
        const end = start + i * 1_800_000;
        const wall = new Date(end + offsetAt(end, 'Europe/Paris') * 60_000).toISOString().slice(0, 19).replace('T', ' ');
        yield `12345678901234;2000-01-01T00:00:00+01:00;2060-01-01T00:00:00+01:00;PA;CONS;BRUT;W;${wall};${200 + ((i * 37) % 3000)};B;PT30M;;\n`;
      }
    })(),
  );
}
