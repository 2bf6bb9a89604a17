/**
 * The exceptions inbox on real parts: each thing that needs a person is listed once with its reason and the
 * one action that resolves it, and taking that action (through the procedure the item names) empties it.
 */
import { describe, expect, it } from 'vitest';
import type { ExceptionItem } from '../../src-shared/domain/exceptions';
import { API_SKU, useDispatchShop, type DispatchShop } from './support/dispatch-shop';

const openShop = useDispatchShop();

const inbox = async (shop: DispatchShop) => (await shop.call('exceptions.list', {})).items;
const kinds = (items: ExceptionItem[]) => items.map((item) => [item.kind, item.action.kind]);

describe('exceptions inbox', () => {
  it('lists a backorder, a rejection, a hold placed by hand and a PO that could not be sent, each resolved by its own action', async () => {
    const shop = await openShop();
    expect(await inbox(shop)).toEqual([]);
    expect(await shop.call('exceptions.count', {})).toEqual({ count: 0 });

    const order = await shop.readyOrder();
    // The e-mail supplier's server refuses the address for good: that PO is not sent.
    shop.smtp.failNext(1, { kind: 'reply', stage: 'rcpt', code: 550 });
    await shop.call('supplierOrders.send', { orderId: order.id });
    await shop.deliver();
    const sent = await shop.call('orders.get', { id: order.id });
    const [emailPo, apiPo] = sent.supplierOrders;
    expect(emailPo!.status).toBe('on_hold');
    // The API supplier backorders the toy.
    shop.sim.acknowledge(shop.sim.ordersByClientReference(apiPo!.number)[0]!.id, { lines: { [API_SKU]: { status: 'backordered', expected_date: '2026-12-20' } } });
    await shop.call('supplierOrders.refresh', { poId: apiPo!.id });
    const other = await shop.readyOrder({ customer: { name: 'Jonas Weber', email: 'jonas.weber@example.com', phone: '+49 30 7654321' } });
    await shop.call('holds.place', { orderId: other.id, note: 'Customer asked us to wait for a second item' });

    const items = await inbox(shop);
    expect(kinds(items)).toEqual(expect.arrayContaining([
      ['outbox_dead', 'retry_outbox'], ['backordered', 'reroute'], ['hold', 'release_hold'],
    ]));
    expect(items).toHaveLength(3);
    expect(await shop.call('exceptions.count', {})).toEqual({ count: 3 });
    expect((await shop.call('exceptions.list', {})).byKind).toEqual({ outbox_dead: 1, backordered: 1, hold: 1 });
    const dead = items.find((i) => i.kind === 'outbox_dead')!;
    expect(dead).toMatchObject({ orderId: order.id, orderNumber: order.number, customerName: 'Zoë Müller' });
    expect(dead.reason).toMatch(new RegExp(`^Supplier order ${emailPo!.number}: could not be sent — .*550`));
    expect(items.find((i) => i.kind === 'backordered')!.action.poId).toBe(apiPo!.id);
    expect(items.find((i) => i.kind === 'hold')!.reason).toBe('Customer asked us to wait for a second item');

    // Each action, as the inbox names it.
    await shop.call('outbox.retry', { id: dead.action.outboxId! });
    await shop.deliver();
    const hold = items.find((i) => i.kind === 'hold')!;
    await shop.call('holds.release', { orderId: hold.orderId, holdId: hold.action.holdId!, note: 'Second item arrived' });
    expect(kinds(await inbox(shop))).toEqual([['backordered', 'reroute']]);
    expect((await shop.call('orders.get', { id: order.id })).supplierOrders[0]!.status).toBe('sent');
  });

  it('offers moving a rejected line to the next supplier, and the item is gone once it is moved', async () => {
    const shop = await openShop();
    const order = await shop.readyOrder();
    await shop.call('supplierOrders.send', { orderId: order.id });
    await shop.deliver();
    const apiPo = (await shop.call('orders.get', { id: order.id })).supplierOrders[1]!;
    shop.sim.acknowledge(shop.sim.ordersByClientReference(apiPo.number)[0]!.id, { lines: { [API_SKU]: { status: 'rejected', reason: 'Discontinued', reason_code: 'discontinued' } } });
    await shop.call('supplierOrders.refresh', { poId: apiPo.id });
    const [rejected] = await inbox(shop);
    expect(rejected).toMatchObject({ kind: 'supplier_rejected', orderId: order.id, action: { kind: 'reroute', poId: apiPo.id, needsNote: false } });
    // No other supplier offers the toy: the reroute says so, and the item stays for a person.
    const refused = await shop.attempt('supplierOrders.reroute', { poId: rejected!.action.poId });
    expect(refused.ok).toBe(false);
    expect(kinds(await inbox(shop))).toEqual([['supplier_rejected', 'reroute']]);
  });
});
