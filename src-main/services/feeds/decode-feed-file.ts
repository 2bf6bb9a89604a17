/**
 * The first look at a supplier file as a whole: is it text at all (not a PDF, a workbook, an archive), which
 * encoding it is in, and whether the decoded text reads as what a person typed. Each refusal is a sentence
 * the shop owner can act on. Used by parse-feed.ts before any row is read.
 */
import type { FeedEncoding, FeedRejected } from './feed-types';

/** Characters the encoding checks look at (the start of the file says enough). */
const SNIFF_CHARS = 64 * 1024;
const LF = 0x0a;
const CR = 0x0d;

function reject(reason: string): FeedRejected {
  return { ok: false, reason };
}

function startsWith(bytes: Uint8Array, prefix: readonly number[]): boolean {
  return prefix.length <= bytes.length && prefix.every((byte, index) => bytes[index] === byte);
}

/** Files people save with a .csv name that are not text: say what they are and what to do. */
export function recognizeBinaryFile(bytes: Uint8Array): string | undefined {
  if (startsWith(bytes, [0x25, 0x50, 0x44, 0x46, 0x2d])) {
    return 'This looks like a PDF document, not a CSV file; ask the supplier for the CSV export of the stock list.';
  }
  if (startsWith(bytes, [0x50, 0x4b]) && [[3, 4], [5, 6], [7, 8]].some(([a, b]) => bytes[2] === a && bytes[3] === b)) {
    // An .xlsx is a ZIP whose first entry is "[Content_Types].xml" and whose sheets sit under "xl/".
    const head = new TextDecoder('latin1').decode(bytes.subarray(0, 64 * 1024));
    if (head.includes('[Content_Types].xml') || head.includes('xl/')) {
      return 'This looks like an Excel workbook (.xlsx); save it as CSV first (File › Save As › CSV UTF-8).';
    }
    return 'This looks like a ZIP archive, not a CSV file; unpack it and choose the CSV inside.';
  }
  if (startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) {
    return 'This looks like an old Excel workbook (.xls); save it as CSV first (File › Save As › CSV UTF-8).';
  }
  if (startsWith(bytes, [0x1f, 0x8b])) return 'This looks like a compressed (.gz) file; unpack it and choose the CSV inside.';
  const hasUtf16Bom = startsWith(bytes, [0xff, 0xfe]) || startsWith(bytes, [0xfe, 0xff]);
  if (!hasUtf16Bom && !looksLikeUtf16LeWithoutBom(bytes) && bytes.includes(0)) {
    return 'The file contains binary data (NUL bytes), so it is not a text CSV file; export the stock list as CSV.';
  }
  return undefined;
}

/** UTF-16LE text without a BOM: Latin text puts a 0 in nearly every odd byte and in no even byte. */
function looksLikeUtf16LeWithoutBom(bytes: Uint8Array): boolean {
  const sample = Math.min(bytes.length, 1024) & ~1;
  if (sample < 4) return false;
  let oddZeros = 0;
  for (let index = 0; index < sample; index += 2) {
    if (bytes[index] === 0) return false;
    if (bytes[index + 1] === 0) oddZeros += 1;
  }
  return oddZeros / (sample / 2) >= 0.6;
}

type Decoded = { ok: true; text: string; encoding: FeedEncoding } | FeedRejected;

const BOMS: Record<FeedEncoding, readonly number[]> = { 'utf-8': [0xef, 0xbb, 0xbf], 'utf-16le': [0xff, 0xfe], 'windows-1252': [] };

/** BOM first; then strict UTF-8; if that fails, Windows-1252 (what Excel on Windows writes as "CSV"). */
export function decodeFeedText(bytes: Uint8Array, forced: FeedEncoding | undefined): Decoded {
  if (forced) return decodeAs(bytes, forced, `The file is not valid ${forced.toUpperCase()} text, although that encoding was chosen for it.`);
  if (startsWith(bytes, BOMS['utf-8'])) {
    return decodeAs(bytes, 'utf-8', 'The file starts with a UTF-8 marker (BOM) but is not valid UTF-8 text; save it again as CSV UTF-8.');
  }
  if (startsWith(bytes, BOMS['utf-16le'])) {
    return decodeAs(bytes, 'utf-16le', 'The file starts with a UTF-16 marker (BOM) but is not valid UTF-16 text; save it again as CSV UTF-8.');
  }
  if (startsWith(bytes, [0xfe, 0xff])) return reject('The file is UTF-16 big-endian text, which the desk does not read; save it as CSV UTF-8.');
  if (looksLikeUtf16LeWithoutBom(bytes)) {
    return decodeAs(bytes, 'utf-16le', 'The file looks like UTF-16 text but is not valid UTF-16; save it again as CSV UTF-8.');
  }
  const utf8 = decodeAs(bytes, 'utf-8', '');
  return utf8.ok ? utf8 : decodeAs(bytes, 'windows-1252', '');
}

function decodeAs(bytes: Uint8Array, encoding: FeedEncoding, failure: string): Decoded {
  const bom = BOMS[encoding];
  const body = bom.length > 0 && startsWith(bytes, bom) ? bytes.subarray(bom.length) : bytes;
  if (encoding === 'windows-1252') return { ok: true, text: decodeWindows1252(body), encoding };
  try {
    // fatal: an invalid sequence throws instead of becoming U+FFFD, so a wrong guess is noticed.
    const text = new TextDecoder(encoding, { fatal: true, ignoreBOM: true }).decode(body);
    return { ok: true, text, encoding };
  } catch {
    return reject(failure);
  }
}

/**
 * What Windows-1252 puts at bytes 0x80–0x9F (WHATWG Encoding table). The five bytes it leaves undefined
 * stay C1 controls, as the standard says, and findUnreadableText refuses them.
 */
const WINDOWS_1252_HIGH = '\u20ac\u0081\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u008d\u017d\u008f'
  + '\u0090\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u009d\u017e\u0178';

/**
 * Node 20.18.3+ and 22.13+ decode 'windows-1252' as ISO-8859-1, so 0x80 comes out as U+0080 instead of "€"
 * (nodejs/node#60888). Decode as Latin-1, then map 0x80–0x9F ourselves: right on fixed runtimes too, where
 * the decoder already did it and only the five undefined bytes are left in that range.
 */
export function decodeWindows1252(bytes: Uint8Array): string {
  return new TextDecoder('latin1').decode(bytes).replace(/[\u0080-\u009f]/gu, (char) => WINDOWS_1252_HIGH[char.charCodeAt(0) - 0x80] ?? char);
}

/** Bytes 0x80–0xBF as Windows-1252 shows them: the continuation bytes of UTF-8 sequences. */
const CONTINUATION_CHARS = decodeWindows1252(Uint8Array.from({ length: 0x40 }, (_, i) => 0x80 + i))
  .replace(/[\\\]^-]/gu, '\\$&');
/** "fÃ¼r", "Â°", "â‚¬": UTF-8 bytes read as Windows-1252, i.e. a file that mixes UTF-8 with another encoding. */
const MOJIBAKE = new RegExp(`[\u00c2\u00c3][${CONTINUATION_CHARS}]|\u00e2[${CONTINUATION_CHARS}]{2}`, 'u');
/** C1 controls appear in decoded Windows-1252 only for the five bytes it leaves undefined (0x81 0x8D 0x8F 0x90 0x9D). */
const UNDEFINED_IN_WINDOWS_1252 = /[\u0080-\u009f]/u;
const CONTROL_CHAR = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/gu;

/** Text that decoded but is not what a person typed: binary without NULs, a DOS code page, or mixed encodings. */
export function findUnreadableText(text: string, encoding: FeedEncoding): string | undefined {
  const sample = text.slice(0, SNIFF_CHARS);
  const controls = sample.match(CONTROL_CHAR)?.length ?? 0;
  // A stray control character inside one value does not break reading; many of them mean it is not text.
  if (controls > Math.max(2, sample.length / 100)) {
    return 'The file is not readable text (it is full of control characters); export the stock list as CSV.';
  }
  if (encoding !== 'windows-1252') return undefined;
  const undefinedByte = UNDEFINED_IN_WINDOWS_1252.exec(text);
  if (undefinedByte) {
    const byte = undefinedByte[0].charCodeAt(0).toString(16).toUpperCase();
    return `The file is neither UTF-8 nor Windows-1252 text (line ${lineAt(text, undefinedByte.index)} has the byte 0x${byte}, `
      + 'perhaps an old DOS encoding); save it again as CSV UTF-8.';
  }
  const mixed = MOJIBAKE.exec(text);
  if (mixed) {
    const excerpt = text.slice(Math.max(0, mixed.index - 8), mixed.index + mixed[0].length + 8).replace(/[\r\n]+/gu, ' ');
    return `The file mixes UTF-8 with another encoding (line ${lineAt(text, mixed.index)} shows “${excerpt.trim()}”); `
      + 'open it in a spreadsheet and save it again as CSV UTF-8.';
  }
  return undefined;
}

/** A web page saved instead of the export (a login or error page from the supplier's portal), or an XML workbook. */
export function recognizeMarkup(text: string): string | undefined {
  const head = text.slice(0, 256).trimStart().toLowerCase();
  if (head.startsWith('<!doctype html') || head.startsWith('<html')) {
    return 'This is a web page (HTML), not a CSV file; perhaps a login or error page was saved instead of the export.';
  }
  if (head.startsWith('<?xml')) return 'This is an XML file (perhaps an Excel XML workbook); save it as CSV first.';
  return undefined;
}

/** Line breaks between two offsets: CRLF, LF or a lone CR each count once. */
export function countLineBreaks(text: string, from: number, to: number): number {
  let breaks = 0;
  for (let index = from; index < to; index += 1) {
    const code = text.charCodeAt(index);
    if (code === LF) breaks += 1;
    else if (code === CR && text.charCodeAt(index + 1) !== LF) breaks += 1;
  }
  return breaks;
}

function lineAt(text: string, offset: number): number {
  return countLineBreaks(text, 0, offset) + 1;
}
