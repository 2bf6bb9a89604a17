/** Resolving an order for review: the ticked failed checks are overridden and the ticked holds released with one note. */
import type { OrderDetail } from '../../../src-shared/domain/order';
import { ApiCallError, errorMessage, invoke } from '../../api/client';
import type { ReviewItem } from './checkModel';

export type ResolveResult =
  | { ok: true; order: OrderDetail }
  | { ok: false; message: string; field?: string | undefined; order: OrderDetail | null };

export async function resolveReviewItems(orderId: number, note: string, items: readonly ReviewItem[]): Promise<ResolveResult> {
  // One call, one transaction in the core: every ticked item is resolved, or none is.
  const codes = items.flatMap((item) => (item.kind === 'check' ? [item.code] : []));
  const holdIds = items.flatMap((item) => (item.kind === 'hold' ? [item.holdId] : []));
  try {
    return { ok: true, order: await invoke('verification.resolve', { orderId, note, codes, holdIds }) };
  } catch (error) {
    return { ok: false, message: errorMessage(error), field: error instanceof ApiCallError ? error.field : undefined, order: null };
  }
}
