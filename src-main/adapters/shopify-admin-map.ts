/**
 * Shopify's order shapes (the DeskOrders and DeskOrder answers) read strictly, and one order node turned into the
 * desk's ImportedOrder. Amounts are Shopify Decimal strings ("4.9", "1000.0") read as decimals into minor units
 * of the order's currency, never through a float.
 */
import { z } from 'zod';
import { isCurrencyCode, parseMoneyInput } from '../../src-shared/domain/money';
import type {
  ImportedAddress, ImportedOrder, ImportedOrderLine, StorefrontPaymentState,
} from '../../src-shared/domain/storefront-orders';

const moneySet = z.object({ shopMoney: z.object({ amount: z.string(), currencyCode: z.string() }) });
const text = z.string().nullish();

export const wireOrderNodeSchema = z.object({
  id: z.string().min(1),
  legacyResourceId: z.string().regex(/^\d+$/),
  name: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
  cancelledAt: text,
  displayFinancialStatus: text,
  currencyCode: z.string(),
  email: text,
  phone: text,
  note: text,
  tags: z.array(z.string()).nullish(),
  totalPriceSet: moneySet,
  subtotalPriceSet: moneySet.nullish(),
  totalShippingPriceSet: moneySet.nullish(),
  totalTaxSet: moneySet.nullish(),
  totalDiscountsSet: moneySet.nullish(),
  shippingAddress: z.object({
    name: text, address1: text, address2: text, city: text, provinceCode: text, zip: text, countryCodeV2: text, phone: text,
  }).nullish(),
  billingAddress: z.object({ countryCodeV2: text }).nullish(),
  customer: z.object({ displayName: text, email: text, phone: text }).nullish(),
  lineItems: z.object({
    pageInfo: z.object({ hasNextPage: z.boolean() }),
    edges: z.array(z.object({
      node: z.object({ id: z.string(), title: z.string(), sku: text, quantity: z.number().int(), originalUnitPriceSet: moneySet }),
    })),
  }),
});
export type WireOrderNode = z.infer<typeof wireOrderNodeSchema>;

export const wireOrdersSchema = z.object({
  orders: z.object({
    edges: z.array(z.object({ cursor: z.string(), node: z.unknown() })),
    pageInfo: z.object({ hasNextPage: z.boolean(), endCursor: z.string().nullable() }),
  }),
});

const trackingInfo = z.object({ company: text, number: text, url: text });
export const wireOrderStateSchema = z.object({
  order: z.object({
    id: z.string(),
    name: z.string(),
    cancelledAt: text,
    fulfillments: z.array(z.object({ id: z.string(), status: z.string(), trackingInfo: z.array(trackingInfo) })),
    fulfillmentOrders: z.object({
      nodes: z.array(z.object({
        id: z.string(),
        status: z.string(),
        lineItems: z.object({
          nodes: z.array(z.object({
            id: z.string(),
            totalQuantity: z.number().int(),
            remainingQuantity: z.number().int(),
            lineItem: z.object({ id: z.string(), sku: text }),
          })),
        }),
      })),
    }),
  }).nullable(),
});
export type WireOrderState = NonNullable<z.infer<typeof wireOrderStateSchema>['order']>;

export const wireFulfillmentCreateSchema = z.object({
  fulfillmentCreate: z.object({
    fulfillment: z.object({ id: z.string(), status: z.string() }).nullable(),
    userErrors: z.array(z.object({ field: z.array(z.string()).nullish(), message: z.string() })),
  }),
});

const PAYMENT_STATES: Record<string, StorefrontPaymentState> = {
  PAID: 'paid',
  PENDING: 'pending',
  AUTHORIZED: 'authorized',
  PARTIALLY_PAID: 'partially_paid',
  PARTIALLY_REFUNDED: 'partially_refunded',
  REFUNDED: 'refunded',
  VOIDED: 'voided',
};

export function paymentStateOf(displayFinancialStatus: string | null | undefined): StorefrontPaymentState {
  return PAYMENT_STATES[displayFinancialStatus ?? ''] ?? 'unknown';
}

/** Why an order node cannot be imported as read (a sentence naming the field). */
export class UnreadableOrder extends Error {}

function minor(set: z.infer<typeof moneySet> | null | undefined, currency: string, field: string): number {
  if (!set) return 0;
  if (set.shopMoney.currencyCode !== currency) {
    throw new UnreadableOrder(`${field} is in ${set.shopMoney.currencyCode}, not the order's currency ${currency}`);
  }
  // Shopify keeps one decimal even for a currency without minor units ("1000.0" JPY): trailing zeros carry nothing.
  const amount = set.shopMoney.amount.trim().replace(/(\.\d*?)0+$/, '$1').replace(/\.$/, '');
  const parsed = parseMoneyInput(amount, currency);
  if (!parsed.ok) throw new UnreadableOrder(`${field} "${set.shopMoney.amount.slice(0, 40)}" ${parsed.reason}`);
  return parsed.amount;
}

const str = (value: string | null | undefined) => (value ?? '').trim();

function addressOf(node: WireOrderNode): ImportedAddress | null {
  const a = node.shippingAddress;
  if (!a) return null;
  return {
    name: str(a.name),
    line1: str(a.address1),
    line2: str(a.address2),
    city: str(a.city),
    region: str(a.provinceCode),
    postcode: str(a.zip),
    country: str(a.countryCodeV2).toUpperCase(),
    phone: str(a.phone),
  };
}

/**
 * One node as the desk's order. Throws UnreadableOrder when its money cannot be read exactly; the caller must
 * check `lineItems.pageInfo.hasNextPage` first (an order with more lines than one page is not imported half-read).
 */
export function toImportedOrder(node: WireOrderNode): ImportedOrder {
  const currency = node.currencyCode;
  if (!isCurrencyCode(currency)) throw new UnreadableOrder(`currencyCode "${currency.slice(0, 10)}" is not an ISO 4217 currency`);
  const lines: ImportedOrderLine[] = node.lineItems.edges.map(({ node: line }, index) => {
    if (line.quantity < 1) throw new UnreadableOrder(`line ${index + 1} quantity ${line.quantity} is below 1`);
    return {
      title: line.title,
      // Shopify sends null for a custom item; the desk's shape says ''.
      sku: str(line.sku),
      quantity: line.quantity,
      unitPrice: minor(line.originalUnitPriceSet, currency, `line ${index + 1} originalUnitPriceSet`),
    };
  });
  const paymentState = paymentStateOf(node.displayFinancialStatus);
  const address = addressOf(node);
  // The order's own email and phone first: customer.email/phone are deprecated in recent API versions.
  const customer = {
    name: str(node.customer?.displayName) || address?.name || '',
    email: str(node.email) || str(node.customer?.email),
    phone: str(node.phone) || str(node.customer?.phone) || address?.phone || '',
  };
  return {
    source: 'shopify',
    externalId: node.legacyResourceId,
    number: node.name,
    createdAt: node.createdAt,
    currency,
    customer,
    shipping: address,
    billingCountry: str(node.billingAddress?.countryCodeV2).toUpperCase(),
    lines,
    subtotal: minor(node.subtotalPriceSet, currency, 'subtotalPriceSet'),
    shippingCharge: minor(node.totalShippingPriceSet, currency, 'totalShippingPriceSet'),
    taxes: minor(node.totalTaxSet, currency, 'totalTaxSet'),
    discount: minor(node.totalDiscountsSet, currency, 'totalDiscountsSet'),
    total: minor(node.totalPriceSet, currency, 'totalPriceSet'),
    paymentState,
    // DeskOrders does not select transactions (query cost), so the paid time is unknown here.
    paidAt: null,
    paymentReference: paymentState === 'paid' || paymentState === 'partially_paid' ? `Shopify order ${node.name}` : '',
    cancelledAt: node.cancelledAt ?? null,
    notes: node.note ?? '',
    tags: (node.tags ?? []).map((tag) => tag.trim()).filter((tag) => tag !== ''),
    riskLevel: '',
    updatedAt: node.updatedAt,
  };
}
