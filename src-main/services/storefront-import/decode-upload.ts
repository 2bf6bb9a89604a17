/**
 * A big upload's base64 decoded on the core's thread without holding it: 1 MB of text per turn of the event loop
 * (a few milliseconds each), each piece checked to be base64 and written straight into the one buffer the file
 * ends in, where one Buffer.from of an 80 MB text (and a copy after it) stops every other call for over 100 ms.
 */
import { DeskError } from '../errors';

/** A multiple of 4, so every piece decodes on its own. */
const PIECE_CHARS = 1024 * 1024;
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/u;

export async function decodeBase64InTurns(text: string, field = 'contentBase64'): Promise<Uint8Array> {
  const padding = text.endsWith('==') ? 2 : text.endsWith('=') ? 1 : 0;
  // Its own ArrayBuffer (not a pooled slice), so it can move to the import thread instead of being copied.
  const whole = Buffer.from(new ArrayBuffer(Math.max(0, Math.floor((text.length * 3) / 4) - padding)));
  let at = 0;
  for (let start = 0; start < text.length; start += PIECE_CHARS) {
    const piece = text.slice(start, start + PIECE_CHARS);
    const last = start + PIECE_CHARS >= text.length;
    // Padding may only end the whole text, and only a whole text of quads decodes to the length counted above.
    if (!BASE64.test(piece) || (!last && piece.includes('=')) || (last && piece.length % 4 !== 0)) {
      throw new DeskError('invalid_input', 'The file content must be base64', field);
    }
    at += whole.write(piece, at, 'base64');
    if (!last) await new Promise((resolve) => setImmediate(resolve));
  }
  return new Uint8Array(whole.buffer, 0, at);
}
