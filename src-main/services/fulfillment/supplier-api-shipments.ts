import { normalizeTrackingNumber } from '../../../src-shared/domain/tracking/carriers';
import { detectCarrier } from '../../../src-shared/domain/tracking/detect-carrier';
import type { SupplierApiOrder } from '../../adapters/supplier-orders-http';
import type { Sql } from '../../db/query';
import { DeskError } from '../errors';
import { carrierFromName } from '../tracking-file/carrier-names';
import { addShipment, stillToShip } from './shipments';

const API_ACTOR = 'desk (supplier API)';

/**
 * The parcels a supplier's API reports for a PO, added once each (the same number on the same PO is the same
 * parcel, so polling again adds nothing). A parcel the desk cannot take (a line it does not know, more than
 * the PO has left) is logged by the caller and skipped, not allowed to block the PO's other news.
 */
export function applyApiShipments(sql: Sql, poId: number, order: Pick<SupplierApiOrder, 'shipments'>, at: number): string[] {
  const shipments = order.shipments ?? [];
  if (shipments.length === 0) return [];
  const lines = sql.all(sql.qb.selectFrom('po_lines').select(['id', 'position']).where('po_id', '=', poId).orderBy('position'));
  const problems: string[] = [];
  for (const remote of shipments) {
    const trackingNumber = normalizeTrackingNumber(remote.trackingNumber);
    const known = sql.first(sql.qb.selectFrom('shipments').select('id').where('po_id', '=', poId).where('tracking_number', '=', trackingNumber));
    if (known) continue;
    const detected = detectCarrier(trackingNumber);
    const carrier = carrierFromName(remote.carrier) ?? (detected.kind === 'detected' ? detected.carrier : 'other');
    // A supplier that does not say what is in the parcel: everything the PO still has to ship (as a tracking
    // file without SKUs is read).
    const contents = remote.lines.length > 0
      ? remote.lines.map((line) => ({ poLineId: lines[line.lineNumber - 1]?.id ?? -line.lineNumber, quantity: line.quantity }))
      : stillToShip(sql, poId);
    try {
      // Each parcel in its own savepoint: one the desk refuses must not undo the others.
      sql.transaction(() => addShipment(sql, {
        poId, trackingNumber, carrier, carrierName: remote.carrier || 'Carrier', source: 'supplier_api', supplierShipmentId: remote.id,
        lines: contents,
      }, API_ACTOR, at));
    } catch (error) {
      if (!(error instanceof DeskError)) throw error;
      problems.push(`parcel ${trackingNumber}: ${error.message}`);
    }
  }
  return problems;
}
