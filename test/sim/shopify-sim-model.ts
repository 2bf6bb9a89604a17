/**
 * The simulated Shopify store's data: orders with their line items, fulfillment orders and fulfillments, kept in
 * a plain internal shape, and the GraphQL Admin API (2026-10) shapes the desk reads them in. Money is kept in
 * integer minor units and served as Shopify's `Decimal` strings. See test/sim/README.md, "Shopify simulator".
 * Imports nothing from src-main or src-shared.
 */

export const FINANCIAL_STATUSES = [
  'PENDING', 'AUTHORIZED', 'PARTIALLY_PAID', 'PAID', 'PARTIALLY_REFUNDED', 'REFUNDED', 'VOIDED', 'EXPIRED',
] as const;
export type SimFinancialStatus = (typeof FINANCIAL_STATUSES)[number];

export type SimFulfillmentOrderStatus = 'OPEN' | 'IN_PROGRESS' | 'CLOSED' | 'CANCELLED';

export interface SimAddress {
  name: string;
  address1: string;
  address2: string | null;
  city: string;
  provinceCode: string | null;
  zip: string | null;
  /** ISO 3166-1 alpha-2. */
  countryCodeV2: string;
  phone: string | null;
}

export interface SimLineItem {
  id: number;
  title: string;
  /** null: a custom item without SKU (Shopify sends null, not ''). */
  sku: string | null;
  quantity: number;
  /** Per unit, minor units. */
  unitPrice: number;
}

export interface SimFulfillmentOrderLine {
  id: number;
  lineItemId: number;
  totalQuantity: number;
  remainingQuantity: number;
}

export interface SimFulfillmentOrder {
  id: number;
  status: SimFulfillmentOrderStatus;
  lineItems: SimFulfillmentOrderLine[];
}

export interface SimTrackingInfo {
  company: string | null;
  number: string | null;
  url: string | null;
}

export interface SimFulfillment {
  id: number;
  orderId: number;
  status: 'SUCCESS';
  /** ISO, seconds. */
  createdAt: string;
  trackingInfo: SimTrackingInfo[];
  notifyCustomer: boolean;
  lines: Array<{ fulfillmentOrderId: number; fulfillmentOrderLineItemId: number; lineItemId: number; quantity: number }>;
}

/** One order as the simulator keeps it (and as `sim.order()` returns a copy). Times ISO with whole seconds. */
export interface SimOrder {
  id: number;
  name: string;
  createdAt: string;
  updatedAt: string;
  cancelledAt: string | null;
  displayFinancialStatus: SimFinancialStatus;
  currencyCode: string;
  email: string | null;
  phone: string | null;
  note: string | null;
  tags: string[];
  /** Minor units. */
  shippingCharge: number;
  tax: number;
  discount: number;
  shippingAddress: SimAddress | null;
  billingCountry: string | null;
  customer: { displayName: string; email: string | null; phone: string | null } | null;
  lineItems: SimLineItem[];
  fulfillmentOrders: SimFulfillmentOrder[];
  fulfillments: SimFulfillment[];
}

/** What `seedOrders([...])` takes: everything optional, filled from a generated order. */
export interface SeedOrderInput {
  name?: string;
  createdAt?: Date | string;
  updatedAt?: Date | string;
  cancelledAt?: Date | string | null;
  displayFinancialStatus?: SimFinancialStatus;
  currencyCode?: string;
  email?: string | null;
  phone?: string | null;
  note?: string | null;
  tags?: string[];
  shippingCharge?: number;
  tax?: number;
  discount?: number;
  shippingAddress?: SimAddress | null;
  billingCountry?: string | null;
  customer?: SimOrder['customer'];
  lineItems?: Array<{ title: string; sku?: string | null; quantity: number; unitPrice: number }>;
}

/** What `updateOrder(id, changes)` may change (it also moves `updatedAt` to the clock). */
export type OrderChanges = Partial<Pick<SimOrder,
  'email' | 'phone' | 'note' | 'tags' | 'displayFinancialStatus' | 'shippingAddress' | 'billingCountry' | 'customer' | 'shippingCharge' | 'tax' | 'discount'>>;

export type GidType = 'Order' | 'LineItem' | 'FulfillmentOrder' | 'FulfillmentOrderLineItem' | 'Fulfillment';

export function gid(type: GidType, id: number): string {
  return `gid://shopify/${type}/${id}`;
}

/** The numeric id of a gid of `type` (or of a bare number for orders); undefined when it is not one. */
export function parseGid(type: GidType, value: unknown): number | undefined {
  if (typeof value !== 'string') return undefined;
  const match = new RegExp(`^gid://shopify/${type}/(\\d{1,16})$`).exec(value) ?? (type === 'Order' ? /^(\d{1,16})$/.exec(value) : null);
  return match ? Number(match[1]) : undefined;
}

/** Shopify's DateTime: UTC, whole seconds, `Z`. */
export function isoSeconds(date: Date | number): string {
  return new Date(Math.floor(new Date(date).getTime() / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

const ZERO_DECIMAL = new Set(['JPY', 'KRW', 'VND', 'CLP', 'ISK', 'HUF']);

export function minorDigits(currency: string): number {
  return ZERO_DECIMAL.has(currency) ? 0 : 2;
}

/**
 * Shopify's `Decimal` as it serialises it: trailing zeros dropped but one decimal kept ("10.0", "29.9",
 * "29.95", "1000.0" for JPY). Clients must parse it as a decimal, never assume two places.
 */
export function decimalAmount(minor: number, currency: string): string {
  const digits = minorDigits(currency);
  const sign = minor < 0 ? '-' : '';
  const abs = Math.abs(minor);
  const units = Math.floor(abs / 10 ** digits);
  const fraction = digits === 0 ? '' : String(abs % 10 ** digits).padStart(digits, '0').replace(/0+$/, '');
  return `${sign}${units}.${fraction === '' ? '0' : fraction}`;
}

export function orderSubtotal(order: SimOrder): number {
  return order.lineItems.reduce((sum, line) => sum + line.quantity * line.unitPrice, 0);
}

export function orderTotal(order: SimOrder): number {
  return orderSubtotal(order) - order.discount + order.shippingCharge + order.tax;
}

/** FULFILLED / PARTIALLY_FULFILLED / UNFULFILLED, from what the fulfillment orders still have to ship. */
export function displayFulfillmentStatus(order: SimOrder): string {
  const total = order.lineItems.reduce((sum, line) => sum + line.quantity, 0);
  const shipped = order.fulfillments.reduce((sum, f) => sum + f.lines.reduce((s, l) => s + l.quantity, 0), 0);
  if (shipped === 0) return 'UNFULFILLED';
  return shipped >= total ? 'FULFILLED' : 'PARTIALLY_FULFILLED';
}

function moneyBag(minor: number, currency: string) {
  return { shopMoney: { amount: decimalAmount(minor, currency), currencyCode: currency } };
}

export function fulfillmentNode(fulfillment: SimFulfillment) {
  return {
    id: gid('Fulfillment', fulfillment.id),
    status: fulfillment.status,
    createdAt: fulfillment.createdAt,
    trackingInfo: fulfillment.trackingInfo.map((t) => ({ ...t })),
  };
}

/**
 * The order in the GraphQL shape: every field the README's queries select (the simulator has no GraphQL engine,
 * so it sends this superset whatever the selection; clients ignore fields they did not ask for).
 */
export function orderNode(order: SimOrder) {
  const c = order.currencyCode;
  return {
    id: gid('Order', order.id),
    legacyResourceId: String(order.id),
    name: order.name,
    createdAt: order.createdAt,
    updatedAt: order.updatedAt,
    cancelledAt: order.cancelledAt,
    displayFinancialStatus: order.displayFinancialStatus,
    displayFulfillmentStatus: displayFulfillmentStatus(order),
    currencyCode: c,
    email: order.email,
    phone: order.phone,
    note: order.note,
    tags: [...order.tags],
    totalPriceSet: moneyBag(orderTotal(order), c),
    subtotalPriceSet: moneyBag(orderSubtotal(order) - order.discount, c),
    totalShippingPriceSet: moneyBag(order.shippingCharge, c),
    totalTaxSet: moneyBag(order.tax, c),
    totalDiscountsSet: moneyBag(order.discount, c),
    shippingAddress: order.shippingAddress ? { ...order.shippingAddress } : null,
    billingAddress: order.billingCountry === null ? null : { countryCodeV2: order.billingCountry },
    customer: order.customer ? { ...order.customer } : null,
    lineItems: {
      pageInfo: { hasNextPage: false, endCursor: null },
      edges: order.lineItems.map((line) => ({
        node: {
          id: gid('LineItem', line.id),
          title: line.title,
          sku: line.sku,
          quantity: line.quantity,
          originalUnitPriceSet: moneyBag(line.unitPrice, c),
        },
      })),
    },
    fulfillments: order.fulfillments.map(fulfillmentNode),
    fulfillmentOrders: {
      nodes: order.fulfillmentOrders.map((fo) => ({
        id: gid('FulfillmentOrder', fo.id),
        status: fo.status,
        lineItems: {
          nodes: fo.lineItems.map((l) => {
            const line = order.lineItems.find((li) => li.id === l.lineItemId);
            return {
              id: gid('FulfillmentOrderLineItem', l.id),
              totalQuantity: l.totalQuantity,
              remainingQuantity: l.remainingQuantity,
              lineItem: { id: gid('LineItem', l.lineItemId), sku: line?.sku ?? null },
            };
          }),
        },
      })),
    },
  };
}

const PRODUCTS: Array<{ title: string; sku: string; price: number }> = [
  { title: 'TailTrail Grain-Free Turkey Dry Dog Food 7.5 kg', sku: 'CJ-DOG-0001', price: 3499 },
  { title: 'Whisker Tower Cat Tree 120 cm', sku: 'CJ-CAT-0040', price: 6990 },
  { title: 'Chirp & Seed Wild Bird Mix 2 kg', sku: 'CJ-BRD-0007', price: 1250 },
  { title: 'AquaClear Starter Aquarium 54 L', sku: 'CJ-FSH-0012', price: 8900 },
  { title: 'Cozy Paws Orthopaedic Dog Bed L', sku: 'CJ-DOG-0102', price: 5495 },
  { title: 'Squeaky Hedgehog Plush Toy', sku: 'CJ-DOG-0230', price: 799 },
];
const CUSTOMERS: Array<{ name: string; email: string; city: string; zip: string; country: string; province: string | null }> = [
  { name: 'Anna Schmidt', email: 'anna.schmidt@example.com', city: 'Berlin', zip: '10115', country: 'DE', province: 'BE' },
  { name: 'Luca Rossi', email: 'luca.rossi@example.com', city: 'Milano', zip: '20121', country: 'IT', province: 'MI' },
  { name: 'Emma Walsh', email: 'emma.walsh@example.com', city: 'Dublin', zip: 'D02 X285', country: 'IE', province: 'D' },
  { name: 'Jordan Lee', email: 'jordan.lee@example.com', city: 'Portland', zip: '97205', country: 'US', province: 'OR' },
];

/** A plausible order for seed number `n` (0-based), deterministic; the caller assigns ids. */
export function generatedOrder(n: number): Required<Omit<SeedOrderInput, 'createdAt' | 'updatedAt' | 'name'>> {
  const who = CUSTOMERS[n % CUSTOMERS.length]!;
  const first = PRODUCTS[n % PRODUCTS.length]!;
  const second = PRODUCTS[(n + 2) % PRODUCTS.length]!;
  const currency = who.country === 'US' ? 'USD' : 'EUR';
  const lineItems = [{ title: first.title, sku: first.sku, quantity: 1 + (n % 3), unitPrice: first.price }];
  if (n % 2 === 1) lineItems.push({ title: second.title, sku: second.sku, quantity: 1, unitPrice: second.price });
  return {
    cancelledAt: null,
    displayFinancialStatus: 'PAID',
    currencyCode: currency,
    email: who.email,
    phone: null,
    note: n % 4 === 0 ? 'Please leave at the back door.' : null,
    tags: n % 5 === 0 ? ['wholesale'] : [],
    shippingCharge: 490,
    tax: 0,
    discount: 0,
    shippingAddress: {
      name: who.name, address1: `${10 + n} Main Street`, address2: null, city: who.city, provinceCode: who.province, zip: who.zip,
      countryCodeV2: who.country, phone: null,
    },
    billingCountry: who.country,
    customer: { displayName: who.name, email: who.email, phone: null },
    lineItems,
  };
}
