/**
 * The two forms a person fills in about a PO that is with the supplier: the supplier's answer (typed from
 * their e-mail) and the decision on a send whose outcome is unknown. Both are checked with the contract's own
 * schemas, so a message beside a field is the one the core would give; paths match the core's `field`
 * (`lines.2.expectedDate`), so the core's answer lands beside the same field.
 */
import type { ProcedureInput } from '../../../src-shared/contract/procedures';
import {
  PO_LINE_ANSWERS, PO_LINE_STATUS_LABELS, PO_REJECTION_REASON_LABELS, PO_REJECTION_REASONS,
  type PoLineAnswer, type PoRejectionReason, type SupplierOrderView,
} from '../../../src-shared/domain/supplier-orders';
import { confirmPoInput, resolveUnknownPoInput } from '../../../src-shared/schemas/dispatch-procedures';
import { errorsFromIssues, type FieldErrors } from '../../components/formErrors';
import { ownLines } from './poModel';

export const ANSWER_OPTIONS: readonly { value: PoLineAnswer; label: string }[] = PO_LINE_ANSWERS.map((value) => ({ value, label: PO_LINE_STATUS_LABELS[value] }));
export const REJECTION_OPTIONS: readonly { value: PoRejectionReason; label: string }[] =
  PO_REJECTION_REASONS.map((value) => ({ value, label: PO_REJECTION_REASON_LABELS[value] }));

export interface AnswerLineValues {
  lineId: number;
  status: PoLineAnswer;
  /** YYYY-MM-DD from a date box; used only for a backorder. */
  expectedDate: string;
  /** '' until chosen; used only for a rejection. */
  rejectionReason: PoRejectionReason | '';
  note: string;
}

export interface AnswerValues {
  supplierReference: string;
  lines: AnswerLineValues[];
}

export type ConfirmPoInput = ProcedureInput<'supplierOrders.confirm'>;

/**
 * The form as it opens: every line still waiting is "confirmed" (what most answers say, so a person changes only
 * the exceptions); a line answered before keeps that answer, for a supplier correcting themselves.
 */
export function defaultAnswer(po: Pick<SupplierOrderView, 'supplierReference' | 'lines'>): AnswerValues {
  return {
    supplierReference: po.supplierReference,
    lines: ownLines(po).map((line) => ({
      lineId: line.id,
      status: line.status === 'backordered' || line.status === 'rejected' ? line.status : 'confirmed',
      expectedDate: line.expectedDate ?? '',
      rejectionReason: line.rejectionReason ?? '',
      note: line.note,
    })),
  };
}

/** The confirm input: a date only for a backorder, a reason only for a rejection (what the others typed is dropped). */
export function buildConfirmInput(poId: number, values: AnswerValues): ConfirmPoInput {
  return {
    poId,
    supplierReference: values.supplierReference,
    lines: values.lines.map((line) => ({
      lineId: line.lineId,
      status: line.status,
      note: line.note,
      ...(line.status === 'backordered' && line.expectedDate.trim() !== '' ? { expectedDate: line.expectedDate.trim() } : {}),
      ...(line.status === 'rejected' && line.rejectionReason !== '' ? { rejectionReason: line.rejectionReason } : {}),
    })),
  };
}

const LINE_FIELDS = new Set(['status', 'expectedDate', 'rejectionReason', 'note']);

/** A schema or core path → the answer form's field (`supplierReference`, `lines.0.expectedDate`), or null for above the form. */
export function answerFieldPath(path: string, lineCount: number): string | null {
  if (path === 'supplierReference') return path;
  const match = /^lines\.(\d+)\.([A-Za-z]+)$/u.exec(path);
  if (!match) return null;
  const index = Number(match[1]);
  return index < lineCount && LINE_FIELDS.has(match[2] ?? '') ? path : null;
}

export function checkAnswer(poId: number, values: AnswerValues): { ok: true; input: ConfirmPoInput } | { ok: false; errors: FieldErrors } {
  const input = buildConfirmInput(poId, values);
  const parsed = confirmPoInput.safeParse(input);
  if (parsed.success) return { ok: true, input };
  return { ok: false, errors: errorsFromIssues(parsed.error.issues, (path) => answerFieldPath(path, values.lines.length)) };
}

/** After an unknown send: nothing is chosen at first, on purpose: a resend may duplicate the order. */
export interface UnknownDecisionValues {
  decision: 'resend' | 'mark_sent' | '';
  note: string;
}

export type ResolveUnknownInput = ProcedureInput<'supplierOrders.resolveUnknown'>;

export function checkUnknownDecision(poId: number, values: UnknownDecisionValues): { ok: true; input: ResolveUnknownInput } | { ok: false; errors: FieldErrors } {
  const parsed = resolveUnknownPoInput.safeParse({ poId, decision: values.decision === '' ? undefined : values.decision, note: values.note });
  if (parsed.success) return { ok: true, input: parsed.data };
  return { ok: false, errors: errorsFromIssues(parsed.error.issues, (path) => (path === 'decision' || path === 'note' ? path : null)) };
}
