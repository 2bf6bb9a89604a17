/**
 * The normalized shipment status (DOMAIN.md: AfterShip's tag set). Every tracking source is mapped to these
 * by its adapter; the rest of the desk only ever sees these.
 */

export const TRACKING_STATUSES = [
  'pending', 'info_received', 'in_transit', 'out_for_delivery', 'attempt_fail', 'available_for_pickup',
  'delivered', 'exception', 'expired',
] as const;
export type TrackingStatus = (typeof TRACKING_STATUSES)[number];

export const TRACKING_STATUS_LABELS: Record<TrackingStatus, string> = {
  pending: 'No tracking news yet',
  info_received: 'Label created',
  in_transit: 'In transit',
  out_for_delivery: 'Out for delivery',
  attempt_fail: 'Delivery attempt failed',
  available_for_pickup: 'Ready for pickup',
  delivered: 'Delivered',
  exception: 'Problem in transit',
  expired: 'No news for too long',
};

/**
 * Terminal: the journey is over, so the desk stops polling and never marks it expired. Only delivered: an
 * exception may still resolve, and an expired parcel is exactly the one worth asking about again (AfterShip
 * calls expired terminal because it stops tracking; we do not, since news can still come).
 */
export const TERMINAL_TRACKING_STATUSES: readonly TrackingStatus[] = ['delivered'];

export function isTerminalTrackingStatus(status: TrackingStatus): boolean {
  return TERMINAL_TRACKING_STATUSES.includes(status);
}

/** A person should look (the exceptions inbox): the parcel is stuck or needs the customer to act. */
export const ATTENTION_TRACKING_STATUSES: readonly TrackingStatus[] = ['attempt_fail', 'exception', 'expired'];

/**
 * The parcel has left the supplier: the carrier has it. pending / info_received mean only that a label
 * exists. exception and expired count as left: the shipment is out of the supplier's hands and its trouble is
 * shown in the exceptions inbox, rather than by moving the order back to "not shipped".
 */
export const DEPARTED_TRACKING_STATUSES: readonly TrackingStatus[] = [
  'in_transit', 'out_for_delivery', 'attempt_fail', 'available_for_pickup', 'delivered', 'exception', 'expired',
];

export function hasDeparted(status: TrackingStatus): boolean {
  return DEPARTED_TRACKING_STATUSES.includes(status);
}

/**
 * How far along the parcel is, used only to order two events at the very same instant (a carrier often
 * stamps "out for delivery" and "delivered" with the same minute). Higher = further.
 */
export const TRACKING_STATUS_PROGRESS: Record<TrackingStatus, number> = {
  pending: 0,
  info_received: 1,
  in_transit: 2,
  expired: 3,
  exception: 4,
  attempt_fail: 5,
  available_for_pickup: 6,
  out_for_delivery: 7,
  delivered: 8,
};

export function isTrackingStatus(value: string): value is TrackingStatus {
  return (TRACKING_STATUSES as readonly string[]).includes(value);
}
