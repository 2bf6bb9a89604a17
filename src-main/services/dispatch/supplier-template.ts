import type { DbSupplier } from '../../db/schema';
import type { PoEmailTemplate } from './po-documents';

/** A supplier's saved PO template parts; an empty part means "the desk's default" for that part. */
export function supplierPoTemplate(row: Pick<DbSupplier, 'po_subject' | 'po_template' | 'po_html'>): PoEmailTemplate {
  return {
    ...(row.po_subject.trim() ? { subject: row.po_subject } : {}),
    ...(row.po_template.trim() ? { text: row.po_template } : {}),
    ...(row.po_html.trim() ? { html: row.po_html } : {}),
  };
}
