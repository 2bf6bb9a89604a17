import type { Migration } from './types';

/**
 * Order processing: the verification checklist's latest results per order, payments (manual and Stripe),
 * shop-level secrets, and the outbox every side effect on the outside world goes through (DOMAIN.md).
 * Money stays integer minor units; every amount is checked against the ones it depends on.
 */
export const processing: Migration = {
  id: 4,
  name: 'verification checks, payments, shop secrets, outbox',
  sql: `
-- '' when the storefront gave none (an order typed in by hand is billed where it ships).
ALTER TABLE orders ADD COLUMN billing_country TEXT NOT NULL DEFAULT '';
-- When the checks last ran; NULL until the first run.
ALTER TABLE orders ADD COLUMN verified_at INTEGER;
-- Countries a product may not be sent to (pet medicines, live animals, some foods): a JSON array of ISO codes.
ALTER TABLE products ADD COLUMN restricted_countries TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(restricted_countries));

CREATE TABLE order_checks (
  order_id      INTEGER NOT NULL REFERENCES orders(id) ON DELETE CASCADE,
  code          TEXT NOT NULL CHECK (length(code) > 0),
  outcome       TEXT NOT NULL CHECK (outcome IN ('pass', 'warn', 'fail')),
  message       TEXT NOT NULL,
  data          TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(data)),
  hold_reason   TEXT,
  checked_at    INTEGER NOT NULL,
  -- A person accepted this failure with a note; kept across re-runs while the check still says the same.
  overridden_at INTEGER,
  overridden_by TEXT,
  override_note TEXT,
  PRIMARY KEY (order_id, code),
  CHECK ((overridden_at IS NULL) = (overridden_by IS NULL))
) STRICT;

CREATE TABLE payments (
  id                         INTEGER PRIMARY KEY,
  order_id                   INTEGER NOT NULL REFERENCES orders(id) ON DELETE CASCADE,
  provider                   TEXT NOT NULL CHECK (provider IN ('manual', 'stripe')),
  method                     TEXT NOT NULL CHECK (method IN ('cash', 'bank_transfer', 'storefront', 'card')),
  reference                  TEXT NOT NULL DEFAULT '',
  status                     TEXT NOT NULL CHECK (status IN ('awaiting_customer', 'authorized', 'captured', 'voided', 'failed', 'expired')),
  currency                   TEXT NOT NULL CHECK (length(currency) = 3),
  amount_authorized          INTEGER NOT NULL DEFAULT 0 CHECK (amount_authorized >= 0),
  amount_captured            INTEGER NOT NULL DEFAULT 0 CHECK (amount_captured >= 0),
  amount_refunded            INTEGER NOT NULL DEFAULT 0 CHECK (amount_refunded >= 0 AND amount_refunded <= amount_captured),
  stripe_payment_intent_id   TEXT UNIQUE,
  stripe_checkout_session_id TEXT UNIQUE,
  payment_link_url           TEXT,
  card_brand                 TEXT,
  card_last4                 TEXT,
  capture_before             INTEGER,
  failure_message            TEXT,
  created_at                 INTEGER NOT NULL,
  updated_at                 INTEGER NOT NULL
) STRICT;
CREATE INDEX payments_by_order ON payments(order_id);

-- Shop-wide credentials (the Stripe secret key): ciphertext only, never selected for the renderer.
CREATE TABLE shop_secrets (
  kind       TEXT PRIMARY KEY CHECK (kind IN ('stripe_secret_key')),
  ciphertext BLOB NOT NULL,
  updated_at INTEGER NOT NULL
) STRICT;

CREATE TABLE outbox (
  id              INTEGER PRIMARY KEY,
  kind            TEXT NOT NULL CHECK (length(kind) > 0),
  order_id        INTEGER REFERENCES orders(id) ON DELETE SET NULL,
  payment_id      INTEGER REFERENCES payments(id) ON DELETE SET NULL,
  payload         TEXT NOT NULL CHECK (json_valid(payload)),
  -- Made when the action was recorded and sent with every attempt, so the far side applies it once.
  idempotency_key TEXT NOT NULL UNIQUE,
  status          TEXT NOT NULL CHECK (status IN ('pending', 'in_flight', 'done', 'failed', 'dead', 'unknown')),
  attempts        INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0),
  next_attempt_at INTEGER NOT NULL,
  last_error      TEXT,
  result          TEXT CHECK (result IS NULL OR json_valid(result)),
  created_at      INTEGER NOT NULL,
  updated_at      INTEGER NOT NULL
) STRICT;
CREATE INDEX outbox_due ON outbox(status, next_attempt_at);
CREATE INDEX outbox_by_order ON outbox(order_id);
`,
};
