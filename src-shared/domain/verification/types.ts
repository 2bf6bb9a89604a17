import type { HoldReason } from '../holds';
import type { Money } from '../money';

/**
 * One check per family, in the order the checklist shows them. Families rather than one code per signal:
 * a shop owner reads six lines ("Address", "Contact", ...), each result's message lists every signal it
 * found and its `data.signals` keeps them apart for the screen. A person overrides a result as a whole.
 */
export const CHECK_CODES = ['address', 'contact', 'duplicate', 'risk', 'stock', 'restricted'] as const;
export type CheckCode = (typeof CHECK_CODES)[number];

/** Each check's name in the checklist, beside its sentence. */
export const CHECK_LABELS: Readonly<Record<CheckCode, string>> = {
  address: 'Shipping address',
  contact: 'E-mail and phone',
  duplicate: 'Possible duplicate',
  risk: 'Fraud signals',
  stock: 'Supplier stock',
  restricted: 'Restricted items',
};

export const CHECK_OUTCOMES = ['pass', 'warn', 'fail'] as const;
export type CheckOutcome = (typeof CHECK_OUTCOMES)[number];

export interface CheckResult {
  code: CheckCode;
  outcome: CheckOutcome;
  /** One sentence a shop owner understands: no codes, money through formatMoney. */
  message: string;
  /** What the check looked at and what it found; plain JSON (no undefined, no class instances). */
  data: Record<string, unknown>;
  /** The hold a fail places; null exactly when the outcome is not 'fail'. */
  holdReason: HoldReason | null;
}

export interface VerificationAddress {
  line1: string;
  line2: string;
  city: string;
  /** State, province or territory; '' when none was given. */
  region: string;
  postcode: string;
  /** ISO 3166-1 alpha-2, as stored ('' when missing). */
  country: string;
}

export interface VerificationLine {
  title: string;
  /** '' for a line without a SKU. */
  sku: string;
  quantity: number;
  /** The catalog variant, or null for a free-text line (routing does not serve those; a person picks the supplier). */
  variantId: number | null;
}

export interface VerificationOrder {
  number: string;
  customer: { name: string; email: string; phone: string };
  shippingAddress: VerificationAddress;
  /** Where the card or account is billed, ISO alpha-2; null or '' when the storefront gave none (a hand-typed order). */
  billingCountry: string | null;
  /** The storefront's own id for the order, or null (hand-typed orders have none). */
  externalId: string | null;
  /** 'manual', 'shopify', 'csv', ...: an externalId is only unique within its source. */
  source: string;
  total: Money;
  /** When the order was placed, ms since the epoch. */
  createdAt: number;
  /** In position order: `lines[i]` is the line at position i (positions are 0-based, as order_lines stores them). */
  lines: VerificationLine[];
}

/** Another order that could be the same purchase. */
export interface DuplicateCandidate {
  number: string;
  source: string;
  externalId: string | null;
  customerName: string;
  customerEmail: string;
  shippingAddress: VerificationAddress;
  lines: { sku: string; title: string; quantity: number }[];
  /** ms since the epoch. */
  createdAt: number;
}

/** What routing found for one line. */
export interface LineAvailability {
  /** 0-based, as order_lines.position; messages show it as "line position + 1". */
  position: number;
  title: string;
  /** A supplier is chosen that can ship the quantity to the destination. */
  available: boolean;
  /** Routing's sentence: which supplier and why, or why none. */
  reason: string;
}

/** Where one line's product may not go. */
export interface LineRestriction {
  /** 0-based, as order_lines.position. */
  position: number;
  title: string;
  /** ISO alpha-2 codes the product may not be shipped to (pet medicines, live animals, some foods). */
  restrictedCountries: string[];
}

export interface VerificationFacts {
  order: VerificationOrder;
  /**
   * Other orders (not cancelled, not this one) that could be the same: same source + externalId, or the same
   * customer e-mail / folded name / postcode, placed around this one. The service pre-filters (it may pass
   * more than the window holds); these functions decide what counts as the same customer, address and items.
   */
  candidates: DuplicateCandidate[];
  /** Orders from the same e-mail (ignoring case) in the velocity window, not counting this one. */
  recentOrdersFromEmail: number;
  /** The shop's usual order value in the order's currency (median total of recent orders), or null with too little history. */
  usualOrderValue: Money | null;
  /** One entry per line routing looked at. */
  lineAvailability: LineAvailability[];
  /** One entry per line whose product has restrictions (lines without any may be left out). */
  lineRestrictions: LineRestriction[];
  settings: VerificationSettings;
}

export interface VerificationSettings {
  /** Orders placed within this many minutes of each other (either way) can be duplicates. */
  duplicateWindowMinutes: number;
  /** Warn when the total is at least this many times the usual order value. */
  highValueFactor: number;
  /** Fail when the total is at least this many times the usual order value. */
  highValueFailFactor: number;
  /** The span recentOrdersFromEmail counts over; used in the message. */
  velocityWindowMinutes: number;
  /** Fail when this many other orders came from the same e-mail in the window; warn at one fewer. */
  velocityMaxOrders: number;
}

export const DEFAULT_VERIFICATION_SETTINGS: Readonly<VerificationSettings> = Object.freeze({
  duplicateWindowMinutes: 1440,
  highValueFactor: 5,
  highValueFailFactor: 10,
  velocityWindowMinutes: 60,
  velocityMaxOrders: 3,
});
