import petStore from '../../../resources/demo/pet-store.json';
import type { FulfillmentStatus, PaymentStatus } from '../../../src-shared/domain/order-status';
import type { HoldReason } from '../../../src-shared/domain/holds';
import type { Stage } from '../../../src-shared/domain/stage';

/**
 * Deterministic pet-store data: the same seed gives the same customers, pets and orders, so benchmarks
 * and screenshots compare like with like. Only timestamps move, relative to the anchor time given.
 */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export type Random = () => number;
const pick = <T>(random: Random, items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
const between = (random: Random, min: number, max: number) => min + Math.floor(random() * (max - min + 1));

type Species = keyof typeof petStore.pets;
type CountryCode = keyof typeof petStore.addresses;
const COUNTRIES = Object.keys(petStore.addresses) as CountryCode[];

export interface DemoPet { name: string; species: Species; breed: string; weightG: number; diet: string }
export interface DemoCustomer {
  name: string; email: string; phone: string; country: CountryCode;
  line1: string; city: string; region: string; postcode: string; pets: DemoPet[];
}

export function makeCustomer(random: Random, index: number): DemoCustomer {
  const first = pick(random, petStore.firstNames);
  const last = pick(random, petStore.lastNames);
  const country = pick(random, COUNTRIES);
  const place = petStore.addresses[country];
  const [city, region, postcode] = pick(random, place.cities) as [string, string, string];
  const emailLocal = `${first}.${last}`.normalize('NFKD').replace(/\p{M}/gu, '').replace(/[^A-Za-z.]/g, '').toLowerCase();
  const pets: DemoPet[] = Array.from({ length: between(random, 0, 3) }, () => {
    const species = pick(random, Object.keys(petStore.pets) as Species[]);
    const kind = petStore.pets[species];
    return {
      name: pick(random, kind.names), species, breed: pick(random, kind.breeds),
      weightG: between(random, kind.weightG[0] ?? 1, kind.weightG[1] ?? 1), diet: pick(random, kind.diets),
    };
  });
  return {
    name: `${first} ${last}`,
    // The index keeps e-mails unique, as the customers table requires.
    email: `${emailLocal}.${index}@${pick(random, petStore.emailDomains)}`,
    phone: country === 'US' || country === 'CA' ? `+1 555 01${String(between(random, 0, 99)).padStart(2, '0')}` : '',
    country, line1: `${between(random, 1, 240)} ${pick(random, place.streets)}`, city, region, postcode, pets,
  };
}

export interface DemoLine { title: string; sku: string; quantity: number; unitPrice: number }

/** What an order looks like at each stage: the axes, an open hold, and the story its timeline tells. */
interface Scenario {
  stage: Stage;
  weight: number;
  payment: PaymentStatus;
  fulfillment: FulfillmentStatus;
  submitted: boolean;
  cancelled: boolean;
  hasException: boolean;
  hold?: HoldReason;
  story: readonly string[];
}

export const SCENARIOS: readonly Scenario[] = [
  { stage: 'draft', weight: 3, payment: 'unpaid', fulfillment: 'unfulfilled', submitted: false, cancelled: false, hasException: false, story: [] },
  { stage: 'needs_review', weight: 6, payment: 'unpaid', fulfillment: 'unfulfilled', submitted: true, cancelled: false, hasException: false, hold: 'INCORRECT_ADDRESS', story: ['order.hold_placed'] },
  { stage: 'needs_review', weight: 2, payment: 'authorized', fulfillment: 'unfulfilled', submitted: true, cancelled: false, hasException: false, hold: 'HIGH_RISK_OF_FRAUD', story: ['payment.authorized', 'order.hold_placed'] },
  { stage: 'ready_to_pay', weight: 8, payment: 'unpaid', fulfillment: 'unfulfilled', submitted: true, cancelled: false, hasException: false, story: [] },
  { stage: 'ready_to_send', weight: 8, payment: 'paid', fulfillment: 'unfulfilled', submitted: true, cancelled: false, hasException: false, story: ['payment.captured'] },
  { stage: 'awaiting_supplier', weight: 10, payment: 'paid', fulfillment: 'in_progress', submitted: true, cancelled: false, hasException: false, story: ['payment.captured', 'supplier_order.sent'] },
  { stage: 'shipped', weight: 15, payment: 'paid', fulfillment: 'fulfilled', submitted: true, cancelled: false, hasException: false, story: ['payment.captured', 'supplier_order.sent', 'shipment.shipped'] },
  { stage: 'delivered', weight: 40, payment: 'paid', fulfillment: 'delivered', submitted: true, cancelled: false, hasException: false, story: ['payment.captured', 'supplier_order.sent', 'shipment.shipped', 'shipment.delivered'] },
  { stage: 'cancelled', weight: 5, payment: 'voided', fulfillment: 'unfulfilled', submitted: true, cancelled: true, hasException: false, story: ['order.cancelled'] },
  { stage: 'exception', weight: 3, payment: 'paid', fulfillment: 'in_progress', submitted: true, cancelled: false, hasException: true, story: ['payment.captured', 'supplier_order.sent', 'supplier_order.rejected'] },
];
const TOTAL_WEIGHT = SCENARIOS.reduce((sum, s) => sum + s.weight, 0);

export function pickScenario(random: Random): Scenario {
  let roll = random() * TOTAL_WEIGHT;
  for (const scenario of SCENARIOS) {
    roll -= scenario.weight;
    if (roll < 0) return scenario;
  }
  return SCENARIOS[SCENARIOS.length - 1] as Scenario;
}

export const STORY_MESSAGES: Record<string, string> = {
  'order.hold_placed': 'Placed on hold for review',
  'payment.authorized': 'Card payment authorized',
  'payment.captured': 'Payment received',
  'supplier_order.sent': 'Purchase order sent to the supplier',
  'supplier_order.rejected': 'Supplier rejected the purchase order: item discontinued',
  'shipment.shipped': 'Supplier shipped the parcel',
  'shipment.delivered': 'Carrier reported the parcel delivered',
  'order.cancelled': 'Order cancelled at the customer’s request',
};

export function makeLines(random: Random, customer: DemoCustomer): DemoLine[] {
  const species = new Set(customer.pets.map((p) => p.species));
  const suited = petStore.products.filter((p) => species.size === 0 || species.has(p.species as Species));
  return Array.from({ length: between(random, 1, 3) }, () => {
    const product = pick(random, suited.length > 0 ? suited : petStore.products);
    return { title: product.title, sku: product.sku, quantity: random() < 0.8 ? 1 : between(random, 2, 4), unitPrice: product.price };
  });
}

export function shippingFor(customer: DemoCustomer): { currency: string; shipping: number } {
  const place = petStore.addresses[customer.country];
  return { currency: place.currency, shipping: place.shipping };
}
