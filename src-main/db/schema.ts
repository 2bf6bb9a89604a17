import type { Generated } from 'kysely';
import type { HoldReason } from '../../src-shared/domain/holds';
import type { FulfillmentStatus, PaymentStatus } from '../../src-shared/domain/order-status';
import type { Stage } from '../../src-shared/domain/stage';

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
}

/** A row as read back (generated columns resolved). */
export type Row<T> = import('kysely').Selectable<T>;
