import { FULFILLMENT_STATUSES, PAYMENT_STATUSES } from '../../../src-shared/domain/order-status';
import { HOLD_REASONS } from '../../../src-shared/domain/holds';
import { STAGES } from '../../../src-shared/domain/stage';
import type { Migration } from './types';

const list = (values: readonly string[]) => values.map((v) => `'${v}'`).join(', ');

// Every table STRICT; money in integer minor units checked >= 0; quantities checked >= 1;
// natural keys UNIQUE. Timestamps are integer milliseconds since the epoch (UTC).
export const initial: Migration = {
  id: 1,
  name: 'initial orders, lines, holds, timeline, customers and pets',
  sql: `
CREATE TABLE counters (
  name  TEXT PRIMARY KEY,
  value INTEGER NOT NULL CHECK (value >= 0)
) STRICT;
INSERT INTO counters (name, value) VALUES ('order_number', 1000);

CREATE TABLE customers (
  id         INTEGER PRIMARY KEY,
  name       TEXT NOT NULL CHECK (length(name) > 0),
  email      TEXT NOT NULL COLLATE NOCASE UNIQUE,
  phone      TEXT NOT NULL DEFAULT '',
  created_at INTEGER NOT NULL
) STRICT;

CREATE TABLE pets (
  id          INTEGER PRIMARY KEY,
  customer_id INTEGER NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
  name        TEXT NOT NULL CHECK (length(name) > 0),
  species     TEXT NOT NULL CHECK (species IN ('dog', 'cat', 'bird', 'fish', 'small_animal', 'reptile')),
  breed       TEXT NOT NULL DEFAULT '',
  weight_g    INTEGER CHECK (weight_g IS NULL OR weight_g > 0),
  diet        TEXT NOT NULL DEFAULT ''
) STRICT;
CREATE INDEX pets_by_customer ON pets(customer_id);

CREATE TABLE orders (
  id                 INTEGER PRIMARY KEY,
  number             TEXT NOT NULL UNIQUE,
  source             TEXT NOT NULL CHECK (length(source) > 0),
  external_id        TEXT,
  customer_id        INTEGER REFERENCES customers(id),
  customer_name      TEXT NOT NULL,
  customer_name_key  TEXT NOT NULL,
  customer_email     TEXT NOT NULL COLLATE NOCASE,
  customer_phone     TEXT NOT NULL,
  ship_line1         TEXT NOT NULL,
  ship_line2         TEXT NOT NULL,
  ship_city          TEXT NOT NULL,
  ship_region        TEXT NOT NULL,
  ship_postcode      TEXT NOT NULL,
  ship_country       TEXT NOT NULL,
  currency           TEXT NOT NULL CHECK (length(currency) = 3),
  subtotal           INTEGER NOT NULL CHECK (subtotal >= 0),
  shipping_charge    INTEGER NOT NULL CHECK (shipping_charge >= 0),
  total              INTEGER NOT NULL CHECK (total >= 0 AND total = subtotal + shipping_charge),
  payment_status     TEXT NOT NULL CHECK (payment_status IN (${list(PAYMENT_STATUSES)})),
  fulfillment_status TEXT NOT NULL CHECK (fulfillment_status IN (${list(FULFILLMENT_STATUSES)})),
  has_exception      INTEGER NOT NULL DEFAULT 0 CHECK (has_exception IN (0, 1)),
  stage              TEXT NOT NULL CHECK (stage IN (${list(STAGES)})),
  notes              TEXT NOT NULL DEFAULT '',
  created_at         INTEGER NOT NULL,
  updated_at         INTEGER NOT NULL,
  submitted_at       INTEGER,
  cancelled_at       INTEGER,
  closed_at          INTEGER,
  UNIQUE (source, external_id)
) STRICT;
-- The list screen's queries: newest first, optionally within one stage; search by e-mail or name prefix.
CREATE INDEX orders_newest ON orders(created_at DESC, id DESC);
CREATE INDEX orders_stage_newest ON orders(stage, created_at DESC, id DESC);
CREATE INDEX orders_by_email ON orders(customer_email, created_at DESC, id DESC);
CREATE INDEX orders_by_name_key ON orders(customer_name_key);

CREATE TABLE order_lines (
  id         INTEGER PRIMARY KEY,
  order_id   INTEGER NOT NULL REFERENCES orders(id) ON DELETE CASCADE,
  position   INTEGER NOT NULL CHECK (position >= 0),
  title      TEXT NOT NULL,
  sku        TEXT NOT NULL DEFAULT '',
  quantity   INTEGER NOT NULL CHECK (quantity >= 1),
  unit_price INTEGER NOT NULL CHECK (unit_price >= 0),
  line_total INTEGER NOT NULL CHECK (line_total = quantity * unit_price),
  UNIQUE (order_id, position)
) STRICT;

CREATE TABLE order_holds (
  id           INTEGER PRIMARY KEY,
  order_id     INTEGER NOT NULL REFERENCES orders(id) ON DELETE CASCADE,
  reason       TEXT NOT NULL CHECK (reason IN (${list(HOLD_REASONS)})),
  note         TEXT NOT NULL DEFAULT '',
  placed_at    INTEGER NOT NULL,
  placed_by    TEXT NOT NULL,
  released_at  INTEGER,
  released_by  TEXT,
  release_note TEXT,
  CHECK ((released_at IS NULL) = (released_by IS NULL))
) STRICT;
CREATE INDEX order_holds_by_order ON order_holds(order_id);

CREATE TABLE order_events (
  id       INTEGER PRIMARY KEY,
  order_id INTEGER NOT NULL REFERENCES orders(id) ON DELETE CASCADE,
  at       INTEGER NOT NULL,
  actor    TEXT NOT NULL CHECK (length(actor) > 0),
  kind     TEXT NOT NULL CHECK (length(kind) > 0),
  message  TEXT NOT NULL,
  reason   TEXT,
  data     TEXT CHECK (data IS NULL OR json_valid(data))
) STRICT;
CREATE INDEX order_events_by_order ON order_events(order_id, id);
`,
};
