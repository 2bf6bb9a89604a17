/**
 * Issue 6 in the core, on real parts: parcels from a person, the supplier simulator's API and a supplier's
 * tracking file; their status from the tracking simulator (AfterShip's shapes); the order's roll-up; customer
 * e-mails received by a real SMTP server; and the exceptions inbox.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { startTrackingSim, type TrackingSim } from '../sim/tracking-sim';
import type { OrderDetail } from '../../src-shared/domain/order';
import { EMAIL_SKU, useDispatchShop, type DispatchShop } from './support/dispatch-shop';

const openShop = useDispatchShop();
const sims: TrackingSim[] = [];
afterEach(async () => {
  for (const sim of sims.splice(0)) await sim.close();
});

const UPS_BY_HAND = '1Z5R89390357567127';
const ROYAL_MAIL_BY_HAND = 'RB123456785GB';
const HOUR = 3_600_000;

/** A shop with customer e-mails on, the tracking service pointed at the simulator, and one order's POs sent. */
async function shopWithSentOrder(): Promise<{ shop: DispatchShop; tracking: TrackingSim; order: OrderDetail }> {
  const shop = await openShop({ customerEmails: true });
  const tracking = await startTrackingSim({ now: new Date(shop.clock.now()) });
  sims.push(tracking);
  await shop.call('settings.update', { trackingApiUrl: tracking.url, trackingApiKey: tracking.apiKey, trackingExpireDays: 5 });
  // The API supplier acknowledges on the first read and ships on the next one.
  shop.sim.setOrderScenario({ autoAcknowledgeAfterPolls: 1, autoShipAfterPolls: 1 });
  const ready = await shop.readyOrder();
  await shop.call('supplierOrders.send', { orderId: ready.id });
  await shop.deliver();
  const order = await shop.call('orders.get', { id: ready.id });
  return { shop, tracking, order };
}

const customerMails = (shop: DispatchShop) => shop.smtp.messages.filter((m) => m.envelope.to.includes('zoe.muller@example.com'));
const mailsOfKind = (shop: DispatchShop, kind: string) => customerMails(shop).filter((m) => m.headers.get('x-petdrop-notification') === kind);

async function syncAndDeliver(shop: DispatchShop): Promise<OrderDetail[]> {
  await shop.core.background.syncTracking();
  await shop.deliver();
  const list = await shop.call('orders.list', {});
  return Promise.all(list.rows.map((row) => shop.call('orders.get', { id: row.id })));
}

describe('tracking, roll-up and customer e-mails', () => {
  it('an order with 2 suppliers and 3 parcels goes partially fulfilled → fulfilled → delivered, and the customer hears each step once', async () => {
    const { shop, tracking, order } = await shopWithSentOrder();
    expect(order.customer.email).toBe('zoe.muller@example.com');
    expect(mailsOfKind(shop, 'order_confirmed')).toHaveLength(1);
    const [emailPo, apiPo] = order.supplierOrders;
    await shop.call('supplierOrders.confirm', { poId: emailPo!.id, lines: [{ lineId: emailPo!.lines[0]!.id, status: 'confirmed' }] });

    // The e-mail supplier ships the two bags in two parcels; the owner types them in from its e-mail.
    const first = await shop.call('shipments.add', { poId: emailPo!.id, trackingNumber: '1z5r 8939 0357 5671 27', lines: [{ poLineId: emailPo!.lines[0]!.id, quantity: 1 }] });
    expect(first.shipments).toEqual([expect.objectContaining({ carrier: 'ups', carrierName: 'UPS', trackingNumber: UPS_BY_HAND, status: 'pending', source: 'hand' })]);
    expect(first.shipments[0]!.trackingUrl).toBe(`https://www.ups.com/track?tracknum=${UPS_BY_HAND}`);
    expect(first.fulfillmentStatus).toBe('partially_fulfilled');
    const second = await shop.call('shipments.add', { poId: emailPo!.id, trackingNumber: ROYAL_MAIL_BY_HAND, lines: [{ poLineId: emailPo!.lines[0]!.id, quantity: 1 }] });
    expect(second.shipments[1]).toMatchObject({ carrier: 'royal_mail', carrierName: 'Royal Mail' });
    expect(second.fulfillmentStatus).toBe('partially_fulfilled');
    expect(second.supplierOrders[0]!.status).toBe('shipped');

    // The API supplier acknowledges (first sync), then ships (second sync): the parcel appears by itself.
    await syncAndDeliver(shop);
    const [afterSync] = await syncAndDeliver(shop);
    const apiParcel = afterSync!.shipments.find((s) => s.poId === apiPo!.id)!;
    expect(apiParcel).toMatchObject({ carrier: 'ups', source: 'supplier_api' });
    expect(afterSync!.fulfillmentStatus).toBe('fulfilled');
    expect(afterSync!.stage).toBe('shipped');
    // Every parcel was registered once at the tracking service.
    expect(tracking.trackings().map((t) => t.tracking_number).sort()).toEqual([UPS_BY_HAND, ROYAL_MAIL_BY_HAND, apiParcel.trackingNumber].sort());

    // The "shipped" e-mails: one per parcel, each naming what is in it and what comes separately.
    const shipped = mailsOfKind(shop, 'shipped');
    expect(shipped).toHaveLength(3);
    const firstMail = shipped.find((m) => m.text!.includes(UPS_BY_HAND) && m.text!.indexOf(UPS_BY_HAND) < m.text!.indexOf('Other items'))!;
    const inThisParcel = firstMail.text!.slice(0, firstMail.text!.indexOf('Other items'));
    expect(inThisParcel).toContain('Adult Dog Food, Lamb, 11.4 kg');
    expect(inThisParcel).not.toContain('KONG Classic');
    expect(firstMail.text!.slice(firstMail.text!.indexOf('Other items'))).toContain('KONG Classic');
    const apiMail = shipped.find((m) => m.text!.indexOf(apiParcel.trackingNumber) >= 0 && m.text!.indexOf(apiParcel.trackingNumber) < m.text!.indexOf('Other items'))!;
    expect(apiMail.text!.slice(0, apiMail.text!.indexOf('Other items'))).toContain('KONG Classic');
    expect(apiMail.text!.slice(0, apiMail.text!.indexOf('Other items'))).not.toContain('Adult Dog Food');
    expect(apiMail.html).toContain(`https://www.ups.com/track?tracknum=${apiParcel.trackingNumber}`);

    // The carrier moves the parcels; the desk hears it at the next sync.
    const at = (h: number) => new Date(shop.clock.now() + h * HOUR);
    for (const number of [UPS_BY_HAND, ROYAL_MAIL_BY_HAND, apiParcel.trackingNumber]) {
      tracking.advance(number, 'InTransit', { at: at(1), location: 'Hamburg, DE', message: 'Departed facility' });
      tracking.advance(number, 'OutForDelivery', { at: at(20), location: 'Berlin, DE' });
    }
    tracking.advance(UPS_BY_HAND, 'Delivered', { at: at(22), location: 'Berlin, DE', message: 'Delivered, front door' });
    tracking.advance(ROYAL_MAIL_BY_HAND, 'Delivered', { at: at(23), location: 'Berlin, DE' });
    shop.clock.advance(24 * HOUR);
    const [twoDelivered] = await syncAndDeliver(shop);
    expect(twoDelivered!.shipments.map((s) => s.status)).toEqual(['delivered', 'delivered', 'out_for_delivery']);
    expect(twoDelivered!.fulfillmentStatus).toBe('fulfilled');
    expect(twoDelivered!.supplierOrders.map((po) => po.status)).toEqual(['delivered', 'shipped']);

    tracking.advance(apiParcel.trackingNumber, 'Delivered', { at: at(25), location: 'Berlin, DE' });
    shop.clock.advance(2 * HOUR);
    const [allDelivered] = await syncAndDeliver(shop);
    expect(allDelivered!.fulfillmentStatus).toBe('delivered');
    expect(allDelivered!.stage).toBe('delivered');
    expect(allDelivered!.shipments[0]!.events.map((e) => e.status)).toEqual(['in_transit', 'out_for_delivery', 'delivered']);

    // A repeated scan and another sync change nothing and send nothing more.
    tracking.replayCheckpoint(UPS_BY_HAND, { regressTag: true });
    const before = customerMails(shop).length;
    const [again] = await syncAndDeliver(shop);
    expect(again!.shipments.map((s) => [s.status, s.events.length])).toEqual(allDelivered!.shipments.map((s) => [s.status, s.events.length]));
    expect(customerMails(shop)).toHaveLength(before);
    // The two parcels delivered between two syncs skipped "out for delivery" for the customer: it was already over.
    expect(mailsOfKind(shop, 'out_for_delivery')).toHaveLength(1);
    expect(mailsOfKind(shop, 'delivered')).toHaveLength(3);
    expect(mailsOfKind(shop, 'order_confirmed')).toHaveLength(1);
    expect(again!.notifications.every((n) => n.delivery === 'done')).toBe(true);
    // The delivered parcels are not asked about any more.
    const polled = tracking.requests.length;
    await shop.core.background.syncTracking();
    expect(tracking.requests.length).toBe(polled);
  });

  it('does not send a customer e-mail twice across a restart: a send cut off after the data waits for a person', async () => {
    const { shop, order } = await shopWithSentOrder();
    const po = order.supplierOrders[0]!;
    await shop.call('supplierOrders.confirm', { poId: po.id, lines: [{ lineId: po.lines[0]!.id, status: 'confirmed' }] });
    shop.smtp.failNext(1, { kind: 'drop_after_data' });
    await shop.call('shipments.add', { poId: po.id, trackingNumber: UPS_BY_HAND, lines: [{ poLineId: po.lines[0]!.id, quantity: 2 }] });
    await shop.deliver();
    expect(mailsOfKind(shop, 'shipped')).toHaveLength(1);
    const cut = await shop.call('orders.get', { id: order.id });
    expect(cut.notifications.find((n) => n.kind === 'shipped')).toMatchObject({ delivery: 'unknown' });
    expect(cut.stage).toBe('exception');

    shop.core.close();
    const reopened = shop.reopen();
    await reopened.deliver(2);
    await reopened.core.background.syncTracking();
    await reopened.deliver();
    expect(mailsOfKind(reopened, 'shipped')).toHaveLength(1);
    const inbox = await reopened.call('exceptions.list', {});
    const item = inbox.items.find((i) => i.kind === 'outbox_unknown')!;
    expect(item).toMatchObject({ orderId: order.id, action: { kind: 'retry_outbox', label: 'Send again' } });
    expect(item.reason).toContain('Customer e-mail');
    // Adding the same parcel again (a re-imported file, a second poll) queues nothing.
    const file = Buffer.from(`PO number,Tracking number\n${po.number},${UPS_BY_HAND}\n`).toString('base64');
    const report = await reopened.call('trackingFile.import', {
      supplierId: reopened.suppliers.email, fileName: 'tracking.csv', contentBase64: file, mapping: { poNumber: 'PO number', trackingNumber: 'Tracking number' },
    });
    expect(report).toEqual({ shipmentsAdded: 0, alreadyKnown: 1, rejected: [] });
    expect((await reopened.call('orders.get', { id: order.id })).notifications.filter((n) => n.kind === 'shipped')).toHaveLength(1);
  });

  it('lists a parcel that went quiet and one the carrier reports in trouble in the exceptions inbox, tells the customer once, and lets a person mark them handled', async () => {
    const { shop, tracking, order } = await shopWithSentOrder();
    // Only the two parcels typed in: the API supplier does not ship in this story.
    shop.sim.setOrderScenario({});
    const po = order.supplierOrders[0]!;
    await shop.call('supplierOrders.confirm', { poId: po.id, lines: [{ lineId: po.lines[0]!.id, status: 'confirmed' }] });
    await shop.call('shipments.add', { poId: po.id, trackingNumber: UPS_BY_HAND, lines: [{ poLineId: po.lines[0]!.id, quantity: 1 }] });
    await shop.call('shipments.add', { poId: po.id, trackingNumber: ROYAL_MAIL_BY_HAND, lines: [{ poLineId: po.lines[0]!.id, quantity: 1 }] });
    await syncAndDeliver(shop);
    tracking.advance(UPS_BY_HAND, 'InTransit', { at: new Date(shop.clock.now() + HOUR), location: 'Hamburg, DE' });
    tracking.stall(UPS_BY_HAND);
    tracking.advance(ROYAL_MAIL_BY_HAND, 'Exception', { at: new Date(shop.clock.now() + 2 * HOUR), message: 'Address incomplete, returned to depot' });
    shop.clock.advance(3 * HOUR);
    const [troubled] = await syncAndDeliver(shop);
    expect(troubled!.stage).toBe('exception');
    let inbox = await shop.call('exceptions.list', {});
    expect(inbox.items.filter((i) => i.kind === 'tracking_trouble').map((i) => i.reason)).toEqual([
      expect.stringContaining(`Parcel ${ROYAL_MAIL_BY_HAND} (Royal Mail): problem in transit — Address incomplete`),
    ]);
    expect(mailsOfKind(shop, 'delayed')).toHaveLength(1);

    // Six days without news (the shop's setting is five): the UPS parcel shows as expired.
    shop.clock.advance(6 * 24 * HOUR);
    const [quiet] = await syncAndDeliver(shop);
    expect(quiet!.shipments.find((s) => s.trackingNumber === UPS_BY_HAND)!.status).toBe('expired');
    inbox = await shop.call('exceptions.list', {});
    const stalled = inbox.items.find((i) => i.key === `shipment:${quiet!.shipments[0]!.id}`)!;
    expect(stalled.reason).toMatch(new RegExp(`Parcel ${UPS_BY_HAND} \\(UPS\\): no news for 6 days`));
    expect(stalled.action).toMatchObject({ kind: 'handle_shipment', needsNote: true });
    expect((await shop.call('exceptions.count', {})).count).toBe(inbox.total);
    // Told once per parcel, however many rounds see it quiet.
    await syncAndDeliver(shop);
    expect(mailsOfKind(shop, 'delayed')).toHaveLength(2);

    const handled = await shop.call('shipments.markHandled', { shipmentId: stalled.action.shipmentId!, note: 'Called UPS: parcel found, delivery tomorrow' });
    expect(handled.shipments[0]!.handled).toMatchObject({ by: 'owner', note: 'Called UPS: parcel found, delivery tomorrow' });
    const royal = (await shop.call('exceptions.list', {})).items.find((i) => i.kind === 'tracking_trouble')!;
    await shop.call('shipments.markHandled', { shipmentId: royal.action.shipmentId!, note: 'Customer sent the full address to Royal Mail' });
    expect((await shop.call('exceptions.list', {})).items.filter((i) => i.kind === 'tracking_trouble')).toEqual([]);
    expect((await shop.call('orders.get', { id: order.id })).stage).not.toBe('exception');
  });

  it('sends no e-mail of a kind the shop turned off', async () => {
    const { shop, order } = await shopWithSentOrder();
    await shop.call('settings.update', { notifyShipped: false });
    const po = order.supplierOrders[0]!;
    await shop.call('shipments.add', { poId: po.id, trackingNumber: UPS_BY_HAND, lines: [{ poLineId: po.lines[0]!.id, quantity: 1 }] });
    await shop.call('shipments.recordStatus', { shipmentId: 1, status: 'out_for_delivery' });
    await shop.deliver();
    expect(mailsOfKind(shop, 'shipped')).toHaveLength(0);
    expect(mailsOfKind(shop, 'out_for_delivery')).toHaveLength(1);

    // Turned back on, the next parcel event is e-mailed again; the shipped e-mail that was off is not sent afterwards.
    await shop.call('settings.update', { notifyShipped: true });
    await shop.call('shipments.recordStatus', { shipmentId: 1, status: 'delivered' });
    await shop.deliver();
    expect(mailsOfKind(shop, 'delivered')).toHaveLength(1);
    expect(mailsOfKind(shop, 'shipped')).toHaveLength(0);
  });

  it('a customer address the mail server refuses puts the e-mail in the inbox with the reason, and "Try again" sends it once', async () => {
    const { shop, order } = await shopWithSentOrder();
    const po = order.supplierOrders[0]!;
    shop.smtp.failNext(1, { kind: 'reply', stage: 'rcpt', code: 550 });
    await shop.call('shipments.add', { poId: po.id, trackingNumber: UPS_BY_HAND, lines: [{ poLineId: po.lines[0]!.id, quantity: 2 }] });
    await shop.deliver();
    const [item] = (await shop.call('exceptions.list', {})).items;
    expect(item).toMatchObject({ kind: 'outbox_dead', orderId: order.id, action: { kind: 'retry_outbox', label: 'Try again' } });
    expect(item!.reason).toContain('Customer e-mail: could not be sent — The mail server refused the customer\'s address zoe.muller@example.com: 550');
    expect((await shop.call('orders.get', { id: order.id })).notifications.find((n) => n.kind === 'shipped')).toMatchObject({ delivery: 'dead', lastError: expect.stringContaining('550') });
    await shop.call('outbox.retry', { id: item!.action.outboxId! });
    await shop.deliver();
    expect(mailsOfKind(shop, 'shipped')).toHaveLength(1);
    expect((await shop.call('exceptions.list', {})).items).toEqual([]);
  });

  it('never quotes a note a person typed with a status to the customer', async () => {
    const { shop, order } = await shopWithSentOrder();
    const po = order.supplierOrders[0]!;
    await shop.call('shipments.add', { poId: po.id, trackingNumber: UPS_BY_HAND, lines: [{ poLineId: po.lines[0]!.id, quantity: 2 }] });
    await shop.call('shipments.recordStatus', { shipmentId: 1, status: 'exception', note: 'Customer is a known chargeback risk' });
    await shop.deliver();
    const [delayed] = mailsOfKind(shop, 'delayed');
    expect(delayed!.text).not.toContain('chargeback');
    expect(delayed!.html).not.toContain('chargeback');
    const page = await shop.call('orders.get', { id: order.id });
    expect(page.shipments[0]!.events.map((e) => e.message)).toEqual(['Customer is a known chargeback risk']);
  });

  it('settles a PO whose send ended unknown when its supplier ships it: nobody is asked to send it again', async () => {
    const { shop } = await shopWithSentOrder();
    await shop.call('settings.update', { notifyOrderConfirmed: false });
    const next = await shop.readyOrder({ customer: { name: 'Jonas Weber', email: 'jonas.weber@example.com', phone: '+49 30 7654321' } });
    shop.smtp.failNext(1, { kind: 'drop_after_data' });
    await shop.call('supplierOrders.send', { orderId: next.id });
    await shop.deliver();
    const cut = (await shop.call('orders.get', { id: next.id })).supplierOrders[0]!;
    expect(cut.status).toBe('unknown');
    expect((await shop.call('exceptions.list', {})).items.map((i) => i.kind)).toContain('outbox_unknown');

    const file = Buffer.from(`PO,Tracking\n${cut.number},${UPS_BY_HAND}\n`).toString('base64');
    await shop.call('trackingFile.import', { supplierId: shop.suppliers.email, fileName: 't.csv', contentBase64: file, mapping: { poNumber: 'PO', trackingNumber: 'Tracking' } });
    const after = await shop.call('orders.get', { id: next.id });
    expect(after.supplierOrders[0]!.status).toBe('shipped');
    expect(after.stage).not.toBe('exception');
    expect((await shop.call('exceptions.list', {})).items.filter((i) => i.orderId === next.id)).toEqual([]);
  });

  it('takes a supplier API parcel that does not list its contents as everything the PO still has to ship', async () => {
    const { shop, order } = await shopWithSentOrder();
    shop.sim.setOrderScenario({ autoAcknowledgeAfterPolls: 1 });
    await syncAndDeliver(shop);
    const apiPo = order.supplierOrders[1]!;
    const remote = shop.sim.ordersByClientReference(apiPo.number)[0]!;
    const parcel = shop.sim.ship(remote.id, { listContents: false });
    expect(shop.sim.ordersByClientReference(apiPo.number)[0]!.shipments[0]!.lines).toEqual([]);
    const [after] = await syncAndDeliver(shop);
    expect(after!.shipments).toEqual([expect.objectContaining({
      poId: apiPo.id, trackingNumber: parcel.tracking_number, source: 'supplier_api',
      lines: [expect.objectContaining({ poLineId: apiPo.lines[0]!.id, quantity: 1 })],
    })]);
    expect(after!.supplierOrders[1]!.status).toBe('shipped');
  });

  it('refuses a parcel typed in wrong with the field named, and keeps nothing of it', async () => {
    const { shop, order } = await shopWithSentOrder();
    const po = order.supplierOrders[0]!;
    const line = po.lines[0]!;
    const refused = async (input: object) => {
      const result = await shop.attempt('shipments.add', { poId: po.id, lines: [{ poLineId: line.id, quantity: 1 }], ...input });
      if (result.ok) throw new Error('accepted');
      return result.error;
    };
    expect(await refused({ trackingNumber: 'PARCEL42' })).toMatchObject({ field: 'carrier', message: expect.stringContaining('choose the carrier') });
    expect(await refused({ trackingNumber: '<script>' })).toMatchObject({ field: 'trackingNumber' });
    expect(await refused({ trackingNumber: UPS_BY_HAND, lines: [{ poLineId: line.id, quantity: 3 }] })).toMatchObject({ field: 'lines.0.quantity', message: 'Only 2 of “' + line.title + '” are not in a parcel yet' });
    expect(await refused({ trackingNumber: 'PARCEL42', carrier: 'other' })).toMatchObject({ field: 'carrierName' });
    expect(await refused({ trackingNumber: 'X'.repeat(70), carrier: 'other', carrierName: 'Kurier' })).toMatchObject({ field: 'trackingNumber', message: expect.stringContaining('too long') });
    await shop.call('shipments.add', { poId: po.id, trackingNumber: 'PARCEL42', carrier: 'other', carrierName: 'Kurier Müller', lines: [{ poLineId: line.id, quantity: 1 }] });
    expect(await refused({ trackingNumber: 'parcel-42', carrier: 'other', carrierName: 'Kurier Müller' })).toMatchObject({ code: 'conflict', field: 'trackingNumber' });
    const after = await shop.call('orders.get', { id: order.id });
    expect(after.shipments.map((s) => [s.trackingNumber, s.carrierName, s.trackingUrl])).toEqual([['PARCEL42', 'Kurier Müller', null]]);
  });

  it('imports a supplier’s tracking file: one parcel per PO and number, SKUs matched, bad rows reported by line, nothing twice', async () => {
    const { shop, order } = await shopWithSentOrder();
    const po = order.supplierOrders[0]!;
    const csv = [
      '\uFEFFPO;SKU;Qty;Tracking no;Courier',
      `${po.number};${EMAIL_SKU};1;${UPS_BY_HAND};UPS`,
      `${po.number};${EMAIL_SKU};1;${ROYAL_MAIL_BY_HAND};Royal Mail`,
      `PO-999-9;${EMAIL_SKU};1;1Z879E930346834440;UPS`,
      `${po.number};NOT-OURS;1;1Z879E930346834440;UPS`,
    ].join('\r\n');
    const input = {
      supplierId: shop.suppliers.email, fileName: 'versand.csv', contentBase64: Buffer.from(csv).toString('base64'),
      mapping: { poNumber: 'PO', trackingNumber: 'Tracking no', carrier: 'Courier', supplierSku: 'SKU', quantity: 'Qty' },
    };
    const preview = await shop.call('trackingFile.preview', { supplierId: input.supplierId, fileName: input.fileName, contentBase64: input.contentBase64 });
    expect(preview.mapping).toMatchObject({ poNumber: 'PO', trackingNumber: 'Tracking no', carrier: 'Courier', supplierSku: 'SKU', quantity: 'Qty' });
    expect(await shop.call('trackingFile.import', input)).toEqual({
      shipmentsAdded: 2, alreadyKnown: 0,
      rejected: [
        { line: 4, reason: `PO number “PO-999-9” is not a supplier order of Tiergroßhandel Müller` },
        { line: 5, reason: `SKU “NOT-OURS” is not on ${po.number}` },
      ],
    });
    expect(await shop.call('trackingFile.import', input)).toMatchObject({ shipmentsAdded: 0, alreadyKnown: 2 });
    const after = await shop.call('orders.get', { id: order.id });
    expect(after.shipments.map((s) => [s.trackingNumber, s.carrier, s.source, s.lines.map((l) => l.quantity)])).toEqual([
      [UPS_BY_HAND, 'ups', 'csv', [1]], [ROYAL_MAIL_BY_HAND, 'royal_mail', 'csv', [1]],
    ]);
    expect(after.supplierOrders[0]!.status).toBe('shipped');
  });
});
