/**
 * The order page's parcels and e-mails, and the supplier page's tracking file, as pure models: which POs take a
 * parcel, what is left to ship per PO line, what live carrier detection says, the add-tracking form (checked with
 * the contract's schema, the core's `lines.N` mapped back to the form's row), status tones, e-mail delivery words,
 * and the tracking file's column mapping. The stores and components call the api client and are covered end to end.
 */
import { describe, expect, it } from 'vitest';
import type { NotificationView } from '../../src-shared/domain/notifications';
import type { ShipmentLineView, ShipmentView } from '../../src-shared/domain/shipments';
import type { PoLineView, PoStatus, SupplierOrderView } from '../../src-shared/domain/supplier-orders';
import { detectCarrier, type CarrierDetection } from '../../src-shared/domain/tracking/detect-carrier';
import { TRACKING_STATUSES, type TrackingStatus } from '../../src-shared/domain/tracking/statuses';
import { PO_STATUSES } from '../../src-shared/domain/supplier-orders';
import {
  addedNotice, addShipmentFieldPath, canAddTracking, canCheckNow, checkAddShipment, checkNotice, checkTrackingMapping, defaultAddShipment,
  detectionMessage, eventsNewestFirst, isTrackingMappingComplete, mappingFromPreview, needsHandling, notificationDelivery, remainingQuantities,
  shippableLines, statusTone, trackablePos, trackingMappingField, trackingMappingInput, withTrackingNumber, type AddShipmentValues,
  type TrackingMappingValues,
} from '../../src-renderer/features/fulfillment/fulfillmentModel';

const eur = (amount: number) => ({ amount, currency: 'EUR' });

function poLine(change: Partial<PoLineView> = {}): PoLineView {
  return {
    id: 1, orderLineId: 11, position: 1, supplierSku: 'NP-100', title: 'Adult dog food 2 kg', quantity: 3, unitCost: eur(950),
    status: 'confirmed', expectedDate: null, rejectionReason: null, note: '', ...change,
  };
}

function po(change: Partial<SupplierOrderView> = {}): SupplierOrderView {
  return {
    id: 7, number: 'PO-1042-1', orderId: 3, supplier: { id: 2, name: 'Nordic Pet Supply' }, channel: 'email',
    destination: 'orders@nordicpet.example', status: 'acknowledged', statusReason: null, supplierReference: '', total: eur(2850),
    lines: [poLine()], possibleDuplicate: false, delivery: null, createdAt: '2026-03-01T10:00:00Z', queuedAt: null, sentAt: null,
    acknowledgedAt: null, lastCheckedAt: null, ...change,
  };
}

function parcelLine(poLineId: number, quantity: number): ShipmentLineView {
  return { poLineId, orderLineId: poLineId + 10, title: 'Item', supplierSku: 'SKU', quantity };
}

function shipment(change: Partial<ShipmentView> = {}): ShipmentView {
  return {
    id: 50, poId: 7, poNumber: 'PO-1042-1', supplierName: 'Nordic Pet Supply', carrier: 'ups', carrierName: 'UPS',
    trackingNumber: '1Z5R89390357567127', trackingUrl: 'https://www.ups.com/track?tracknum=1Z5R89390357567127', status: 'in_transit',
    source: 'hand', lines: [], events: [], lastNewsAt: '2026-03-02T10:00:00Z', lastSyncedAt: null, handled: null,
    createdAt: '2026-03-02T10:00:00Z', ...change,
  };
}

// ---------------------------------------------------------------------------------------------------------------

describe('canAddTracking: which POs get an "Add tracking…" button', () => {
  const yes: PoStatus[] = ['sent', 'acknowledged', 'partially_shipped', 'cancel_rejected'];
  it.each(PO_STATUSES.map((status) => [status, yes.includes(status)] as const))('%s → %s', (status, expected) => {
    expect(canAddTracking({ status })).toBe(expected);
  });

  it('trackablePos keeps the order of the order and drops POs the supplier cannot ship', () => {
    const order = { supplierOrders: [po({ id: 1, status: 'draft' }), po({ id: 2, status: 'sent' }), po({ id: 3, status: 'shipped' }), po({ id: 4, status: 'partially_shipped' })] };
    expect(trackablePos(order).map((p) => p.id)).toEqual([2, 4]);
  });
});

describe('remainingQuantities: what of each PO line is not yet in a parcel', () => {
  const lines = [poLine({ id: 1, quantity: 3 }), poLine({ id: 2, quantity: 2 }), poLine({ id: 3, quantity: 5, status: 'rejected' }), poLine({ id: 4, quantity: 1, status: 'rerouted' })];

  it('with no parcel, every shippable line is still to ship in full; rejected and rerouted lines are left out', () => {
    expect([...remainingQuantities(po({ lines }), [])]).toEqual([[1, 3], [2, 2]]);
    expect(shippableLines(po({ lines })).map((l) => l.id)).toEqual([1, 2]);
  });

  it('adds up every parcel of the same PO and ignores parcels of other POs', () => {
    const shipments = [
      shipment({ id: 1, poId: 7, lines: [parcelLine(1, 1)] }),
      shipment({ id: 2, poId: 7, lines: [parcelLine(1, 1), parcelLine(2, 2)] }),
      shipment({ id: 3, poId: 8, lines: [parcelLine(1, 3)] }),
    ];
    expect([...remainingQuantities(po({ lines }), shipments)]).toEqual([[1, 1], [2, 0]]);
  });

  it('never goes below zero when a line was shipped twice (a replacement parcel)', () => {
    expect(remainingQuantities(po({ lines }), [shipment({ lines: [parcelLine(2, 2)] }), shipment({ id: 51, lines: [parcelLine(2, 2)] })]).get(2)).toBe(0);
  });

  it('a backordered line is still to ship (it comes later)', () => {
    expect(remainingQuantities(po({ lines: [poLine({ id: 9, quantity: 4, status: 'backordered' })] }), []).get(9)).toBe(4);
  });
});

describe('detectionMessage: what the box under the tracking number says while typing', () => {
  it('says nothing while the box is empty', () => {
    expect(detectionMessage(detectCarrier('  '))).toBeNull();
  });

  it('names the carrier when the check digit is right', () => {
    expect(detectionMessage(detectCarrier('1Z5R89390357567127'))).toEqual({ tone: 'ok', text: 'UPS — check digit OK' });
  });

  it('points out a wrong check digit, naming the carrier the number looks like', () => {
    expect(detectionMessage(detectCarrier('1Z5R89390357567128'))).toEqual({
      tone: 'check_digit_wrong', text: 'Looks like a UPS number but the check digit is wrong — check the number',
    });
  });

  it('asks for the carrier when no format fits', () => {
    expect(detectionMessage(detectCarrier('ABC'))).toEqual({ tone: 'unknown', text: 'Format not recognised: choose the carrier' });
  });

  it('says so for a format without a check digit', () => {
    expect(detectionMessage(detectCarrier('JJD0099999999'))?.text).toBe('DHL — format recognised (it has no check digit)');
  });

  it('names the other carriers the number fits as well', () => {
    const detection: CarrierDetection = {
      kind: 'detected', carrier: 'fedex', name: 'FedEx', format: 'x', trackingNumber: '1', trackingUrl: null, checkDigitValid: true, alsoMatches: ['usps'],
    };
    expect(detectionMessage(detection)?.text).toBe('FedEx — check digit OK · could also be USPS');
  });
});

// ---------------------------------------------------------------------------------------------------------------
// The add-tracking form

describe('the add-tracking form', () => {
  const twoLines = po({ lines: [poLine({ id: 1, quantity: 3 }), poLine({ id: 2, quantity: 2, title: 'Cat litter' }), poLine({ id: 3, status: 'rejected' })] });
  const values = (change: Partial<AddShipmentValues> = {}): AddShipmentValues => ({
    ...defaultAddShipment(twoLines, [shipment({ lines: [parcelLine(1, 1)] })]), trackingNumber: '1Z5R89390357567127', carrier: 'ups', ...change,
  });

  it('opens with each shippable line at what is still to ship', () => {
    expect(defaultAddShipment(twoLines, [shipment({ lines: [parcelLine(1, 1)] })])).toEqual({
      trackingNumber: '', carrier: '', carrierChosen: false, carrierName: '', lines: [{ poLineId: 1, quantity: '2' }, { poLineId: 2, quantity: '2' }],
    });
  });

  it('detection fills in the carrier until the person chooses one, and clears it for an unknown format', () => {
    const start = defaultAddShipment(twoLines, []);
    const typed = withTrackingNumber(start, '1Z5R89390357567127', detectCarrier('1Z5R89390357567127'));
    expect(typed.carrier).toBe('ups');
    expect(withTrackingNumber(typed, 'ABC', detectCarrier('ABC')).carrier).toBe('');
    const chosen = { ...typed, carrier: 'dpd' as const, carrierChosen: true };
    expect(withTrackingNumber(chosen, '1Z5R89390357567127', detectCarrier('1Z5R89390357567127')).carrier).toBe('dpd');
  });

  it('sends the lines with a quantity (blank and 0 are not in the parcel) and the chosen carrier', () => {
    const result = checkAddShipment(twoLines, values({ lines: [{ poLineId: 1, quantity: '0' }, { poLineId: 2, quantity: ' 2 ' }] }));
    expect(result).toEqual({ ok: true, input: { poId: 7, trackingNumber: '1Z5R89390357567127', carrier: 'ups', carrierName: '', lines: [{ poLineId: 2, quantity: 2 }] } });
  });

  it('needs at least one line in the parcel', () => {
    const result = checkAddShipment(twoLines, values({ lines: [{ poLineId: 1, quantity: '' }, { poLineId: 2, quantity: '0' }] }));
    expect(result).toEqual({ ok: false, errors: { lines: 'Choose at least one item that is in the parcel' } });
  });

  it('puts a bad quantity beside its own row even when earlier rows are not sent', () => {
    const result = checkAddShipment(twoLines, values({ lines: [{ poLineId: 1, quantity: '0' }, { poLineId: 2, quantity: '1.5' }] }));
    expect(result).toEqual({ ok: false, errors: { 'lines.1.quantity': 'Quantity must be a whole number' } });
  });

  it('refuses more of a line than the PO has', () => {
    const result = checkAddShipment(twoLines, values({ lines: [{ poLineId: 1, quantity: '4' }, { poLineId: 2, quantity: '0' }] }));
    expect(result).toEqual({ ok: false, errors: { 'lines.0.quantity': 'The purchase order has 3 of this item' } });
  });

  it('needs the tracking number, a carrier, and a name for an "other" carrier', () => {
    expect(checkAddShipment(twoLines, values({ trackingNumber: '  ', carrier: '' }))).toEqual({
      ok: false, errors: { trackingNumber: 'Enter the tracking number', carrier: 'Choose the carrier from the list' },
    });
    expect(checkAddShipment(twoLines, values({ carrier: 'other', carrierName: ' ' }))).toEqual({ ok: false, errors: { carrierName: 'Name the carrier' } });
    const other = checkAddShipment(twoLines, values({ carrier: 'other', carrierName: 'Pet Express' }));
    expect(other.ok && other.input).toMatchObject({ carrier: 'other', carrierName: 'Pet Express' });
  });

  it('drops a typed carrier name when the carrier is not "other"', () => {
    const result = checkAddShipment(twoLines, values({ carrier: 'ups', carrierName: 'left over' }));
    expect(result.ok && result.input.carrierName).toBe('');
  });

  it('maps the core\'s field back to the form: lines.N counts only the lines sent', () => {
    const form = values({ lines: [{ poLineId: 1, quantity: '0' }, { poLineId: 2, quantity: '2' }] });
    expect(addShipmentFieldPath('lines.0.quantity', form)).toBe('lines.1.quantity');
    expect(addShipmentFieldPath('lines.0.poLineId', form)).toBe('lines.1.quantity');
    expect(addShipmentFieldPath('lines.5', form)).toBe('lines');
    expect(addShipmentFieldPath('trackingNumber', form)).toBe('trackingNumber');
    expect(addShipmentFieldPath('poId', form)).toBeNull();
  });

  it('words the new parcel after it is added', () => {
    expect(addedNotice([50], { shipments: [shipment(), shipment({ id: 51, trackingNumber: 'RB123456785GB', carrierName: 'Royal Mail' })] }))
      .toBe('Parcel RB123456785GB (Royal Mail) added to PO-1042-1.');
  });
});

// ---------------------------------------------------------------------------------------------------------------
// A parcel

describe('a parcel\'s status', () => {
  const expected: Record<TrackingStatus, string> = {
    pending: 'neutral', info_received: 'neutral', in_transit: 'neutral', out_for_delivery: 'neutral', available_for_pickup: 'neutral',
    delivered: 'good', attempt_fail: 'warning', exception: 'warning', expired: 'warning',
  };
  it.each(TRACKING_STATUSES.map((s) => [s, expected[s]] as const))('%s has the %s tone', (status, tone) => {
    expect(statusTone(status)).toBe(tone);
  });

  it('offers "Mark handled" for trouble nobody has handled yet, and not once it is handled', () => {
    expect(needsHandling(shipment({ status: 'exception' }))).toBe(true);
    expect(needsHandling(shipment({ status: 'expired' }))).toBe(true);
    expect(needsHandling(shipment({ status: 'attempt_fail', handled: { at: '2026-03-03T10:00:00Z', by: 'Ana', note: 'Called' } }))).toBe(false);
    expect(needsHandling(shipment({ status: 'in_transit' }))).toBe(false);
  });

  it('does not offer "Check now" for a delivered parcel', () => {
    expect(canCheckNow({ status: 'delivered' })).toBe(false);
    expect(canCheckNow({ status: 'expired' })).toBe(true);
  });

  it('shows the history newest first without changing the order it was given in', () => {
    const events = [{ occurredAt: '1' }, { occurredAt: '2' }, { occurredAt: '3' }];
    expect(eventsNewestFirst(events).map((e) => e.occurredAt)).toEqual(['3', '2', '1']);
    expect(events.map((e) => e.occurredAt)).toEqual(['1', '2', '3']);
  });

  it('words what "Check now" found', () => {
    const before = shipment({ status: 'in_transit' });
    expect(checkNotice(before, { shipments: [before] })).toBe('Checked 1Z5R89390357567127: no news yet.');
    expect(checkNotice(before, { shipments: [shipment({ status: 'out_for_delivery' })] })).toBe('Checked 1Z5R89390357567127: now “Out for delivery”.');
  });
});

describe('notificationDelivery: where a customer e-mail is', () => {
  it.each<[NotificationView['delivery'], string, boolean]>([
    ['pending', 'Queued — waiting for connection', false],
    ['in_flight', 'Sending…', false],
    ['done', 'Sent', false],
    ['failed', 'Not sent yet — trying again automatically', false],
    ['dead', 'Failed — needs you', true],
    ['unknown', 'Not known whether it went out — needs you', true],
  ])('%s reads "%s" (Try again: %s)', (delivery, text, canRetry) => {
    expect(notificationDelivery(delivery)).toMatchObject({ text, canRetry });
  });
});

// ---------------------------------------------------------------------------------------------------------------
// The tracking file's mapping

describe('the tracking file mapping', () => {
  const blank: TrackingMappingValues = { poNumber: '', trackingNumber: '', carrier: '', supplierSku: '', quantity: '', shippedAt: '' };

  it('takes the preview\'s guess only for columns the file has', () => {
    const mapping = mappingFromPreview({ headers: ['PO', 'Tracking', 'Qty'], mapping: { ...blank, poNumber: 'PO', trackingNumber: 'Tracking', quantity: 'Quantity' } });
    expect(mapping).toEqual({ ...blank, poNumber: 'PO', trackingNumber: 'Tracking' });
  });

  it('is complete with the PO number and tracking number columns, and says which is missing otherwise', () => {
    expect(isTrackingMappingComplete({ ...blank, poNumber: 'PO', trackingNumber: 'Tracking' })).toBe(true);
    expect(checkTrackingMapping({ ...blank, poNumber: 'PO' })).toEqual({ trackingNumber: 'Choose the column with the tracking number' });
    expect(checkTrackingMapping(blank)).toEqual({
      poNumber: 'Choose the column with the PO number', trackingNumber: 'Choose the column with the tracking number',
    });
  });

  it('refuses one column for two fields', () => {
    expect(checkTrackingMapping({ ...blank, poNumber: 'PO', trackingNumber: 'PO' })).toEqual({ trackingNumber: '“PO” is already used for PO number' });
  });

  it('sends the optional columns only when chosen', () => {
    expect(trackingMappingInput({ ...blank, poNumber: 'PO', trackingNumber: 'T', carrier: 'Carrier' })).toEqual({ poNumber: 'PO', trackingNumber: 'T', carrier: 'Carrier' });
  });

  it('places the core\'s mapping.<field> errors beside the field, and nothing else', () => {
    expect(trackingMappingField('mapping.quantity')).toBe('quantity');
    expect(trackingMappingField('mapping.nope')).toBeNull();
    expect(trackingMappingField('contentBase64')).toBeNull();
    expect(trackingMappingField(undefined)).toBeNull();
  });
});
