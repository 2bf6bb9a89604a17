import type { FulfillmentStatus, PaymentStatus } from './order-status';

/** The pipeline stage shown in lists: derived from the axes, never set directly. */
export const STAGES = [
  'draft', 'needs_review', 'ready_to_pay', 'ready_to_send', 'awaiting_supplier',
  'shipped', 'delivered', 'cancelled', 'exception',
] as const;
export type Stage = (typeof STAGES)[number];

export const STAGE_LABELS: Record<Stage, string> = {
  draft: 'Draft',
  needs_review: 'Needs review',
  ready_to_pay: 'Ready to pay',
  ready_to_send: 'Ready to send',
  awaiting_supplier: 'Awaiting supplier',
  shipped: 'Shipped',
  delivered: 'Delivered',
  cancelled: 'Cancelled',
  exception: 'Exception',
};

export interface StageInputs {
  submitted: boolean;
  cancelled: boolean;
  paymentStatus: PaymentStatus;
  fulfillmentStatus: FulfillmentStatus;
  openHolds: number;
  /** Something needs a person that is not a hold: a rejection, stalled tracking, an unknown outbox outcome. */
  hasException: boolean;
}

/** Payment states in which an order may go to its suppliers (an authorization counts: it is captured later). */
export const PAID_ENOUGH_TO_SEND: readonly PaymentStatus[] = ['authorized', 'partially_paid', 'paid'];

export function deriveStage(o: StageInputs): Stage {
  if (o.cancelled) return 'cancelled';
  if (!o.submitted) return 'draft';
  if (o.hasException || o.fulfillmentStatus === 'returned') return 'exception';
  if (o.fulfillmentStatus === 'delivered') return 'delivered';
  if (o.fulfillmentStatus === 'fulfilled' || o.fulfillmentStatus === 'partially_fulfilled') return 'shipped';
  if (o.openHolds > 0) return 'needs_review';
  if (o.fulfillmentStatus === 'in_progress') return 'awaiting_supplier';
  return PAID_ENOUGH_TO_SEND.includes(o.paymentStatus) ? 'ready_to_send' : 'ready_to_pay';
}

/** Whether an order in this state may still be cancelled by the shop (nothing has shipped yet). */
export function canCancel(o: Pick<StageInputs, 'cancelled' | 'fulfillmentStatus'>): boolean {
  return !o.cancelled && (o.fulfillmentStatus === 'unfulfilled' || o.fulfillmentStatus === 'in_progress');
}
