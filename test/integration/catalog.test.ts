import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openCore } from '../../src-main/core/core';
import type { Logger } from '../../src-main/core/logger';
import { validOrder } from '../fixtures/orders';
import { productInput, supplierInput } from '../fixtures/catalog';
import { useTempDirs } from './support/temp-dir';

const makeDir = useTempDirs();
const SECRET = 'sk_live_51Hv3ryS3cr3tSupplierKey';

/** A core whose every log line is kept, to prove what never reaches the log. */
function openRecordingCore() {
  const dataDir = makeDir();
  const logged: string[] = [];
  const record = (...parts: unknown[]) => logged.push(parts.map((p) => (p instanceof Error ? `${p.message} ${p.stack}` : String(p))).join(' '));
  const logger: Logger = { info: record, warn: record, error: record };
  const core = openCore({ dataDir, host: 'browser', version: 'test', logger });
  const responses: string[] = [];
  const call = async (name: string, input: unknown) => {
    const result = await core.dispatch(name, input, { actor: { name: 'owner' } });
    responses.push(JSON.stringify(result));
    return result;
  };
  const value = async <T>(name: string, input: unknown): Promise<T> => {
    const result = await call(name, input);
    if (!result.ok) throw new Error(JSON.stringify(result.error));
    return result.value as T;
  };
  return { dataDir, core, logged, responses, call, value };
}

describe('supplier credentials', () => {
  it('never appear in a response, the log, or the SQLite file in clear text', async () => {
    const desk = openRecordingCore();
    try {
      const saved = await desk.value<{ id: number; hasApiKey: boolean }>('suppliers.save', {
        supplier: supplierInput({ channel: 'api', apiBaseUrl: 'https://api.supplier.example' }), apiKey: SECRET,
      });
      expect(saved.hasApiKey).toBe(true);
      await desk.value('suppliers.get', { id: saved.id });
      await desk.value('suppliers.list', {});
      await desk.value('app.info', {});
      // Saving again without a key keeps it; a bad save with the key in it fails without echoing it.
      await desk.value('suppliers.save', { id: saved.id, supplier: supplierInput({ channel: 'api', apiBaseUrl: 'https://api.supplier.example', notes: 'keeps the key' }) });
      await desk.call('suppliers.save', { id: saved.id, supplier: supplierInput({ channel: 'api', apiBaseUrl: 'ftp://nope' }), apiKey: SECRET });
      await desk.call('suppliers.save', { id: saved.id, supplier: { name: 42 }, apiKey: SECRET });
      // A pull that fails (nothing listens there) must not put the key in its error either.
      await desk.call('suppliers.save', { id: saved.id, supplier: supplierInput({ channel: 'api', apiBaseUrl: 'http://127.0.0.1:9' }), apiKey: SECRET });
      await desk.call('feeds.pullApi', { supplierId: saved.id });
      const detail = await desk.value<{ hasApiKey: boolean }>('suppliers.get', { id: saved.id });
      expect(detail).toMatchObject({ hasApiKey: true });
    } finally {
      desk.core.close();
    }
    expect(desk.responses.length).toBeGreaterThan(8);
    for (const response of desk.responses) expect(response).not.toContain(SECRET);
    for (const line of desk.logged) expect(line).not.toContain(SECRET);
    // The database, its WAL, the backups: no file of the data directory holds it in clear text.
    const files = readdirSync(desk.dataDir, { recursive: true, withFileTypes: true }).filter((f) => f.isFile());
    expect(files.map((f) => f.name)).toContain('desk.sqlite');
    for (const file of files) {
      const bytes = readFileSync(join(file.parentPath, file.name));
      expect(bytes.includes(Buffer.from(SECRET)), file.name).toBe(false);
      expect(bytes.includes(Buffer.from(SECRET, 'utf16le')), file.name).toBe(false);
    }
  });

  it('are replaced or removed only when asked', async () => {
    const desk = openRecordingCore();
    try {
      const { id } = await desk.value<{ id: number }>('suppliers.save', { supplier: supplierInput(), apiKey: 'first' });
      expect(await desk.value('suppliers.get', { id })).toMatchObject({ hasApiKey: true });
      await desk.value('suppliers.save', { id, supplier: supplierInput(), clearApiKey: true });
      expect(await desk.value('suppliers.get', { id })).toMatchObject({ hasApiKey: false });
    } finally {
      desk.core.close();
    }
  });
});

describe('suppliers and products', () => {
  it('reject bad input naming the field, and duplicates by name or SKU', async () => {
    const desk = openRecordingCore();
    try {
      expect(await desk.call('suppliers.save', { supplier: supplierInput({ channel: 'api' }) }))
        .toMatchObject({ ok: false, error: { code: 'invalid_input', field: 'supplier.apiBaseUrl' } });
      expect(await desk.call('suppliers.save', { supplier: supplierInput({ shipsTo: ['XX'] }) }))
        .toMatchObject({ ok: false, error: { field: 'supplier.shipsTo.0' } });
      await desk.value('suppliers.save', { supplier: supplierInput() });
      expect(await desk.call('suppliers.save', { supplier: supplierInput({ name: 'tiergroßhandel müller gmbh' }) }))
        .toMatchObject({ ok: false, error: { code: 'conflict', field: 'supplier.name' } });
      await desk.value('catalog.saveProduct', productInput('SKU-1'));
      expect(await desk.call('catalog.saveProduct', productInput('SKU-1')))
        .toMatchObject({ ok: false, error: { code: 'conflict', field: 'variants.0.sku' } });
      expect(await desk.call('catalog.saveProduct', { ...productInput(), variants: [{ ...productInput().variants[0], retailPrice: -1 }] }))
        .toMatchObject({ ok: false, error: { field: 'variants.0.retailPrice' } });
    } finally {
      desk.core.close();
    }
  });

  it('show margin and stock per variant, and find variants for the order form', async () => {
    const desk = openRecordingCore();
    try {
      const supplier = await desk.value<{ id: number }>('suppliers.save', { supplier: supplierInput() });
      const product = await desk.value<{ variants: { id: number }[] }>('catalog.saveProduct', productInput());
      const view = await desk.value<{ variants: { stockLevel: string; totalStock: number; offers: { marginPercent: number }[] }[] }>('catalog.saveOffer', {
        variantId: product.variants[0]!.id, supplierId: supplier.id, supplierSku: 'TGM-4711', cost: 6300, stock: 4, priority: 1,
      });
      expect(view.variants[0]).toMatchObject({ stockLevel: 'low', totalStock: 4, offers: [{ marginPercent: 29 }] });
      expect(await desk.value('catalog.getProduct', { id: (product as unknown as { id: number }).id })).toMatchObject({ variants: [{ stockLevel: 'low' }] });
      expect(await desk.call('catalog.getProduct', { id: 9999 })).toMatchObject({ ok: false, error: { code: 'not_found' } });
      const options = await desk.value<{ sku: string; totalStock: number }[]>('catalog.searchVariants', { query: 'lamb' });
      expect(options).toEqual([expect.objectContaining({ sku: 'DOG-ACANA-LAMB-11', totalStock: 4 })]);
      expect(await desk.value('catalog.searchVariants', { query: '100%' })).toEqual([]);
    } finally {
      desk.core.close();
    }
  });
});

describe('routing an order to its suppliers', () => {
  it('chooses per line on submit, holds what nobody can serve, and lets a person choose with a reason', async () => {
    const desk = openRecordingCore();
    try {
      const first = await desk.value<{ id: number }>('suppliers.save', { supplier: supplierInput({ name: 'First Choice', shipsTo: ['DE'] }) });
      const second = await desk.value<{ id: number }>('suppliers.save', { supplier: supplierInput({ name: 'Fallback', shipsTo: [] }) });
      const food = await desk.value<{ variants: { id: number }[] }>('catalog.saveProduct', productInput('FOOD-1'));
      const toy = await desk.value<{ variants: { id: number }[] }>('catalog.saveProduct', { ...productInput('TOY-1'), product: { title: 'Rope toy', species: 'dog' } });
      const foodId = food.variants[0]!.id;
      const toyId = toy.variants[0]!.id;
      await desk.value('catalog.saveOffer', { variantId: foodId, supplierId: first.id, supplierSku: 'F-1', cost: 5000, stock: 1, priority: 1 });
      await desk.value('catalog.saveOffer', { variantId: foodId, supplierId: second.id, supplierSku: 'B-1', cost: 5200, stock: 50, priority: 2 });
      await desk.value('catalog.saveOffer', { variantId: toyId, supplierId: first.id, supplierSku: 'F-2', cost: 300, stock: 0, priority: 1 });

      const order = await desk.value<{ id: number; stage: string; holds: { reason: string; releasedAt: string | null }[]; lines: { id: number; supplier: { name: string } | null; routingReason: string }[] }>('orders.create', {
        submit: true,
        order: validOrder({ lines: [
          { title: 'Acana 11.4 kg', sku: 'FOOD-1', quantity: 2, unitPrice: 8999, variantId: foodId },
          { title: 'Rope toy', sku: 'TOY-1', quantity: 1, unitPrice: 999, variantId: toyId },
          { title: 'Hand-written special', quantity: 1, unitPrice: 500 },
        ] }),
      });
      expect(order.lines[0]).toMatchObject({ supplier: { name: 'Fallback' }, routingReason: expect.stringMatching(/passed over: First Choice has only 1 in stock/) });
      expect(order.lines[1]).toMatchObject({ supplier: null, routingReason: expect.stringMatching(/^No supplier can send 1 to Germany: First Choice has none in stock/) });
      expect(order.lines[2]).toMatchObject({ supplier: null, routingReason: expect.stringMatching(/Free-text line/) });
      expect(order.stage).toBe('needs_review');
      expect(order.holds).toEqual([expect.objectContaining({ reason: 'INVENTORY_OUT_OF_STOCK', releasedAt: null })]);

      expect(await desk.call('orders.setLineSupplier', { orderId: order.id, lineId: order.lines[1]!.id, supplierId: first.id, reason: '' }))
        .toMatchObject({ ok: false, error: { field: 'reason' } });
      const changed = await desk.value<typeof order & { timeline: { kind: string; reason: string | null }[] }>('orders.setLineSupplier', {
        orderId: order.id, lineId: order.lines[1]!.id, supplierId: first.id, reason: 'They restock on Monday, customer agreed to wait',
      });
      expect(changed.lines[1]).toMatchObject({ supplier: { name: 'First Choice' }, routingReason: 'Chosen by owner: They restock on Monday, customer agreed to wait' });
      expect(changed.holds[0]?.releasedAt).not.toBeNull();
      expect(changed.stage).toBe('ready_to_pay');
      expect(changed.timeline.map((e) => e.kind)).toEqual([
        'order.created', 'order.routed', 'order.hold_placed', 'order.verified', 'order.line_supplier_changed', 'order.hold_released', 'order.verified',
      ]);
    } finally {
      desk.core.close();
    }
  });
});
