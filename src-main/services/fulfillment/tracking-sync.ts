import { TrackingServiceError, type TrackingServiceClient } from '../../adapters/tracking-service';
import { isTrackingExpired } from '../../../src-shared/domain/tracking/expiry';
import type { Logger } from '../../core/logger';
import type { Sql } from '../../db/query';
import type { SecretBox } from '../../security/secret-box';
import type { ServiceDeps } from '../context';
import { DeskError } from '../errors';
import { queueNotification } from '../notifications/queue-notification';
import { readSettings, readTrackingApiKey } from '../settings';
import { TRACKING_ACTOR } from './fulfillment-state';
import { applyShipmentEvents, trackingStateOf } from './shipment-events';

export type TrackingClientFactory = (baseUrl: string, apiKey: string) => TrackingServiceClient;

export interface TrackingRound {
  /** Parcels asked about. */
  checked: number;
  /** Orders whose parcels changed (for the views). */
  orderIds: number[];
  /** Why the round stopped early (offline, a refused key), or null. */
  error: string | null;
}

/** Parcels asked about per round, least recently synced first: a big backlog is worked through over rounds. */
const ROUND_LIMIT = 200;

/** Parcels still followed: everything not delivered (DOMAIN.md: delivered is the only end). */
function parcelsToFollow(sql: Sql, shipmentId: number | undefined) {
  let query = sql.qb.selectFrom('shipments').select(['id', 'order_id', 'tracking_number', 'carrier', 'service_tracking_id'])
    .where('status', '!=', 'delivered');
  query = shipmentId === undefined ? query.orderBy('last_synced_at', 'asc').orderBy('id').limit(ROUND_LIMIT) : query.where('id', '=', shipmentId);
  return sql.all(query);
}

/**
 * Asks the tracking service about the parcels still in transit and applies what it says (idempotently: a
 * repeated poll adds nothing). Reads are not side effects, so no outbox; the registration of a number is
 * idempotent at the service (an existing tracking is returned). A temporary failure (offline, 429) ends the
 * round with its sentence, for the next round to pick up; a parcel the service refuses is logged and skipped.
 * With `shipmentId`, that parcel only, and a failure is thrown for the person who asked.
 */
export async function pollTrackingService(
  deps: ServiceDeps & { secrets: SecretBox }, clientFor: TrackingClientFactory, logger: Logger, shipmentId?: number,
): Promise<TrackingRound> {
  const { sql } = deps;
  const round: TrackingRound = { checked: 0, orderIds: [], error: null };
  const apiKey = readTrackingApiKey(sql, deps.secrets);
  if (!apiKey) {
    if (shipmentId !== undefined) throw new DeskError('invalid_state', 'No tracking service key is stored: add it in Settings → Tracking, or record the status by hand.');
    return round;
  }
  const parcels = parcelsToFollow(sql, shipmentId);
  if (shipmentId !== undefined && parcels.length === 0) throw new DeskError('invalid_state', 'This parcel is delivered: the desk no longer follows it.');
  let client: TrackingServiceClient;
  try {
    client = clientFor(readSettings(sql).trackingApiUrl, apiKey);
  } catch (error) {
    if (!(error instanceof TrackingServiceError)) throw error;
    if (shipmentId !== undefined) throw new DeskError('unavailable', error.failure.message);
    return { ...round, error: error.failure.message };
  }
  for (const parcel of parcels) {
    try {
      const tracking = parcel.service_tracking_id === null
        ? await client.register(parcel.tracking_number, parcel.carrier)
        : await client.get(parcel.service_tracking_id);
      round.checked += 1;
      const at = deps.now();
      const changed = sql.transaction(() => {
        sql.run(sql.qb.updateTable('shipments').set({ service_tracking_id: tracking.id, last_synced_at: at }).where('id', '=', parcel.id));
        return applyShipmentEvents(sql, parcel.id, tracking.events, TRACKING_ACTOR, at);
      });
      if (changed) round.orderIds.push(parcel.order_id);
    } catch (error) {
      if (!(error instanceof TrackingServiceError)) throw error;
      if (shipmentId !== undefined) throw new DeskError('unavailable', error.failure.message);
      // Tried: to the back of the queue, so one parcel the service keeps failing on cannot hold up the rest.
      sql.run(sql.qb.updateTable('shipments').set({
        last_synced_at: deps.now(),
        // The service lost the tracking (deleted, another account): register the number again next round.
        ...(error.failure.code === 4004 ? { service_tracking_id: null } : {}),
      }).where('id', '=', parcel.id));
      // Offline, a refused key or the rate limit concern every parcel: the round ends; anything else was this one's.
      if (isAccountWide(error)) return { ...round, error: error.failure.message };
      logger.warn(`tracking ${parcel.tracking_number}: ${error.failure.message}`);
    }
  }
  return round;
}

function isAccountWide(error: TrackingServiceError): boolean {
  const status = error.failure.status;
  return status === undefined || status === 401 || status === 403 || status === 429;
}

/**
 * Parcels that went quiet for longer than the shop's setting: the customer is told once ("delayed"), and the
 * exceptions inbox lists them (computed there). Not for a parcel a person marked handled, nor a cancelled order.
 */
export function notifyExpiredParcels(sql: Sql, now: number, trackingServiceReady: boolean): number[] {
  const days = readSettings(sql).trackingExpireDays;
  const cutoff = now - days * 86_400_000;
  const quiet = sql.all(sql.qb.selectFrom('shipments').innerJoin('orders', 'orders.id', 'shipments.order_id')
    .select(['shipments.id', 'shipments.order_id'])
    .where('shipments.status', '!=', 'delivered').where('shipments.handled_at', 'is', null).where('orders.cancelled_at', 'is', null)
    // Without a tracking service, silence from a parcel nobody asks about says nothing about the parcel: the
    // customer is not told it is late (the inbox still shows it).
    .$if(!trackingServiceReady, (qb) => qb.where('shipments.last_event_at', 'is not', null))
    .where((eb) => eb.or([eb('shipments.last_event_at', '<=', cutoff), eb.and([eb('shipments.last_event_at', 'is', null), eb('shipments.registered_at', '<=', cutoff)])]))
    .where((eb) => eb.not(eb.exists(eb.selectFrom('customer_notifications').select('id')
      .whereRef('customer_notifications.shipment_id', '=', 'shipments.id').where('customer_notifications.kind', '=', 'delayed')))));
  const touched: number[] = [];
  for (const parcel of quiet) {
    // The SQL narrows; the domain rule decides.
    if (!isTrackingExpired(trackingStateOf(sql, parcel.id), new Date(now), days)) continue;
    sql.transaction(() => queueNotification(sql, { orderId: parcel.order_id, kind: 'delayed', shipmentId: parcel.id }, now));
    touched.push(parcel.order_id);
  }
  return touched;
}
