import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_PO_TEMPLATE, PO_CSV_COLUMNS, PO_SUBJECT_MAX_LENGTH, PO_TEMPLATE_TAGS, PoTemplateError, checkPoTemplate, neutraliseCsvCell,
  pdfText, poCsv, poPdf, renderPoEmail, type PurchaseOrderDocument,
} from '../../src-main/services/dispatch/po-documents';
import { parseFeed } from '../../src-main/services/feeds/parse-feed';
import { makeDoc } from '../fixtures/purchase-order';


function withShipTo(patch: Partial<PurchaseOrderDocument['shipTo']>): PurchaseOrderDocument {
  const doc = makeDoc();
  return { ...doc, shipTo: { ...doc.shipTo, ...patch } };
}

const CONTROL = /[\p{Cc}\u2028\u2029]/u;

describe('renderPoEmail: default template', () => {
  const mail = renderPoEmail(makeDoc());

  it('puts the PO number in the subject and the PO number, then ship-to, then the lines in the body', () => {
    expect(mail.subject).toBe('Purchase order PO-1042-1 from Happy Paws (5 items, ship to United States)');
    for (const body of [mail.text, mail.html]) {
      const po = body.indexOf('PO-1042-1');
      const shipTo = body.indexOf('Jane Doe');
      const firstLine = body.indexOf('DOG-BED-L');
      expect(po).toBeGreaterThanOrEqual(0);
      expect(shipTo).toBeGreaterThan(po);
      expect(firstLine).toBeGreaterThan(shipTo);
    }
  });

  it.each([
    ['SKU, title', 'Orthopedic dog bed, large'],
    ['unit cost', '$12.50'],
    ['line total', '$25.00'],
    ['second line total', '$11.97'],
    ['total', '$36.97'],
    ['shop contact (reply-to wins)', 'po@happypaws.example'],
    ['notes', 'Please leave at the back door.'],
  ])('shows the %s in text and HTML', (_what, expected) => {
    expect(mail.text).toContain(expected);
    expect(mail.html).toContain(expected);
  });

  it('lays the lines out as a table row each in HTML', () => {
    expect(mail.html).toMatch(/<tr><td[^>]*>DOG-BED-L<\/td><td[^>]*>Orthopedic dog bed, large<\/td><td[^>]*>2<\/td><td[^>]*>\$12\.50<\/td><td[^>]*>\$25\.00<\/td><\/tr>/);
  });

  it('is accepted by checkPoTemplate, and every default part only uses listed tags', () => {
    expect(checkPoTemplate(DEFAULT_PO_TEMPLATE)).toEqual({ ok: true });
    expect(PO_TEMPLATE_TAGS).toContain('shipTo.name');
  });

  it('leaves out the notes section when there are no notes', () => {
    const quiet = renderPoEmail(makeDoc({ notes: '  \r\n ' }));
    expect(quiet.text).not.toContain('NOTES');
    expect(quiet.html).not.toContain('>Notes<');
  });
});

describe('renderPoEmail: per-supplier template', () => {
  const template = {
    subject: 'PO {{poNumber}} / {{orderNumber}} for {{supplier.contactName}}',
    text: '{{#lines}}{{sku}};{{quantity}};{{unitCostDecimal}}\n{{/lines}}TOTAL={{totalDecimal}} {{currency}}\n{{#shipToLines}}{{.}}|{{/shipToLines}}',
    html: '<h1>{{poNumber}}</h1><ul>{{#lines}}<li>{{quantity}} x {{title}}</li>{{/lines}}</ul>{{^hasNotes}}<p>No notes</p>{{/hasNotes}}',
  };

  it('renders every part with the view', () => {
    const mail = renderPoEmail(makeDoc({ notes: '' }), template);
    expect(mail.subject).toBe('PO PO-1042-1 / PD-1042 for Anna Smith');
    expect(mail.text).toBe('DOG-BED-L;2;12.50\nCAT-TOY-7;3;3.99\nTOTAL=36.97 USD\nJane Doe|12 Elm Rd|Apt 3|Portland OR 97201|United States|');
    expect(mail.html).toBe('<h1>PO-1042-1</h1><ul><li>2 x Orthopedic dog bed, large</li><li>3 x Feather wand</li></ul><p>No notes</p>');
  });

  it('uses the default for a part the supplier did not customise', () => {
    const mail = renderPoEmail(makeDoc(), { subject: 'PO {{poNumber}}' });
    expect(mail.subject).toBe('PO PO-1042-1');
    expect(mail.html).toBe(renderPoEmail(makeDoc()).html);
  });

  it('refuses an invalid template with the checker\'s message', () => {
    expect(() => renderPoEmail(makeDoc(), { html: '<p>{{{notes}}}</p>' })).toThrow(PoTemplateError);
    expect(() => renderPoEmail(makeDoc(), { text: '{{nope}}' })).toThrow(/unknown tag \{\{nope\}\}/);
  });
});

describe('renderPoEmail: untrusted text comes out inert', () => {
  const nastySubject = { subject: '{{shipTo.name}} | {{notes}} | {{supplier.name}}' };
  const cases: { name: string; payload: string }[] = [
    { name: 'script tag', payload: '<script>alert(1)</script>' },
    { name: 'javascript: link', payload: 'javascript:alert(1)' },
    { name: 'mustache tag', payload: '{{shop.name}}' },
    { name: 'triple mustache', payload: '{{{shop.name}}}' },
    { name: 'CR/LF header injection', payload: 'Jane\r\nBcc: victim@example.com\r\n\r\n<b>x</b>' },
    { name: 'img onerror', payload: '<img src=x onerror=alert(1)>' },
    { name: 'attribute breakout', payload: '" onmouseover="alert(1)' },
  ];

  it.each(cases)('$name in the customer name, notes, title and gift message', ({ payload }) => {
    const doc = withShipTo({ name: payload });
    doc.notes = payload;
    doc.lines = [{ ...doc.lines[0]!, title: payload }];
    doc.packingSlip = { hidePrices: true, giftMessage: payload };
    for (const template of [{}, nastySubject]) {
      const mail = renderPoEmail(doc, template);
      expect(mail.subject).not.toMatch(CONTROL);
      expect(mail.subject).not.toContain('\n');
      expect(mail.html).not.toMatch(/<script/i);
      expect(mail.html).not.toMatch(/<img/i);
      expect(mail.html).not.toMatch(/<b>/);
      expect(mail.html).not.toMatch(/href=|onerror=|onmouseover="/i);
      // The value is never rendered as a template: "{{shop.name}}" stays those characters.
      if (payload.includes('{{')) {
        expect(mail.text).toContain(payload.includes('{{{') ? '{{{shop.name}}}' : '{{shop.name}}');
        expect(mail.html).toContain('{{shop.name}}');
      }
    }
  });

  it('escapes HTML-significant characters of a value', () => {
    const mail = renderPoEmail(withShipTo({ name: '<script>alert(1)</script>' }));
    expect(mail.html).toContain('&lt;script&gt;alert(1)&lt;&#x2F;script&gt;');
  });

  it('collapses CR/LF in the customer name to a space everywhere and keeps the notes\' line breaks as LF', () => {
    const doc = withShipTo({ name: 'Jane\r\nBcc: x@example.com' });
    doc.notes = 'line one\r\nline two\rline three';
    const mail = renderPoEmail(doc, nastySubject);
    expect(mail.subject).toBe('Jane Bcc: x@example.com | line one line two line three | PetSupply Co');
    expect(mail.text).toContain('Jane Bcc: x@example.com\n');
    expect(mail.text).toContain('line one\nline two\nline three');
    expect(mail.text).not.toContain('\r');
  });

  it.each([
    ['tab and vertical tab', 'a\tb\u000bc', 'a b c'],
    ['NUL and DEL', 'a\u0000b\u007fc', 'a b c'],
    ['C1 control (NEL)', 'a\u0085b', 'a b'],
    ['Unicode line separator', 'a\u2028b', 'a b'],
    ['bidi override', 'a\u202egpj.exe', 'a gpj.exe'],
  ])('subject: %s becomes a space', (_what, name, expected) => {
    expect(renderPoEmail(withShipTo({ name }), { subject: '{{shipTo.name}}' }).subject).toBe(expected);
  });

  it('caps the subject length without splitting a surrogate pair', () => {
    const subject = renderPoEmail(withShipTo({ name: '🐶'.repeat(500) }), { subject: '{{shipTo.name}}' }).subject;
    expect(Array.from(subject).length).toBeLessThanOrEqual(PO_SUBJECT_MAX_LENGTH);
    expect(subject.endsWith('…')).toBe(true);
    expect(subject).not.toMatch(/[\ud800-\udbff](?![\udc00-\udfff])/);
  });

  /** Untrusted fields with arbitrary text, biased towards the characters that matter. */
  const untrusted = fc.array(
    fc.oneof(
      { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 6 }) },
      { weight: 3, arbitrary: fc.constantFrom('<', '>', '<script', '</script>', '&', '"', "'", '{{', '}}', '{{{', '\r', '\n', '\r\n', '\u0000', '\u2028', '\u202e', 'javascript:', '🐶', '山田') },
    ),
    { maxLength: 8 },
  ).map((parts) => parts.join(''));

  it('property: subject has no control characters; HTML has no <script and no unescaped < from the untrusted fields', () => {
    const build = (f: string[], map: (s: string) => string): PurchaseOrderDocument => {
      const doc = makeDoc();
      const v = f.map(map);
      return {
        ...doc,
        shipTo: {
          name: v[0]!, line1: v[1]!, line2: v[2]!, city: v[3]!, region: v[4]!, postcode: v[5]!, country: v[6]!, phone: v[7]!, email: v[8]!,
        },
        lines: [{ ...doc.lines[0]!, supplierSku: v[9]!, title: v[10]! }, doc.lines[1]!],
        notes: v[11]!,
        packingSlip: { hidePrices: true, giftMessage: v[12]! },
      };
    };
    const lessThans = (html: string): number => html.split('<').length - 1;
    fc.assert(fc.property(fc.array(untrusted, { minLength: 13, maxLength: 13 }), (fields) => {
      const doc = build(fields, (s) => s);
      // Same fields with '<' replaced: same structure, so any extra '<' would have come from a field.
      const reference = build(fields, (s) => s.replaceAll('<', 'x'));
      for (const template of [{}, { subject: '{{shipTo.name}} {{shipTo.city}} {{notes}} {{giftMessage}} {{#lines}}{{title}}{{/lines}}' }]) {
        const mail = renderPoEmail(doc, template);
        expect(mail.subject).not.toMatch(CONTROL);
        expect(Array.from(mail.subject).length).toBeLessThanOrEqual(PO_SUBJECT_MAX_LENGTH);
        expect(mail.html).not.toMatch(/<script/i);
        expect(lessThans(mail.html)).toBe(lessThans(renderPoEmail(reference, template).html));
      }
    }), { numRuns: 300 });
  });
});

describe('checkPoTemplate', () => {
  it.each([
    ['the defaults', DEFAULT_PO_TEMPLATE],
    ['an escaped value in HTML text', { html: '<p>{{notes}}</p>' }],
    ['line tags inside {{#lines}}, outer tags too', { text: '{{#lines}}{{sku}} {{poNumber}} {{.}}{{/lines}}' }],
    ['a conditional section', { html: '{{#hasNotes}}<p>{{notes}}</p>{{/hasNotes}}{{^shop.replyTo}}-{{/shop.replyTo}}' }],
    ['triple mustache in the plain-text part', { text: '{{{notes}}}' }],
    ['a comment', { subject: '{{! internal }}PO {{poNumber}}' }],
    ['a tag after a closed tag in HTML', { html: '<a href="https://shop.example/">Shop</a> {{shop.name}}' }],
  ])('accepts %s', (_what, template) => {
    expect(checkPoTemplate(template)).toEqual({ ok: true });
  });

  it.each<[string, Parameters<typeof checkPoTemplate>[0], RegExp]>([
    ['triple mustache in HTML', { html: '<p>{{{notes}}}</p>' }, /HTML template inserts \{\{\{notes\}\}\} without HTML escaping; write \{\{notes\}\} instead \(line 1, column 4\)/],
    ['{{& x}} in HTML', { html: '<p>{{& shipTo.name}}</p>' }, /without HTML escaping/],
    ['a value in an href', { html: '<a href="{{shipTo.email}}">mail</a>' }, /puts \{\{shipTo\.email\}\} inside HTML markup/],
    ['a value as an attribute', { html: '<div {{notes}}>' }, /inside HTML markup/],
    ['a value in a comment', { html: '<!-- {{notes}} -->' }, /inside HTML markup/],
    ['a value in a script', { html: '<script>var n = "{{notes}}";</script>' }, /inside a <script> element/],
    ['a value in a style', { html: '<style>p { content: "{{notes}}" }</style>' }, /inside a <style> element/],
    ['an unknown tag', { text: 'Hi\n  {{shipTo.nmae}}' }, /plain-text template uses the unknown tag \{\{shipTo\.nmae\}\}.*\(line 2, column 3\)/],
    ['a line tag outside {{#lines}}', { subject: '{{sku}}' }, /subject uses the unknown tag \{\{sku\}\}/],
    ['an unknown section', { html: '{{#items}}x{{/items}}' }, /unknown tag \{\{items\}\}/],
    ['an unclosed section', { text: '{{#lines}}{{sku}}' }, /plain-text template has a syntax error: Unclosed section "lines"/],
    ['an unclosed tag', { subject: 'PO\n{{poNumber' }, /subject has a syntax error: Unclosed tag \(line 2, column 1\)/],
    ['an unopened section', { html: '<p>{{/lines}}</p>' }, /HTML template has a syntax error: Unopened section "lines"/],
    ['a partial', { text: '{{> footer}}' }, /partial \{\{> footer\}\}; partials are not supported/],
    ['a huge template', { text: 'x'.repeat(100_001) }, /too long/],
  ])('refuses %s, naming the problem', (_what, template, message) => {
    const result = checkPoTemplate(template);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.message).toMatch(message);
      expect(result.problems.length).toBeGreaterThan(0);
    }
  });

  it('reports every problem of every part', () => {
    const result = checkPoTemplate({ subject: '{{a}}', text: '{{b}}', html: '{{{notes}}}' });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problems.map((p) => p.part)).toEqual(['subject', 'text', 'html']);
  });
});

describe('neutraliseCsvCell', () => {
  it.each<[string | number | null, 'text' | 'number' | undefined, string]>([
    ['=HYPERLINK("http://evil.example","click")', undefined, '\'=HYPERLINK("http://evil.example","click")'],
    ['+1', undefined, "'+1"],
    ['-2', undefined, "'-2"],
    ['@x', undefined, "'@x"],
    ['\tx', undefined, "'\tx"],
    ['\rx', undefined, "'\rx"],
    ['=1+1', 'number', "'=1+1"],
    ['-2+3', 'number', "'-2+3"],
    ['-12.50', 'number', '-12.50'],
    ['12.50', 'number', '12.50'],
    [-2, undefined, '-2'],
    [3, 'number', '3'],
    ['plain text', undefined, 'plain text'],
    ['a=b', undefined, 'a=b'],
    ['', undefined, ''],
    [null, undefined, ''],
  ])('%j (%s) → %j', (value, kind, expected) => {
    expect(neutraliseCsvCell(value, kind)).toBe(expected);
  });
});

describe('poCsv', () => {
  const read = (csv: string) => {
    const result = parseFeed(new TextEncoder().encode(csv), { delimiter: ',' });
    if (!result.ok) throw new Error(result.reason);
    return result;
  };

  it('writes a header and one row per line, ship-to repeated, CRLF line endings, no BOM by default', () => {
    const csv = poCsv(makeDoc());
    expect(csv.startsWith('po_number,')).toBe(true);
    expect(csv.split('\r\n')).toHaveLength(4); // header, 2 rows, the empty string after the last CRLF
    expect(csv.replaceAll('\r\n', '')).not.toMatch(/[\r\n]/);
    const parsed = read(csv);
    expect(parsed.headers).toEqual([...PO_CSV_COLUMNS]);
    expect(parsed.rows.map((row) => row.cells)).toEqual([
      ['PO-1042-1', 'PD-1042', 'DOG-BED-L', 'Orthopedic dog bed, large', '2', '12.50', 'USD', '25.00',
        'Jane Doe', '12 Elm Rd', 'Apt 3', 'Portland', 'OR', '97201', 'US', '503 555 0100', 'jane@example.com'],
      ['PO-1042-1', 'PD-1042', 'CAT-TOY-7', 'Feather wand', '3', '3.99', 'USD', '11.97',
        'Jane Doe', '12 Elm Rd', 'Apt 3', 'Portland', 'OR', '97201', 'US', '503 555 0100', 'jane@example.com'],
    ]);
  });

  it('adds a BOM when asked, and the reader still finds the headers', () => {
    const csv = poCsv(makeDoc(), { bom: true });
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    expect(read(csv).headers[0]).toBe('po_number');
  });

  it.each([
    ['quote, comma and newline', 'Bed "XL", grey\nwashable', 'Bed "XL", grey\nwashable'],
    ['CRLF inside', 'a\r\nb', 'a\r\nb'],
    ['=HYPERLINK', '=HYPERLINK("http://evil.example","x")', '\'=HYPERLINK("http://evil.example","x")'],
    ['+1', '+1', "'+1"],
    ['-2', '-2', "'-2"],
    ['@x', '@x', "'@x"],
    ['tab', '\tx', "'\tx"],
    ['CR', '\rx', "'\rx"],
    ['non-Latin', 'Zoë 山田 🐶', 'Zoë 山田 🐶'],
  ])('round-trips a title with %s (formulas neutralised)', (_what, title, expected) => {
    const doc = makeDoc();
    doc.lines = [{ ...doc.lines[0]!, title }];
    const parsed = read(poCsv(doc));
    expect(parsed.rows).toHaveLength(1);
    expect(parsed.rows[0]!.cells[3]).toBe(expected);
    expect(parsed.rows[0]!.cells[5]).toBe('12.50');
  });

  it('neutralises ship-to fields too', () => {
    const parsed = read(poCsv(withShipTo({ name: '=cmd|" /C calc"!A0', phone: '+1 503 555 0100' })));
    expect(parsed.rows[0]!.cells[8]).toBe('\'=cmd|" /C calc"!A0');
    expect(parsed.rows[0]!.cells[15]).toBe("'+1 503 555 0100");
  });

  it('writes amounts as the currency does (JPY no decimals, KWD three)', () => {
    const jpy = makeDoc({ lines: [{ supplierSku: 'A', title: 'a', quantity: 2, unitCost: { amount: 1250, currency: 'JPY' } }] });
    const kwd = makeDoc({ lines: [{ supplierSku: 'A', title: 'a', quantity: 1, unitCost: { amount: 1250, currency: 'KWD' } }] });
    expect(read(poCsv(jpy)).rows[0]!.cells.slice(5, 8)).toEqual(['1250', 'JPY', '2500']);
    expect(read(poCsv(kwd)).rows[0]!.cells.slice(5, 8)).toEqual(['1.250', 'KWD', '1.250']);
  });

  it('refuses a PO without lines or with mixed currencies', () => {
    expect(() => poCsv(makeDoc({ lines: [] }))).toThrow(/no lines/);
    const doc = makeDoc();
    doc.lines = [doc.lines[0]!, { ...doc.lines[1]!, unitCost: { amount: 1, currency: 'EUR' } }];
    expect(() => poCsv(doc)).toThrow(/Cannot combine/);
  });
});

/** The text drawn on the pages of an uncompressed pdfkit PDF, one string per text object, in order. */
function pdfTextRuns(pdf: Buffer): string[] {
  const source = pdf.toString('latin1');
  return [...source.matchAll(/BT\n[^\n]* Tm\n\/F\d+ [\d.]+ Tf\n\[([^\]]*)\] TJ\nET/g)].map((match) =>
    [...(match[1] ?? '').matchAll(/<([0-9a-f]*)>/g)].map((hex) => Buffer.from(hex[1] ?? '', 'hex').toString('latin1')).join(''));
}

const pageCount = (pdf: Buffer): number => (pdf.toString('latin1').match(/\/Type \/Page\b/g) ?? []).length;

describe('poPdf', () => {
  it('is a 2-page PDF (purchase order, packing slip), byte-identical across runs', async () => {
    const [a, b] = await Promise.all([poPdf(makeDoc()), poPdf(makeDoc())]);
    expect(a.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(pageCount(a)).toBe(2);
    expect(a.equals(b)).toBe(true);
    const [c, d] = await Promise.all([poPdf(makeDoc(), { compress: false }), poPdf(makeDoc(), { compress: false })]);
    expect(c.equals(d)).toBe(true);
    expect(pageCount(c)).toBe(2);
  });

  it('changes when the creation time changes (the date is in the info and the file ID)', async () => {
    const a = await poPdf(makeDoc());
    const b = await poPdf(makeDoc({ createdAt: makeDoc().createdAt + 1000 }));
    expect(a.equals(b)).toBe(false);
  });

  it('prints the PO (number, date, ship-to, lines with costs, total, notes) then the slip', async () => {
    const runs = pdfTextRuns(await poPdf(makeDoc(), { compress: false }));
    const slipAt = runs.indexOf('PACKING SLIP');
    expect(slipAt).toBeGreaterThan(0);
    const po = runs.slice(0, slipAt).join('\n');
    for (const expected of ['PURCHASE ORDER', 'PO-1042-1', 'Date: 2025-03-14', 'Jane Doe', 'DOG-BED-L', '$12.50', '$25.00', 'Total $36.97', 'Please leave at the back door.']) {
      expect(po).toContain(expected);
    }
    const slip = runs.slice(slipAt).join('\n');
    for (const expected of ['Happy Paws', 'Order PD-1042', 'Jane Doe', '12 Elm Rd', 'Orthopedic dog bed, large', 'Happy birthday, Rex!']) {
      expect(slip).toContain(expected);
    }
  });

  it('hides every price on the slip when hidePrices, shows them when not', async () => {
    const prices = ['$12.50', '$25.00', '$3.99', '$11.97', '$36.97', '12.50', '3.99'];
    const hidden = pdfTextRuns(await poPdf(makeDoc(), { compress: false }));
    const hiddenSlip = hidden.slice(hidden.indexOf('PACKING SLIP')).join('\n');
    for (const price of prices) expect(hiddenSlip).not.toContain(price);
    expect(hiddenSlip).not.toContain('PetSupply');
    const shown = pdfTextRuns(await poPdf(makeDoc({ packingSlip: { hidePrices: false } }), { compress: false }));
    expect(shown.slice(shown.indexOf('PACKING SLIP')).join('\n')).toContain('$36.97');
  });

  it('does not crash on non-Latin-1 text and folds it to what Helvetica can print', async () => {
    const doc = withShipTo({ name: 'Zoë 山田 🐶', city: 'Łódź', line2: 'Dvořák\u0000 St' });
    doc.notes = 'Ça va — “quotes” €5';
    const runs = pdfTextRuns(await poPdf(doc, { compress: false })).join('\n');
    expect(runs).toContain('Zo\u00eb ?? ?');
    expect(runs).toContain('L\u00f3dz'); // ó is in WinAnsi, the ź is not
    expect(runs).toContain('Dvor\u00e1k St');
    // WinAnsi keeps these (as Windows-1252 bytes).
    expect(runs).toContain('\u00c7a va \u0097 \u0093quotes\u0094 \u00805');
  });

  it.each([
    ['Zoë', 'Zoë'],
    ['山田', '??'],
    ['🐶', '?'],
    ['e\u0301', 'é'],
    ['Łódź', 'Lódz'],
    ['Dvořák', 'Dvorák'],
    ['a\u200bb', 'ab'],
    ['line\nbreak\tand\u0007bell', 'line\nbreak and bell'],
    ['€ – — “” ™', '€ – — “” ™'],
  ])('pdfText(%j) → %j', (input, expected) => {
    expect(pdfText(input)).toBe(expected);
  });

  it('flows a long order onto more pages and still ends with the slip', async () => {
    const lines = Array.from({ length: 70 }, (_, i) => ({
      supplierSku: `SKU-${i}`, title: `Item number ${i} with a rather long title that wraps onto a second line in the table`,
      quantity: 1, unitCost: { amount: 100 + i, currency: 'EUR' },
    }));
    const pdf = await poPdf(makeDoc({ lines }), { compress: false });
    expect(pageCount(pdf)).toBeGreaterThan(3);
    const runs = pdfTextRuns(pdf);
    expect(runs.filter((run) => run === 'SKU').length).toBeGreaterThan(2); // the header row repeats
    expect(runs.join('\n')).toContain('SKU-69');
  });
});
