/**
 * The supplier HTTP API as the desk reads it (wire schemas, checked with zod), and what the adapter
 * hands to the rest of the core. The contract itself is documented in test/sim/README.md.
 */
import { z } from 'zod';
import type { Money } from '../../src-shared/domain/money';

// ---- Wire format (v1) -------------------------------------------------------------------------------

/**
 * The page envelope. Checked as a whole: if it is wrong, nothing on the page can be trusted (not even
 * where the next page is), so the pull stops with an error naming the field.
 * Items are `unknown` here on purpose: each one is checked on its own so one bad product is an
 * item-level problem, not a failed pull.
 */
export const wireProductPageSchema = z.object({
  data: z.array(z.unknown()),
  meta: z.object({
    page: z.int().min(1),
    per_page: z.int().min(1),
    total: z.int().min(0),
    // Whether it moves forward is checked against the page asked for, with a message that says so.
    next_page: z.int().min(1).nullable(),
  }),
});
export type WireProductPage = z.infer<typeof wireProductPageSchema>;

/** A decimal amount as the contract sends it: digits, optionally a dot and more digits. No signs, commas, exponents. */
const DECIMAL_STRING = /^[0-9]+(\.[0-9]+)?$/;

/**
 * One product. Unknown extra fields are ignored (suppliers add fields without bumping the version).
 * Checks that need the desk's domain tables (currency, countries, minor units) happen in the conversion.
 */
export const wireProductSchema = z.object({
  sku: z.string().trim().min(1).max(100),
  title: z.string().trim().min(1).max(500),
  stock: z.int().min(0),
  price: z.object({
    amount: z.string().regex(DECIMAL_STRING, 'must be a decimal string such as "12.50"'),
    currency: z.string(),
  }),
  lead_time_days: z.int().min(0).max(365),
  ships_to: z.array(z.string()),
  updated_at: z.iso.datetime({ offset: true }),
});
export type WireProduct = z.infer<typeof wireProductSchema>;

/** The error envelope every non-2xx answer should carry; used only to quote the supplier's message. */
export const wireErrorSchema = z.object({
  error: z.object({ code: z.string(), message: z.string() }),
});

// ---- What the desk gets --------------------------------------------------------------------------

/** One supplier offer, in the desk's terms: money in integer minor units, ISO codes checked. */
export interface SupplierOffer {
  supplierSku: string;
  title: string;
  stock: number;
  cost: Money;
  leadTimeDays: number;
  /** ISO 3166-1 alpha-2 codes, de-duplicated, in the supplier's order. */
  shipsTo: string[];
  /** When the supplier last changed this product (ISO 8601, as sent). */
  supplierUpdatedAt: string;
}

/** A product the adapter could not convert. The rest of the pull goes on without it. */
export interface SupplierItemProblem {
  /** The supplier's SKU, or null when the item did not even carry a usable one. */
  supplierSku: string | null;
  /** A sentence a shop owner can act on, e.g. `price.amount "12,50" must be a decimal string such as "12.50"`. */
  reason: string;
  page: number;
  /** 0-based position on the page, to find the item in the supplier's raw answer. */
  index: number;
}

export interface SupplierPullProgress {
  /** The page just received (1-based, the supplier's numbering). */
  page: number;
  pagesReceived: number;
  /** Items received so far (offers + problems). */
  itemsReceived: number;
  /** The supplier's `meta.total` on the latest page (it can change while the catalog changes). */
  total: number;
}

export interface SupplierCatalogPage {
  page: number;
  offers: SupplierOffer[];
  problems: SupplierItemProblem[];
  progress: SupplierPullProgress;
}

export interface SupplierCatalog {
  offers: SupplierOffer[];
  problems: SupplierItemProblem[];
  pages: number;
  /** The supplier's `meta.total` on the last page. */
  total: number;
}

// ---- Failures ------------------------------------------------------------------------------------

export type SupplierHttpErrorCode =
  /** The base URL or another option is unusable; nothing was sent. */
  | 'invalid_config'
  /** 401/403: the supplier refused the API key. Never retried. */
  | 'unauthorized'
  /** 429 still answered after every retry, or the supplier asked to wait longer than allowed. */
  | 'rate_limited'
  /** 5xx, timeouts or network failures outlasted the retries. */
  | 'unavailable'
  /** Any other 4xx/3xx: the request itself is wrong for this supplier. Never retried. */
  | 'rejected'
  /** The answer did not follow the contract (not JSON, missing fields, a paging loop). */
  | 'malformed_response'
  /** The caller's AbortSignal fired. */
  | 'aborted';

/**
 * The one error type the adapter throws. Its message is written for a person and never contains the
 * API key (the adapter redacts it even from text the supplier sends back).
 */
export class SupplierHttpError extends Error {
  constructor(
    readonly code: SupplierHttpErrorCode,
    message: string,
    readonly details: { status?: number; attempts?: number; page?: number } = {},
  ) {
    super(message);
    this.name = 'SupplierHttpError';
  }
}
