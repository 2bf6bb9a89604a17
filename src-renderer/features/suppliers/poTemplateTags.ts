/**
 * The tags a supplier's purchase-order templates may use, for the supplier form's help. A plain copy of
 * PO_TEMPLATE_TAGS and PO_LINE_TEMPLATE_TAGS in src-main/services/dispatch/po-documents/po-view.ts: the renderer
 * does not import the core. The core checks every template on save, so a stale copy here only misleads the
 * help text, never lets a wrong tag through.
 */
export const PO_TEMPLATE_TAG_GROUPS: readonly { title: string; tags: readonly string[] }[] = [
  { title: 'The order', tags: ['poNumber', 'orderNumber', 'createdDate', 'currency', 'total', 'totalDecimal', 'lineCount', 'itemCount', 'notes', 'giftMessage'] },
  { title: 'Your shop', tags: ['shop.name', 'shop.email', 'shop.replyTo', 'shop.address', 'shop.logoText', 'shop.contactEmail'] },
  { title: 'The supplier', tags: ['supplier.name', 'supplier.orderEmail', 'supplier.contactName'] },
  {
    title: 'Ship to',
    tags: ['shipTo.name', 'shipTo.line1', 'shipTo.line2', 'shipTo.city', 'shipTo.region', 'shipTo.postcode', 'shipTo.country',
      'shipTo.countryName', 'shipTo.phone', 'shipTo.email', 'shipTo.cityLine'],
  },
  { title: 'Inside {{#lines}}…{{/lines}}, once per line', tags: ['position', 'sku', 'title', 'quantity', 'unitCost', 'unitCostDecimal', 'lineTotal', 'lineTotalDecimal'] },
];

/** Sections: shown only when true (or once per item of a list). */
export const PO_TEMPLATE_SECTIONS: readonly string[] = [
  '{{#lines}}…{{/lines}}', '{{#shipToLines}}{{.}}{{/shipToLines}}', '{{#hasNotes}}…{{/hasNotes}}', '{{#hasGiftMessage}}…{{/hasGiftMessage}}',
  '{{^hidePrices}}…{{/hidePrices}}',
];
