import type { Migration } from './types';

/**
 * Suppliers, products with variants, supplier offers per variant, feed runs, and the supplier chosen for
 * each order line. Secrets live in their own table as ciphertext only. Money is integer minor units.
 */
export const catalog: Migration = {
  id: 3,
  name: 'suppliers, products, variants, offers, feeds, line routing',
  sql: `
CREATE TABLE settings (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
) STRICT;
INSERT INTO settings (key, value) VALUES ('margin_threshold_percent', '20');

CREATE TABLE suppliers (
  id             INTEGER PRIMARY KEY,
  name           TEXT NOT NULL CHECK (length(name) > 0) UNIQUE COLLATE NOCASE,
  contact_name   TEXT NOT NULL DEFAULT '',
  contact_email  TEXT NOT NULL DEFAULT '',
  contact_phone  TEXT NOT NULL DEFAULT '',
  channel        TEXT NOT NULL CHECK (channel IN ('email', 'api')),
  order_email    TEXT NOT NULL DEFAULT '',
  po_template    TEXT NOT NULL DEFAULT '',
  api_base_url   TEXT NOT NULL DEFAULT '',
  api_auth       TEXT NOT NULL DEFAULT 'bearer' CHECK (api_auth IN ('bearer', 'none')),
  currency       TEXT NOT NULL CHECK (length(currency) = 3),
  lead_time_days INTEGER NOT NULL DEFAULT 3 CHECK (lead_time_days BETWEEN 0 AND 365),
  ships_to       TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(ships_to)),
  notes          TEXT NOT NULL DEFAULT '',
  status         TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'paused')),
  feed_mapping   TEXT CHECK (feed_mapping IS NULL OR json_valid(feed_mapping)),
  last_feed_at   INTEGER,
  created_at     INTEGER NOT NULL,
  updated_at     INTEGER NOT NULL
) STRICT;

-- Ciphertext only; never selected by anything that answers the renderer.
CREATE TABLE supplier_secrets (
  supplier_id INTEGER NOT NULL REFERENCES suppliers(id) ON DELETE CASCADE,
  kind        TEXT NOT NULL CHECK (kind IN ('api_key', 'smtp_password')),
  ciphertext  BLOB NOT NULL,
  updated_at  INTEGER NOT NULL,
  PRIMARY KEY (supplier_id, kind)
) STRICT;

CREATE TABLE products (
  id         INTEGER PRIMARY KEY,
  title      TEXT NOT NULL CHECK (length(title) > 0),
  brand      TEXT NOT NULL DEFAULT '',
  species    TEXT NOT NULL CHECK (species IN ('dog', 'cat', 'bird', 'fish', 'small_animal', 'reptile', 'any')),
  life_stage TEXT NOT NULL DEFAULT 'all' CHECK (life_stage IN ('puppy', 'kitten', 'junior', 'adult', 'senior', 'all')),
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
) STRICT;

CREATE TABLE variants (
  id           INTEGER PRIMARY KEY,
  product_id   INTEGER NOT NULL REFERENCES products(id) ON DELETE CASCADE,
  sku          TEXT NOT NULL UNIQUE CHECK (length(sku) > 0),
  title        TEXT NOT NULL,
  size         TEXT NOT NULL DEFAULT '',
  weight_g     INTEGER CHECK (weight_g IS NULL OR weight_g > 0),
  flavour      TEXT NOT NULL DEFAULT '',
  retail_price INTEGER NOT NULL CHECK (retail_price >= 0),
  currency     TEXT NOT NULL CHECK (length(currency) = 3)
) STRICT;
CREATE INDEX variants_by_product ON variants(product_id);

CREATE TABLE supplier_offers (
  id             INTEGER PRIMARY KEY,
  variant_id     INTEGER NOT NULL REFERENCES variants(id) ON DELETE CASCADE,
  supplier_id    INTEGER NOT NULL REFERENCES suppliers(id) ON DELETE CASCADE,
  supplier_sku   TEXT NOT NULL CHECK (length(supplier_sku) > 0),
  cost           INTEGER NOT NULL CHECK (cost >= 0),
  currency       TEXT NOT NULL CHECK (length(currency) = 3),
  stock          INTEGER NOT NULL CHECK (stock >= 0),
  lead_time_days INTEGER CHECK (lead_time_days IS NULL OR lead_time_days BETWEEN 0 AND 365),
  priority       INTEGER NOT NULL DEFAULT 1 CHECK (priority >= 1),
  updated_at     INTEGER NOT NULL,
  UNIQUE (supplier_id, supplier_sku),
  UNIQUE (variant_id, supplier_id)
) STRICT;
CREATE INDEX supplier_offers_by_variant ON supplier_offers(variant_id, priority);

CREATE TABLE feed_runs (
  id            INTEGER PRIMARY KEY,
  supplier_id   INTEGER NOT NULL REFERENCES suppliers(id) ON DELETE CASCADE,
  source        TEXT NOT NULL CHECK (source IN ('csv', 'api')),
  file_name     TEXT NOT NULL DEFAULT '',
  status        TEXT NOT NULL CHECK (status IN ('applied', 'rejected')),
  reason        TEXT,
  rows_total    INTEGER NOT NULL DEFAULT 0 CHECK (rows_total >= 0),
  rows_applied  INTEGER NOT NULL DEFAULT 0 CHECK (rows_applied >= 0),
  rows_rejected INTEGER NOT NULL DEFAULT 0 CHECK (rows_rejected >= 0),
  row_errors    TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(row_errors)),
  changes       TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(changes)),
  started_at    INTEGER NOT NULL,
  finished_at   INTEGER NOT NULL
) STRICT;
CREATE INDEX feed_runs_by_supplier ON feed_runs(supplier_id, id DESC);

ALTER TABLE order_lines ADD COLUMN variant_id INTEGER REFERENCES variants(id) ON DELETE SET NULL;
ALTER TABLE order_lines ADD COLUMN supplier_id INTEGER REFERENCES suppliers(id) ON DELETE SET NULL;
ALTER TABLE order_lines ADD COLUMN routing_reason TEXT NOT NULL DEFAULT '';
`,
};
