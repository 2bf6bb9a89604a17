/**
 * Makes untrusted text inert for where it goes: a one-line field, a multi-line note, an e-mail header.
 * Pure string functions; the HTML escaping itself is mustache's (see po-email.ts).
 */

/**
 * C0/C1 controls, DEL, the Unicode line/paragraph separators, bidi embeddings/overrides/isolates (which can
 * make "gpj.exe" read as "exe.jpg") and a stray BOM / zero-width no-break space.
 */
const CONTROL_OR_BIDI = /[\p{Cc}\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff]/gu;
const CONTROL_OR_BIDI_EXCEPT_LF = /[\0-\x09\x0b-\x1f\x7f-\x9f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff]/gu;

/** A single-line field (a name, an address line, a SKU): every control character or line break becomes a space. */
export function oneLine(value: string): string {
  return value.replace(CONTROL_OR_BIDI, ' ').replace(/ {2,}/g, ' ').trim();
}

/**
 * A multi-line field (notes, a gift message): CRLF and lone CR become LF, tabs a space, other control and bidi
 * characters are dropped to a space; at most two blank lines in a row, trailing spaces trimmed.
 */
export function multiLine(value: string): string {
  return value
    .replace(/\r\n?/g, '\n')
    .replace(/\t/g, ' ')
    .replace(CONTROL_OR_BIDI_EXCEPT_LF, ' ')
    .replace(/[ ]+\n/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** Subjects longer than this are cut (with an ellipsis): a subject is a label, not a document. */
export const PO_SUBJECT_MAX_LENGTH = 160;

/**
 * An e-mail header value: one line, no control characters (no CR/LF header injection through a name or a
 * note), whitespace runs collapsed, capped at `max` code points (never splitting a surrogate pair).
 */
export function headerSafe(value: string, max = PO_SUBJECT_MAX_LENGTH): string {
  const flat = value.replace(CONTROL_OR_BIDI, ' ').replace(/\s+/gu, ' ').trim();
  const points = Array.from(flat);
  if (points.length <= max) return flat;
  return `${points.slice(0, max - 1).join('').trimEnd()}…`;
}
