/** The order's independent axes (DOMAIN.md) and the transitions each axis allows. */

export const PAYMENT_STATUSES = [
  'unpaid', 'pending', 'authorized', 'partially_paid', 'paid',
  'partially_refunded', 'refunded', 'voided', 'expired',
] as const;
export type PaymentStatus = (typeof PAYMENT_STATUSES)[number];

export const FULFILLMENT_STATUSES = [
  'unfulfilled', 'in_progress', 'partially_fulfilled', 'fulfilled', 'delivered', 'returned',
] as const;
export type FulfillmentStatus = (typeof FULFILLMENT_STATUSES)[number];

const PAYMENT_TRANSITIONS: Record<PaymentStatus, readonly PaymentStatus[]> = {
  unpaid: ['pending', 'authorized', 'partially_paid', 'paid', 'voided'],
  pending: ['authorized', 'paid', 'voided', 'expired', 'unpaid'],
  authorized: ['partially_paid', 'paid', 'voided', 'expired'],
  partially_paid: ['paid', 'partially_refunded', 'refunded'],
  paid: ['partially_refunded', 'refunded'],
  partially_refunded: ['partially_refunded', 'refunded'],
  refunded: [],
  voided: [],
  expired: ['pending', 'authorized', 'paid'],
};

const FULFILLMENT_TRANSITIONS: Record<FulfillmentStatus, readonly FulfillmentStatus[]> = {
  unfulfilled: ['in_progress'],
  in_progress: ['partially_fulfilled', 'fulfilled', 'unfulfilled'],
  partially_fulfilled: ['fulfilled', 'delivered'],
  fulfilled: ['delivered', 'returned'],
  delivered: ['returned'],
  returned: [],
};

export function canChangePayment(from: PaymentStatus, to: PaymentStatus): boolean {
  return PAYMENT_TRANSITIONS[from].includes(to);
}

export function canChangeFulfillment(from: FulfillmentStatus, to: FulfillmentStatus): boolean {
  return FULFILLMENT_TRANSITIONS[from].includes(to);
}
