import { addMoney, multiplyMoney, sumMoney, type Money } from './money';

export interface OrderTotals {
  lineTotals: Money[];
  subtotal: Money;
  total: Money;
}

export interface TotalsInput {
  currency: string;
  shippingCharge: number;
  lines: readonly { quantity: number; unitPrice: number }[];
}

/** The one place an order's money adds up (the form's live totals and the stored order alike); the table's CHECKs hold the same rule. */
export function computeTotals(order: TotalsInput): OrderTotals {
  const lineTotals = order.lines.map((line) => multiplyMoney({ amount: line.unitPrice, currency: order.currency }, line.quantity));
  const subtotal = sumMoney(lineTotals, order.currency);
  return { lineTotals, subtotal, total: addMoney(subtotal, { amount: order.shippingCharge, currency: order.currency }) };
}
