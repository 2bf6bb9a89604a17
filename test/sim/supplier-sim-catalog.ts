/**
 * The simulated supplier's catalog, in the supplier's own wire shape (what `GET /v1/products` returns).
 *
 * The simulator deliberately does not import the desk's money or country code: it is the *other side*
 * of the contract, so a bug in the desk's conversion must not be mirrored here and hidden.
 */

export interface SimPrice {
  /** A decimal string ("12.50", "1500" for JPY), as real wholesaler APIs send it. */
  amount: string;
  currency: string;
}

export interface SimProduct {
  sku: string;
  title: string;
  stock: number;
  price: SimPrice;
  lead_time_days: number;
  ships_to: string[];
  /** ISO 8601 UTC, second precision. */
  updated_at: string;
}

export interface GeneratedCatalogOptions {
  seed: number;
  count: number;
  /** Default EUR. JPY/KWD etc. change how many decimals the price strings carry. */
  currency?: string;
  /** SKU prefix, like a supplier's own ("CJ" gives CJ-DOG-0001). Default "CJ". */
  skuPrefix?: string;
  /** `updated_at` values fall within the 30 days before this instant. Default 2026-11-30T08:00:00Z. */
  anchor?: Date;
}

/** Minor-unit digits for the currencies a test is likely to ask for; ISO 4217's default is 2. */
const DIGITS: Record<string, number> = { JPY: 0, KRW: 0, HUF: 2, KWD: 3, BHD: 3, JOD: 3, OMR: 3, TND: 3 };

/** Formats integer minor units as the supplier's decimal string, without floats. */
export function decimalString(minor: number, currency: string): string {
  const digits = DIGITS[currency] ?? 2;
  if (digits === 0) return String(minor);
  const text = String(minor).padStart(digits + 1, '0');
  return `${text.slice(0, -digits)}.${text.slice(-digits)}`;
}

/** A small seeded PRNG (mulberry32): same seed, same catalog, on every machine. */
function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Random = () => number;
const pick = <T>(random: Random, items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
const between = (random: Random, min: number, max: number) => min + Math.floor(random() * (max - min + 1));

interface Line {
  /** SKU segment: CJ-DOG-0001. */
  code: string;
  /** Title templates; `{brand}`, `{flavour}`, `{size}` are filled in. */
  products: readonly string[];
  /** Cost range in EUR cents, before currency scaling. */
  cost: readonly [number, number];
}

const LINES: readonly Line[] = [
  {
    code: 'DOG',
    products: [
      '{brand} Grain-Free {flavour} Dry Dog Food {size}', '{brand} Puppy Starter {flavour} Kibble {size}',
      '{brand} Rope Tug Toy, {size}', '{brand} Orthopedic Dog Bed, {size}', '{brand} Reflective Nylon Leash 1.5 m',
      '{brand} Dental Chews {flavour}, 28 pcs', '{brand} No-Pull Harness, {size}', '{brand} Squeaky Plush Hedgehog',
    ],
    cost: [180, 6900],
  },
  {
    code: 'CAT',
    products: [
      '{brand} Indoor Adult {flavour} Cat Food {size}', '{brand} Clumping Litter Unscented 10 l',
      '{brand} Sisal Scratching Post 80 cm', '{brand} Feather Wand Teaser', '{brand} {flavour} Pouches in Gravy, 12 x 85 g',
      '{brand} Self-Cleaning Slicker Brush', '{brand} Catnip Mice, 3 pcs',
    ],
    cost: [120, 5400],
  },
  {
    code: 'BRD',
    products: ['{brand} Budgie Seed Mix 1 kg', '{brand} Natural Perch Set', '{brand} Cuttlebone with Holder, 2 pcs'],
    cost: [90, 2500],
  },
  {
    code: 'FSH',
    products: ['{brand} Tropical Flakes 250 ml', '{brand} Aquarium Filter Sponge, {size}', '{brand} Water Conditioner 500 ml'],
    cost: [150, 3200],
  },
  {
    code: 'SML',
    products: ['{brand} Timothy Hay 1 kg', '{brand} Rabbit Nuggets {flavour} {size}', '{brand} Wooden Hideout, {size}'],
    cost: [160, 2900],
  },
];

const BRANDS = ['PawPrime', 'Whisker & Co', 'NordicPet', 'TailTrail', 'FurFeast', 'HappyHound', 'Purrfect', 'Zoolina'];
const FLAVOURS = ['Salmon', 'Chicken', 'Lamb & Rice', 'Duck', 'Turkey', 'White Fish', 'Beef'];
const SIZES = ['S', 'M', 'L', 'XL', '400 g', '2 kg', '7.5 kg', '12 kg'];
/** Countries EU wholesalers commonly ship to; a product ships to a random non-empty subset, in this order. */
const DESTINATIONS = ['DE', 'AT', 'FR', 'NL', 'BE', 'IT', 'ES', 'PL', 'SE', 'DK', 'IE', 'GB', 'CH', 'US'];
/** Rough EUR → currency scaling so a JPY catalog looks like JPY prices, not like EUR cents. */
const SCALE: Record<string, number> = { JPY: 1.6, KWD: 3.3, USD: 1.08, GBP: 0.86 };

export const DEFAULT_ANCHOR = new Date('2026-11-30T08:00:00Z');

/** A deterministic, realistic pet catalog, sorted by SKU (the order the API pages in). */
export function generateCatalog(options: GeneratedCatalogOptions): SimProduct[] {
  const random = seededRandom(options.seed);
  const currency = options.currency ?? 'EUR';
  const prefix = options.skuPrefix ?? 'CJ';
  const anchor = (options.anchor ?? DEFAULT_ANCHOR).getTime();
  const numbers = new Map<string, number>();
  const products: SimProduct[] = [];
  for (let i = 0; i < options.count; i += 1) {
    const line = pick(random, LINES);
    const number = (numbers.get(line.code) ?? 0) + 1;
    numbers.set(line.code, number);
    const title = pick(random, line.products)
      .replace('{brand}', pick(random, BRANDS))
      .replace('{flavour}', pick(random, FLAVOURS))
      .replace('{size}', pick(random, SIZES));
    const euroCents = between(random, line.cost[0], line.cost[1]);
    const scale = SCALE[currency] ?? 1;
    // Scale to the currency's own minor units: cents × rate × 10^(digits − 2), rounded to an integer once.
    const minor = Math.max(1, Math.round(euroCents * scale * 10 ** ((DIGITS[currency] ?? 2) - 2)));
    // About one product in ten is out of stock, as in any real feed.
    const stock = random() < 0.1 ? 0 : between(random, 1, 480);
    const shipsTo = DESTINATIONS.filter((_, index) => index < 3 || random() < 0.35);
    const updatedAt = new Date(anchor - between(random, 0, 30 * 24 * 3600) * 1000);
    products.push({
      sku: `${prefix}-${line.code}-${String(number).padStart(4, '0')}`,
      title,
      stock,
      price: { amount: decimalString(minor, currency), currency },
      lead_time_days: between(random, 1, 12),
      ships_to: shipsTo,
      updated_at: isoSeconds(updatedAt),
    });
  }
  return sortBySku(products);
}

export function isoSeconds(date: Date): string {
  return `${date.toISOString().slice(0, 19)}Z`;
}

export function sortBySku(products: SimProduct[]): SimProduct[] {
  return products.sort((a, b) => (a.sku < b.sku ? -1 : a.sku > b.sku ? 1 : 0));
}
