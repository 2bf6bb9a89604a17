import { describe, expect, it } from 'vitest';
import { chooseSupplier, type RoutingOffer } from '../../src-shared/domain/routing';

const offer = (supplierId: number, priority: number, stock: number, extra: Partial<RoutingOffer> = {}): RoutingOffer => ({
  supplierId, supplierName: `Supplier ${supplierId}`, priority, stock, shipsTo: [], active: true, ...extra,
});

describe('chooseSupplier', () => {
  it.each<[string, number, string, RoutingOffer[], number | null, RegExp]>([
    ['highest priority with stock', 2, 'DE', [offer(1, 2, 50), offer(2, 1, 50)], 2, /^Supplier 2 \(priority 1, 50 in stock\)$/],
    ['falls back when the first has too few', 3, 'DE', [offer(1, 1, 2), offer(2, 2, 9)], 2, /passed over: Supplier 1 has only 2 in stock/],
    ['exactly enough stock is enough', 3, 'DE', [offer(1, 1, 3)], 1, /Supplier 1/],
    ['skips one that does not ship there', 1, 'FR', [offer(1, 1, 9, { shipsTo: ['DE', 'AT'] }), offer(2, 2, 9, { shipsTo: ['FR'] })], 2, /Supplier 1 does not ship to France/],
    ['empty ships-to means everywhere', 1, 'JP', [offer(1, 1, 9, { shipsTo: [] })], 1, /Supplier 1/],
    ['skips a paused supplier', 1, 'DE', [offer(1, 1, 9, { active: false }), offer(2, 5, 9)], 2, /Supplier 1 is paused/],
    ['ties on priority go to the lower id', 1, 'DE', [offer(7, 1, 9), offer(3, 1, 9)], 3, /Supplier 3/],
    ['nobody has enough', 5, 'DE', [offer(1, 1, 0), offer(2, 2, 4)], null, /^No supplier can send 5 to Germany: Supplier 1 has none in stock; Supplier 2 has only 4 in stock$/],
    ['nobody ships there', 1, 'US', [offer(1, 1, 9, { shipsTo: ['DE'] })], null, /Supplier 1 does not ship to United States/],
    ['no offers at all', 1, 'DE', [], null, /^No supplier offers this item$/],
  ])('%s', (_label, quantity, destination, offers, supplierId, reason) => {
    const decision = chooseSupplier(quantity, destination, offers);
    expect(decision.supplierId).toBe(supplierId);
    expect(decision.reason).toMatch(reason);
  });
});
