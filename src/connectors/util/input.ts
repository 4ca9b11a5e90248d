import { createReadStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import type { ConnectorInput } from '../connector.ts';

export const HEAD_BYTES = 64 * 1024;

/** A ConnectorInput over a file on disk; each open() streams it again from the start. */
export async function fileInput(path: string, name = basename(path)): Promise<ConnectorInput> {
  const { size } = await stat(path);
  const fh = await open(path, 'r');
  try {
    const head = new Uint8Array(Math.min(size, HEAD_BYTES));
    await fh.read(head, 0, head.length, 0);
    return {
      name,
      size,
      path,
      head,
      async *open() {
        for await (const chunk of createReadStream(path, { highWaterMark: 256 * 1024 })) yield chunk as Uint8Array;
      },
    };
  } finally {
    await fh.close();
  }
}

/** A ConnectorInput over bytes in memory (tests, archive members, uploads). */
export function bytesInput(name: string, bytes: Uint8Array, chunkSize = 256 * 1024): ConnectorInput {
  return {
    name,
    size: bytes.length,
    head: bytes.subarray(0, HEAD_BYTES),
    async *open() {
      for (let i = 0; i < bytes.length; i += chunkSize) yield bytes.subarray(i, i + chunkSize);
    },
  };
}

/**
 * The same input, reporting the running count of bytes read to `onBytes` as each chunk of
 * open() passes (for progress reports).
 */
export function countingInput(input: ConnectorInput, onBytes: (bytesSoFar: number) => void): ConnectorInput {
  return {
    ...input,
    async *open() {
      let bytes = 0;
      for await (const chunk of input.open()) {
        bytes += chunk.length;
        onBytes(bytes);
        yield chunk;
      }
    },
  };
}
