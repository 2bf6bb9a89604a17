/**
 * The dispatch shop of test/integration/support/dispatch-shop.ts, set up through a running host's HTTP API (for tests that run the
 * desk as a real process): SMTP at the catcher, an e-mail supplier and an API supplier (the simulator),
 * two products each offered by one supplier, and ready orders (submitted, verified, paid) with one line
 * per supplier, so each order splits into two POs.
 */
import type { OrderDetail } from '../../src-shared/domain/order';
import { validOrder } from '../fixtures/orders';
import { callDesk } from './desk-api';
import type { SmtpCatcher } from '../sim/smtp-catcher';
import type { SimProduct, SupplierSim } from '../sim/supplier-sim';

export const SHOP_DOMAIN = 'happypaws.example';
/** The same supplier SKUs as dispatch-shop.ts (not imported from it: that module opens a core in this process). */
export const EMAIL_SKU = 'TGM-ACANA-11';
export const API_SKU = 'CJ-KONG-L';

/** The API supplier's catalog in the simulator: the one SKU the shop orders from it, plenty in stock. */
export function simCatalog(): SimProduct[] {
  return [{ sku: API_SKU, title: `Product ${API_SKU}`, stock: 100_000, price: { amount: '4.20', currency: 'EUR' }, lead_time_days: 2, ships_to: ['DE'], updated_at: '2026-11-01T08:00:00Z' }];
}

export interface HttpDispatchShop {
  suppliers: { email: number; api: number };
  /** A ready order for customer number `n` (each n a different person, so no duplicate or velocity check fires). */
  readyOrder(deskUrl: string, n: number): Promise<OrderDetail>;
}

const FIRST = ['Anna', 'Ben', 'Clara', 'David', 'Emma', 'Felix', 'Greta', 'Hugo', 'Ida', 'Jonas', 'Karla', 'Lukas'];
const LAST = ['Becker', 'Fischer', 'Hoffmann', 'Klein', 'Lange', 'Meyer', 'Neumann', 'Richter', 'Schulz', 'Wagner', 'Weber', 'Wolf'];

/** The peers are only addressed (port, URL), so a test may set the shop up while they are stopped. */
export async function setUpDispatchShopOverHttp(
  deskUrl: string, smtp: Pick<SmtpCatcher, 'port'>, sim: Pick<SupplierSim, 'url'>, simKey: string,
): Promise<HttpDispatchShop> {
  await callDesk(deskUrl, 'settings.update', {
    shopName: 'Happy Paws', shopEmail: `orders@${SHOP_DOMAIN}`, shopReplyTo: `po@${SHOP_DOMAIN}`, shopAddress: '1 Main St\nBerlin',
    smtpHost: '127.0.0.1', smtpPort: smtp.port, smtpSecurity: 'starttls-opportunistic', smtpUser: '', captureRequiresSupplierAck: false,
    // Customer e-mails off: these shops are about supplier orders, and count the catcher's mail as theirs.
    notifyOrderConfirmed: false, notifyShipped: false, notifyOutForDelivery: false, notifyDelivered: false, notifyDelayed: false,
  });
  const email = await callDesk(deskUrl, 'suppliers.save', { supplier: { name: 'Tiergroßhandel Müller', channel: 'email', orderEmail: 'bestellung@tiergrosshandel.example', currency: 'EUR', shipsTo: ['DE'] } });
  const api = await callDesk(deskUrl, 'suppliers.save', { supplier: { name: 'PetSupply API', channel: 'api', apiBaseUrl: sim.url, currency: 'EUR', shipsTo: ['DE'] }, apiKey: simKey });
  const food = await callDesk(deskUrl, 'catalog.saveProduct', {
    product: { title: 'Acana Adult Dog, Lamb', brand: 'Acana', species: 'dog', lifeStage: 'adult' },
    variants: [{ sku: 'DOG-ACANA-LAMB-11', title: '11.4 kg bag', size: '11.4 kg', weightG: 11400, flavour: 'lamb', retailPrice: 8999, currency: 'EUR' }],
  });
  const toy = await callDesk(deskUrl, 'catalog.saveProduct', {
    product: { title: 'KONG Classic', brand: 'KONG', species: 'dog', lifeStage: 'all' },
    variants: [{ sku: 'DOG-KONG-CLASSIC-L', title: 'Large', size: 'L', flavour: '', retailPrice: 1499, currency: 'EUR' }],
  });
  // Stock for every order of the run: routing must never fall back to "no supplier has it".
  await callDesk(deskUrl, 'catalog.saveOffer', { variantId: food.variants[0]!.id, supplierId: email.id, supplierSku: EMAIL_SKU, cost: 5200, stock: 10_000 });
  await callDesk(deskUrl, 'catalog.saveOffer', { variantId: toy.variants[0]!.id, supplierId: api.id, supplierSku: API_SKU, cost: 420, stock: 10_000 });
  const variants = { food: food.variants[0]!.id, toy: toy.variants[0]!.id };

  return {
    suppliers: { email: email.id, api: api.id },
    async readyOrder(url, n) {
      if (!Number.isInteger(n) || n < 0 || n >= FIRST.length * LAST.length) throw new RangeError(`customer number ${n} is out of range`);
      const name = `${FIRST[n % FIRST.length]!} ${LAST[Math.floor(n / FIRST.length)]!}`;
      const base = validOrder({
        customer: { name, email: `customer${n}@example.com`, phone: '+49 30 1234567' },
        shippingAddress: { line1: `Hauptstraße ${n + 1}`, line2: '', city: 'Berlin', region: '', postcode: '10115', country: 'DE' },
      });
      const order = await callDesk(url, 'orders.create', {
        submit: true,
        order: {
          ...base,
          lines: [
            { title: 'Adult Dog Food, Lamb, 11.4 kg', sku: 'DOG-ACANA-LAMB-11', quantity: 2, unitPrice: 8999, variantId: variants.food },
            { title: 'KONG Classic, Large', sku: 'DOG-KONG-CLASSIC-L', quantity: 1, unitPrice: 1499, variantId: variants.toy },
          ],
        },
      });
      const paid = await callDesk(url, 'payments.recordManual', { orderId: order.id, method: 'bank_transfer', reference: `TX-${n}` });
      if (paid.stage !== 'ready_to_send') throw new Error(`Order ${paid.number} is ${paid.stage}, not ready to send: ${JSON.stringify(paid.nextStep)}`);
      return paid;
    },
  };
}
