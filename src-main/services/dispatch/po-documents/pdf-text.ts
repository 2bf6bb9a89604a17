/**
 * Text for pdfkit's built-in Helvetica. The 14 standard PDF fonts are WinAnsi (Windows-1252) fonts: pdfkit
 * writes a character outside that set as a wrong code (garbage or an invisible .notdef), and pdfkit 0.20 ships
 * no Unicode TTF/OTF to register (only the standard AFM metrics), and we add no font file.
 * So PDF text is folded to WinAnsi: a character the font has is kept ('Zoë', 'Müller', '€'); a letter with
 * diacritics it lacks loses them ('Łódź' → 'Lodz', 'Dvořák' → 'Dvorak'); anything else becomes '?'
 * ('山田' → '??', '🐶' → '?', one per code point). The e-mail and the CSV carry the exact text; the PDF is the
 * printable copy. Control characters become spaces (LF is kept where a field is multi-line).
 * Shipping a Unicode font (e.g. Noto Sans, ~500 KB per script) is the way to print CJK; not done here.
 */

/** Unicode code points outside Latin-1 that Windows-1252 (and so pdfkit's standard fonts) can show. */
const WIN_ANSI_EXTRA = new Set([
  0x0152, 0x0153, 0x0160, 0x0161, 0x0178, 0x017d, 0x017e, 0x0192, 0x02c6, 0x02dc, 0x2013, 0x2014, 0x2018,
  0x2019, 0x201a, 0x201c, 0x201d, 0x201e, 0x2020, 0x2021, 0x2022, 0x2026, 0x2030, 0x2039, 0x203a, 0x20ac, 0x2122,
]);

function isWinAnsi(cp: number): boolean {
  return (cp >= 0x20 && cp <= 0x7e) || (cp >= 0xa0 && cp <= 0xff) || WIN_ANSI_EXTRA.has(cp);
}

/** Some common letters that do not decompose (NFD) into a base letter plus a mark. */
const NO_DECOMPOSITION: Record<string, string> = {
  'Ł': 'L', 'ł': 'l', 'Đ': 'D', 'đ': 'd', 'Ħ': 'H', 'ħ': 'h', 'ı': 'i', 'Ŧ': 'T', 'ŧ': 't', 'ß': 'ß',
  '\u2010': '-', '\u2011': '-', '\u2012': '-', '\u2212': '-', '\u00a0': ' ', '\u2009': ' ', '\u202f': ' ',
};

function foldChar(ch: string): string {
  const cp = ch.codePointAt(0) ?? 0;
  if (isWinAnsi(cp)) return ch;
  if (ch === '\n') return ch;
  if (cp < 0x20 || (cp >= 0x7f && cp <= 0x9f) || cp === 0x2028 || cp === 0x2029) return ' ';
  const mapped = NO_DECOMPOSITION[ch];
  if (mapped !== undefined) return mapped;
  const base = ch.normalize('NFD').replace(/\p{M}+/gu, '');
  if (base !== '' && Array.from(base).every((c) => isWinAnsi(c.codePointAt(0) ?? 0))) return base;
  // Combining marks, bidi and zero-width format characters print as nothing rather than '?'.
  if (/^[\p{M}\p{Cf}]$/u.test(ch)) return '';
  return '?';
}

/** Folds text to what Helvetica (WinAnsi) can print; see the module comment. Keeps LF, never returns other controls. */
export function pdfText(value: string): string {
  let out = '';
  for (const ch of value.normalize('NFC')) out += foldChar(ch);
  return out;
}
