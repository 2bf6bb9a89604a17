/**
 * The payments panel's words and the amounts its dialogs start from. Money arithmetic stays integer minor units;
 * what a person types is read with parseMoneyInput (src-shared), the contract's schemas give the messages.
 */
import type { z } from 'zod';
import type { ProcedureInput } from '../../../src-shared/contract/procedures';
import { formatMoney, isCurrencyCode, minorToDecimalString, parseMoneyInput, type Money } from '../../../src-shared/domain/money';
import type { OrderDetail } from '../../../src-shared/domain/order';
import {
  PAYMENT_METHOD_LABELS, type ManualPaymentMethod, type PaymentAction, type PaymentRecordStatus, type PaymentView,
} from '../../../src-shared/domain/payments';
import { attachStripeInput, recordManualPaymentInput, refundInput } from '../../../src-shared/schemas/processing-procedures';
import { errorsFromIssues, type FieldErrors } from '../../components/formErrors';

export const PAYMENT_STATUS_LABELS: Record<PaymentRecordStatus, string> = {
  awaiting_customer: 'Waiting for the customer',
  authorized: 'Authorized — not captured yet',
  captured: 'Captured',
  voided: 'Cancelled',
  failed: 'Failed',
  expired: 'Authorization lapsed',
};

export const ACTION_LABELS: Record<PaymentAction['kind'], string> = {
  capture: 'Capture',
  cancel: 'Cancel the authorization',
  refund: 'Refund',
  payment_link: 'Payment link',
};

export function methodLabel(payment: Pick<PaymentView, 'method'>): string {
  return PAYMENT_METHOD_LABELS[payment.method] ?? payment.method;
}

const money = (amount: number, currency: string): Money => ({ amount, currency });

/** What is left to capture of an authorized card payment (0 for anything else). */
export function capturable(payment: PaymentView): Money {
  const left = payment.status === 'authorized' ? payment.authorized.amount - payment.captured.amount : 0;
  return money(Math.max(0, left), payment.authorized.currency);
}

/** What is left to give back of the money taken. */
export function refundable(payment: PaymentView): Money {
  return money(Math.max(0, payment.captured.amount - payment.refunded.amount), payment.captured.currency);
}

const WORKING: ReadonlySet<PaymentAction['status']> = new Set(['pending', 'in_flight', 'failed', 'unknown']);

/** A capture, cancel or refund still on its way (or waiting for a person): the core takes no other until it ends. */
export function moneyActionInProgress(payment: PaymentView): PaymentAction | null {
  return payment.actions.find((a) => a.kind !== 'payment_link' && WORKING.has(a.status)) ?? null;
}

/** The newest action of a kind, e.g. the payment link being made. */
export function latestAction(payment: PaymentView, kind: PaymentAction['kind']): PaymentAction | null {
  const ofKind = payment.actions.filter((a) => a.kind === kind);
  return ofKind[ofKind.length - 1] ?? null;
}

export type ActionTone = 'waiting' | 'working' | 'done' | 'failed';

/** One outbox row in words: "Queued — waiting for connection", "Sending…", "Done", "Failed: …" (and whether Try again applies). */
export function actionStatus(action: PaymentAction): { tone: ActionTone; text: string; canRetry: boolean } {
  switch (action.status) {
    case 'pending':
      return { tone: 'waiting', text: 'Queued — waiting for connection', canRetry: false };
    case 'in_flight':
      return { tone: 'working', text: 'Sending…', canRetry: false };
    case 'done':
      return { tone: 'done', text: 'Done', canRetry: false };
    case 'failed':
      return {
        tone: 'waiting',
        text: `Not sent yet: ${action.lastError ?? 'the last try failed'} — trying again automatically (${action.attempts} ${action.attempts === 1 ? 'try' : 'tries'} so far)`,
        canRetry: false,
      };
    case 'dead':
      return { tone: 'failed', text: `Failed: ${action.lastError ?? 'Stripe refused it'}`, canRetry: true };
    case 'unknown':
      return {
        tone: 'failed',
        // The core's sentence says what to check first; trying again sends the same key, so Stripe applies it once.
        text: `Not known: ${sentence(action.lastError ?? 'the desk stopped while sending this, so whether Stripe got it is not known')}`,
        canRetry: true,
      };
  }
}

/** A message as one sentence: exactly one full stop at the end. */
function sentence(text: string): string {
  const trimmed = text.trim();
  return /[.!?]$/u.test(trimmed) ? trimmed : `${trimmed}.`;
}

/** "Capture of €12.00", "Refund of €5.00", "Payment link". */
export function actionTitle(action: PaymentAction): string {
  const label = ACTION_LABELS[action.kind];
  return action.amount && action.kind !== 'payment_link' ? `${label} of ${formatMoney(action.amount)}` : label;
}

const HOUR_MS = 3_600_000;

/** How close a card authorization is to lapsing: the panel warns under 24 hours. */
export function captureDeadline(iso: string | null, now: number = Date.now()): 'none' | 'ok' | 'soon' | 'passed' {
  if (!iso) return 'none';
  const at = new Date(iso).getTime();
  if (Number.isNaN(at)) return 'none';
  if (at <= now) return 'passed';
  return at - now < 24 * HOUR_MS ? 'soon' : 'ok';
}

/** The decimal text an amount field starts with ("185.88"). */
export function amountText(amount: Money): string {
  return isCurrencyCode(amount.currency) ? minorToDecimalString(amount.amount, amount.currency) : String(amount.amount);
}

/** Typed amount → minor units, or the field's message ("Amount must be a number such as 12.50"). */
export function readAmount(text: string, currency: string, label = 'Amount'): { ok: true; amount: number } | { ok: false; message: string } {
  if (!isCurrencyCode(currency)) return { ok: false, message: `${currency} is not a currency the desk knows` };
  const parsed = parseMoneyInput(text, currency);
  if (!parsed.ok) return { ok: false, message: `${label} ${parsed.reason}` };
  if (parsed.amount <= 0) return { ok: false, message: `${label} must be more than 0` };
  return { ok: true, amount: parsed.amount };
}

/** An amount no more than `max`, the limit said in money ("at most €12.00 can be captured"). */
export function readAmountUpTo(text: string, max: Money, what: string): { ok: true; amount: number } | { ok: false; message: string } {
  const read = readAmount(text, max.currency);
  if (!read.ok) return read;
  if (read.amount > max.amount) return { ok: false, message: `At most ${formatMoney(max)} can be ${what}` };
  return read;
}

const firstField = (issues: readonly z.core.$ZodIssue[], fields: ReadonlySet<string>): FieldErrors =>
  errorsFromIssues(issues, (path) => (fields.has(path) ? path : null));

// ---------------------------------------------------------------------------------------------------------------
// Take payment: record money received

export interface ManualPaymentValues {
  method: ManualPaymentMethod;
  amount: string;
  reference: string;
}

export function emptyManualPayment(order: Pick<OrderDetail, 'amountDue'>): ManualPaymentValues {
  return { method: 'bank_transfer', amount: amountText(order.amountDue), reference: '' };
}

const MANUAL_FIELDS = new Set(['method', 'amount', 'reference']);

export function checkManualPayment(values: ManualPaymentValues, order: Pick<OrderDetail, 'id' | 'amountDue'>):
  { ok: true; input: ProcedureInput<'payments.recordManual'> } | { ok: false; errors: FieldErrors } {
  const errors: FieldErrors = {};
  const amount = readAmountUpTo(values.amount, order.amountDue, 'recorded: that is what is still due');
  if (!amount.ok) errors.amount = amount.message;
  const input = { orderId: order.id, method: values.method, amount: amount.ok ? amount.amount : 1, reference: values.reference };
  const parsed = recordManualPaymentInput.safeParse(input);
  if (!parsed.success) Object.assign(errors, firstField(parsed.error.issues, MANUAL_FIELDS), errors);
  return Object.keys(errors).length > 0 ? { ok: false, errors } : { ok: true, input };
}

export function checkPaymentIntentId(orderId: number, text: string):
  { ok: true; input: ProcedureInput<'payments.attachStripe'> } | { ok: false; errors: FieldErrors } {
  const parsed = attachStripeInput.safeParse({ orderId, paymentIntentId: text });
  if (parsed.success) return { ok: true, input: parsed.data };
  return { ok: false, errors: firstField(parsed.error.issues, new Set(['paymentIntentId'])) };
}

// ---------------------------------------------------------------------------------------------------------------
// Refund

export function checkRefund(payment: PaymentView, values: { amount: string; reason: string }):
  { ok: true; input: ProcedureInput<'payments.refund'> } | { ok: false; errors: FieldErrors } {
  const errors: FieldErrors = {};
  const max = refundable(payment);
  const amount = readAmountUpTo(values.amount, max, 'refunded of this payment');
  if (!amount.ok) errors.amount = amount.message;
  const parsed = refundInput.safeParse({ paymentId: payment.id, amount: amount.ok ? amount.amount : 1, reason: values.reason });
  if (!parsed.success) Object.assign(errors, firstField(parsed.error.issues, new Set(['amount', 'reason'])), errors);
  if (Object.keys(errors).length > 0 || !parsed.success || !amount.ok) return { ok: false, errors };
  // Exactly the amount the person confirmed: the core refuses it, rather than refund another sum, if the payment changed meanwhile.
  return { ok: true, input: { paymentId: payment.id, amount: amount.amount, reason: parsed.data.reason } };
}
