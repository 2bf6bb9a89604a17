/**
 * Resolving an order for review, one call per decision (the contract has one procedure per check override and
 * per hold release): failed checks first, since overriding one releases the hold it placed, then whichever chosen
 * holds are still open. Stops at the first refusal and says how far it got.
 */
import type { OrderDetail } from '../../../src-shared/domain/order';
import { ApiCallError, errorMessage, invoke } from '../../api/client';
import type { ReviewItem } from './checkModel';

export type ResolveResult =
  | { ok: true; order: OrderDetail }
  | { ok: false; message: string; field?: string | undefined; order: OrderDetail | null };

export async function resolveReviewItems(orderId: number, note: string, items: readonly ReviewItem[]): Promise<ResolveResult> {
  let order: OrderDetail | null = null;
  let done = 0;
  try {
    for (const item of items) {
      if (item.kind !== 'check') continue;
      order = await invoke('verification.override', { orderId, code: item.code, note });
      done += 1;
    }
    for (const item of items) {
      if (item.kind !== 'hold') continue;
      // Overriding a check may have released this hold already.
      if (order && !order.holds.some((h) => h.id === item.holdId && h.releasedAt === null)) continue;
      order = await invoke('holds.release', { orderId, holdId: item.holdId, note });
      done += 1;
    }
    order ??= await invoke('orders.get', { id: orderId });
    return { ok: true, order };
  } catch (error) {
    const message = errorMessage(error);
    return {
      ok: false,
      message: done > 0 ? `${message} (${done} of ${items.length} resolved before this.)` : message,
      field: error instanceof ApiCallError ? error.field : undefined,
      order,
    };
  }
}
