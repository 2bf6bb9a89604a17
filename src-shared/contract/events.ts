import type { EventName } from './names';
import type { ImportProgress } from '../domain/storefront-import';

/** Events the core pushes to every open view. */
export interface EventPayloads {
  'orders.changed': { ids: number[]; reason: 'created' | 'updated' | 'demo' };
  'demo.progress': { done: number; total: number; finished: boolean };
  'catalog.changed': { reason: 'supplier' | 'product' | 'offer' | 'feed' | 'demo' };
  'feeds.progress': { supplierId: number; phase: 'reading' | 'checking' | 'applying' | 'done'; done: number; total: number };
  /** The shop's settings were saved (in this window or another): read them again (the key itself never travels). */
  'settings.changed': Record<string, never>;
  /** Something was queued in or settled by the outbox: the "waiting for connection" indicator reads outbox.summary again. */
  'outbox.changed': Record<string, never>;
  /** A tracking sync round started or ended: the sync status (last sync time) and the exceptions count are read again. */
  'tracking.changed': Record<string, never>;
  /** An order file import is reading or checking (one import at a time). */
  'orderImport.progress': ImportProgress;
}

// Fails to compile when names.ts and this map drift apart.
type Exact<A, B> = [A] extends [B] ? ([B] extends [A] ? true : never) : never;
export const eventMapMatchesNames: Exact<keyof EventPayloads, EventName> = true;

export type EventPayload<E extends EventName> = EventPayloads[E];
