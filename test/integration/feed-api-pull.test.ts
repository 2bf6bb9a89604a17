import { afterEach, describe, expect, it } from 'vitest';
import { startSupplierSim, type SupplierSim } from '../sim/supplier-sim';
import { supplierInput } from '../fixtures/catalog';
import { offerStates, seedOffers } from './support/feed-catalog';
import { useTestCore } from './support/open-test-core';
import { useTempDirs } from './support/temp-dir';

const makeDir = useTempDirs();
const openTestCore = useTestCore(makeDir);
const sims: SupplierSim[] = [];
afterEach(async () => {
  for (const sim of sims.splice(0)) await sim.close();
});

describe('pulling stock and prices from a supplier API', () => {
  it('pages through the simulator with the stored key and applies the catalog like a file', async () => {
    const sim = await startSupplierSim({ apiKey: 'sim-key-for-this-test', catalog: { seed: 7, count: 640, currency: 'EUR' } });
    sims.push(sim);
    const t = openTestCore();
    const supplier = await t.call('suppliers.save', {
      supplier: supplierInput({ name: 'PetSupply Direct', channel: 'api', apiBaseUrl: sim.url, shipsTo: [] }), apiKey: 'sim-key-for-this-test',
    });
    const skus = sim.state.catalog.map((p) => p.sku);
    // The desk knows all but the last 40 of the supplier's products.
    seedOffers(t.dataDir, supplier.id, skus.slice(0, -40));
    const run = await t.call('feeds.pullApi', { supplierId: supplier.id });
    expect(run).toMatchObject({ status: 'applied', source: 'api', rowsTotal: 640, rowsApplied: 600, rowsRejected: 40 });
    expect(sim.requestsTo('/v1/products').every((r) => r.authorized)).toBe(true);
    const first = sim.state.catalog[0]!;
    expect(offerStates(t.dataDir).get(first.sku)).toMatchObject({ stock: first.stock, lead_time_days: first.lead_time_days });
    expect(run.changes.length).toBeGreaterThan(0);
  });

  it('says plainly when the supplier refuses the key, changing nothing', async () => {
    const sim = await startSupplierSim({ apiKey: 'the-right-key', catalog: { seed: 1, count: 10 } });
    sims.push(sim);
    const t = openTestCore();
    const supplier = await t.call('suppliers.save', {
      supplier: supplierInput({ name: 'PetSupply Direct', channel: 'api', apiBaseUrl: sim.url }), apiKey: 'a-wrong-key',
    });
    const result = await t.attempt('feeds.pullApi', { supplierId: supplier.id });
    expect(result).toMatchObject({ ok: false, error: { message: expect.stringMatching(/PetSupply Direct: .*refused the API key/) } });
    expect(JSON.stringify(result)).not.toContain('a-wrong-key');
    expect(t.peek('SELECT count(*) AS n FROM feed_runs')).toEqual({ n: 0 });
  });
});

describe('the demo shop and the simulator', () => {
  it('work together: the demo API supplier pulls its catalog from the simulator with its stored key', async () => {
    const petStore = (await import('../../resources/demo/pet-store.json')).default;
    const { demoSimCatalog } = await import('../sim/demo-sim-catalog');
    const catalog = demoSimCatalog();
    const sim = await startSupplierSim({ apiKey: petStore.demoApiSupplier.apiKey, catalog });
    sims.push(sim);
    const t = openTestCore();
    await t.call('demo.load', { orders: 50 });
    const demoApi = (await t.call('suppliers.list', {})).find((s) => s.channel === 'api')!;
    const detail = await t.call('suppliers.get', { id: demoApi.id });
    expect(detail).toMatchObject({ name: 'PetSupply Direct', hasApiKey: true, apiBaseUrl: petStore.demoApiSupplier.baseUrl });
    // The simulator here listens on a free port; point the supplier at it, keeping the stored key.
    await t.call('suppliers.save', { id: demoApi.id, supplier: { ...detail, apiBaseUrl: sim.url, feedMapping: undefined } as never });
    const run = await t.call('feeds.pullApi', { supplierId: demoApi.id });
    expect(run).toMatchObject({ status: 'applied', rowsTotal: catalog.length, rowsApplied: catalog.length, rowsRejected: 0 });
  });
});
