/**
 * The default PO e-mail, for a supplier who reads fifty of these a day: the PO number and the ship-to first,
 * then the lines (SKU, title, quantity, unit cost, line total) and the total, the notes, and the shop's
 * contact. Plain and professional; no images, no links, no tracking pixels.
 */
import type { PoEmailTemplate } from './types';

export const DEFAULT_PO_SUBJECT = 'Purchase order {{poNumber}} from {{shop.name}} ({{itemCount}} items, ship to {{shipTo.countryName}})';

export const DEFAULT_PO_TEXT = `PURCHASE ORDER {{poNumber}}
Shop order {{orderNumber}} - {{createdDate}} - prices in {{currency}}

SHIP TO
{{#shipToLines}}
{{.}}
{{/shipToLines}}
{{#shipTo.phone}}
Phone: {{shipTo.phone}}
{{/shipTo.phone}}
{{#shipTo.email}}
E-mail: {{shipTo.email}}
{{/shipTo.email}}

ITEMS
{{#lines}}
{{position}}. {{sku}}  {{title}}
   {{quantity}} x {{unitCost}} = {{lineTotal}}
{{/lines}}

TOTAL {{total}}
{{#hasNotes}}

NOTES
{{notes}}
{{/hasNotes}}
{{#hasGiftMessage}}

GIFT MESSAGE (print it on the packing slip)
{{giftMessage}}
{{/hasGiftMessage}}

Please ship in neutral packaging with the attached packing slip (it shows our shop, not your prices),
and reply quoting {{poNumber}} with the tracking number once it has shipped.

{{shop.name}}
{{shop.contactEmail}}
`;

const CELL = 'padding:4px 8px;border-bottom:1px solid #ddd;text-align:left;vertical-align:top';
const NUM = 'padding:4px 8px;border-bottom:1px solid #ddd;text-align:right;vertical-align:top;white-space:nowrap';

export const DEFAULT_PO_HTML = `<!DOCTYPE html>
<html>
<head><meta charset="utf-8"><title>Purchase order {{poNumber}}</title></head>
<body style="font-family:Arial,Helvetica,sans-serif;font-size:14px;color:#222;margin:0;padding:16px">
<h1 style="font-size:20px;margin:0 0 4px">Purchase order {{poNumber}}</h1>
<p style="margin:0 0 16px;color:#555">Shop order {{orderNumber}} &middot; {{createdDate}} &middot; prices in {{currency}}</p>
<h2 style="font-size:15px;margin:0 0 4px">Ship to</h2>
<p style="margin:0 0 16px">
{{#shipToLines}}
{{.}}<br>
{{/shipToLines}}
{{#shipTo.phone}}
Phone: {{shipTo.phone}}<br>
{{/shipTo.phone}}
{{#shipTo.email}}
E-mail: {{shipTo.email}}<br>
{{/shipTo.email}}
</p>
<table style="border-collapse:collapse;margin:0 0 16px" cellspacing="0">
<thead><tr><th style="${CELL}">SKU</th><th style="${CELL}">Item</th><th style="${NUM}">Qty</th><th style="${NUM}">Unit cost</th><th style="${NUM}">Line total</th></tr></thead>
<tbody>
{{#lines}}
<tr><td style="${CELL}">{{sku}}</td><td style="${CELL}">{{title}}</td><td style="${NUM}">{{quantity}}</td><td style="${NUM}">{{unitCost}}</td><td style="${NUM}">{{lineTotal}}</td></tr>
{{/lines}}
</tbody>
<tfoot><tr><th style="${CELL}" colspan="4">Total</th><th style="${NUM}">{{total}}</th></tr></tfoot>
</table>
{{#hasNotes}}
<h2 style="font-size:15px;margin:0 0 4px">Notes</h2>
<div style="white-space:pre-wrap;margin:0 0 16px">{{notes}}</div>
{{/hasNotes}}
{{#hasGiftMessage}}
<h2 style="font-size:15px;margin:0 0 4px">Gift message (print it on the packing slip)</h2>
<div style="white-space:pre-wrap;margin:0 0 16px">{{giftMessage}}</div>
{{/hasGiftMessage}}
<p style="margin:0 0 16px">Please ship in neutral packaging with the attached packing slip (it shows our shop, not your prices),
and reply quoting {{poNumber}} with the tracking number once it has shipped.</p>
<p style="margin:0;color:#555">{{shop.name}}<br>{{shop.contactEmail}}</p>
</body>
</html>
`;

export const DEFAULT_PO_TEMPLATE: Required<PoEmailTemplate> = {
  subject: DEFAULT_PO_SUBJECT,
  text: DEFAULT_PO_TEXT,
  html: DEFAULT_PO_HTML,
};
