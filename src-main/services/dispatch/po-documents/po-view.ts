/**
 * The one data view of a PO that every document renders: values sanitised (one-line fields flattened,
 * notes normalised), money formatted, the total computed with the shared integer-money functions.
 * The e-mail template's tags are exactly this object's keys (PO_TEMPLATE_TAGS).
 */
import { formatMoney, minorToDecimalString, multiplyMoney, sumMoney, type Money } from '../../../../src-shared/domain/money';
import { countryName } from '../../../../src-shared/domain/countries';
import { multiLine, oneLine } from './text-safety';
import type { PurchaseOrderDocument } from './types';

/**
 * Documents are read by suppliers anywhere and must be the same on every machine, so formatting does not
 * follow the host's locale: English (US) names and symbols, dates as ISO YYYY-MM-DD in UTC.
 */
export const PO_LOCALE = 'en-US';

export interface PoLineView {
  position: number;
  sku: string;
  title: string;
  quantity: number;
  /** Formatted with symbol, e.g. "$12.50". */
  unitCost: string;
  /** As the currency writes it, e.g. "12.50". */
  unitCostDecimal: string;
  lineTotal: string;
  lineTotalDecimal: string;
}

export interface PoView {
  poNumber: string;
  orderNumber: string;
  createdDate: string;
  currency: string;
  total: string;
  totalDecimal: string;
  lineCount: number;
  itemCount: number;
  lines: PoLineView[];
  shop: { name: string; email: string; replyTo: string; address: string; logoText: string; contactEmail: string };
  supplier: { name: string; orderEmail: string; contactName: string };
  shipTo: {
    name: string; line1: string; line2: string; city: string; region: string; postcode: string;
    country: string; countryName: string; phone: string; email: string;
    /** "city region postcode" with the empty parts left out. */
    cityLine: string;
  };
  /** The address as printed lines (empty ones left out), for {{#shipToLines}}{{.}}{{/shipToLines}}. */
  shipToLines: string[];
  notes: string;
  hasNotes: boolean;
  giftMessage: string;
  hasGiftMessage: boolean;
  hidePrices: boolean;
}

/**
 * Every tag a per-supplier template may use. Inside {{#lines}}…{{/lines}} the line tags (position, sku, title,
 * quantity, unitCost, unitCostDecimal, lineTotal, lineTotalDecimal) apply; inside {{#shipToLines}} use {{.}}.
 * Any tag may open a section ({{#hasNotes}}…{{/hasNotes}}, {{^shop.replyTo}}…{{/shop.replyTo}}).
 */
export const PO_TEMPLATE_TAGS = [
  'poNumber', 'orderNumber', 'createdDate', 'currency', 'total', 'totalDecimal', 'lineCount', 'itemCount',
  'shop.name', 'shop.email', 'shop.replyTo', 'shop.address', 'shop.logoText', 'shop.contactEmail',
  'supplier.name', 'supplier.orderEmail', 'supplier.contactName',
  'shipTo.name', 'shipTo.line1', 'shipTo.line2', 'shipTo.city', 'shipTo.region', 'shipTo.postcode',
  'shipTo.country', 'shipTo.countryName', 'shipTo.phone', 'shipTo.email', 'shipTo.cityLine',
  'shipToLines', 'notes', 'hasNotes', 'giftMessage', 'hasGiftMessage', 'hidePrices',
  'lines',
] as const;

export const PO_LINE_TEMPLATE_TAGS = [
  'position', 'sku', 'title', 'quantity', 'unitCost', 'unitCostDecimal', 'lineTotal', 'lineTotalDecimal',
] as const;

/** ISO date (UTC) of an epoch-ms time. */
export function isoDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

export function formatPoMoney(money: Money): string {
  return formatMoney(money, PO_LOCALE);
}

function safeCountryName(code: string): string {
  try {
    return countryName(code, 'en');
  } catch {
    return code;
  }
}

export function poTotal(doc: PurchaseOrderDocument): Money {
  const first = doc.lines[0];
  if (!first) throw new Error(`Purchase order ${doc.poNumber} has no lines`);
  for (const line of doc.lines) {
    if (!Number.isInteger(line.quantity) || line.quantity <= 0) {
      throw new RangeError(`Purchase order ${doc.poNumber}: quantity of ${line.supplierSku} must be a positive integer`);
    }
  }
  return sumMoney(doc.lines.map((line) => multiplyMoney(line.unitCost, line.quantity)), first.unitCost.currency);
}

export function buildPoView(doc: PurchaseOrderDocument): PoView {
  const total = poTotal(doc);
  const lines = doc.lines.map((line, index): PoLineView => {
    const lineTotal = multiplyMoney(line.unitCost, line.quantity);
    return {
      position: index + 1,
      sku: oneLine(line.supplierSku),
      title: oneLine(line.title),
      quantity: line.quantity,
      unitCost: formatPoMoney(line.unitCost),
      unitCostDecimal: minorToDecimalString(line.unitCost.amount, line.unitCost.currency),
      lineTotal: formatPoMoney(lineTotal),
      lineTotalDecimal: minorToDecimalString(lineTotal.amount, lineTotal.currency),
    };
  });
  const s = doc.shipTo;
  const country = oneLine(s.country).toUpperCase();
  const shipTo = {
    name: oneLine(s.name), line1: oneLine(s.line1), line2: oneLine(s.line2), city: oneLine(s.city),
    region: oneLine(s.region), postcode: oneLine(s.postcode), country, countryName: safeCountryName(country),
    phone: oneLine(s.phone), email: oneLine(s.email), cityLine: '',
  };
  shipTo.cityLine = [shipTo.city, shipTo.region, shipTo.postcode].filter(Boolean).join(' ');
  const shopEmail = oneLine(doc.shop.email);
  const replyTo = oneLine(doc.shop.replyTo ?? '');
  const notes = multiLine(doc.notes);
  const giftMessage = multiLine(doc.packingSlip.giftMessage ?? '');
  return {
    poNumber: oneLine(doc.poNumber),
    orderNumber: oneLine(doc.orderNumber),
    createdDate: isoDate(doc.createdAt),
    currency: total.currency,
    total: formatPoMoney(total),
    totalDecimal: minorToDecimalString(total.amount, total.currency),
    lineCount: lines.length,
    itemCount: doc.lines.reduce((sum, line) => sum + line.quantity, 0),
    lines,
    shop: {
      name: oneLine(doc.shop.name), email: shopEmail, replyTo, address: multiLine(doc.shop.address ?? ''),
      logoText: oneLine(doc.shop.logoText ?? ''), contactEmail: replyTo || shopEmail,
    },
    supplier: { name: oneLine(doc.supplier.name), orderEmail: oneLine(doc.supplier.orderEmail), contactName: oneLine(doc.supplier.contactName) },
    shipTo,
    shipToLines: [shipTo.name, shipTo.line1, shipTo.line2, shipTo.cityLine, shipTo.countryName].filter(Boolean),
    notes,
    hasNotes: notes !== '',
    giftMessage,
    hasGiftMessage: giftMessage !== '',
    hidePrices: doc.packingSlip.hidePrices,
  };
}
