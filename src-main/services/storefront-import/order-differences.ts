/**
 * What changed in the storefront since the desk last took an order in, in sentences for its timeline (and, for an
 * order already with a supplier, for the person who must pass the change on). Pure.
 */
import { formatMoney } from '../../../src-shared/domain/money';
import type { DbOrder } from '../../db/schema';
import type { ImportedLineValues, ImportedOrderPlan } from './imported-order-row';

/** What the desk holds of an order, as far as the storefront can change it. */
export type StoredImportedOrder = Pick<DbOrder, 'customer_name' | 'customer_email' | 'customer_phone' | 'ship_line1' | 'ship_line2'
  | 'ship_city' | 'ship_region' | 'ship_postcode' | 'ship_country' | 'currency' | 'shipping_charge' | 'total' | 'notes'
  | 'payment_status' | 'fulfillment_status' | 'cancelled_at'> & {
  tax_total: number;
  discount_total: number;
  lines: ImportedLineValues[];
};

const address = (o: Pick<StoredImportedOrder, 'ship_line1' | 'ship_line2' | 'ship_city' | 'ship_region' | 'ship_postcode' | 'ship_country'>) =>
  [o.ship_line1, o.ship_line2, o.ship_city, o.ship_region, o.ship_postcode, o.ship_country].filter((part) => part !== '').join(', ') || 'none';

const lineText = (line: ImportedLineValues, currency: string) =>
  `${line.quantity} × ${line.title}${line.sku ? ` (${line.sku})` : ''} at ${formatMoney({ amount: line.unit_price, currency })}`;

const clip = (text: string) => (text.length > 120 ? `${text.slice(0, 117)}…` : text);

export function describeOrderChanges(before: StoredImportedOrder, after: ImportedOrderPlan, compare: { payment: boolean } = { payment: true }): string[] {
  const changes: string[] = [];
  const next = after.columns;
  const money = (amount: number) => formatMoney({ amount, currency: next.currency });
  const field = (label: string, was: string, now: string) => {
    if (was !== now) changes.push(`${label}: ${clip(was || 'none')} → ${clip(now || 'none')}`);
  };
  field('Customer', before.customer_name, next.customer_name);
  field('E-mail', before.customer_email.toLowerCase(), next.customer_email.toLowerCase());
  field('Phone', before.customer_phone, next.customer_phone);
  field('Shipping address', address(before), address(next));
  field('Currency', before.currency, next.currency);

  const wasLines = before.lines.map((line) => lineText(line, before.currency));
  const nowLines = after.lines.map((line) => lineText(line, next.currency));
  const removed = wasLines.filter((text) => !nowLines.includes(text));
  const added = nowLines.filter((text) => !wasLines.includes(text));
  for (const text of removed) changes.push(`Line removed: ${text}`);
  for (const text of added) changes.push(`Line added: ${text}`);

  if (before.currency === next.currency) {
    const amount = (label: string, was: number, now: number) => {
      if (was !== now) changes.push(`${label}: ${money(was)} → ${money(now)}`);
    };
    amount('Shipping', before.shipping_charge, next.shipping_charge);
    amount('Taxes', before.tax_total, next.tax_total);
    amount('Discount', before.discount_total, next.discount_total);
    amount('Total', before.total, next.total);
  }
  if (compare.payment) field('Payment', before.payment_status.replaceAll('_', ' '), after.paymentStatus.replaceAll('_', ' '));
  if (before.cancelled_at === null && after.cancelledAt !== null) changes.push('Cancelled in the storefront');
  if (before.cancelled_at !== null && after.cancelledAt === null) changes.push('No longer cancelled in the storefront');
  if (before.notes !== next.notes) changes.push('Notes changed');
  return changes;
}
