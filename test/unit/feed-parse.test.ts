import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { FeedDelimiter, FeedEncoding, ParseFeedOptions, ParseFeedResult, RowIssue } from '../../src-main/services/feeds/feed-types';
import { decodeWindows1252, headerKey, parseFeed } from '../../src-main/services/feeds/parse-feed';

const FIXTURES = fileURLToPath(new URL('../fixtures/feeds/', import.meta.url));
const fixture = (name: string) => new Uint8Array(readFileSync(FIXTURES + name));
const utf8 = (text: string) => new TextEncoder().encode(text);

interface Accepted {
  encoding: FeedEncoding;
  delimiter: FeedDelimiter;
  headers: string[];
  /** [line, cells] */
  rows: [number, string[]][];
  rowIssues?: RowIssue[];
}

/** Every fixture file and what parseFeed must make of it: exact rows, or a rejection whose reason matches. */
const FIXTURE_EXPECTATIONS: Record<string, Accepted | RegExp> = {
  'utf8-bom.csv': {
    encoding: 'utf-8', delimiter: ',', headers: ['SKU', 'Product', 'Stock', 'Cost', 'Lead time'],
    rows: [
      [2, ['KIB-ADULT-12', 'Adult Dog Kibble, Chicken 12 kg', '42', '31.90', '2']],
      [3, ['LIT-CLUMP-10', 'Clumping Cat Litter 10 l', '0', '7.45', '3']],
      [4, ['TOY-ROPE-L', 'Rope Tug Toy Large', '17', '3.20', '5']],
    ],
  },
  'semicolon-decimal-comma.csv': {
    encoding: 'utf-8', delimiter: ';', headers: ['Artikelnummer', 'Bezeichnung', 'Bestand', 'EK-Preis', 'Lieferzeit (Tage)'],
    rows: [
      [2, ['HF-WELP-4', 'Hundefutter für Welpen 4 kg', '120', '12,50', '2']],
      [3, ['KS-SENS-12', 'Katzenstreu sensitiv 12 l', '0', '8,99', '3']],
      [4, ['SP-BALL-M', 'Spielball Gummi, mittel', '35', '2,15', '']],
      [5, ['KS-PAL-40', 'Katzenstreu Palette (40 Sack)', '2', '1.299,00', '10']],
    ],
  },
  'tab-separated.tsv': {
    encoding: 'utf-8', delimiter: '\t', headers: ['Référence', 'Désignation', 'Stock', 'Prix HT', 'Devise'],
    rows: [
      [2, ['CROQ-CHAT-2', 'Croquettes chat stérilisé 2 kg', '58', '9,40', 'EUR']],
      [3, ['LIT-VEG-6', 'Litière végétale 6 l', '0', '5,15', 'EUR']],
      [4, ['JOU-PLUME', 'Jouet canne à plumes', '230', '2,60', 'CHF']],
    ],
  },
  'quoted-newlines.csv': {
    encoding: 'utf-8', delimiter: ',', headers: ['SKU', 'Description', 'Stock', 'Cost'],
    rows: [
      [2, ['TOY-KONG-M', 'Kong Classic "M"\nred rubber, dishwasher safe', '12', '9.80']],
      [4, ['KIB-PUP-3', 'Puppy kibble\nlamb & rice\n3 kg', '40', '14.25']],
      [7, ['LIT-SILICA-5', 'Silica cat litter 5 l', '7', '6.10']],
    ],
  },
  'ragged-rows.csv': {
    encoding: 'utf-8', delimiter: ';', headers: ['Artikelnummer', 'Bezeichnung', 'Bestand', 'EK-Preis', 'Lieferzeit'],
    rows: [
      [2, ['KAU-RIND-200', 'Kauknochen Rind 200 g', '85', '1,95', '2']],
      [4, ['KRA-BAUM-150', 'Kratzbaum 150 cm', '4', '39,90', '7']],
      [6, ['FUT-NASS-400', 'Nassfutter Huhn 400 g', '200', '0,89', '2']],
      [7, ['MAUS-PLUESCH', 'Plüschmaus mit Katzenminze', '150', '0,75', '4']],
    ],
    rowIssues: [
      { line: 3, reason: 'has 3 fields, the header has 5' },
      { line: 5, reason: 'has 7 fields, the header has 5 (a value may contain a semicolon without quotes around it)' },
    ],
  },
  'windows-1252.csv': {
    encoding: 'windows-1252', delimiter: ';', headers: ['Artikelnummer', 'Bezeichnung', 'Bestand', 'EK-Preis', 'Währung'],
    rows: [
      [2, ['HF-WELP-4', 'Hundefutter für Welpen 4 kg', '120', '12,50 €', 'EUR']],
      [3, ['KS-ÖKO-12', 'Katzenstreu Öko 12 l', '0', '8,99 €', 'EUR']],
      [4, ['FR-CREME-1', 'Friandises Crème de saumon', '45', '3,10 €', 'EUR']],
      [5, ['HF-GROSS-15', 'Hundefutter Großpackung 15 kg', '9', '34,00 €', '']],
    ],
  },
  'utf16le-bom.txt': {
    encoding: 'utf-16le', delimiter: '\t', headers: ['SKU', 'Artikel', 'Bestand', 'Preis (€)'],
    rows: [
      [2, ['VOG-SAAT-1', 'Vogelfutter Sittiche 1 kg', '33', '2,80']],
      [3, ['AQ-FILT-60', 'Aquarienfilter für 60 l, "leise"', '6', '24,90']],
      [4, ['NAG-HEU-1', 'Nagerheu Bergwiese 1 kg', '0', '3,49']],
    ],
  },
  'crlf-blank-lines.csv': {
    encoding: 'utf-8', delimiter: ',', headers: ['SKU', 'Name', 'Stock', 'Cost'],
    rows: [
      [2, ['CAT-TREE-S', 'Cat tree small', '3', '24.00']],
      [4, ['KIB-KIT-2', 'Kitten kibble\nsalmon', '18', '8.75']],
      [7, ['LIT-PINE-7', 'Pine litter 7 l', '25', '5.60']],
    ],
  },
  'bad-values.csv': {
    encoding: 'utf-8', delimiter: ';', headers: ['Artikelnummer', 'Bezeichnung', 'Bestand', 'EK-Preis', 'Lieferzeit', 'Währung'],
    rows: [
      [2, ['HF-ADULT-12', 'Hundefutter Adult 12 kg', '40', '29,90', '2', 'EUR']],
      [3, ['KS-KLUMP-10', 'Katzenstreu klumpend 10 l', '-3', '6,49', '3', 'EUR']],
      [4, ['SP-MAUS-3', 'Spielmaus 3er-Set', '25', 'gratis', '2', 'EUR']],
      [5, ['', 'Kauknochen 5 Stück', '50', '3,99', '2', 'EUR']],
      [6, ['HF-ADULT-12', 'Hundefutter Adult 12 kg (Aktion)', '38', '27,90', '2', 'EUR']],
      [7, ['NF-KATZE-85', 'Nassfutter Katze 85 g', 'abc', '0,59', '2', 'EUR']],
      [8, ['LK-HUHN-100', 'Leckerli Huhn 100 g', '12.5', '1,79', '2', 'EUR']],
      [9, ['KB-HUND-L', 'Körbchen Hund L', '1.234', '45,00', '2', 'EUR']],
      [10, ['TR-BOX-M', 'Transportbox M', '7', '19,90 USD', '2', 'EUR']],
      [11, ['NP-EDEL-S', 'Napf Edelstahl S', '30', '2,49', '400', 'EUR']],
      [12, ['HB-LEINE-2', 'Hundeleine 2 m', '14', '4,20', '3', 'EURO']],
      [13, ['KF-PAL-60', 'Kaninchenfutter Palette (60 Sack)', '2', '1.299,00', '5', 'EUR']],
      [14, ['BU-FELL-1', 'Fellbürste', '22', '€ 6,50', '', 'eur']],
      [15, ['PF-SET-CH', 'Pflegeset Hund', '5', '12.50', '2', 'CHF']],
      [16, ['ZB-ZAHN-1', 'Zahnbürste Hund', '0', '0,00', '2', 'EUR']],
    ],
  },
  'unclosed-quote-last-row.csv': {
    encoding: 'utf-8', delimiter: ',', headers: ['SKU', 'Name', 'Stock', 'Cost'],
    rows: [[2, ['KIB-LAMB-2', 'Lamb kibble 2 kg', '14', '6.90']]],
    rowIssues: [{ line: 3, reason: 'a quote (") opened in this row is never closed, so the row was not read' }],
  },
  'one-column.csv': {
    encoding: 'utf-8', delimiter: ',', headers: ['SKU'], rows: [[2, ['KIB-ADULT-12']], [3, ['LIT-CLUMP-10']]],
  },
  'excel-sep-line.csv': {
    encoding: 'utf-8', delimiter: ';', headers: ['SKU', 'Name', 'Stock', 'Cost'],
    rows: [[3, ['KIB-ADULT-12', 'Adult kibble, chicken', '42', '31.90']]],
  },
  'header-only.csv': /^The file has only the header line \(Artikelnummer, Bezeichnung, Bestand, EK-Preis\) and no data rows\.$/u,
  'empty.csv': /^The file is empty \(0 bytes\)\.$/u,
  'xlsx-renamed.csv': /^This looks like an Excel workbook \(\.xlsx\); save it as CSV first/u,
  'pdf-renamed.csv': /^This looks like a PDF document, not a CSV file/u,
  'unclosed-quote-mid-file.csv': /^A quote \("\) opened on line 3 is never closed, so lines 3–5 cannot be read as rows/u,
  'duplicate-headers.csv': /^The column name “bestand” appears twice in the header \(line 1, columns 2 and 4\)/u,
  'empty-header-name.csv': /^Column 2 of the header \(line 1\) has no name/u,
  'unknown-separator.csv': /^Could not find the column separator: the header “SKU Stock Cost” has no comma, semicolon, tab or \|\.$/u,
  'title-line-above-header.csv': /^The first line “Lagerbestand Tiernahrung Müller GmbH – Stand 03\.06\.2024” has no column separator, but the lines below use semicolons/u,
  'mixed-encoding.csv': /^The file mixes UTF-8 with another encoding \(line 2 shows “[^”]*fÃ¼r[^”]*”\)/u,
  'html-error-page.csv': /^This is a web page \(HTML\), not a CSV file/u,
};

function expectAccepted(result: ParseFeedResult, expected: Accepted): void {
  if (!result.ok) throw new Error(`expected the file to parse, it was rejected: ${result.reason}`);
  expect({ encoding: result.encoding, delimiter: result.delimiter, headers: result.headers }).toEqual(
    { encoding: expected.encoding, delimiter: expected.delimiter, headers: expected.headers },
  );
  expect(result.rows.map((row) => [row.line, row.cells])).toEqual(expected.rows);
  expect(result.rowIssues).toEqual(expected.rowIssues ?? []);
}

function expectRejected(result: ParseFeedResult, reason: RegExp): void {
  if (result.ok) throw new Error(`expected a rejection, it parsed to ${result.rows.length} rows`);
  expect(result.reason).toMatch(reason);
}

describe('parseFeed on the supplier fixtures', () => {
  it.each(Object.entries(FIXTURE_EXPECTATIONS))('%s', (file, expected) => {
    const result = parseFeed(fixture(file));
    if (expected instanceof RegExp) expectRejected(result, expected);
    else expectAccepted(result, expected);
  });

  it('covers every fixture file, and the README lists each', () => {
    const files = readdirSync(FIXTURES).filter((file) => file !== 'README.md' && file !== 'large-feed.ts').sort();
    expect(files).toEqual(Object.keys(FIXTURE_EXPECTATIONS).sort());
    const readme = readFileSync(`${FIXTURES}README.md`, 'utf8');
    expect(files.filter((file) => !readme.includes(`\`${file}\``))).toEqual([]);
  });

  it('reads the Windows-1252 fixture from real single bytes (ü = 0xFC, € = 0x80)', () => {
    const bytes = fixture('windows-1252.csv');
    expect(bytes.includes(0xfc) && bytes.includes(0x80)).toBe(true);
    const result = parseFeed(bytes);
    expect(result.ok && result.rows[0]?.cells[1]).toBe('Hundefutter für Welpen 4 kg');
    expect(result.ok && result.rows[0]?.cells[3]).toBe('12,50 €');
  });
});

describe('parseFeed on whole-file problems', () => {
  it.each<[string, Uint8Array, RegExp, ParseFeedOptions?]>([
    ['a file of blank lines', utf8('\r\n  \r\n\n'), /^The file is empty \(it has only blank lines\)\.$/u],
    ['a BOM and nothing else', Uint8Array.of(0xef, 0xbb, 0xbf), /^The file is empty/u],
    ['an old Excel workbook', Uint8Array.of(0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0), /old Excel workbook \(\.xls\)/u],
    ['a plain ZIP', Uint8Array.of(0x50, 0x4b, 3, 4, 20, 0, 0, 0, ...utf8('feed.csv')), /^This looks like a ZIP archive/u],
    ['a gzip file', Uint8Array.of(0x1f, 0x8b, 8, 0, 0, 0, 0, 0), /compressed \(\.gz\)/u],
    ['NUL bytes in a text file', utf8('SKU;Stock\nA-1;\u0000\u0000\u0000\u0000;4\n'), /binary data \(NUL bytes\)/u],
    ['text full of control characters', utf8(`SKU;Stock\n${'\u0001\u0002\u0003\u0004'.repeat(10)};4\n`), /full of control characters/u],
    ['UTF-16 big-endian', Uint8Array.of(0xfe, 0xff, 0, 0x53, 0, 0x4b), /UTF-16 big-endian/u],
    ['a DOS code page (ü = 0x81)', Uint8Array.of(...utf8('SKU;Name\nHF-1;Futter f'), 0x81, ...utf8('r Welpen\n')), /neither UTF-8 nor Windows-1252 text \(line 2 has the byte 0x81/u],
    ['an XML workbook', utf8('<?xml version="1.0"?>\n<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet"/>\n'), /^This is an XML file/u],
    ['a sep= line with an unsupported separator', utf8('sep=:\nSKU:Stock\nA:1\n'), /asks for “:” as the column separator/u],
    ['an unclosed quote in the header', utf8('SKU;"Stock\nA;1\n'), /opened on line 1 is never closed/u],
    ['most rows not matching the header', utf8('SKU;Stock;Cost\nA,1,2\nB,3,4\nC;5;6\n'), /^Most rows \(2 of 3\) do not match the header on line 1/u],
    ['Windows-1252 bytes when the caller chose UTF-8', Uint8Array.of(...utf8('SKU;Name\nA;f'), 0xfc, ...utf8('r\n')),
      /not valid UTF-8 text, although that encoding was chosen/u, { encoding: 'utf-8' }],
  ])('rejects %s', (_name, bytes, reason, options) => {
    expectRejected(parseFeed(bytes, options), reason);
  });
});

describe('parseFeed reading details', () => {
  const rowsOf = (result: ParseFeedResult) => (result.ok ? result.rows.map((row) => [row.line, row.cells]) : result.reason);

  it('counts physical lines for lone CR line endings (old Mac exports)', () => {
    expect(rowsOf(parseFeed(utf8('SKU;Stock\rA-1;4\r\rB-2;"5\r"\rC-3;6\r')))).toEqual([[2, ['A-1', '4']], [4, ['B-2', '5\r']], [6, ['C-3', '6']]]);
  });

  it('skips blank lines before the header and still counts them', () => {
    const result = parseFeed(utf8('\n\nSKU,Stock\nA-1,4\n'));
    expect(result.ok && result.headers).toEqual(['SKU', 'Stock']);
    expect(rowsOf(result)).toEqual([[4, ['A-1', '4']]]);
  });

  it('reads UTF-16LE without a BOM', () => {
    const bytes = new Uint8Array(Buffer.from('SKU\tBestand\nHF-1\t4\n', 'utf16le'));
    const result = parseFeed(bytes);
    expect(result.ok && result.encoding).toBe('utf-16le');
    expect(rowsOf(result)).toEqual([[2, ['HF-1', '4']]]);
  });

  it('lets an explicit delimiter win over sniffing', () => {
    const bytes = utf8('SKU,Name;Stock\nA-1,Ball;4\nB-2,Maus;5\n');
    const sniffed = parseFeed(bytes);
    expect(sniffed.ok && sniffed.delimiter).toBe(';');
    expect(rowsOf(parseFeed(bytes, { delimiter: ',' }))).toEqual([[2, ['A-1', 'Ball;4']], [3, ['B-2', 'Maus;5']]]);
  });

  it('skips an Excel "sep=" line, and lets an explicit delimiter win over it', () => {
    expect(rowsOf(parseFeed(utf8('sep=|\nSKU|Stock\nA-1|4\n')))).toEqual([[3, ['A-1', '4']]]);
    expect(rowsOf(parseFeed(utf8('sep=:\nSKU;Stock\nA-1;4\n'), { delimiter: ';' }))).toEqual([[3, ['A-1', '4']]]);
  });

  it('lets an explicit encoding win over detection', () => {
    const result = parseFeed(Uint8Array.of(...utf8('SKU;Name\nA;f'), 0xfc, ...utf8('r\n')), { encoding: 'windows-1252' });
    expect(result.ok && [result.encoding, result.rows[0]?.cells[1]]).toEqual(['windows-1252', 'für']);
  });

  it('picks ; over the commas of decimal values, and , over a ; inside quotes', () => {
    expect(rowsOf(parseFeed(utf8('SKU;Preis (netto, EUR);Bestand\nA-1;12,50;4\nB-2;3,99;0\n')))).toEqual([[2, ['A-1', '12,50', '4']], [3, ['B-2', '3,99', '0']]]);
    expect(rowsOf(parseFeed(utf8('SKU,Name,Stock\nA-1,"Ball; rot",4\n')))).toEqual([[2, ['A-1', 'Ball; rot', '4']]]);
  });

  it('reads quotes the way a spreadsheet does', () => {
    const result = parseFeed(utf8('SKU;Name;Stock\nK-1;"Kong" Classic;4\nS-1;Seil 12" lang;2\nQ-1;"";0\n'));
    expect(rowsOf(result)).toEqual([[2, ['K-1', 'Kong Classic', '4']], [3, ['S-1', 'Seil 12" lang', '2']], [4, ['Q-1', '', '0']]]);
  });

  it('accepts a separator at the end of every line, including the header', () => {
    expect(rowsOf(parseFeed(utf8('SKU;Stock;\r\nA-1;4;\r\nB-2;5;;\r\n')))).toEqual([[2, ['A-1', '4']], [3, ['B-2', '5']]]);
  });

  it('keeps cells untrimmed and headers trimmed', () => {
    const result = parseFeed(utf8(' SKU ; Stock \n A-1 ; 4 \n'));
    expect(result.ok && result.headers).toEqual(['SKU', 'Stock']);
    expect(rowsOf(result)).toEqual([[2, [' A-1 ', ' 4 ']]]);
  });

  it('reports a ragged row that holds the last quote of the file', () => {
    const result = parseFeed(utf8('SKU,Stock\nA-1,4\nB-2,5\nC-3,"6\n'));
    expect(result.ok && result.rowIssues).toEqual([{ line: 4, reason: 'a quote (") opened in this row is never closed, so the row was not read' }]);
  });

  it('compares header names ignoring case and spacing', () => {
    expect(headerKey('  EK-Preis ')).toBe(headerKey('ek-preis'));
    expect(headerKey('Lieferzeit  (Tage)')).toBe(headerKey('lieferzeit (tage)'));
  });

  it('decodes every Windows-1252 byte in 0x80–0x9F by the WHATWG table, whatever the runtime does', () => {
    expect(decodeWindows1252(Uint8Array.of(0x80, 0x84, 0x93, 0x94, 0x96, 0x99, 0x9f, 0xfc, 0xdf))).toBe('€„“”–™Ÿüß');
  });
});
