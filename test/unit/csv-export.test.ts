/**
 * The export's cell rule (formula neutralising by column type) and its file format (RFC 4180 through
 * csv-stringify, CRLF, a UTF-8 BOM), read back with the desk's own CSV reader.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { csvCell, neutraliseCsvText, restoreCsvText } from '../../src-main/services/export/csv-cells';
import { csvChunks, type CsvColumn } from '../../src-main/services/export/csv-chunks';
import { rangeBounds } from '../../src-main/services/export/export-range';
import { parseFeed } from '../../src-main/services/feeds/parse-feed';

describe('neutraliseCsvText: a text cell a spreadsheet would run as a formula gets a leading apostrophe', () => {
  it.each([
    ['=', '=HYPERLINK("http://x","y")'],
    ['+', '+49 30 123'],
    ['-', '-12.50'],
    ['@', '@SUM(A1:A9)'],
    ['tab', '\t=1+1'],
    ['CR', '\r=1+1'],
    ['a tab before plain text', '\tabc'],
    ['a CR before plain text', '\rabc'],
    ['a space before =', ' =1+1'],
    ['spaces and a newline before @', '  \n@cmd'],
    ['full-width ＝ (Apple Numbers folds it to =)', '＝1+1'],
    ['full-width ＋', '＋1'],
    ['full-width －', '－1'],
    ['full-width ＠', '＠a'],
    ['an apostrophe already there (so the rule can be undone)', "'s-Hertogenbosch"],
  ])('%s', (_name, value) => {
    expect(neutraliseCsvText(value)).toBe(`'${value}`);
  });

  it.each([
    ['empty', ''],
    ['plain name', 'Zoë Müller'],
    ['emoji first', '🐶 Bello'],
    ['CJK', '東京都'],
    ['= inside, not first', 'a=b'],
    ['digits then minus', '12-3'],
    ['a leading space before a letter', ' Hauptstraße 1'],
    ['U+2212 minus sign (not a formula start anywhere)', '\u22125'],
    ['an ISO date', '2026-11-30T10:00:00.000Z'],
  ])('leaves %s as it is', (_name, value) => {
    expect(neutraliseCsvText(value)).toBe(value);
  });

  it('is undone exactly by restoreCsvText, for any text', () => {
    // Graphemes (any script, emoji) mixed with the characters the rule is about.
    const unit = fc.oneof(fc.constantFrom('=', '+', '-', '@', '\t', '\r', '\n', ' ', "'", '＝'), fc.string({ unit: 'grapheme', minLength: 1, maxLength: 1 }));
    fc.assert(fc.property(fc.string({ unit }), (text) => restoreCsvText(neutraliseCsvText(text)) === text));
  });

  it('never leaves a neutralised cell starting with a formula character', () => {
    fc.assert(fc.property(fc.string({ unit: fc.constantFrom('=', '+', '-', '@', '\t', '\r', ' ', "'", 'a', '1') }), (text) => {
      const cell = neutraliseCsvText(text);
      return !/^\s*[=+\-@]/u.test(cell) && !/^[\t\r]/u.test(cell);
    }));
  });
});

describe('csvCell: the column type decides, not the value', () => {
  it('writes a negative amount in a number column as a number', () => {
    expect(csvCell('-12.50', 'number')).toBe('-12.50');
    expect(csvCell(-3, 'number')).toBe('-3');
    expect(csvCell('0', 'number')).toBe('0');
  });

  it('neutralises the same characters in a text column', () => {
    expect(csvCell('-12.50', 'text')).toBe("'-12.50");
    expect(csvCell('+49 30 123', 'text')).toBe("'+49 30 123");
  });

  it('writes a number column value that is not a plain decimal as neutralised text rather than trust it', () => {
    expect(csvCell('=1+1', 'number')).toBe("'=1+1");
    expect(csvCell('-1e5', 'number')).toBe("'-1e5");
    expect(csvCell(Number.NaN, 'number')).toBe('NaN');
  });

  it('writes null as an empty cell in either type', () => {
    expect(csvCell(null, 'text')).toBe('');
    expect(csvCell(null, 'number')).toBe('');
  });
});

interface Row { id: string; a: string; b: string; amount: string }
const COLUMNS: CsvColumn<Row>[] = [
  { header: 'id', type: 'text', value: (r) => r.id },
  { header: 'a', type: 'text', value: (r) => r.a },
  { header: 'b', type: 'text', value: (r) => r.b },
  { header: 'amount', type: 'number', value: (r) => r.amount },
];
const csvOf = (pages: Row[][], bom?: boolean) => [...csvChunks(COLUMNS, pages, { bom })].join('');
const row = (a: string, b: string, amount = '1.00', id = 'x'): Row => ({ id, a, b, amount });

describe('csvChunks: RFC 4180 as csv-stringify writes it', () => {
  it('starts with a UTF-8 BOM, ends every record with CRLF, and quotes and doubles only where needed', () => {
    const text = csvOf([[row('a,b', 'say "hi"', '-12.50')], [row('x\ny', 'cr\ronly')]]);
    expect(text).toBe('\uFEFFid,a,b,amount\r\n'
      + 'x,"a,b","say ""hi""",-12.50\r\n'
      + 'x,"x\ny","cr\ronly",1.00\r\n');
  });

  it('leaves the BOM out when asked', () => {
    expect(csvOf([[row('a', 'b')]], false)).toBe('id,a,b,amount\r\nx,a,b,1.00\r\n');
  });

  it('quotes a neutralised formula that holds a comma, and the reader gets the apostrophe form back', () => {
    const text = csvOf([[row('=HYPERLINK("http://x","y")', '')]]);
    expect(text).toContain('"\'=HYPERLINK(""http://x"",""y"")"');
    const parsed = parseFeed(Buffer.from(text, 'utf8'));
    expect(parsed.ok && parsed.rows[0]!.cells[1]).toBe('\'=HYPERLINK("http://x","y")');
  });

  it('yields the header alone for an export with no rows, and one chunk per non-empty page', () => {
    expect([...csvChunks(COLUMNS, [])]).toEqual(['\uFEFFid,a,b,amount\r\n']);
    expect([...csvChunks(COLUMNS, [[row('1', '2')], [], [row('3', '4'), row('5', '6')]])]).toHaveLength(3);
  });

  it('reads back through the desk\'s own CSV reader: BOM gone from the first header, CRLF, commas, quotes, CR, LF', () => {
    const rows = [row('a,b', 'q"q'), row('line1\r\nline2', 'lone\rcr'), row('', 'Zoë 🐶'), row('-5', '+49 30', '-0.01')];
    const parsed = parseFeed(Buffer.from(csvOf([rows]), 'utf8'));
    if (!parsed.ok) throw new Error(parsed.reason);
    expect(parsed.encoding).toBe('utf-8');
    expect(parsed.headers).toEqual(['id', 'a', 'b', 'amount']);
    expect(parsed.rowIssues).toEqual([]);
    expect(parsed.rows.map((r) => r.cells.map(restoreCsvText))).toEqual(rows.map((r) => [r.id, r.a, r.b, r.amount]));
    // The number column is the number itself, no apostrophe to strip.
    expect(parsed.rows[3]!.cells[3]).toBe('-0.01');
  });

  it('round-trips any text cells (commas, quotes, CR, LF, tabs, formula starts, unicode) through the reader', () => {
    const unit = fc.constantFrom(',', '"', '\r', '\n', '\r\n', '\t', ' ', '=', '+', '-', '@', "'", 'a', 'Z', 'ü', '🐶', '東');
    const cell = fc.string({ unit, maxLength: 12 });
    fc.assert(fc.property(fc.array(fc.tuple(cell, cell), { minLength: 1, maxLength: 8 }), (pairs) => {
      // A non-blank id keeps a row of blank cells from being read as a blank line (which readers skip).
      const rows = pairs.map(([a, b], index) => row(a, b, '1.00', `r${index}`));
      const parsed = parseFeed(Buffer.from(csvOf([rows]), 'utf8'));
      if (!parsed.ok) throw new Error(parsed.reason);
      expect(parsed.rowIssues).toEqual([]);
      expect(parsed.rows.map((r) => r.cells.map(restoreCsvText))).toEqual(rows.map((r) => [r.id, r.a, r.b, r.amount]));
    }));
  });
});

describe('rangeBounds', () => {
  it('names the option that is not usable', () => {
    expect(() => rangeBounds({ pageSize: 0 })).toThrow(/pageSize/);
    expect(() => rangeBounds({ from: 1.5 })).toThrow(/from/);
    expect(() => rangeBounds({ to: Number.NaN })).toThrow(/to must be/);
  });
});
