import { formatOrderNumber } from '../../../src-shared/domain/order-number';
import { deriveStage } from '../../../src-shared/domain/stage';
import { foldName } from '../../../src-shared/domain/text';
import type { Actor, ServiceDeps } from '../context';
import { ensureDemoCatalog } from './demo-catalog';
import { computeTotals } from '../../../src-shared/domain/order-totals';
import {
  makeCustomer, makeLines, mulberry32, pickScenario, shippingFor, STORY_MESSAGES, type DemoCustomer,
} from './demo-generator';

export interface LoadDemoOptions {
  orders: number;
  actor: Actor;
  /** Same seed, same shop. */
  seed?: number;
  /** Orders per transaction; between batches the event loop gets a turn so the desk stays responsive. */
  batchSize?: number;
  onProgress?: (progress: { done: number; total: number; finished: boolean }) => void;
  /** Encrypts the demo API supplier's key as every credential is (the core's secret box). */
  sealSecret: (plain: string) => Buffer;
}

const DAY = 86_400_000;
const ORDERS_PER_CUSTOMER = 3;

/**
 * Writes a realistic demo shop: customers with pets, and orders spread over the last year across every
 * stage. A bulk path on prepared statements (Kysely's per-row compile would triple a 1M-order seed), but
 * it keeps the same invariants as the order service: totals from computeTotals, stage from deriveStage,
 * a timeline for every order, each batch in one transaction.
 */
export async function loadDemoShop(deps: ServiceDeps, options: LoadDemoOptions): Promise<{ orders: number }> {
  const db = deps.sql.raw;
  const random = mulberry32(options.seed ?? 20261130);
  // Small shops still get a moving progress bar: about 25 steps, 50 to 2,000 orders each.
  const batchSize = options.batchSize ?? Math.min(2_000, Math.max(50, Math.ceil(options.orders / 25)));
  const anchor = deps.now();
  const total = options.orders;

  const insertCustomer = db.prepare('INSERT INTO customers (name, email, phone, created_at) VALUES (?, ?, ?, ?)');
  const insertPet = db.prepare('INSERT INTO pets (customer_id, name, species, breed, weight_g, diet) VALUES (?, ?, ?, ?, ?, ?)');
  const insertOrder = db.prepare(`INSERT INTO orders (number, source, external_id, customer_id, customer_name, customer_name_key,
    customer_email, customer_phone, ship_line1, ship_line2, ship_city, ship_region, ship_postcode, ship_country, currency,
    subtotal, shipping_charge, total, payment_status, fulfillment_status, has_exception, stage, notes,
    created_at, updated_at, submitted_at, cancelled_at, closed_at)
    VALUES (?, 'demo', NULL, ?, ?, ?, ?, ?, ?, '', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, '', ?, ?, ?, ?, NULL)`);
  const insertLine = db.prepare(`INSERT INTO order_lines (order_id, position, title, sku, quantity, unit_price, line_total, variant_id, supplier_id, routing_reason)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  const catalog = db.transaction(() => ensureDemoCatalog(db, random, anchor, options.sealSecret)).immediate();
  const insertEvent = db.prepare('INSERT INTO order_events (order_id, at, actor, kind, message, reason, data) VALUES (?, ?, ?, ?, ?, NULL, NULL)');
  const insertHold = db.prepare('INSERT INTO order_holds (order_id, reason, note, placed_at, placed_by) VALUES (?, ?, ?, ?, ?)');
  const reserveNumbers = db.prepare("UPDATE counters SET value = value + ? WHERE name = 'order_number' RETURNING value");
  // Customer numbers come from a counter, like order numbers, so e-mails stay unique across every load.
  db.prepare("INSERT OR IGNORE INTO counters (name, value) VALUES ('demo_customer', 0)").run();
  const nextCustomerNumber = db.prepare("UPDATE counters SET value = value + 1 WHERE name = 'demo_customer' RETURNING value");

  // Only recent customers are kept in memory.
  let customers: { id: number; data: DemoCustomer }[] = [];
  const customerFor = (index: number) => {
    if (index % ORDERS_PER_CUSTOMER === 0 || customers.length === 0) {
      const data = makeCustomer(random, (nextCustomerNumber.get() as { value: number }).value);
      const id = Number(insertCustomer.run(data.name, data.email, data.phone, anchor - 400 * DAY).lastInsertRowid);
      for (const pet of data.pets) insertPet.run(id, pet.name, pet.species, pet.breed, pet.weightG, pet.diet);
      customers.push({ id, data });
    }
    // Returning customers: most orders come from someone who ordered before.
    return random() < 0.6 ? customers[customers.length - 1]! : customers[Math.floor(random() * customers.length)]!;
  };

  const writeBatch = (from: number, count: number) => {
    const lastNumber = (reserveNumbers.get(count) as { value: number }).value;
    for (let i = 0; i < count; i += 1) {
      const index = from + i;
      const { id: customerId, data: c } = customerFor(index);
      const scenario = pickScenario(random);
      const { currency, shipping } = shippingFor(c);
      const lines = makeLines(random, c);
      const totals = computeTotals({ currency, shippingCharge: shipping, lines });
      // Older orders are further along; index 0 is the oldest, the last one is minutes old.
      const createdAt = anchor - Math.floor(((total - index) / total) * 365 * DAY) - Math.floor(random() * 3_600_000);
      const stage = deriveStage({
        submitted: scenario.submitted, cancelled: scenario.cancelled, paymentStatus: scenario.payment,
        fulfillmentStatus: scenario.fulfillment, openHolds: scenario.hold ? 1 : 0, hasException: scenario.hasException,
      });
      const storyEnd = createdAt + scenario.story.length * 2 * DAY;
      const orderId = Number(insertOrder.run(
        formatOrderNumber(lastNumber - count + 1 + i), customerId, c.name, foldName(c.name), c.email, c.phone,
        c.line1, c.city, c.region, c.postcode, c.country, currency,
        totals.subtotal.amount, shipping, totals.total.amount, scenario.payment, scenario.fulfillment,
        scenario.hasException ? 1 : 0, stage, createdAt, Math.min(storyEnd, anchor),
        scenario.submitted ? createdAt : null, scenario.cancelled ? Math.min(storyEnd, anchor) : null,
      ).lastInsertRowid);
      lines.forEach((line, position) => {
        const known = catalog.bySku.get(line.sku);
        const routed = known && scenario.submitted;
        insertLine.run(orderId, position, line.title, line.sku, line.quantity, line.unitPrice, totals.lineTotals[position]!.amount,
          known?.variantId ?? null, routed ? known.supplierId : null, routed ? `${known.supplierName} (priority 1, demo)` : '');
      });
      insertEvent.run(orderId, createdAt, options.actor.name, 'order.created', scenario.submitted ? 'Demo order received from the storefront' : 'Demo draft saved');
      scenario.story.forEach((kind, step) => {
        insertEvent.run(orderId, Math.min(createdAt + (step + 1) * 2 * DAY, anchor), 'demo', kind, STORY_MESSAGES[kind] ?? kind);
      });
      if (scenario.hold) insertHold.run(orderId, scenario.hold, 'Flagged in the demo data', createdAt, 'demo');
    }
  };

  let done = 0;
  while (done < total) {
    const count = Math.min(batchSize, total - done);
    db.transaction(() => writeBatch(done, count)).immediate();
    done += count;
    if (customers.length > 5_000) customers = customers.slice(-1_000);
    options.onProgress?.({ done, total, finished: done === total });
    // Let other requests (and progress events) through between batches.
    if (done < total) await new Promise<void>((resolve) => setImmediate(resolve));
  }
  if (total === 0) options.onProgress?.({ done: 0, total: 0, finished: true });
  return { orders: total };
}
