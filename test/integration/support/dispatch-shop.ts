/**
 * A shop ready to send supplier orders, on real parts: a desk on a real SQLite file (its outbox stepped by the
 * test), a real SMTP server (the catcher) for the e-mail supplier and the supplier simulator for the API
 * supplier, both on 127.0.0.1. Two products, each offered by one supplier, so a two-line order splits in two.
 */
import { afterEach } from 'vitest';
import { openCore, type Core } from '../../../src-main/core/core';
import type { Logger } from '../../../src-main/core/logger';
import type { ProcedureName } from '../../../src-shared/contract/names';
import type { ProcedureInput, ProcedureOutput } from '../../../src-shared/contract/procedures';
import type { ApiResult } from '../../../src-shared/contract/errors';
import type { OrderDetail } from '../../../src-shared/domain/order';
import { startSmtpCatcher, type SmtpCatcher, type SmtpCatcherOptions } from '../../sim/smtp-catcher';
import { startSupplierSim, type SimProduct, type SupplierSim } from '../../sim/supplier-sim';
import { validOrder } from '../../fixtures/orders';
import { useTempDirs } from './temp-dir';

export const SIM_KEY = 'sim_dispatch_key_7f3a9c';
export const EMAIL_SKU = 'TGM-ACANA-11';
export const API_SKU = 'CJ-KONG-L';

export interface DispatchShop {
  core: Core;
  dataDir: string;
  smtp: SmtpCatcher;
  sim: SupplierSim;
  clock: { now(): number; advance(ms: number): void };
  log: string[];
  call<N extends ProcedureName>(name: N, input: ProcedureInput<N>): Promise<ProcedureOutput<N>>;
  attempt(name: string, input: unknown): Promise<ApiResult<unknown>>;
  /** Steps the outbox: `rounds` drains, moving the clock 20 minutes (past any back-off) after each. */
  deliver(rounds?: number): Promise<void>;
  /** A submitted, verified, paid order with one line per supplier. */
  readyOrder(change?: Parameters<typeof validOrder>[0]): Promise<OrderDetail>;
  suppliers: { email: number; api: number };
  /** Opens the same data dir again (after close()), with the same sims. */
  reopen(): DispatchShop;
}

function simProduct(sku: string, stock: number): SimProduct {
  return { sku, title: `Product ${sku}`, stock, price: { amount: '4.20', currency: 'EUR' }, lead_time_days: 2, ships_to: ['DE'], updated_at: '2026-11-01T08:00:00Z' };
}

export function useDispatchShop() {
  const makeDir = useTempDirs();
  const cleanups: (() => Promise<void> | void)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  /**
   * `customerEmails`: the customer notifications (issue 6) stay on. Off by default, so that a test about
   * supplier orders counts only the supplier's e-mails in the catcher and the outbox.
   */
  return async (options: { smtp?: SmtpCatcherOptions; customerEmails?: boolean } = {}): Promise<DispatchShop> => {
    const smtp = await startSmtpCatcher(options.smtp);
    cleanups.push(() => smtp.close());
    const sim = await startSupplierSim({ apiKey: SIM_KEY, catalog: [simProduct(API_SKU, 500), simProduct('CJ-OTHER', 5)] });
    cleanups.push(() => sim.close());
    const dataDir = makeDir();
    let now = Date.parse('2026-11-30T10:00:00Z');
    const clock = { now: () => now, advance: (ms: number) => { now += ms; } };
    const log: string[] = [];

    const open = (): DispatchShop => {
      const logger: Logger = { info: (m) => log.push(m), warn: (m) => log.push(m), error: (m, e) => log.push(`${m} ${e instanceof Error ? e.stack : String(e)}`) };
      const core = openCore({ dataDir, host: 'browser', version: 'test', logger, now: clock.now, dailyBackup: false, backgroundWork: false });
      cleanups.push(() => core.close());
      const ctx = { actor: { name: 'owner' } };
      const shop: DispatchShop = {
        core, dataDir, smtp, sim, clock, log,
        async call(name, input) {
          const result = await core.dispatch(name, input, ctx);
          if (!result.ok) throw new Error(`${name} failed: ${JSON.stringify(result.error)}`);
          return result.value as never;
        },
        attempt: (name, input) => core.dispatch(name as never, input as never, ctx),
        async deliver(rounds = 1) {
          for (let round = 0; round < rounds; round += 1) {
            await core.background.outbox.drain();
            clock.advance(20 * 60_000);
          }
        },
        readyOrder: async () => { throw new Error('set up first'); },
        suppliers: { email: 0, api: 0 },
        reopen: () => open(),
      };
      return shop;
    };

    const shop = open();
    await shop.call('settings.update', {
      shopName: 'Happy Paws', shopEmail: 'orders@happypaws.example', shopReplyTo: 'po@happypaws.example', shopAddress: '1 Main St\nBerlin',
      smtpHost: '127.0.0.1', smtpPort: smtp.port, smtpSecurity: 'starttls-opportunistic', smtpUser: '', captureRequiresSupplierAck: false,
      ...(options.customerEmails ? {} : {
        notifyOrderConfirmed: false, notifyShipped: false, notifyOutForDelivery: false, notifyDelivered: false, notifyDelayed: false,
      }),
    });
    const email = await shop.call('suppliers.save', { supplier: { name: 'Tiergroßhandel Müller', channel: 'email', orderEmail: 'bestellung@tiergrosshandel.example', currency: 'EUR', shipsTo: ['DE'] } });
    const api = await shop.call('suppliers.save', { supplier: { name: 'PetSupply API', channel: 'api', apiBaseUrl: sim.url, currency: 'EUR', shipsTo: ['DE'] }, apiKey: SIM_KEY });
    const food = await shop.call('catalog.saveProduct', {
      product: { title: 'Acana Adult Dog, Lamb', brand: 'Acana', species: 'dog', lifeStage: 'adult' },
      variants: [{ sku: 'DOG-ACANA-LAMB-11', title: '11.4 kg bag', size: '11.4 kg', weightG: 11400, flavour: 'lamb', retailPrice: 8999, currency: 'EUR' }],
    });
    const toy = await shop.call('catalog.saveProduct', {
      product: { title: 'KONG Classic', brand: 'KONG', species: 'dog', lifeStage: 'all' },
      variants: [{ sku: 'DOG-KONG-CLASSIC-L', title: 'Large', size: 'L', flavour: '', retailPrice: 1499, currency: 'EUR' }],
    });
    await shop.call('catalog.saveOffer', { variantId: food.variants[0]!.id, supplierId: email.id, supplierSku: EMAIL_SKU, cost: 5200, stock: 40 });
    await shop.call('catalog.saveOffer', { variantId: toy.variants[0]!.id, supplierId: api.id, supplierSku: API_SKU, cost: 420, stock: 100 });
    shop.suppliers = { email: email.id, api: api.id };
    const variants = { food: food.variants[0]!.id, toy: toy.variants[0]!.id };

    const readyOrder = async (change: Parameters<typeof validOrder>[0] = {}) => {
      const base = validOrder(change);
      const order = await shop.call('orders.create', {
        submit: true,
        order: {
          ...base,
          lines: change.lines ?? [
            { title: 'Adult Dog Food, Lamb, 11.4 kg', sku: 'DOG-ACANA-LAMB-11', quantity: 2, unitPrice: 8999, variantId: variants.food },
            { title: 'KONG Classic, Large', sku: 'DOG-KONG-CLASSIC-L', quantity: 1, unitPrice: 1499, variantId: variants.toy },
          ],
        },
      });
      await shop.call('payments.recordManual', { orderId: order.id, method: 'bank_transfer', reference: 'TX-1' });
      const ready = await shop.call('orders.get', { id: order.id });
      if (ready.stage !== 'ready_to_send') throw new Error(`The order is ${ready.stage}, not ready to send: ${JSON.stringify(ready.nextStep)}`);
      return ready;
    };
    shop.readyOrder = readyOrder;
    const baseReopen = shop.reopen;
    shop.reopen = () => Object.assign(baseReopen(), { suppliers: shop.suppliers, readyOrder });
    return shop;
  };
}

/** The simulator's catalog as useDispatchShop starts it, for a test that starts another simulator (e.g. on the same port). */
export function dispatchSimCatalog(): SimProduct[] {
  return [simProduct(API_SKU, 500), simProduct('CJ-OTHER', 5)];
}
