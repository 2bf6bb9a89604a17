/**
 * The PO as a PDF: page 1 the purchase order (for the supplier: PO number, dates, ship-to, lines with costs,
 * total, notes), then on a new page the packing slip (for the parcel: the shop's name, the customer's address,
 * items and quantities, no prices when hidePrices, the gift message). A long order flows onto further pages.
 * Why pdfkit (0.20.2): maintained, pure JS, text flow with wrapping and measurement for tables, no headless
 * browser to start (HTML-to-PDF would need Chromium in the core).
 * Fonts: the built-in Helvetica, no font files; non-WinAnsi text is folded (pdf-text.ts: 'Zoë' stays, '山田'
 * prints '??', '🐶' '?'). Deterministic: CreationDate/ModDate come from doc.createdAt and pdfkit derives the
 * file ID from the info dictionary, so the same input gives the same bytes.
 */
import PDFDocument from 'pdfkit';
import { buildPoView, type PoView } from './po-view';
import { pdfText } from './pdf-text';
import type { PurchaseOrderDocument } from './types';

export interface PoPdfOptions {
  /** Deflate the page streams (default true). Tests turn it off to read the text. */
  compress?: boolean;
}

type Pdf = InstanceType<typeof PDFDocument>;

interface Column {
  title: string;
  x: number;
  width: number;
  align: 'left' | 'right';
}

const MARGIN = 50;
const FONT = 'Helvetica';
const BOLD = 'Helvetica-Bold';
const BODY_SIZE = 10;
const MUTED = '#555555';

function bottom(pdf: Pdf): number {
  return pdf.page.height - pdf.page.margins.bottom;
}

function contentWidth(pdf: Pdf): number {
  return pdf.page.width - pdf.page.margins.left - pdf.page.margins.right;
}

/** Space for `height` more points on this page, or a new page. */
function ensureSpace(pdf: Pdf, height: number): void {
  if (pdf.y + height > bottom(pdf)) pdf.addPage();
}

function heading(pdf: Pdf, text: string): void {
  ensureSpace(pdf, 40);
  pdf.moveDown(0.8);
  pdf.font(BOLD).fontSize(11).fillColor('black').text(pdfText(text), MARGIN, pdf.y);
  pdf.moveDown(0.2);
  pdf.font(FONT).fontSize(BODY_SIZE);
}

function paragraph(pdf: Pdf, text: string, options: { color?: string; size?: number } = {}): void {
  pdf.font(FONT).fontSize(options.size ?? BODY_SIZE).fillColor(options.color ?? 'black')
    .text(pdfText(text), MARGIN, pdf.y, { width: contentWidth(pdf) });
  pdf.fillColor('black');
}

function drawHeaderRow(pdf: Pdf, columns: readonly Column[]): void {
  const y = pdf.y;
  pdf.font(BOLD).fontSize(9);
  for (const column of columns) pdf.text(column.title, column.x, y, { width: column.width, align: column.align, lineBreak: false });
  const lineY = y + pdf.currentLineHeight() + 3;
  pdf.moveTo(MARGIN, lineY).lineTo(MARGIN + contentWidth(pdf), lineY).lineWidth(0.75).strokeColor('#888888').stroke();
  pdf.y = lineY + 4;
  pdf.font(FONT).fontSize(BODY_SIZE);
}

/** A table whose cells wrap; a row that does not fit starts a new page under a repeated header row. */
function table(pdf: Pdf, columns: readonly Column[], rows: readonly string[][]): void {
  ensureSpace(pdf, 40);
  drawHeaderRow(pdf, columns);
  for (const raw of rows) {
    const cells = raw.map((cell) => pdfText(cell));
    pdf.font(FONT).fontSize(BODY_SIZE);
    const height = Math.max(...columns.map((column, i) => pdf.heightOfString(cells[i] ?? '', { width: column.width })));
    if (pdf.y + height + 6 > bottom(pdf)) {
      pdf.addPage();
      drawHeaderRow(pdf, columns);
    }
    const y = pdf.y;
    columns.forEach((column, i) => {
      pdf.text(cells[i] ?? '', column.x, y, { width: column.width, align: column.align });
    });
    const lineY = y + height + 3;
    pdf.moveTo(MARGIN, lineY).lineTo(MARGIN + contentWidth(pdf), lineY).lineWidth(0.25).strokeColor('#cccccc').stroke();
    pdf.y = lineY + 4;
  }
}

/** Two text blocks side by side (e.g. "Supplier" and "Ship to"); the cursor ends under the taller one. */
function twoBlocks(pdf: Pdf, left: { title: string; lines: string[] }, right: { title: string; lines: string[] }): void {
  const half = contentWidth(pdf) / 2 - 10;
  const rightX = MARGIN + contentWidth(pdf) / 2 + 10;
  const body = (block: { lines: string[] }): string => pdfText(block.lines.filter(Boolean).join('\n'));
  pdf.font(FONT).fontSize(BODY_SIZE);
  const height = 16 + Math.max(pdf.heightOfString(body(left), { width: half }), pdf.heightOfString(body(right), { width: half }));
  ensureSpace(pdf, height);
  const y = pdf.y;
  for (const [block, x] of [[left, MARGIN], [right, rightX]] as const) {
    pdf.font(BOLD).fontSize(11).text(pdfText(block.title), x, y, { width: half });
    pdf.font(FONT).fontSize(BODY_SIZE).text(body(block), x, y + 16, { width: half });
  }
  pdf.x = MARGIN;
  pdf.y = y + height;
}

/** Shop name (or logo text) on the left, the document's title and references on the right. */
function letterhead(pdf: Pdf, view: PoView, title: string, references: string[]): void {
  const top = pdf.page.margins.top;
  const width = contentWidth(pdf);
  pdf.font(BOLD).fontSize(18).fillColor('black').text(pdfText(view.shop.logoText || view.shop.name), MARGIN, top, { width: width * 0.55 });
  pdf.font(FONT).fontSize(9).fillColor(MUTED);
  const shopLines = [view.shop.logoText ? view.shop.name : '', view.shop.address, view.shop.contactEmail].filter(Boolean).join('\n');
  if (shopLines) pdf.text(pdfText(shopLines), MARGIN, pdf.y, { width: width * 0.55 });
  const leftBottom = pdf.y;
  pdf.fillColor('black').font(BOLD).fontSize(16).text(pdfText(title), MARGIN + width * 0.55, top, { width: width * 0.45, align: 'right' });
  pdf.font(FONT).fontSize(BODY_SIZE).text(pdfText(references.join('\n')), MARGIN + width * 0.55, pdf.y + 2, { width: width * 0.45, align: 'right' });
  pdf.x = MARGIN;
  pdf.y = Math.max(leftBottom, pdf.y) + 20;
}

function purchaseOrderPages(pdf: Pdf, view: PoView): void {
  letterhead(pdf, view, 'PURCHASE ORDER', [view.poNumber, `Date: ${view.createdDate}`, `Shop order: ${view.orderNumber}`, `Currency: ${view.currency}`]);
  twoBlocks(
    pdf,
    { title: 'Supplier', lines: [view.supplier.name, view.supplier.contactName ? `Attn: ${view.supplier.contactName}` : '', view.supplier.orderEmail] },
    {
      title: 'Ship to',
      lines: [...view.shipToLines, view.shipTo.phone ? `Phone: ${view.shipTo.phone}` : '', view.shipTo.email ? `E-mail: ${view.shipTo.email}` : ''],
    },
  );
  pdf.moveDown(1);
  const w = contentWidth(pdf);
  const columns: Column[] = [
    { title: 'SKU', x: MARGIN, width: w * 0.18, align: 'left' },
    { title: 'Item', x: MARGIN + w * 0.19, width: w * 0.42, align: 'left' },
    { title: 'Qty', x: MARGIN + w * 0.62, width: w * 0.08, align: 'right' },
    { title: 'Unit cost', x: MARGIN + w * 0.71, width: w * 0.14, align: 'right' },
    { title: 'Line total', x: MARGIN + w * 0.86, width: w * 0.14, align: 'right' },
  ];
  table(pdf, columns, view.lines.map((line) => [line.sku, line.title, String(line.quantity), line.unitCost, line.lineTotal]));
  ensureSpace(pdf, 20);
  pdf.font(BOLD).fontSize(11).text(pdfText(`Total ${view.total}`), MARGIN, pdf.y + 2, { width: w, align: 'right' });
  pdf.font(FONT).fontSize(BODY_SIZE);
  if (view.hasNotes) {
    heading(pdf, 'Notes');
    paragraph(pdf, view.notes);
  }
  if (view.hasGiftMessage) {
    heading(pdf, 'Gift message (printed on the packing slip)');
    paragraph(pdf, view.giftMessage);
  }
  heading(pdf, 'Instructions');
  paragraph(pdf, `Please ship in neutral packaging with the enclosed packing slip (it shows our shop, not your prices). `
    + `Reply to ${view.shop.contactEmail} quoting ${view.poNumber} with the tracking number once shipped.`, { color: MUTED, size: 9 });
}

function packingSlipPages(pdf: Pdf, view: PoView): void {
  letterhead(pdf, view, 'PACKING SLIP', [`Order ${view.orderNumber}`, `Date: ${view.createdDate}`]);
  pdf.font(BOLD).fontSize(11).text('Ship to', MARGIN, pdf.y);
  pdf.font(FONT).fontSize(BODY_SIZE).text(pdfText(view.shipToLines.join('\n')), MARGIN, pdf.y, { width: contentWidth(pdf) / 2 });
  pdf.moveDown(1.5);
  const w = contentWidth(pdf);
  if (view.hidePrices) {
    const columns: Column[] = [
      { title: 'Qty', x: MARGIN, width: w * 0.08, align: 'right' },
      { title: 'Item', x: MARGIN + w * 0.11, width: w * 0.64, align: 'left' },
      { title: 'SKU', x: MARGIN + w * 0.77, width: w * 0.23, align: 'left' },
    ];
    table(pdf, columns, view.lines.map((line) => [String(line.quantity), line.title, line.sku]));
  } else {
    // The contract carries no retail price: with hidePrices false the slip shows the PO's unit cost.
    const columns: Column[] = [
      { title: 'Qty', x: MARGIN, width: w * 0.08, align: 'right' },
      { title: 'Item', x: MARGIN + w * 0.11, width: w * 0.44, align: 'left' },
      { title: 'SKU', x: MARGIN + w * 0.57, width: w * 0.15, align: 'left' },
      { title: 'Price', x: MARGIN + w * 0.73, width: w * 0.13, align: 'right' },
      { title: 'Total', x: MARGIN + w * 0.87, width: w * 0.13, align: 'right' },
    ];
    table(pdf, columns, view.lines.map((line) => [String(line.quantity), line.title, line.sku, line.unitCost, line.lineTotal]));
    ensureSpace(pdf, 20);
    pdf.font(BOLD).fontSize(11).text(pdfText(`Total ${view.total}`), MARGIN, pdf.y + 2, { width: w, align: 'right' });
  }
  if (view.hasGiftMessage) {
    heading(pdf, 'A message for you');
    pdf.font('Helvetica-Oblique').fontSize(12).text(pdfText(view.giftMessage), MARGIN, pdf.y, { width: w });
  }
  pdf.moveDown(2);
  paragraph(pdf, `Thank you for shopping with ${view.shop.name}. Questions about your order? Write to ${view.shop.contactEmail} quoting ${view.orderNumber}.`, { color: MUTED, size: 9 });
}

/** Renders the PO and the packing slip into one PDF. Same input, same bytes. */
export function poPdf(doc: PurchaseOrderDocument, options: PoPdfOptions = {}): Promise<Buffer> {
  const view = buildPoView(doc);
  const created = new Date(doc.createdAt);
  return new Promise<Buffer>((resolve, reject) => {
    const pdf = new PDFDocument({
      size: 'A4',
      margin: MARGIN,
      compress: options.compress ?? true,
      font: FONT,
      info: {
        Title: `Purchase order ${view.poNumber}`,
        Author: view.shop.name,
        Subject: `Purchase order ${view.poNumber} and packing slip for order ${view.orderNumber}`,
        Creator: 'PetDrop Desk',
        Producer: 'PetDrop Desk',
        CreationDate: created,
        ModDate: created,
      },
    });
    const chunks: Buffer[] = [];
    pdf.on('data', (chunk: Buffer) => chunks.push(chunk));
    pdf.on('end', () => resolve(Buffer.concat(chunks)));
    pdf.on('error', reject);
    try {
      purchaseOrderPages(pdf, view);
      pdf.addPage();
      packingSlipPages(pdf, view);
      pdf.end();
    } catch (error) {
      reject(error instanceof Error ? error : new Error(String(error)));
    }
  });
}
