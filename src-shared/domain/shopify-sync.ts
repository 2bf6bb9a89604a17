/** The Shopify connection as the Settings screen shows it (the access token itself never leaves the core). */
import type { ImportRunView } from './storefront-import';

export interface ShopifySyncStatus {
  /** A store address and an access token are both stored. */
  configured: boolean;
  /** '' when no store is set. */
  storeUrl: string;
  /** When the last pull round finished (ISO); null if it never ran. */
  lastSyncAt: string | null;
  /** What stopped the last round (offline, a refused token), or null. */
  lastError: string | null;
  running: boolean;
  /** The last pull that read orders, with its counts; null before the first one. */
  lastRun: ImportRunView | null;
}
