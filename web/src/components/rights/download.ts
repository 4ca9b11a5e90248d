/**
 * Saves bytes the API sent base64-encoded (a PDF from rights.letter or rights.complaint) as a
 * file download named `fileName`, without leaving the page.
 * Example: downloadBase64(doc.base64, 'application/pdf', 'demande-0194c2a1.pdf')
 */
export function downloadBase64(base64: string, mediaType: string, fileName: string): void {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  const url = URL.createObjectURL(new Blob([bytes], { type: mediaType }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.append(a);
  a.click();
  a.remove();
  // The browser has taken the file once the click is handled; the URL is released a little later.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
