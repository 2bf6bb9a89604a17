import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { FeedDelimiter } from '../../src-main/services/feeds/feed-types';
import { headerKey, parseFeed } from '../../src-main/services/feeds/parse-feed';

const DELIMITERS: FeedDelimiter[] = [',', ';', '\t', '|'];
const LINE_BREAKS = ['\n', '\r\n', '\r'] as const;

/** Cell text with everything that makes CSV hard, and no control characters other than tab and line breaks. */
const cellText = fc.array(
  fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom('a', 'Z', '7', ' ', ',', ';', '\t', '|', '"', '\n', '\r', '\r\n', 'ü', '€', 'é', '\u00a0', '🐶') },
    { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 2 }).filter((text) => !/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\ufeff]/u.test(text)) },
  ),
  { maxLength: 8 },
).map((parts) => parts.join(''));

/** A header of distinct names (as parseFeed compares them) and rows of the same width. */
const table = fc.integer({ min: 1, max: 6 }).chain((width) => fc.record({
  headers: fc.uniqueArray(fc.stringMatching(/^[A-Za-zÄÖÜäöü][A-Za-z0-9äöü _-]{0,10}[A-Za-z0-9]$/u), {
    minLength: width, maxLength: width, selector: headerKey,
  }),
  rows: fc.array(fc.array(cellText, { minLength: width, maxLength: width }), { minLength: 1, maxLength: 12 }),
}));

const needsQuotes = (cell: string, delimiter: string) => cell.includes(delimiter) || /["\r\n]/u.test(cell);
const quote = (cell: string) => `"${cell.replaceAll('"', '""')}"`;
const isBlank = (cell: string) => /^[ \t\u00a0\r\n]*$/u.test(cell);
const countLineBreaks = (text: string) => (text.match(/\r\n|\r|\n/gu) ?? []).length;

function writeCsv(headers: string[], rows: string[][], delimiter: string, lineBreak: string, quoteAll: boolean): { text: string; lines: number[] } {
  const lines: number[] = [];
  let text = '';
  for (const [index, cells] of [headers, ...rows].entries()) {
    if (index > 0) lines.push(countLineBreaks(text) + 1);
    text += cells.map((cell) => (quoteAll || needsQuotes(cell, delimiter) ? quote(cell) : cell)).join(delimiter) + lineBreak;
  }
  return { text, lines };
}

function encode(text: string, encoding: 'utf-8' | 'utf-8 with BOM' | 'utf-16le with BOM'): Uint8Array {
  if (encoding === 'utf-16le with BOM') return new Uint8Array(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]));
  const body = new TextEncoder().encode(text);
  return encoding === 'utf-8' ? body : Uint8Array.of(0xef, 0xbb, 0xbf, ...body);
}

describe('parseFeed properties', () => {
  it('reads back any table written as CSV, with its physical line numbers, in any delimiter, line break and encoding', () => {
    fc.assert(fc.property(
      table, fc.constantFrom(...DELIMITERS), fc.constantFrom(...LINE_BREAKS), fc.constantFrom('utf-8', 'utf-8 with BOM', 'utf-16le with BOM'),
      ({ headers, rows }, delimiter, lineBreak, encoding) => {
        // A row of blanks is skipped by design, and a file with none left is "header only".
        fc.pre(rows.some((cells) => !cells.every(isBlank)));
        const { text, lines } = writeCsv(headers, rows, delimiter, lineBreak, false);
        const result = parseFeed(encode(text, encoding as 'utf-8'), { delimiter });
        if (!result.ok) throw new Error(result.reason);
        const expected = rows.map((cells, index) => ({ line: lines[index], cells })).filter((row) => !row.cells.every(isBlank));
        expect(result.headers).toEqual(headers);
        expect(result.rows).toEqual(expected);
        expect(result.rowIssues).toEqual([]);
        expect(result.encoding).toBe(encoding.startsWith('utf-16le') ? 'utf-16le' : 'utf-8');
      },
    ), { numRuns: 300 });
  });

  it('finds the delimiter by itself when values are quoted', () => {
    fc.assert(fc.property(table, fc.constantFrom(...DELIMITERS), fc.constantFrom(...LINE_BREAKS), ({ headers, rows }, delimiter, lineBreak) => {
      fc.pre(headers.length >= 2 && rows.some((cells) => !cells.every(isBlank)));
      const { text } = writeCsv(headers, rows, delimiter, lineBreak, true);
      const result = parseFeed(new TextEncoder().encode(text));
      if (!result.ok) throw new Error(result.reason);
      expect(result.delimiter).toBe(delimiter);
      expect(result.rows.map((row) => row.cells)).toEqual(rows.filter((cells) => !cells.every(isBlank)));
    }), { numRuns: 200 });
  });

  it('never throws on arbitrary bytes: it parses or rejects with a reason', () => {
    fc.assert(fc.property(fc.oneof(fc.uint8Array({ maxLength: 400 }), cellText.map((text) => new TextEncoder().encode(text))), (bytes) => {
      const result = parseFeed(bytes);
      if (!result.ok) expect(result.reason.length).toBeGreaterThan(10);
      else for (const row of result.rows) expect(row.cells).toHaveLength(result.headers.length);
    }), { numRuns: 1000 });
  });
});
