import petStore from '../../resources/demo/pet-store.json';
import type { SimProduct } from './supplier-sim-catalog';

/** The demo catalog as PetSupply Direct lists it: its own SKUs, wholesale prices as decimal strings. */
export function demoSimCatalog(): SimProduct[] {
  const { skuPrefix } = petStore.demoApiSupplier;
  const updatedAt = new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
  return petStore.products.map((p, index) => ({
    sku: `${skuPrefix}${p.sku}`,
    title: p.title,
    stock: (index * 37) % 120,
    price: { amount: (Math.round(p.price * 0.62) / 100).toFixed(2), currency: 'EUR' },
    lead_time_days: 4,
    ships_to: [],
    updated_at: updatedAt,
  }));
}

