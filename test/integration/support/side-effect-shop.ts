/**
 * The dispatch shop (test/integration/support/dispatch-shop.ts) with card payments on the Stripe simulator,
 * a second supplier for the food (so a rejected e-mail PO can be moved), orders of three kinds, and a second
 * connection to the desk's SQLite file: the test reads whole tables through it (what really committed) and
 * installs a fault trigger on the file (a TEMP trigger would live on this connection only, never firing for
 * the core's writes).
 */
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach } from 'vitest';
import { DATABASE_FILE_NAME } from '../../../src-main/db/open';
import type {
  DbOrder, DbOrderEvent, DbOrderHold, DbOrderLine, DbOutbox, DbPayment, DbPoLine, DbPoMessage, DbPurchaseOrder, DbSupplierOffer, Row,
} from '../../../src-main/db/schema';
import { startStripeSim, type StripeSim } from '../../sim/stripe-sim';
import { validOrder } from '../../fixtures/orders';
import { useDispatchShop, type DispatchShop } from './dispatch-shop';

export type OrderKind = 'paid' | 'card' | 'unpaid';

/** The tables an action that implies a side effect writes, or must leave alone when it is refused. */
export interface Ledger {
  outbox: Map<number, Row<DbOutbox>>;
  purchase_orders: Map<number, Row<DbPurchaseOrder>>;
  po_lines: Map<number, Row<DbPoLine>>;
  po_messages: Map<number, Row<DbPoMessage>>;
  order_events: Map<number, Row<DbOrderEvent>>;
  orders: Map<number, Row<DbOrder>>;
  order_lines: Map<number, Row<DbOrderLine>>;
  order_holds: Map<number, Row<DbOrderHold>>;
  payments: Map<number, Row<DbPayment>>;
}
export type LedgerTable = keyof Ledger;
type RowOf<T extends LedgerTable> = Ledger[T] extends Map<number, infer R> ? R : never;

const LEDGER_KEYS: { [T in LedgerTable]: string } = {
  outbox: 'id', purchase_orders: 'id', po_lines: 'id', po_messages: 'po_id', order_events: 'id', orders: 'id',
  order_lines: 'id', order_holds: 'id', payments: 'id',
};
export const LEDGER_TABLES = Object.keys(LEDGER_KEYS) as LedgerTable[];

export interface TableDiff<R> { added: R[]; removed: R[]; changed: { before: R; after: R }[] }
export type LedgerDiff = { [T in LedgerTable]: TableDiff<RowOf<T>> };

export function diffLedgers(before: Ledger, after: Ledger): LedgerDiff {
  const diff = {} as Record<LedgerTable, TableDiff<unknown>>;
  for (const table of LEDGER_TABLES) {
    const was = before[table] as Map<number, unknown>;
    const now = after[table] as Map<number, unknown>;
    const entry: TableDiff<unknown> = { added: [], removed: [], changed: [] };
    for (const [key, row] of now) {
      const old = was.get(key);
      if (old === undefined) entry.added.push(row);
      else if (JSON.stringify(old) !== JSON.stringify(row)) entry.changed.push({ before: old, after: row });
    }
    for (const [key, row] of was) if (!now.has(key)) entry.removed.push(row);
    diff[table] = entry;
  }
  return diff as LedgerDiff;
}

/** Tables the diff says were written, with what changed: `[]` when nothing was. */
export function writtenTables(diff: LedgerDiff): string[] {
  return LEDGER_TABLES.filter((t) => diff[t].added.length + diff[t].removed.length + diff[t].changed.length > 0)
    .map((t) => `${t} (+${diff[t].added.length} ~${diff[t].changed.length} -${diff[t].removed.length})`);
}

/** A statement that aborts its transaction when `guard` (SQL over the table's NEW row and the database) holds. */
export interface FaultTrigger {
  on: 'INSERT' | 'UPDATE';
  table: 'order_events' | 'purchase_orders' | 'orders' | 'outbox';
  guard: string;
}
export const INJECTED_FAULT = 'injected fault after the outbox write';
const TRIGGER_NAME = 'test_injected_fault';

export interface SideEffectShop {
  shop: DispatchShop;
  stripe: StripeSim;
  /** Every row of the ledger tables as committed now (read through the test's own connection). */
  ledger(): Ledger;
  offers: Row<DbSupplierOffer>[];
  /** A submitted order of the kind: 'paid' (manual bank transfer, ready to send), 'card' (a Stripe authorization), 'unpaid'. */
  makeOrder(kind: OrderKind): Promise<number>;
  /** Installs the trigger on the database file; returns its removal. */
  injectFault(fault: FaultTrigger): () => void;
}

export function useSideEffectShop(): () => Promise<SideEffectShop> {
  const openShop = useDispatchShop();
  const closers: (() => Promise<void> | void)[] = [];
  afterEach(async () => {
    for (const close of closers.splice(0).reverse()) await close();
  });

  return async () => {
    const shop = await openShop();
    // Stripe's clock is the desk's, so authorizations expire (or not) on the time the desk sees.
    const stripe = await startStripeSim({ now: () => Math.floor(shop.clock.now() / 1000) });
    closers.push(() => stripe.close());
    await shop.call('settings.update', { stripeApiUrl: stripe.url, stripeSecretKey: stripe.apiKey });
    const db = new Database(join(shop.dataDir, DATABASE_FILE_NAME));
    db.pragma('busy_timeout = 5000');
    closers.push(() => { db.close(); });

    const variant = (sku: string) => (db.prepare('SELECT id FROM variants WHERE sku = ?').get(sku) as { id: number }).id;
    const food = variant('DOG-ACANA-LAMB-11');
    const toy = variant('DOG-KONG-CLASSIC-L');
    // The API supplier also sells the food, as second choice: where a rejected e-mail PO's line is moved to.
    await shop.call('catalog.saveOffer', { variantId: food, supplierId: shop.suppliers.api, supplierSku: 'CJ-OTHER', cost: 5400, stock: 30, priority: 2 });
    const offers = db.prepare('SELECT * FROM supplier_offers ORDER BY id').all() as Row<DbSupplierOffer>[];

    const ledger = (): Ledger => {
      const read = <T extends LedgerTable>(table: T) => new Map((db.prepare(`SELECT * FROM ${table}`).all() as Record<string, unknown>[])
        .map((row) => [row[LEDGER_KEYS[table]] as number, row])) as Ledger[T];
      return Object.fromEntries(LEDGER_TABLES.map((t) => [t, read(t)])) as unknown as Ledger;
    };

    let customers = 0;
    // Each order has its own customer and address: the same one twice would be held as a possible duplicate.
    const customer = () => {
      customers += 1;
      return {
        customer: { name: `Kunde ${customers}`, email: `kunde${customers}@example.com`, phone: '+49 30 1234567' },
        shippingAddress: { line1: `Hauptstraße ${customers}`, line2: '', city: 'Berlin', region: '', postcode: '10115', country: 'DE' },
      };
    };
    const lines = [
      { title: 'Adult Dog Food, Lamb, 11.4 kg', sku: 'DOG-ACANA-LAMB-11', quantity: 2, unitPrice: 8999, variantId: food },
      { title: 'KONG Classic, Large', sku: 'DOG-KONG-CLASSIC-L', quantity: 1, unitPrice: 1499, variantId: toy },
    ];

    const makeOrder = async (kind: OrderKind): Promise<number> => {
      if (kind === 'paid') return (await shop.readyOrder(customer())).id;
      const order = await shop.call('orders.create', { submit: true, order: { ...validOrder(customer()), lines } });
      if (order.stage !== 'ready_to_pay') throw new Error(`A new order is ${order.stage}, not ready to pay`);
      if (kind === 'card') {
        const intent = stripe.createAuthorizedIntent({ amount: order.total.amount, currency: 'eur', metadata: { order: order.number } });
        const attached = await shop.call('payments.attachStripe', { orderId: order.id, paymentIntentId: intent });
        if (attached.stage !== 'ready_to_send') throw new Error(`An authorized order is ${attached.stage}, not ready to send`);
      }
      return order.id;
    };

    const injectFault = (fault: FaultTrigger) => {
      db.exec(`CREATE TRIGGER ${TRIGGER_NAME} AFTER ${fault.on} ON ${fault.table} WHEN (${fault.guard})
        BEGIN SELECT RAISE(ABORT, '${INJECTED_FAULT}'); END;`);
      return () => db.exec(`DROP TRIGGER ${TRIGGER_NAME}`);
    };

    return { shop, stripe, ledger, offers, makeOrder, injectFault };
  };
}
