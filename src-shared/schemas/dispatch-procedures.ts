import { z } from 'zod';
import { PO_LINE_ANSWERS, PO_REJECTION_REASONS } from '../domain/supplier-orders';
import { id } from './order-input';

const oneLine = /^[^\p{Cc}\u2028\u2029]*$/u;

export const orderIdOnlyInput = z.object({ orderId: id('Order id') });
export const poIdInput = z.object({ poId: id('Supplier order id') });

/** A supplier's answer for one line, as a person types it from the supplier's e-mail (or the API says). */
export const poLineAnswerInput = z.object({
  lineId: id('Line id'),
  status: z.enum(PO_LINE_ANSWERS, 'Choose confirmed, backordered or rejected for every line'),
  /** For a backorder: when the supplier expects to ship. */
  expectedDate: z.string().trim().regex(/^\d{4}-\d{2}-\d{2}$/u, 'Expected date must be a date like 2026-12-24')
    .refine((v) => !Number.isNaN(Date.parse(`${v}T00:00:00Z`)) && new Date(`${v}T00:00:00Z`).toISOString().startsWith(v), 'Expected date is not a real date')
    .optional(),
  rejectionReason: z.enum(PO_REJECTION_REASONS, 'Choose why the supplier rejected the line').optional(),
  note: z.string('Note must be text').trim().max(500, 'Line note is too long').default(''),
}).superRefine((line, ctx) => {
  if (line.status === 'backordered' && line.expectedDate === undefined) {
    ctx.addIssue({ code: 'custom', path: ['expectedDate'], message: 'Enter when the supplier expects to ship the backordered line' });
  }
  if (line.status === 'rejected' && line.rejectionReason === undefined) {
    ctx.addIssue({ code: 'custom', path: ['rejectionReason'], message: 'Choose why the supplier rejected the line' });
  }
});

export const confirmPoInput = z.object({
  poId: id('Supplier order id'),
  /** The supplier's own order number, as they wrote it; may be empty when they gave none. */
  supplierReference: z.string('Supplier reference must be text').trim().max(100, 'Supplier reference is too long')
    .regex(oneLine, 'Supplier reference must be one line').default(''),
  lines: z.array(poLineAnswerInput, 'Answer every line').min(1, 'Answer at least one line').max(200),
});

/** After an e-mail PO's send ended unknown: send it again (marked as a possible duplicate), or record that it arrived. */
export const resolveUnknownPoInput = z.object({
  poId: id('Supplier order id'),
  decision: z.enum(['resend', 'mark_sent'], 'Choose whether to send it again or mark it as sent'),
  note: z.string('Note must be text').trim().min(1, 'Write a note: why this decision').max(1000, 'Note is too long'),
});

/** Take back a PO that never reached its supplier (queued, or refused by the supplier's system). */
export const withdrawPoInput = z.object({
  poId: id('Supplier order id'),
  note: z.string('Note must be text').trim().min(1, 'Write a note: why the purchase order is withdrawn').max(1000, 'Note is too long'),
});
