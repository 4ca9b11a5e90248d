import PDFDocument from 'pdfkit';
import { labelled, type LetterDoc } from './letters.ts';

/**
 * Renders a letter as an A4 PDF with pdfkit: the sender's block top left, the recipient's
 * on the right (where a window envelope shows it), the date, the subject in bold, the
 * paragraphs, the signature. Standard Helvetica (WinAnsi covers French). Text that does
 * not fit flows onto further pages. The document's metadata holds the subject only.
 * Example: await letterPdf(composeRequestLetter(r, who, { lang: 'fr', medium: 'letter', today }))
 * → bytes starting "%PDF-".
 */
export function letterPdf(doc: LetterDoc): Promise<Uint8Array> {
  const pdf = new PDFDocument({ size: 'A4', margins: { top: 56, bottom: 56, left: 64, right: 64 }, lang: doc.lang === 'fr' ? 'fr-FR' : 'en-GB', info: { Title: doc.subject, Producer: 'MesInfos' } });
  const chunks: Buffer[] = [];
  const done = new Promise<Uint8Array>((resolve, reject) => {
    pdf.on('data', (c: Buffer) => chunks.push(c));
    pdf.on('end', () => resolve(new Uint8Array(Buffer.concat(chunks))));
    pdf.on('error', reject);
  });
  const width = pdf.page.width - 128;
  pdf.font('Helvetica').fontSize(10.5);
  const top = pdf.y;
  for (const line of doc.sender) pdf.text(line, 64, pdf.y, { width: width / 2 });
  if (doc.recipient.length) {
    const below = pdf.y;
    pdf.y = top + 40;
    for (const line of doc.recipient) pdf.text(line, 64 + width / 2 + 20, pdf.y, { width: width / 2 - 20 });
    pdf.y = Math.max(pdf.y, below);
  }
  if (doc.to) pdf.text(`${labelled(doc.lang === 'fr' ? 'À' : 'To', doc.lang)}${doc.to}`, 64, pdf.y);
  pdf.moveDown(2);
  pdf.text(doc.dateLine, 64, pdf.y, { width, align: 'right' });
  pdf.moveDown(1.5);
  pdf.font('Helvetica-Bold').text(doc.subject, 64, pdf.y, { width });
  pdf.font('Helvetica').moveDown(1);
  for (const p of doc.paragraphs) {
    pdf.text(p, { width, align: 'left', lineGap: 2 });
    pdf.moveDown(0.8);
  }
  pdf.moveDown(1);
  for (const line of doc.signature) pdf.text(line, { width });
  pdf.end();
  return done;
}
