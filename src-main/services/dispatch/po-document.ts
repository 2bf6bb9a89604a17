import type { DeskSettings } from '../../../src-shared/domain/settings';
import type { PoPreview } from '../../../src-shared/domain/supplier-orders';
import type { Sql } from '../../db/query';
import type { DbSupplier, Row } from '../../db/schema';
import { notFound } from '../errors';
import { poCsv, poPdf, renderPoEmail, type PurchaseOrderDocument, type RenderedPoEmail } from './po-documents';
import { poLines, poRow, type PoLineRow, type PoRow } from './read-supplier-orders';
import { supplierPoTemplate } from './supplier-template';
import type { SupplierOrderBody } from '../../adapters/supplier-orders-http';

export interface PoSendContext {
  po: PoRow;
  /** The PO's own lines (lines moved to another supplier left out). */
  lines: PoLineRow[];
  supplier: Row<DbSupplier>;
  doc: PurchaseOrderDocument;
}

type ShipTo = PurchaseOrderDocument['shipTo'];

/** The PO as it was made (its own copy of lines and ship-to), with the shop and supplier as they are now. */
export function poSendContext(sql: Sql, poId: number, settings: DeskSettings): PoSendContext {
  const po = poRow(sql, poId);
  const supplier = sql.first(sql.qb.selectFrom('suppliers').selectAll().where('id', '=', po.supplier_id));
  if (!supplier) throw notFound(`Supplier ${po.supplier_id}`);
  const order = sql.first(sql.qb.selectFrom('orders').select('number').where('id', '=', po.order_id));
  const lines = poLines(sql, po.id).filter((line) => line.status !== 'rerouted');
  const doc: PurchaseOrderDocument = {
    poNumber: po.number,
    orderNumber: order?.number ?? '',
    createdAt: po.created_at,
    shop: {
      name: settings.shopName, email: settings.shopEmail,
      ...(settings.shopReplyTo ? { replyTo: settings.shopReplyTo } : {}),
      ...(settings.shopAddress ? { address: settings.shopAddress } : {}),
    },
    supplier: { name: supplier.name, orderEmail: supplier.order_email, contactName: supplier.contact_name },
    shipTo: JSON.parse(po.ship_to) as ShipTo,
    lines: lines.map((line) => ({ supplierSku: line.supplier_sku, title: line.title, quantity: line.quantity, unitCost: { amount: line.unit_cost, currency: po.currency } })),
    notes: po.notes,
    // The lines carry supplier costs only; the packing slip in the customer's parcel must not show them.
    packingSlip: { hidePrices: true },
  };
  return { po, lines, supplier, doc };
}

export interface PoEmailParts {
  email: RenderedPoEmail;
  attachments: { filename: string; content: Buffer | string; contentType: string }[];
}

/** The e-mail and its two attachments: the CSV for the supplier's system, the PDF purchase order / packing slip. */
export async function poEmailParts(context: PoSendContext): Promise<PoEmailParts> {
  const email = renderPoEmail(context.doc, supplierPoTemplate(context.supplier));
  const pdf = await poPdf(context.doc);
  return {
    email,
    attachments: [
      { filename: `${context.po.number}.csv`, content: poCsv(context.doc), contentType: 'text/csv; charset=utf-8' },
      { filename: `${context.po.number}.pdf`, content: pdf, contentType: 'application/pdf' },
    ],
  };
}

/**
 * The JSON the supplier API gets (test/sim/README.md "POST /v1/orders"): the PO number is the client reference.
 * Made from the PO's own copy alone (no shop settings), so every attempt sends the same body for its key.
 */
export function poApiBody(po: PoRow, lines: readonly PoLineRow[]): SupplierOrderBody {
  const ship = JSON.parse(po.ship_to) as ShipTo;
  return {
    client_reference: po.number,
    ship_to: {
      name: ship.name, line1: ship.line1, line2: ship.line2 || null, city: ship.city, region: ship.region || null,
      postcode: ship.postcode, country: ship.country, phone: ship.phone || null, email: ship.email || null,
    },
    lines: lines.filter((line) => line.status !== 'rerouted')
      .map((line) => ({ sku: line.supplier_sku, quantity: line.quantity, unit_cost: { amount: line.unit_cost, currency: po.currency } })),
    notes: po.notes.slice(0, 1000),
  };
}

/** What stops this PO from going out as things are set up now, in sentences (shown in the preview). */
export function sendProblems(context: PoSendContext, settings: DeskSettings, hasApiKey: boolean): string[] {
  const problems: string[] = [];
  if (context.supplier.channel === 'email') {
    if (!settings.smtpHost) problems.push('The shop’s outgoing mail server is not set up: fill in Settings → Shop and e-mail.');
    if (!settings.shopEmail) problems.push('The shop’s e-mail address is not set: fill in Settings → Shop and e-mail.');
    if (!context.supplier.order_email) problems.push(`${context.supplier.name} has no order e-mail address.`);
  } else {
    if (!context.supplier.api_base_url) problems.push(`${context.supplier.name} has no API address.`);
    if (!hasApiKey) problems.push(`${context.supplier.name} has no API key stored.`);
  }
  return problems;
}

export async function poPreview(context: PoSendContext, settings: DeskSettings, hasApiKey: boolean): Promise<PoPreview> {
  const problems = sendProblems(context, settings, hasApiKey);
  const base = { poId: context.po.id, number: context.po.number, channel: context.supplier.channel, problems };
  if (context.supplier.channel === 'api') {
    return { ...base, destination: context.supplier.api_base_url, subject: `POST /v1/orders (client_reference ${context.po.number})`, text: JSON.stringify(poApiBody(context.po, context.lines), null, 2), attachments: [] };
  }
  try {
    const parts = await poEmailParts(context);
    return {
      ...base, destination: context.supplier.order_email, subject: parts.email.subject, text: parts.email.text,
      attachments: parts.attachments.map((a) => ({ filename: a.filename, contentType: a.contentType, bytes: Buffer.byteLength(a.content) })),
    };
  } catch (error) {
    return { ...base, destination: context.supplier.order_email, subject: '', text: '', attachments: [], problems: [...problems, (error as Error).message] };
  }
}
