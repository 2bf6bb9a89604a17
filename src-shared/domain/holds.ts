/** Reasons an order can be held for a person to look at (DOMAIN.md). */
export const HOLD_REASONS = [
  'AWAITING_PAYMENT', 'INCORRECT_ADDRESS', 'POSSIBLE_DUPLICATE', 'HIGH_RISK_OF_FRAUD',
  'INVENTORY_OUT_OF_STOCK', 'AUTHORIZATION_EXPIRING', 'SUPPLIER_REJECTED', 'RESTRICTED_ITEM', 'OTHER',
] as const;
export type HoldReason = (typeof HOLD_REASONS)[number];

export const HOLD_REASON_LABELS: Record<HoldReason, string> = {
  AWAITING_PAYMENT: 'Awaiting payment',
  INCORRECT_ADDRESS: 'Incorrect address',
  POSSIBLE_DUPLICATE: 'Possible duplicate',
  HIGH_RISK_OF_FRAUD: 'High risk of fraud',
  INVENTORY_OUT_OF_STOCK: 'Out of stock at suppliers',
  AUTHORIZATION_EXPIRING: 'Authorization expiring',
  SUPPLIER_REJECTED: 'Supplier rejected',
  RESTRICTED_ITEM: 'Restricted item',
  OTHER: 'Other',
};

export interface Hold {
  id: number;
  reason: HoldReason;
  note: string;
  placedAt: string;
  placedBy: string;
  releasedAt: string | null;
  releasedBy: string | null;
  releaseNote: string | null;
}
