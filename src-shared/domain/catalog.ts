import type { Money } from './money';
import { rankByPriority } from './routing';

/** What the UI sees of suppliers, products and offers. Credentials appear only as "is one stored". */
export const SPECIES = ['dog', 'cat', 'bird', 'fish', 'small_animal', 'reptile', 'any'] as const;
export type Species = (typeof SPECIES)[number];
export const LIFE_STAGES = ['puppy', 'kitten', 'junior', 'adult', 'senior', 'all'] as const;
export type LifeStage = (typeof LIFE_STAGES)[number];
export const SUPPLIER_CHANNELS = ['email', 'api'] as const;
export type SupplierChannel = (typeof SUPPLIER_CHANNELS)[number];

export interface FeedMapping {
  supplierSku: string;
  stock: string;
  cost?: string;
  leadTimeDays?: string;
  currency?: string;
}

export interface SupplierSummary {
  id: number;
  name: string;
  channel: SupplierChannel;
  status: 'active' | 'paused';
  currency: string;
  leadTimeDays: number;
  shipsTo: string[];
  offerCount: number;
  lastFeedAt: string | null;
}

export interface SupplierDetail extends SupplierSummary {
  contactName: string;
  contactEmail: string;
  contactPhone: string;
  orderEmail: string;
  /** The PO e-mail's plain-text template; '' uses the default. */
  poTemplate: string;
  /** The PO e-mail's subject template; '' uses the default. */
  poSubject: string;
  /** The PO e-mail's HTML template; '' uses the default. */
  poHtml: string;
  apiBaseUrl: string;
  notes: string;
  feedMapping: FeedMapping | null;
  /** Never the key itself: the desk keeps it on the main side only. */
  hasApiKey: boolean;
}

export type StockLevel = 'in_stock' | 'low' | 'out_of_stock' | 'no_offer';

export interface OfferView {
  supplierId: number;
  supplierName: string;
  supplierSku: string;
  cost: Money;
  stock: number;
  leadTimeDays: number | null;
  priority: number;
  updatedAt: string;
  /** (retail − cost) / retail in whole percent, when both are in one currency. */
  marginPercent: number | null;
}

export interface VariantView {
  id: number;
  sku: string;
  title: string;
  size: string;
  weightG: number | null;
  flavour: string;
  retailPrice: Money;
  stockLevel: StockLevel;
  totalStock: number;
  offers: OfferView[];
}

export interface ProductView {
  id: number;
  title: string;
  brand: string;
  species: Species;
  lifeStage: LifeStage;
  variants: VariantView[];
}

export interface VariantOption {
  id: number;
  sku: string;
  title: string;
  productTitle: string;
  retailPrice: Money;
  totalStock: number;
}

export type FeedChangeKind = 'out_of_stock' | 'back_in_stock' | 'margin_below_threshold';
export interface FeedChange {
  kind: FeedChangeKind;
  supplierSku: string;
  variantSku: string;
  title: string;
  before: { stock: number; cost: number };
  after: { stock: number; cost: number };
  currency: string;
  marginPercent: number | null;
}

export interface FeedRowError { line: number; reason: string }

export interface FeedRunView {
  id: number;
  supplierId: number;
  source: 'csv' | 'api';
  fileName: string;
  status: 'applied' | 'rejected';
  reason: string | null;
  rowsTotal: number;
  rowsApplied: number;
  rowsRejected: number;
  /** The first errors (capped); rowsRejected says how many there were in all. */
  rowErrors: FeedRowError[];
  changes: FeedChange[];
  startedAt: string;
  finishedAt: string;
}

export interface FeedPreview {
  encoding: string;
  delimiter: string;
  headers: string[];
  sampleRows: { line: number; cells: string[] }[];
  rowCount: number;
  /** The mapping saved for this supplier if it fits the file, else a guess from the header names. */
  suggestedMapping: Partial<FeedMapping>;
  rowIssues: FeedRowError[];
}

/** Whole percent margin, integer arithmetic only; null when it cannot be compared. */
export function marginPercent(retail: Money, cost: Money): number | null {
  if (retail.currency !== cost.currency || retail.amount <= 0) return null;
  return Math.floor(((retail.amount - cost.amount) * 100) / retail.amount);
}

/** The shop's margin threshold rule, used by the feed's change report and the Products screen alike. */
export function isMarginBelowThreshold(marginPercent: number, thresholdPercent: number): boolean {
  return marginPercent < thresholdPercent;
}

/**
 * The offer whose margin a variant's row shows: the one routing would pick for a single unit (the first by
 * priority with stock), else the first by priority. Destination and paused suppliers are per order, so
 * they are left out here.
 */
export function bestOffer(variant: Pick<VariantView, 'offers'>): OfferView | null {
  const ranked = rankByPriority(variant.offers);
  return ranked.find((o) => o.stock > 0) ?? ranked[0] ?? null;
}

export const LOW_STOCK = 5;
export function stockLevel(totalStock: number, hasOffers: boolean): StockLevel {
  if (!hasOffers) return 'no_offer';
  if (totalStock === 0) return 'out_of_stock';
  return totalStock <= LOW_STOCK ? 'low' : 'in_stock';
}
