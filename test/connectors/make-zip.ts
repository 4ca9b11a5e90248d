import yazl from 'yazl';

/** Builds a zip in memory from [name, content] pairs; a name ending in '/' is a folder. */
export async function makeZip(members: [string, string | Uint8Array][], compress = true): Promise<Buffer> {
  const zip = new yazl.ZipFile();
  for (const [name, content] of members) {
    if (name.endsWith('/')) zip.addEmptyDirectory(name);
    else zip.addBuffer(Buffer.from(content), name, { compress });
  }
  zip.end();
  const parts: Buffer[] = [];
  for await (const c of zip.outputStream) parts.push(c as Buffer);
  return Buffer.concat(parts);
}
