import { z } from 'zod';
import { MANUAL_PAYMENT_METHODS } from '../domain/payments';
import { id } from './order-input';

const orderId = id('Order id');
const paymentId = id('Payment id');
/** Minor units of the order's currency, as everywhere (DOMAIN.md: money is never a float). */
const amount = z.number('Amount must be a number').int('Amount must be in minor units (cents), a whole number').positive('Amount must be more than 0');
const note = (what: string) => z.string(`${what} must be text`).trim().min(1, `Write a note: ${what.toLowerCase()} needs a reason`).max(1000, `${what} is too long`);

export const recordManualPaymentInput = z.object({
  orderId,
  method: z.enum(MANUAL_PAYMENT_METHODS, 'Choose how the money came: cash, bank transfer or the storefront'),
  /** Omitted: everything still due. */
  amount: amount.optional(),
  reference: z.string().trim().max(200, 'Reference is too long').default(''),
}).refine((p) => p.method !== 'storefront' || p.reference !== '', {
  message: 'Enter the storefront’s payment reference (its order or transaction number)', path: ['reference'],
});

export const attachStripeInput = z.object({
  orderId,
  paymentIntentId: z.string().trim().regex(/^pi_[A-Za-z0-9_]{6,}$/u, 'A Stripe PaymentIntent id looks like pi_3Nk…'),
});
export const createLinkInput = z.object({ orderId });
export const paymentIdInput = z.object({ paymentId });
export const captureInput = z.object({ paymentId, amount: amount.optional() });
export const cancelPaymentInput = z.object({ paymentId, reason: z.string().trim().max(500, 'Reason is too long').default('') });
export const refundInput = z.object({ paymentId, amount: amount.optional(), reason: note('A refund') });

export const runChecksInput = z.object({ orderId });
export const overrideCheckInput = z.object({ orderId, code: z.string().trim().min(1, 'Choose the check to override').max(50), note: note('An override') });
export const resolveReviewInput = z.object({
  orderId,
  codes: z.array(z.string().trim().min(1).max(50), 'Choose the checks to override').max(20).default([]),
  holdIds: z.array(id('Hold id'), 'Choose the holds to release').max(50).default([]),
  note: note('Resolving a review'),
}).refine((r) => r.codes.length + r.holdIds.length > 0, { message: 'Tick at least one check or hold to resolve', path: ['codes'] });
export const releaseHoldInput = z.object({ orderId, holdId: id('Hold id'), note: note('Releasing a hold') });
export const placeHoldInput = z.object({ orderId, note: note('A hold') });
export const outboxIdInput = z.object({ id: id('Outbox id') });
