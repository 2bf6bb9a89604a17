/**
 * The PO e-mail (subject, text, html) from the default or a per-supplier mustache template.
 * Why mustache (4.2.0): logic-less, so a template saved on a supplier form cannot run code (no expressions,
 * no helpers; the view holds only strings, numbers, booleans and arrays, never a function/lambda), and it
 * HTML-escapes {{ }} by default. A value is never re-parsed as a template, so "{{shop.name}}" typed into the
 * notes comes out as those characters. See template-check.ts for the HTML rules ({{{ }}} refused, values only
 * in text content) and text-safety.ts for the subject (one line, no control characters, capped).
 */
import Mustache from 'mustache';
import { DEFAULT_PO_TEMPLATE } from './default-templates';
import { buildPoView } from './po-view';
import { checkPoTemplate, PoTemplateError } from './template-check';
import { headerSafe } from './text-safety';
import type { PoEmailTemplate, PurchaseOrderDocument, RenderedPoEmail } from './types';

const plain = (value: unknown): string => String(value);

const HTML_ESCAPES: Record<string, string> = {
  '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;', '/': '&#x2F;', '`': '&#x60;', '=': '&#x3D;',
};
/**
 * The same table as mustache's default escape, held here so that a change to the library's global
 * `Mustache.escape` elsewhere in the process cannot switch escaping off for POs.
 */
export function escapeHtml(value: unknown): string {
  return String(value).replace(/[&<>"'`=/]/g, (ch) => HTML_ESCAPES[ch] ?? ch);
}

/**
 * Renders the PO e-mail. A part missing from `template` uses the default. Throws PoTemplateError (with the
 * same sentences checkPoTemplate gives) when a custom template is not valid; the defaults always are.
 */
export function renderPoEmail(doc: PurchaseOrderDocument, template: PoEmailTemplate = {}): RenderedPoEmail {
  const parts: Required<PoEmailTemplate> = {
    subject: template.subject ?? DEFAULT_PO_TEMPLATE.subject,
    text: template.text ?? DEFAULT_PO_TEMPLATE.text,
    html: template.html ?? DEFAULT_PO_TEMPLATE.html,
  };
  const check = checkPoTemplate(template);
  if (!check.ok) throw new PoTemplateError(check.problems);
  const view = buildPoView(doc);
  const subject = headerSafe(Mustache.render(parts.subject, view, undefined, { escape: plain }));
  const text = Mustache.render(parts.text, view, undefined, { escape: plain }).replace(/\r\n?/g, '\n');
  const html = Mustache.render(parts.html, view, undefined, { escape: escapeHtml });
  return { subject, text, html };
}
