import type { OrderFields } from '../../../src-shared/schemas/order-input';
import { addMoney, multiplyMoney, sumMoney, type Money } from '../../../src-shared/domain/money';

export interface OrderTotals {
  lineTotals: Money[];
  subtotal: Money;
  total: Money;
}

/** The one place an order's money adds up; the table's CHECKs hold the same rule. */
export function computeTotals(order: Pick<OrderFields, 'lines' | 'shippingCharge' | 'currency'>): OrderTotals {
  const lineTotals = order.lines.map((line) => multiplyMoney({ amount: line.unitPrice, currency: order.currency }, line.quantity));
  const subtotal = sumMoney(lineTotals, order.currency);
  return { lineTotals, subtotal, total: addMoney(subtotal, { amount: order.shippingCharge, currency: order.currency }) };
}
