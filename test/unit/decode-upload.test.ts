/** An upload's base64 decoded a piece at a time gives exactly the bytes, and anything else is refused by field. */
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { decodeBase64InTurns } from '../../src-main/services/storefront-import/decode-upload';

describe('decoding an upload in turns', () => {
  it.each([0, 1, 2, 3, 1024 * 1024 * 3 / 4 + 1, 2_500_001])('gives back exactly %i bytes, across piece boundaries', async (size) => {
    const bytes = randomBytes(size);
    const decoded = await decodeBase64InTurns(bytes.toString('base64'));
    expect(Buffer.from(decoded).equals(bytes)).toBe(true);
    // A buffer of its own, whole: it can be transferred to a worker thread.
    expect(decoded.byteOffset).toBe(0);
  });

  it.each([
    ['a character outside base64', 'QUJD!A=='],
    ['padding in the middle of a long text', `${'QQ=='}${'A'.repeat(1024 * 1024)}`],
    ['a text that is not whole groups of four', 'QUJDR'],
  ])('refuses %s, naming the field', async (_label, text) => {
    await expect(decodeBase64InTurns(text, 'contentBase64')).rejects.toMatchObject({ code: 'invalid_input', field: 'contentBase64' });
  });
});
