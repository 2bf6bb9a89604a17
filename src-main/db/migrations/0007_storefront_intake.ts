import { FULFILLMENT_STATUSES, PAYMENT_STATUSES } from '../../../src-shared/domain/order-status';
import { STAGES } from '../../../src-shared/domain/stage';
import { IMPORT_FORMATS, IMPORT_RUN_STATUSES } from '../../../src-shared/domain/storefront-orders';
import type { Migration } from './types';

const list = (values: readonly string[]) => values.map((v) => `'${v}'`).join(', ');

/**
 * Storefront intake (issue 7). Orders now carry the storefront's taxes and discounts, so the totals CHECK
 * becomes total = subtotal + shipping + taxes − discount: a CHECK cannot be altered in SQLite, so the orders
 * table is rebuilt (SQLite's documented twelve steps; the migration runs with foreign keys off, see
 * migrate.ts, or dropping the old table would cascade into every order's lines, payments and POs).
 * Beside it: the storefront's own order number and a fingerprint of what was last imported (a re-import of
 * an unchanged order touches nothing), the import runs with their reports, and the Shopify access token
 * among the shop secrets.
 */
export const storefrontIntake: Migration = {
  id: 7,
  name: 'storefront intake: taxes and discounts on orders, storefront keys, import runs, Shopify token',
  foreignKeysOff: true,
  sql: `
CREATE TABLE orders_new (
  id                    INTEGER PRIMARY KEY,
  number                TEXT NOT NULL UNIQUE,
  source                TEXT NOT NULL CHECK (length(source) > 0),
  external_id           TEXT,
  customer_id           INTEGER REFERENCES customers(id),
  customer_name         TEXT NOT NULL,
  customer_name_key     TEXT NOT NULL,
  customer_email        TEXT NOT NULL COLLATE NOCASE,
  customer_phone        TEXT NOT NULL,
  ship_line1            TEXT NOT NULL,
  ship_line2            TEXT NOT NULL,
  ship_city             TEXT NOT NULL,
  ship_region           TEXT NOT NULL,
  ship_postcode         TEXT NOT NULL,
  ship_country          TEXT NOT NULL,
  currency              TEXT NOT NULL CHECK (length(currency) = 3),
  -- The lines at their unit prices, before any discount.
  subtotal              INTEGER NOT NULL CHECK (subtotal >= 0),
  shipping_charge       INTEGER NOT NULL CHECK (shipping_charge >= 0),
  -- Taxes added on top of the prices (0 where prices include them), and discounts taken off, as the storefront charged.
  tax_total             INTEGER NOT NULL DEFAULT 0 CHECK (tax_total >= 0),
  discount_total        INTEGER NOT NULL DEFAULT 0 CHECK (discount_total >= 0),
  total                 INTEGER NOT NULL CHECK (total >= 0 AND total = subtotal + shipping_charge + tax_total - discount_total),
  payment_status        TEXT NOT NULL CHECK (payment_status IN (${list(PAYMENT_STATUSES)})),
  fulfillment_status    TEXT NOT NULL CHECK (fulfillment_status IN (${list(FULFILLMENT_STATUSES)})),
  has_exception         INTEGER NOT NULL DEFAULT 0 CHECK (has_exception IN (0, 1)),
  stage                 TEXT NOT NULL CHECK (stage IN (${list(STAGES)})),
  notes                 TEXT NOT NULL DEFAULT '',
  created_at            INTEGER NOT NULL,
  updated_at            INTEGER NOT NULL,
  submitted_at          INTEGER,
  cancelled_at          INTEGER,
  closed_at             INTEGER,
  billing_country       TEXT NOT NULL DEFAULT '',
  verified_at           INTEGER,
  -- As the shop and its customer know the order ('#1001'); the desk's own number stays in number.
  storefront_number     TEXT,
  -- A fingerprint of the storefront's order as last imported: the same order again changes nothing.
  storefront_hash       TEXT,
  -- The storefront's last change (ISO, from its API): an older copy never overwrites a newer one.
  storefront_updated_at TEXT,
  UNIQUE (source, external_id)
) STRICT;
INSERT INTO orders_new (id, number, source, external_id, customer_id, customer_name, customer_name_key, customer_email,
  customer_phone, ship_line1, ship_line2, ship_city, ship_region, ship_postcode, ship_country, currency, subtotal,
  shipping_charge, total, payment_status, fulfillment_status, has_exception, stage, notes, created_at, updated_at,
  submitted_at, cancelled_at, closed_at, billing_country, verified_at)
SELECT id, number, source, external_id, customer_id, customer_name, customer_name_key, customer_email,
  customer_phone, ship_line1, ship_line2, ship_city, ship_region, ship_postcode, ship_country, currency, subtotal,
  shipping_charge, total, payment_status, fulfillment_status, has_exception, stage, notes, created_at, updated_at,
  submitted_at, cancelled_at, closed_at, billing_country, verified_at
FROM orders;
DROP TABLE orders;
ALTER TABLE orders_new RENAME TO orders;
CREATE INDEX orders_newest ON orders(created_at DESC, id DESC);
CREATE INDEX orders_stage_newest ON orders(stage, created_at DESC, id DESC);
CREATE INDEX orders_by_email ON orders(customer_email, created_at DESC, id DESC);
-- The duplicate check looks for the same customer name near the order's time; without this every check read the
-- whole table (0002 dropped the name index the search no longer needed), which an import of thousands made plain.
CREATE INDEX orders_by_name_key_created ON orders(customer_name_key, created_at);
-- The search box finds an imported order by the number its customer quotes ('#1001').
CREATE INDEX orders_by_storefront_number ON orders(storefront_number) WHERE storefront_number IS NOT NULL;
-- Imported orders (they have a storefront fingerprint) wait for their checks (routing, verification) after the import commits.
CREATE INDEX orders_unverified ON orders(id) WHERE verified_at IS NULL AND storefront_hash IS NOT NULL AND cancelled_at IS NULL;
CREATE TRIGGER orders_search_after_insert AFTER INSERT ON orders BEGIN
  INSERT INTO orders_search (rowid, customer_name, customer_email) VALUES (new.id, new.customer_name, new.customer_email);
END;
CREATE TRIGGER orders_search_after_delete AFTER DELETE ON orders BEGIN
  INSERT INTO orders_search (orders_search, rowid, customer_name, customer_email) VALUES ('delete', old.id, old.customer_name, old.customer_email);
END;
CREATE TRIGGER orders_search_after_update AFTER UPDATE OF customer_name, customer_email ON orders BEGIN
  INSERT INTO orders_search (orders_search, rowid, customer_name, customer_email) VALUES ('delete', old.id, old.customer_name, old.customer_email);
  INSERT INTO orders_search (rowid, customer_name, customer_email) VALUES (new.id, new.customer_name, new.customer_email);
END;

CREATE TABLE import_runs (
  id             INTEGER PRIMARY KEY,
  format         TEXT NOT NULL CHECK (format IN (${list(IMPORT_FORMATS)})),
  file_name      TEXT NOT NULL DEFAULT '',
  status         TEXT NOT NULL CHECK (status IN (${list(IMPORT_RUN_STATUSES)})),
  actor          TEXT NOT NULL,
  started_at     INTEGER NOT NULL,
  finished_at    INTEGER NOT NULL,
  orders_read    INTEGER NOT NULL DEFAULT 0,
  imported       INTEGER NOT NULL DEFAULT 0,
  updated        INTEGER NOT NULL DEFAULT 0,
  unchanged      INTEGER NOT NULL DEFAULT 0,
  -- Changed in the storefront after the desk sent it to a supplier: not altered, the difference is on the timeline.
  held_back      INTEGER NOT NULL DEFAULT 0,
  rejected       INTEGER NOT NULL DEFAULT 0,
  -- JSON array of {line, reason, orderNumber?, kept?}; at most a few thousand kept, problems_total counts them all.
  problems       TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(problems)),
  problems_total INTEGER NOT NULL DEFAULT 0,
  -- Why a failed run failed, in a sentence.
  message        TEXT NOT NULL DEFAULT ''
) STRICT;

CREATE TABLE shop_secrets_new (
  kind       TEXT PRIMARY KEY CHECK (kind IN ('stripe_secret_key', 'smtp_password', 'tracking_api_key', 'shopify_access_token')),
  ciphertext BLOB NOT NULL,
  updated_at INTEGER NOT NULL
) STRICT;
INSERT INTO shop_secrets_new (kind, ciphertext, updated_at) SELECT kind, ciphertext, updated_at FROM shop_secrets;
DROP TABLE shop_secrets;
ALTER TABLE shop_secrets_new RENAME TO shop_secrets;
`,
};
