import type Database from 'better-sqlite3';
import petStore from '../../../resources/demo/pet-store.json';
import type { Random } from './demo-generator';

const DEMO_SUPPLIERS = [
  {
    name: 'Tiergroßhandel Müller GmbH', channel: 'email', orderEmail: 'bestellung@tiergrosshandel.example', apiBaseUrl: '',
    shipsTo: ['AT', 'DE', 'FR', 'NL'], leadTimeDays: 2, notes: 'Demo supplier: takes purchase orders by e-mail, ships in the EU.',
  },
  {
    name: 'PetSupply Direct', channel: 'api', orderEmail: '', apiBaseUrl: petStore.demoApiSupplier.baseUrl,
    shipsTo: [], leadTimeDays: 5,
    notes: 'Demo supplier with an API: start the simulator with `npx tsx test/sim/supplier-sim-cli.ts --demo`, then “Pull from API now”.',
  },
  {
    name: 'Aquatics Wholesale', channel: 'email', orderEmail: 'orders@aquatics-wholesale.example', apiBaseUrl: '',
    shipsTo: ['AT', 'DE', 'FR', 'GB', 'NL'], leadTimeDays: 3, notes: 'Demo supplier for fish and aquarium supplies.',
  },
] as const;

/**
 * A demo desk sends its e-mail purchase orders to the local SMTP catcher (`npm run sims`), so a newcomer sees
 * what suppliers would receive, and asks the simulated API supplier every minute. Only when no mail server
 * is set up: a shop's own settings are never replaced by a demo load.
 */
function useDemoMailServer(db: Database.Database): void {
  if (db.prepare("SELECT 1 FROM settings WHERE key = 'smtp_host'").get()) return;
  const { demoShop } = petStore;
  const put = db.prepare('INSERT OR REPLACE INTO settings (key, value) VALUES (?, ?)');
  for (const [key, value] of [
    ['shop_name', demoShop.name], ['shop_email', demoShop.email], ['smtp_host', demoShop.smtpHost], ['smtp_port', String(demoShop.smtpPort)],
    ['smtp_security', 'starttls-opportunistic'], ['supplier_poll_minutes', '1'],
  ] as const) put.run(key, value);
}

/**
 * Likewise the tracking service: the simulator of `npm run sims` (127.0.0.1:4012) with its demo key, only when
 * the shop has no tracking key of its own.
 */
function useDemoTrackingService(db: Database.Database, sealSecret: (plain: string) => Buffer, now: number): void {
  if (db.prepare("SELECT 1 FROM shop_secrets WHERE kind = 'tracking_api_key'").get()) return;
  const { demoTrackingService } = petStore;
  db.prepare("INSERT OR REPLACE INTO settings (key, value) VALUES ('tracking_api_url', ?)").run(demoTrackingService.baseUrl);
  db.prepare("INSERT INTO shop_secrets (kind, ciphertext, updated_at) VALUES ('tracking_api_key', ?, ?)").run(sealSecret(demoTrackingService.apiKey), now);
}

export interface DemoCatalog {
  /** By the demo's SKU: the variant and the supplier routing would pick first. */
  bySku: Map<string, { variantId: number; supplierId: number; supplierName: string }>;
}

/**
 * The demo shop's suppliers, products (one variant each) and offers, made once: a second demo load reuses
 * them. Costs are 55–75% of retail, some stock is low or gone, so margins and badges show.
 */
export function ensureDemoCatalog(db: Database.Database, random: Random, now: number, sealSecret: (plain: string) => Buffer): DemoCatalog {
  const supplierIds = DEMO_SUPPLIERS.map((s) => {
    const existing = db.prepare('SELECT id FROM suppliers WHERE name = ?').get(s.name) as { id: number } | undefined;
    if (existing) return existing.id;
    return Number(db.prepare(`INSERT INTO suppliers (name, channel, order_email, api_base_url, currency, lead_time_days, ships_to, notes, created_at, updated_at)
      VALUES (?, ?, ?, ?, 'EUR', ?, ?, ?, ?, ?)`).run(s.name, s.channel, s.orderEmail, s.apiBaseUrl, s.leadTimeDays, JSON.stringify(s.shipsTo), s.notes, now, now).lastInsertRowid);
  });
  const [general, api, aquatics] = supplierIds as [number, number, number];
  // The simulator's demo key, sealed like any credential (it opens nothing but the local simulator).
  db.prepare(`INSERT OR IGNORE INTO supplier_secrets (supplier_id, kind, ciphertext, updated_at) VALUES (?, 'api_key', ?, ?)`)
    .run(api, sealSecret(petStore.demoApiSupplier.apiKey), now);
  useDemoMailServer(db);
  useDemoTrackingService(db, sealSecret, now);
  const names = new Map(DEMO_SUPPLIERS.map((s, i) => [supplierIds[i]!, s.name]));
  const bySku = new Map<string, { variantId: number; supplierId: number; supplierName: string }>();
  for (const p of petStore.products) {
    const primary = p.species === 'fish' ? aquatics : general;
    let variant = db.prepare('SELECT id FROM variants WHERE sku = ?').get(p.sku) as { id: number } | undefined;
    if (!variant) {
      const productId = Number(db.prepare(`INSERT INTO products (title, brand, species, life_stage, created_at, updated_at) VALUES (?, '', ?, ?, ?, ?)`)
        .run(p.title, p.species, lifeStageOf(p.lifeStage), now, now).lastInsertRowid);
      variant = { id: Number(db.prepare(`INSERT INTO variants (product_id, sku, title, size, weight_g, flavour, retail_price, currency)
        VALUES (?, ?, ?, '', ?, ?, ?, 'EUR')`).run(productId, p.sku, p.title, p.weightG, p.flavour ?? '', p.price).lastInsertRowid) };
      const offer = db.prepare(`INSERT INTO supplier_offers (variant_id, supplier_id, supplier_sku, cost, currency, stock, lead_time_days, priority, updated_at)
        VALUES (?, ?, ?, ?, 'EUR', ?, NULL, ?, ?)`);
      const cost = () => Math.round(p.price * (0.55 + random() * 0.2));
      const stock = () => (random() < 0.1 ? 0 : random() < 0.2 ? 1 + Math.floor(random() * 4) : 10 + Math.floor(random() * 190));
      offer.run(variant.id, primary, `${primary === aquatics ? 'AQ' : 'TGM'}-${p.sku}`, cost(), stock(), 1, now);
      offer.run(variant.id, api, `${petStore.demoApiSupplier.skuPrefix}${p.sku}`, cost(), stock(), 2, now);
    }
    bySku.set(p.sku, { variantId: variant.id, supplierId: primary, supplierName: names.get(primary)! });
  }
  return { bySku };
}

function lifeStageOf(stage: string): string {
  return ['puppy', 'kitten', 'junior', 'adult', 'senior'].includes(stage) ? stage : 'all';
}
