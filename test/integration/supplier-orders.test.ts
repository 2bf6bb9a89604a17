/**
 * Supplier orders end to end in the core: a ready order splits into one PO per supplier, goes out through
 * the outbox to a real SMTP server and the supplier simulator, and the suppliers' answers come back by hand
 * (e-mail) or by polling (API).
 */
import { describe, expect, it } from 'vitest';
import { API_SKU, EMAIL_SKU, SIM_KEY, useDispatchShop } from './support/dispatch-shop';

const openShop = useDispatchShop();

describe('supplier orders', () => {
  it('splits a ready order into one PO per supplier, sends the e-mail and the API order once, and reads the answers back', async () => {
    const shop = await openShop();
    const order = await shop.readyOrder();
    expect(order.nextStep.kind).toBe('send');

    const prepared = await shop.call('supplierOrders.prepare', { orderId: order.id });
    expect(prepared.supplierOrders.map((po) => [po.number, po.status, po.channel, po.lines.map((l) => [l.supplierSku, l.quantity, l.unitCost.amount])])).toEqual([
      [`PO-${order.number.slice(3)}-1`, 'draft', 'email', [[EMAIL_SKU, 2, 5200]]],
      [`PO-${order.number.slice(3)}-2`, 'draft', 'api', [[API_SKU, 1, 420]]],
    ]);
    const [emailPo, apiPo] = prepared.supplierOrders;
    const preview = await shop.call('supplierOrders.preview', { poId: emailPo!.id });
    expect(preview).toMatchObject({ destination: 'bestellung@tiergrosshandel.example', problems: [] });
    expect(preview.subject).toContain(emailPo!.number);
    expect(preview.attachments.map((a) => a.filename)).toEqual([`${emailPo!.number}.csv`, `${emailPo!.number}.pdf`]);

    const sent = await shop.call('supplierOrders.send', { orderId: order.id });
    expect(sent.supplierOrders.map((po) => po.status)).toEqual(['queued', 'queued']);
    expect(sent.fulfillmentStatus).toBe('in_progress');
    expect(sent.stage).toBe('awaiting_supplier');
    expect(await shop.call('outbox.summary', {})).toMatchObject({ queued: 2, retrying: 0, needsPerson: 0 });

    await shop.deliver();
    const delivered = await shop.call('orders.get', { id: order.id });
    expect(delivered.supplierOrders.map((po) => po.status)).toEqual(['sent', 'sent']);
    expect(shop.smtp.messages).toHaveLength(1);
    const mail = shop.smtp.messages[0]!;
    expect(mail.envelope.to).toEqual(['bestellung@tiergrosshandel.example']);
    expect(mail.messageId).toBe(`<po-${emailPo!.number}.petdrop@happypaws.example>`);
    expect(mail.subject).toContain(emailPo!.number);
    expect(mail.text).toContain(EMAIL_SKU);
    expect(mail.attachments.map((a) => a.filename)).toEqual([`${emailPo!.number}.csv`, `${emailPo!.number}.pdf`]);
    expect(shop.sim.ordersByClientReference(apiPo!.number)).toHaveLength(1);

    // The e-mail supplier answered by e-mail; the owner types it in.
    await shop.call('supplierOrders.confirm', {
      poId: emailPo!.id, supplierReference: 'TGM-55120', lines: [{ lineId: emailPo!.lines[0]!.id, status: 'confirmed' }],
    });
    // The API supplier acknowledges; the desk finds out by asking.
    const remote = shop.sim.ordersByClientReference(apiPo!.number)[0]!;
    shop.sim.acknowledge(remote.id, { supplierReference: 'SUP-1' });
    const checked = await shop.call('supplierOrders.refresh', { poId: apiPo!.id });
    expect(checked.supplierOrders.map((po) => [po.status, po.supplierReference])).toEqual([['acknowledged', 'TGM-55120'], ['acknowledged', 'SUP-1']]);
    expect(await shop.call('outbox.summary', {})).toMatchObject({ queued: 0, retrying: 0, needsPerson: 0 });
    // The supplier's API key went to the supplier on every call, and nowhere into what the page receives.
    expect(shop.sim.requestsTo('/v1/orders').length).toBeGreaterThan(0);
    expect(JSON.stringify(checked)).not.toContain(SIM_KEY);
  });

  it('waits out a back-off while the mail server refuses, and "retry now" makes the waiting rows due at once', async () => {
    const shop = await openShop();
    const order = await shop.readyOrder({ lines: undefined });
    shop.smtp.failNext(1, { kind: 'reply', stage: 'rcpt', code: 451 });
    shop.sim.failNext('POST /v1/orders', 1, { kind: 'error', status: 503 });
    await shop.call('supplierOrders.send', { orderId: order.id });
    await shop.core.background.outbox.drain();
    const waiting = await shop.call('outbox.summary', {});
    expect(waiting).toMatchObject({ queued: 0, retrying: 2, needsPerson: 0, lastError: expect.any(String) });
    // Nothing is due before the back-off ends (the clock has not moved)…
    expect(await shop.core.background.outbox.drain()).toBe(0);
    // …until the person says the network is back.
    expect(await shop.call('outbox.retryNow', {})).toMatchObject({ retrying: 2 });
    expect(await shop.core.background.outbox.drain()).toBe(2);
    const sent = await shop.call('orders.get', { id: order.id });
    expect(sent.supplierOrders.map((po) => po.status)).toEqual(['sent', 'sent']);
    expect(shop.smtp.messages).toHaveLength(1);
    expect(shop.sim.orders()).toHaveLength(1);
    expect(await shop.call('outbox.summary', {})).toMatchObject({ queued: 0, retrying: 0, needsPerson: 0 });
  });

  it('takes back queued POs when the order is cancelled offline, and asks for a supplier cancellation once one was sent', async () => {
    const shop = await openShop();
    const queued = await shop.readyOrder();
    await shop.call('supplierOrders.send', { orderId: queued.id });
    const cancelled = await shop.call('orders.cancel', { id: queued.id, reason: 'Customer changed their mind' });
    expect(cancelled.supplierOrders.map((po) => po.status)).toEqual(['cancelled', 'cancelled']);
    expect(cancelled.stage).toBe('cancelled');
    await shop.deliver(2);
    expect(shop.smtp.messages).toHaveLength(0);
    expect(shop.sim.orders()).toHaveLength(0);
    expect(await shop.call('outbox.summary', {})).toMatchObject({ queued: 0, retrying: 0, needsPerson: 0 });

    const sent = await shop.readyOrder();
    await shop.call('supplierOrders.send', { orderId: sent.id });
    await shop.deliver();
    const late = await shop.call('orders.cancel', { id: sent.id, reason: 'Fraud confirmed by the bank' });
    expect(late.supplierOrders.map((po) => po.status)).toEqual(['cancellation_requested', 'cancellation_requested']);
    expect(late.timeline.find((e) => e.kind === 'po.cancellation_needed')?.message).toContain('Tiergroßhandel Müller');
  });

  it('withdraws a PO the supplier’s system refused, frees its lines, and sends them again under a new number', async () => {
    const shop = await openShop();
    const order = await shop.readyOrder();
    shop.smtp.failNext(1, { kind: 'reply', stage: 'rcpt', code: 550 });
    await shop.call('supplierOrders.send', { orderId: order.id });
    await shop.deliver();
    const held = await shop.call('orders.get', { id: order.id });
    const refused = held.supplierOrders[0]!;
    expect(refused.status).toBe('on_hold');
    expect(held.stage).toBe('exception');

    const sentPo = held.supplierOrders[1]!;
    const notWithdrawable = await shop.attempt('supplierOrders.withdraw', { poId: sentPo.id, note: 'Wrong supplier' });
    expect(notWithdrawable).toMatchObject({ ok: false, error: { code: 'invalid_state', field: 'poId' } });

    const withdrawn = await shop.call('supplierOrders.withdraw', { poId: refused.id, note: 'Their mailbox refuses us; ordering by phone instead' });
    expect(withdrawn.supplierOrders.map((po) => po.status)).toEqual(['cancelled', 'sent']);
    expect(withdrawn.stage).toBe('awaiting_supplier');
    expect(await shop.call('outbox.summary', {})).toMatchObject({ queued: 0, retrying: 0, needsPerson: 0 });

    const again = await shop.call('supplierOrders.send', { orderId: order.id });
    expect(again.supplierOrders.map((po) => [po.number.split('-').pop(), po.status])).toEqual([['1', 'cancelled'], ['2', 'sent'], ['3', 'queued']]);
    await shop.deliver();
    expect(shop.smtp.messages.map((m) => m.headers.get('x-petdrop-po'))).toEqual([again.supplierOrders[2]!.number]);
  });
});
