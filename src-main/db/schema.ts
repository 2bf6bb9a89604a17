import type { ImportFormat, ImportRunStatus } from '../../src-shared/domain/storefront-orders';
import type { Generated } from 'kysely';
import type { HoldReason } from '../../src-shared/domain/holds';
import type { FulfillmentStatus, PaymentStatus } from '../../src-shared/domain/order-status';
import type { Stage } from '../../src-shared/domain/stage';
import type { PoLineStatus, PoRejectionReason, PoStatus } from '../../src-shared/domain/supplier-orders';
import type { CarrierCode } from '../../src-shared/domain/tracking/carriers';
import type { TrackingStatus } from '../../src-shared/domain/tracking/statuses';
import type { ShipmentSource } from '../../src-shared/domain/shipments';
import type { NotificationKind } from '../../src-shared/domain/notifications';

/** Row types: exactly the tables, nothing derived. Domain types for the UI live in src-shared. */
export interface DbCounter { name: string; value: number }

export interface DbCustomer {
  id: Generated<number>;
  name: string;
  email: string;
  phone: string;
  created_at: number;
}

export interface DbPet {
  id: Generated<number>;
  customer_id: number;
  name: string;
  species: 'dog' | 'cat' | 'bird' | 'fish' | 'small_animal' | 'reptile';
  breed: string;
  weight_g: number | null;
  diet: string;
}

export interface DbOrder {
  id: Generated<number>;
  number: string;
  source: string;
  external_id: string | null;
  customer_id: number | null;
  customer_name: string;
  customer_name_key: string;
  customer_email: string;
  customer_phone: string;
  ship_line1: string;
  ship_line2: string;
  ship_city: string;
  ship_region: string;
  ship_postcode: string;
  ship_country: string;
  currency: string;
  subtotal: number;
  shipping_charge: number;
  total: number;
  payment_status: PaymentStatus;
  fulfillment_status: FulfillmentStatus;
  has_exception: 0 | 1;
  stage: Stage;
  notes: string;
  created_at: number;
  updated_at: number;
  submitted_at: number | null;
  cancelled_at: number | null;
  closed_at: number | null;
  billing_country: Generated<string>;
  verified_at: Generated<number | null>;
  tax_total: Generated<number>;
  discount_total: Generated<number>;
  storefront_number: Generated<string | null>;
  storefront_hash: Generated<string | null>;
  storefront_updated_at: Generated<string | null>;
}

export interface DbOrderLine {
  id: Generated<number>;
  order_id: number;
  position: number;
  title: string;
  sku: string;
  quantity: number;
  unit_price: number;
  line_total: number;
  variant_id: number | null;
  supplier_id: number | null;
  routing_reason: Generated<string>;
}

export interface DbSetting { key: string; value: string }

export interface DbSupplier {
  id: Generated<number>;
  name: string;
  contact_name: string;
  contact_email: string;
  contact_phone: string;
  channel: 'email' | 'api';
  order_email: string;
  po_template: string;
  po_subject: string;
  po_html: string;
  api_base_url: string;
  api_auth: 'bearer' | 'none';
  currency: string;
  lead_time_days: number;
  /** JSON array of ISO country codes; empty means everywhere. */
  ships_to: string;
  notes: string;
  status: 'active' | 'paused';
  feed_mapping: string | null;
  last_feed_at: number | null;
  created_at: number;
  updated_at: number;
}

export interface DbSupplierSecret {
  supplier_id: number;
  kind: 'api_key' | 'smtp_password';
  ciphertext: Buffer;
  updated_at: number;
}

export interface DbProduct {
  id: Generated<number>;
  title: string;
  brand: string;
  species: 'dog' | 'cat' | 'bird' | 'fish' | 'small_animal' | 'reptile' | 'any';
  life_stage: 'puppy' | 'kitten' | 'junior' | 'adult' | 'senior' | 'all';
  created_at: number;
  updated_at: number;
  /** JSON array of ISO country codes the product may not be shipped to. */
  restricted_countries: Generated<string>;
}

export interface DbVariant {
  id: Generated<number>;
  product_id: number;
  sku: string;
  title: string;
  size: string;
  weight_g: number | null;
  flavour: string;
  retail_price: number;
  currency: string;
}

export interface DbSupplierOffer {
  id: Generated<number>;
  variant_id: number;
  supplier_id: number;
  supplier_sku: string;
  cost: number;
  currency: string;
  stock: number;
  lead_time_days: number | null;
  priority: number;
  updated_at: number;
}

export interface DbFeedRun {
  id: Generated<number>;
  supplier_id: number;
  source: 'csv' | 'api';
  file_name: string;
  status: 'applied' | 'rejected';
  reason: string | null;
  rows_total: number;
  rows_applied: number;
  rows_rejected: number;
  row_errors: string;
  changes: string;
  started_at: number;
  finished_at: number;
}

export interface DbOrderHold {
  id: Generated<number>;
  order_id: number;
  reason: HoldReason;
  note: string;
  placed_at: number;
  placed_by: string;
  released_at: number | null;
  released_by: string | null;
  release_note: string | null;
}

export interface DbOrderEvent {
  id: Generated<number>;
  order_id: number;
  at: number;
  actor: string;
  kind: string;
  message: string;
  reason: string | null;
  data: string | null;
}

export interface DbOrderCheck {
  order_id: number;
  code: string;
  outcome: 'pass' | 'warn' | 'fail';
  message: string;
  data: string;
  hold_reason: HoldReason | null;
  checked_at: number;
  overridden_at: number | null;
  overridden_by: string | null;
  override_note: string | null;
}

export type PaymentProvider = 'manual' | 'stripe';
export type PaymentMethod = 'cash' | 'bank_transfer' | 'storefront' | 'card';
export type DbPaymentStatus = 'awaiting_customer' | 'authorized' | 'captured' | 'voided' | 'failed' | 'expired';

export interface DbPayment {
  id: Generated<number>;
  order_id: number;
  provider: PaymentProvider;
  method: PaymentMethod;
  reference: string;
  status: DbPaymentStatus;
  currency: string;
  amount_authorized: number;
  amount_captured: number;
  amount_refunded: number;
  stripe_payment_intent_id: string | null;
  stripe_checkout_session_id: string | null;
  payment_link_url: string | null;
  card_brand: string | null;
  card_last4: string | null;
  capture_before: number | null;
  failure_message: string | null;
  created_at: number;
  updated_at: number;
}

export interface DbShopSecret { kind: 'stripe_secret_key' | 'smtp_password' | 'tracking_api_key' | 'shopify_access_token'; ciphertext: Buffer; updated_at: number }

export type OutboxStatus = 'pending' | 'in_flight' | 'done' | 'failed' | 'dead' | 'unknown';

export interface DbOutbox {
  id: Generated<number>;
  kind: string;
  order_id: number | null;
  payment_id: number | null;
  payload: string;
  idempotency_key: string;
  status: OutboxStatus;
  attempts: number;
  next_attempt_at: number;
  last_error: string | null;
  result: string | null;
  created_at: number;
  updated_at: number;
  po_id: number | null;
  notification_id: number | null;
}

export interface DbPurchaseOrder {
  id: Generated<number>;
  order_id: number;
  supplier_id: number;
  number: string;
  sequence: number;
  channel: 'email' | 'api';
  status: PoStatus;
  status_reason: string | null;
  supplier_reference: string;
  supplier_order_id: string | null;
  currency: string;
  /** JSON: the ship-to as sent. */
  ship_to: string;
  notes: string;
  possible_duplicate: 0 | 1;
  created_at: number;
  updated_at: number;
  queued_at: number | null;
  sent_at: number | null;
  acknowledged_at: number | null;
  last_checked_at: number | null;
}

export interface DbPoMessage {
  po_id: number;
  recipient: string;
  message_id: string;
  reply_to: string;
  subject: string;
  text: string;
  html: string;
  /** JSON array of {filename, contentType, base64}. */
  attachments: string;
  created_at: number;
}

export interface DbPoLine {
  id: Generated<number>;
  po_id: number;
  order_line_id: number;
  position: number;
  supplier_sku: string;
  title: string;
  quantity: number;
  unit_cost: number;
  status: PoLineStatus;
  expected_date: string | null;
  rejection_reason: PoRejectionReason | null;
  note: string;
}

type StoredTrackingStatus = Exclude<TrackingStatus, 'expired'>;

export interface DbShipment {
  id: Generated<number>;
  po_id: number;
  order_id: number;
  carrier: CarrierCode;
  carrier_name: string;
  tracking_number: string;
  tracking_url: string | null;
  source: ShipmentSource;
  supplier_shipment_id: string | null;
  status: StoredTrackingStatus;
  registered_at: number;
  last_event_at: number | null;
  service_tracking_id: string | null;
  last_synced_at: number | null;
  handled_at: number | null;
  handled_by: string | null;
  handled_note: string | null;
  created_at: number;
  updated_at: number;
}

export interface DbShipmentLine { shipment_id: number; po_line_id: number; quantity: number }

export interface DbTrackingEvent {
  shipment_id: number;
  event_id: string;
  occurred_at: string;
  occurred_ms: number;
  status: StoredTrackingStatus;
  message: string;
  location: string;
  received_at: number;
}

export interface DbCustomerNotification {
  id: Generated<number>;
  order_id: number;
  kind: NotificationKind;
  shipment_id: number | null;
  once_key: string;
  recipient: string;
  message_id: string;
  subject: string;
  text: string;
  html: string;
  /** JSON array of {filename, contentType, base64, cid}. */
  attachments: string;
  created_at: number;
}

export interface DbImportRun {
  id: Generated<number>;
  format: ImportFormat;
  file_name: string;
  status: ImportRunStatus;
  actor: string;
  started_at: number;
  finished_at: number;
  orders_read: number;
  imported: number;
  updated: number;
  unchanged: number;
  held_back: number;
  rejected: number;
  /** JSON ImportRowProblem[] (capped). */
  problems: string;
  problems_total: number;
  message: string;
}

export interface DbSchemaMigration { id: number; name: string; applied_at: number }

export interface Database {
  counters: DbCounter;
  customers: DbCustomer;
  pets: DbPet;
  orders: DbOrder;
  order_lines: DbOrderLine;
  order_holds: DbOrderHold;
  order_events: DbOrderEvent;
  schema_migrations: DbSchemaMigration;
  settings: DbSetting;
  suppliers: DbSupplier;
  supplier_secrets: DbSupplierSecret;
  products: DbProduct;
  variants: DbVariant;
  supplier_offers: DbSupplierOffer;
  feed_runs: DbFeedRun;
  order_checks: DbOrderCheck;
  payments: DbPayment;
  shop_secrets: DbShopSecret;
  outbox: DbOutbox;
  purchase_orders: DbPurchaseOrder;
  po_lines: DbPoLine;
  po_messages: DbPoMessage;
  shipments: DbShipment;
  shipment_lines: DbShipmentLine;
  tracking_events: DbTrackingEvent;
  customer_notifications: DbCustomerNotification;
  import_runs: DbImportRun;
}

/** A row as read back (generated columns resolved). */
export type Row<T> = import('kysely').Selectable<T>;
