import { CARRIER_CODES } from '../../../src-shared/domain/tracking/carriers';
import { TRACKING_STATUSES } from '../../../src-shared/domain/tracking/statuses';
import { SHIPMENT_SOURCES } from '../../../src-shared/domain/shipments';
import { NOTIFICATION_KINDS } from '../../../src-shared/domain/notifications';
import type { Migration } from './types';

const list = (values: readonly string[]) => values.map((v) => `'${v}'`).join(', ');
// Expired is derived from the clock and the shop's setting (tracking/expiry.ts), never stored.
const STORED_TRACKING_STATUSES = TRACKING_STATUSES.filter((status) => status !== 'expired');

/**
 * Shipments of supplier orders with the PO lines each parcel holds, every tracking event seen (the history
 * is a set: events are keyed by id, so a repeat adds nothing), customer notifications frozen when queued
 * (like po_messages: a retry sends the same bytes), the outbox's link to them, and the tracking service's key
 * beside the other shop secrets (shop_secrets rebuilt to widen its CHECK).
 */
export const shipments: Migration = {
  id: 6,
  name: 'shipments, tracking events, customer notifications, tracking service key',
  sql: `
CREATE TABLE shipments (
  id                   INTEGER PRIMARY KEY,
  po_id                INTEGER NOT NULL REFERENCES purchase_orders(id) ON DELETE CASCADE,
  -- Copied from the PO: the inbox, the roll-up and the sync read shipments by order.
  order_id             INTEGER NOT NULL REFERENCES orders(id) ON DELETE CASCADE,
  carrier              TEXT NOT NULL CHECK (carrier IN (${list(CARRIER_CODES)})),
  -- The name shown; typed by hand for 'other'.
  carrier_name         TEXT NOT NULL CHECK (length(carrier_name) BETWEEN 1 AND 80),
  -- Normalized (tracking/carriers.ts): no spaces or dashes, upper case.
  tracking_number      TEXT NOT NULL CHECK (length(tracking_number) BETWEEN 1 AND 64),
  tracking_url         TEXT,
  source               TEXT NOT NULL CHECK (source IN (${list(SHIPMENT_SOURCES)})),
  -- The supplier API's id for the shipment, when it came from there.
  supplier_shipment_id TEXT,
  status               TEXT NOT NULL CHECK (status IN (${list(STORED_TRACKING_STATUSES)})),
  -- When the number was added: the start of the "no news" clock before any event (ms).
  registered_at        INTEGER NOT NULL,
  -- The latest event's instant (ms), for the expiry clock; NULL before any event.
  last_event_at        INTEGER,
  -- The tracking service's id once the number is registered there.
  service_tracking_id  TEXT,
  last_synced_at       INTEGER,
  -- A person looked at this parcel's trouble: cleared when its status changes again.
  handled_at           INTEGER,
  handled_by           TEXT,
  handled_note         TEXT,
  created_at           INTEGER NOT NULL,
  updated_at           INTEGER NOT NULL,
  -- The natural key: a tracking file imported twice, or a supplier API polled again, adds nothing twice.
  UNIQUE (po_id, tracking_number),
  CHECK ((handled_at IS NULL) = (handled_by IS NULL))
) STRICT;
CREATE INDEX shipments_by_order ON shipments(order_id);
-- The sync follows only what is not delivered.
CREATE INDEX shipments_in_transit ON shipments(status) WHERE status != 'delivered';

CREATE TABLE shipment_lines (
  shipment_id INTEGER NOT NULL REFERENCES shipments(id) ON DELETE CASCADE,
  po_line_id  INTEGER NOT NULL REFERENCES po_lines(id) ON DELETE CASCADE,
  quantity    INTEGER NOT NULL CHECK (quantity >= 1),
  PRIMARY KEY (shipment_id, po_line_id)
) STRICT;
CREATE INDEX shipment_lines_by_po_line ON shipment_lines(po_line_id);

CREATE TABLE tracking_events (
  shipment_id INTEGER NOT NULL REFERENCES shipments(id) ON DELETE CASCADE,
  -- The source's checkpoint id, or a derived one (tracking/events.ts derivedEventId).
  event_id    TEXT NOT NULL CHECK (length(event_id) > 0),
  occurred_at TEXT NOT NULL,
  occurred_ms INTEGER NOT NULL,
  status      TEXT NOT NULL CHECK (status IN (${list(STORED_TRACKING_STATUSES)})),
  message     TEXT NOT NULL DEFAULT '',
  location    TEXT NOT NULL DEFAULT '',
  received_at INTEGER NOT NULL,
  PRIMARY KEY (shipment_id, event_id)
) STRICT, WITHOUT ROWID;

CREATE TABLE customer_notifications (
  id          INTEGER PRIMARY KEY,
  order_id    INTEGER NOT NULL REFERENCES orders(id) ON DELETE CASCADE,
  kind        TEXT NOT NULL CHECK (kind IN (${list(NOTIFICATION_KINDS)})),
  shipment_id INTEGER REFERENCES shipments(id) ON DELETE SET NULL,
  -- 'shipped:12' / 'order_confirmed:40': one e-mail per key, ever (a repeated event or a restart finds it taken).
  once_key    TEXT NOT NULL UNIQUE,
  recipient   TEXT NOT NULL CHECK (length(recipient) > 0),
  message_id  TEXT NOT NULL CHECK (length(message_id) > 2),
  subject     TEXT NOT NULL,
  text        TEXT NOT NULL,
  html        TEXT NOT NULL,
  -- JSON array of {filename, contentType, base64, cid}: the logo, embedded.
  attachments TEXT NOT NULL CHECK (json_valid(attachments)),
  created_at  INTEGER NOT NULL
) STRICT;
CREATE INDEX customer_notifications_by_order ON customer_notifications(order_id);

ALTER TABLE outbox ADD COLUMN notification_id INTEGER REFERENCES customer_notifications(id) ON DELETE SET NULL;
CREATE INDEX outbox_by_notification ON outbox(notification_id);

CREATE TABLE shop_secrets_new (
  kind       TEXT PRIMARY KEY CHECK (kind IN ('stripe_secret_key', 'smtp_password', 'tracking_api_key')),
  ciphertext BLOB NOT NULL,
  updated_at INTEGER NOT NULL
) STRICT;
INSERT INTO shop_secrets_new (kind, ciphertext, updated_at) SELECT kind, ciphertext, updated_at FROM shop_secrets;
DROP TABLE shop_secrets;
ALTER TABLE shop_secrets_new RENAME TO shop_secrets;
`,
};
