/**
 * Purchase-order documents: the e-mail (mustache), the CSV attachment (csv-stringify) and the PDF purchase
 * order + packing slip (pdfkit), pure and deterministic from one PurchaseOrderDocument.
 * Library choices: see po-email.ts (mustache), po-csv.ts (csv-stringify), po-pdf.ts (pdfkit).
 */
export type { PurchaseOrderDocument, PoEmailTemplate, RenderedPoEmail } from './types';
export { renderPoEmail, escapeHtml } from './po-email';
export { checkPoTemplate, PoTemplateError, PO_TEMPLATE_MAX_LENGTH } from './template-check';
export type { PoTemplateCheck, PoTemplateProblem, PoTemplatePart } from './template-check';
export { PO_TEMPLATE_TAGS, PO_LINE_TEMPLATE_TAGS, PO_LOCALE, buildPoView } from './po-view';
export type { PoView, PoLineView } from './po-view';
export { DEFAULT_PO_TEMPLATE, DEFAULT_PO_SUBJECT, DEFAULT_PO_TEXT, DEFAULT_PO_HTML } from './default-templates';
export { PO_SUBJECT_MAX_LENGTH, headerSafe } from './text-safety';
export { poCsv, PO_CSV_COLUMNS } from './po-csv';
export type { PoCsvOptions } from './po-csv';
export { neutraliseCsvCell } from './csv-safety';
export type { CsvCellKind } from './csv-safety';
export { poPdf } from './po-pdf';
export type { PoPdfOptions } from './po-pdf';
export { pdfText } from './pdf-text';
