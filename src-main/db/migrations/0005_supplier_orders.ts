import { PO_LINE_STATUSES, PO_REJECTION_REASONS, PO_STATUSES } from '../../../src-shared/domain/supplier-orders';
import type { Migration } from './types';

const list = (values: readonly string[]) => values.map((v) => `'${v}'`).join(', ');

/**
 * Supplier orders (purchase orders) and their lines, the outbox's link to the PO it delivers, per-supplier
 * subject and HTML templates, and the shop's SMTP password beside the Stripe key (shop_secrets is rebuilt:
 * SQLite cannot widen a CHECK in place). A PO copies what it sends (SKUs, costs, ship-to) so that what the
 * supplier received stays readable after the catalog or the order changes.
 */
export const supplierOrders: Migration = {
  id: 5,
  name: 'supplier orders, PO lines, frozen PO e-mails, outbox link, PO templates, SMTP password',
  sql: `
CREATE TABLE purchase_orders (
  id                 INTEGER PRIMARY KEY,
  order_id           INTEGER NOT NULL REFERENCES orders(id) ON DELETE CASCADE,
  supplier_id        INTEGER NOT NULL REFERENCES suppliers(id),
  -- 'PO-1042-1': made once, with the PO, and never changed (the supplier quotes it back).
  number             TEXT NOT NULL UNIQUE CHECK (length(number) BETWEEN 1 AND 64),
  sequence           INTEGER NOT NULL CHECK (sequence >= 1),
  channel            TEXT NOT NULL CHECK (channel IN ('email', 'api')),
  status             TEXT NOT NULL CHECK (status IN (${list(PO_STATUSES)})),
  status_reason      TEXT,
  supplier_reference TEXT NOT NULL DEFAULT '',
  -- The supplier API's own id for the order ('ord_000001'), once it answered.
  supplier_order_id  TEXT,
  currency           TEXT NOT NULL CHECK (length(currency) = 3),
  -- JSON: name, line1, line2, city, region, postcode, country, phone, email, as sent.
  ship_to            TEXT NOT NULL CHECK (json_valid(ship_to)),
  notes              TEXT NOT NULL DEFAULT '',
  -- 1 once a send ended unknown: any later resend is marked "[Possible duplicate]" for the supplier.
  possible_duplicate INTEGER NOT NULL DEFAULT 0 CHECK (possible_duplicate IN (0, 1)),
  created_at         INTEGER NOT NULL,
  updated_at         INTEGER NOT NULL,
  queued_at          INTEGER,
  sent_at            INTEGER,
  acknowledged_at    INTEGER,
  last_checked_at    INTEGER,
  UNIQUE (order_id, sequence)
) STRICT;
CREATE INDEX purchase_orders_by_order ON purchase_orders(order_id);
-- The API poll reads the POs that wait for a supplier's answer.
CREATE INDEX purchase_orders_by_status ON purchase_orders(status, channel);

CREATE TABLE po_lines (
  id               INTEGER PRIMARY KEY,
  po_id            INTEGER NOT NULL REFERENCES purchase_orders(id) ON DELETE CASCADE,
  order_line_id    INTEGER NOT NULL REFERENCES order_lines(id) ON DELETE CASCADE,
  position         INTEGER NOT NULL CHECK (position >= 1),
  supplier_sku     TEXT NOT NULL CHECK (length(supplier_sku) > 0),
  title            TEXT NOT NULL,
  quantity         INTEGER NOT NULL CHECK (quantity >= 1),
  unit_cost        INTEGER NOT NULL CHECK (unit_cost >= 0),
  status           TEXT NOT NULL CHECK (status IN (${list(PO_LINE_STATUSES)})),
  expected_date    TEXT CHECK (expected_date IS NULL OR expected_date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
  rejection_reason TEXT CHECK (rejection_reason IS NULL OR rejection_reason IN (${list(PO_REJECTION_REASONS)})),
  note             TEXT NOT NULL DEFAULT '',
  UNIQUE (po_id, position),
  CHECK (status != 'backordered' OR expected_date IS NOT NULL),
  CHECK (status != 'rejected' OR rejection_reason IS NOT NULL)
) STRICT;
CREATE INDEX po_lines_by_order_line ON po_lines(order_line_id);

-- The e-mail exactly as it was rendered when the owner pressed send: every attempt, and a resend after an
-- unknown outcome, sends these same bytes (and the same Message-ID), whatever the templates say by then.
CREATE TABLE po_messages (
  po_id       INTEGER PRIMARY KEY REFERENCES purchase_orders(id) ON DELETE CASCADE,
  recipient   TEXT NOT NULL CHECK (length(recipient) > 0),
  -- '<po-PO-1042-1.petdrop@shop.example>': fixed here, so a later change of the shop's address cannot change it.
  message_id  TEXT NOT NULL CHECK (length(message_id) > 2),
  reply_to    TEXT NOT NULL DEFAULT '',
  subject     TEXT NOT NULL,
  text        TEXT NOT NULL,
  html        TEXT NOT NULL,
  -- JSON array of {filename, contentType, base64}.
  attachments TEXT NOT NULL CHECK (json_valid(attachments)),
  created_at  INTEGER NOT NULL
) STRICT;

ALTER TABLE outbox ADD COLUMN po_id INTEGER REFERENCES purchase_orders(id) ON DELETE SET NULL;
CREATE INDEX outbox_by_po ON outbox(po_id);

ALTER TABLE suppliers ADD COLUMN po_subject TEXT NOT NULL DEFAULT '';
ALTER TABLE suppliers ADD COLUMN po_html TEXT NOT NULL DEFAULT '';

CREATE TABLE shop_secrets_new (
  kind       TEXT PRIMARY KEY CHECK (kind IN ('stripe_secret_key', 'smtp_password')),
  ciphertext BLOB NOT NULL,
  updated_at INTEGER NOT NULL
) STRICT;
INSERT INTO shop_secrets_new (kind, ciphertext, updated_at) SELECT kind, ciphertext, updated_at FROM shop_secrets;
DROP TABLE shop_secrets;
ALTER TABLE shop_secrets_new RENAME TO shop_secrets;
`,
};
