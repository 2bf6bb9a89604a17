import type { PaymentStatus } from './order-status';
import type { FulfillmentStatus } from './order-status';

/** The one thing that moves an order on (verify → pay → send to suppliers), shown with its button. */
export type NextStepKind = 'submit' | 'verify' | 'review' | 'pay' | 'await_payment' | 'capture' | 'send' | 'with_suppliers' | 'none';

export interface NextStep {
  kind: NextStepKind;
  /** A short sentence for the order page: what to do, or what the desk is waiting for. */
  label: string;
  /** What stands in the way, when something does. */
  blockers: string[];
}

export interface NextStepInputs {
  submitted: boolean;
  cancelled: boolean;
  verified: boolean;
  /** Failed checks nobody overrode. */
  failingChecks: number;
  openHolds: number;
  paymentStatus: PaymentStatus;
  /** A card authorization waits to be captured. */
  hasAuthorization: boolean;
  /** Why a capture may not happen now (captureBlockers); empty when it may. */
  captureBlockers: readonly string[];
  fulfillmentStatus: FulfillmentStatus;
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/**
 * Verify, then pay, then send: the first step not done yet. Holds and failed checks come before money,
 * so nothing is charged for an order that cannot be fulfilled.
 */
export function nextStep(o: NextStepInputs): NextStep {
  if (o.cancelled) return { kind: 'none', label: 'This order is cancelled.', blockers: [] };
  if (!o.submitted) return { kind: 'submit', label: 'Finish the draft and submit it.', blockers: [] };
  if (o.fulfillmentStatus !== 'unfulfilled') return { kind: 'with_suppliers', label: 'The order is with its suppliers.', blockers: [] };
  if (!o.verified) return { kind: 'verify', label: 'Run the verification checks.', blockers: [] };
  if (o.failingChecks > 0 || o.openHolds > 0) {
    const blockers = [
      ...(o.failingChecks > 0 ? [`${plural(o.failingChecks, 'check failed', 'checks failed')}.`] : []),
      ...(o.openHolds > 0 ? [`${plural(o.openHolds, 'hold is', 'holds are')} open.`] : []),
    ];
    return { kind: 'review', label: 'Review the failed checks and holds: fix the order and re-run, or override with a note.', blockers };
  }
  switch (o.paymentStatus) {
    case 'unpaid': case 'voided': case 'expired': case 'refunded':
      return { kind: 'pay', label: 'Take the payment: record money received, attach a Stripe payment, or send a payment link.', blockers: [] };
    case 'pending':
      return { kind: 'await_payment', label: 'Waiting for the customer to pay the payment link.', blockers: [] };
    default:
      break;
  }
  if (o.hasAuthorization && o.captureBlockers.length === 0) {
    return { kind: 'capture', label: 'Capture the card payment.', blockers: [] };
  }
  return {
    kind: 'send',
    label: 'Ready to send to the suppliers.',
    blockers: o.hasAuthorization ? o.captureBlockers.map((b) => `Capture waits: ${b}`) : [],
  };
}
