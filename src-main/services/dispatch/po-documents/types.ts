import type { Money } from '../../../../src-shared/domain/money';

/**
 * One purchase order as the documents see it: the contract the future PO service fills (the PO table does
 * not exist yet). Everything under shipTo, lines[].title, notes and packingSlip.giftMessage comes from a
 * customer, a shop form or a supplier feed: UNTRUSTED text, rendered as data only.
 */
export interface PurchaseOrderDocument {
  /** e.g. 'PO-1042-1' (stable, unique). */
  poNumber: string;
  /** The shop's order, e.g. 'PD-1042'. */
  orderNumber: string;
  /** Epoch milliseconds. */
  createdAt: number;
  shop: { name: string; email: string; replyTo?: string; address?: string; logoText?: string };
  supplier: { name: string; orderEmail: string; contactName: string };
  shipTo: {
    name: string; line1: string; line2: string; city: string; region: string; postcode: string;
    /** ISO 3166-1 alpha-2. */
    country: string;
    phone: string; email: string;
  };
  /** At least one line; every unitCost in the same currency. */
  lines: { supplierSku: string; title: string; quantity: number; unitCost: Money }[];
  /** The customer's/shop's note for the supplier: UNTRUSTED text. */
  notes: string;
  /** Dropshipping: the packing slip in the parcel shows the SHOP, never the supplier's prices. */
  packingSlip: { giftMessage?: string; hidePrices: boolean };
}

/** A per-supplier e-mail template; a part left out uses the default. */
export interface PoEmailTemplate {
  subject?: string;
  text?: string;
  html?: string;
}

export interface RenderedPoEmail {
  /** One line, no control characters, at most PO_SUBJECT_MAX_LENGTH characters. */
  subject: string;
  /** Plain text, LF line endings (the SMTP adapter canonicalises to CRLF). */
  text: string;
  html: string;
}
