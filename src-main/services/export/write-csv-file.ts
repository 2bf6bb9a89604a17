/**
 * Writes an export's chunks to a file chosen by the person, pulling the next page only when the disk has taken
 * the last one (Readable.from + pipeline give the back-pressure). The file appears under its name only when it
 * is complete: a failed or cancelled export leaves no half file that an accountant could take for the whole.
 */
import { createWriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

export async function writeCsvFile(
  chunks: Iterable<string> | AsyncIterable<string>, path: string, options: { signal?: AbortSignal } = {},
): Promise<{ bytes: number }> {
  const partial = `${path}.partial`;
  const out = createWriteStream(partial);
  try {
    // Each chunk is a page read synchronously (better-sqlite3): Readable.from's default read-ahead of 16 chunks
    // would read up to 16 pages without the event loop getting a turn; with 1 it reads little ahead of the disk.
    await pipeline(Readable.from(chunks, { highWaterMark: 1 }), out, { signal: options.signal });
    await rename(partial, path);
    return { bytes: out.bytesWritten };
  } catch (error) {
    await rm(partial, { force: true });
    throw error;
  }
}
