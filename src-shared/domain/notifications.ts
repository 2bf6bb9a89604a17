/**
 * Customer notifications (issue 6): the e-mails the shop sends its customer as the order moves. Each kind
 * can be turned off in Settings; each goes at most once per order (per parcel for the parcel ones).
 */

export const NOTIFICATION_KINDS = ['order_confirmed', 'shipped', 'out_for_delivery', 'delivered', 'delayed'] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

export const NOTIFICATION_LABELS: Record<NotificationKind, string> = {
  order_confirmed: 'Order confirmed',
  shipped: 'Shipped',
  out_for_delivery: 'Out for delivery',
  delivered: 'Delivered',
  delayed: 'Delayed or problem in transit',
};

/** When each one goes, for the Settings screen. */
export const NOTIFICATION_TRIGGERS: Record<NotificationKind, string> = {
  order_confirmed: 'when the order’s supplier orders first go out',
  shipped: 'when a parcel gets a tracking number (one e-mail per parcel, naming what is in it)',
  out_for_delivery: 'when the carrier says a parcel is out for delivery',
  delivered: 'when the carrier says a parcel was delivered',
  delayed: 'when a parcel has a problem in transit, a failed delivery attempt, or no news for too long',
};

/** A notification the desk has queued or sent for an order (the order page lists them). */
export interface NotificationView {
  id: number;
  kind: NotificationKind;
  /** The parcel it is about; null for order_confirmed. */
  shipmentId: number | null;
  recipient: string;
  subject: string;
  /** Where its outbox row is: pending / in_flight / done / failed / dead / unknown. */
  delivery: 'pending' | 'in_flight' | 'done' | 'failed' | 'dead' | 'unknown';
  outboxId: number;
  /** Why the last attempt failed (a refused address, the mail server offline), or null. */
  lastError: string | null;
  createdAt: string;
}

/** What an e-mail would look like, for the preview in Settings. */
export interface NotificationPreview {
  kind: NotificationKind;
  subject: string;
  text: string;
  /** The full HTML document (the renderer rebuilds it through an allow-list into a shadow root). */
  html: string;
}

/** The logo: a small PNG or JPEG kept as a data URL, embedded in each e-mail (no remote image to fetch). */
export const MAX_LOGO_BYTES = 100_000;
export const LOGO_DATA_URL = /^data:image\/(png|jpeg);base64,[A-Za-z0-9+/]+={0,2}$/;
