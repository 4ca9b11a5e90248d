/**
 * A tiny but valid one-page PDF 1.4 holding lines of text (Helvetica, WinAnsi encoding),
 * for the demo person's bills and payslips. The cross-reference table carries the real
 * byte offsets, so PDF readers (pdftotext, browsers) open it without repair.
 * Example: minimalPdf(['Facture', 'Total : 42,50 €']) → bytes starting "%PDF-1.4".
 */

/** Windows-1252 code of a character, or "?" for those outside it. */
function winAnsi(ch: string): number {
  const c = ch.codePointAt(0)!;
  if (c < 0x80 || (c >= 0xa0 && c <= 0xff)) return c;
  const special: Record<number, number> = { 0x20ac: 0x80, 0x2019: 0x92, 0x2018: 0x91, 0x201c: 0x93, 0x201d: 0x94, 0x2013: 0x96, 0x2014: 0x97, 0x2026: 0x85, 0x0153: 0x9c, 0x0152: 0x8c, 0x202f: 0x20 };
  return special[c] ?? 0x3f;
}

/** A PDF literal string with escapes; non-ASCII bytes as octal escapes so the file stays ASCII. */
function pdfString(text: string): string {
  let out = '(';
  for (const ch of text) {
    const b = winAnsi(ch);
    if (b === 0x28 || b === 0x29 || b === 0x5c) out += `\\${String.fromCharCode(b)}`;
    else if (b < 0x20 || b > 0x7e) out += `\\${b.toString(8).padStart(3, '0')}`;
    else out += String.fromCharCode(b);
  }
  return `${out})`;
}

export function minimalPdf(lines: readonly string[], title: string): Uint8Array {
  const text = ['BT', '/F1 11 Tf', '14 TL', '56 790 Td'];
  lines.forEach((l, i) => {
    if (i === 0) text.push('/F1 15 Tf', `${pdfString(l)} Tj`, '/F1 11 Tf', 'T*');
    else text.push(`${pdfString(l)} '`);
  });
  text.push('ET');
  const stream = text.join('\n');
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>',
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>',
    `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`,
    `<< /Title ${pdfString(title)} /Producer (MesInfos demo) >>`,
  ];
  let out = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(out.length);
    out += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = out.length;
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const off of offsets) out += `${String(off).padStart(10, '0')} 00000 n \n`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R /Info 6 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return new TextEncoder().encode(out);
}
