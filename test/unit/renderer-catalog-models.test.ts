import { describe, expect, it, vi } from 'vitest';
import type { FeedPreview, OfferView, SupplierDetail, VariantOption } from '../../src-shared/domain/catalog';
import { formatRelative } from '../../src-renderer/components/format';
import { bestOffer, lineTitleFor, marginTone } from '../../src-renderer/features/catalog/catalogModel';
import { BASE64_SLICE_BYTES, base64Length, bytesToBase64, bytesToBase64Async } from '../../src-renderer/features/feeds/base64';
import { checkMapping, mappingFromSuggestion, mappingInput } from '../../src-renderer/features/feeds/feedStore';
import { applyVariantPick, emptyLine, emptyOrder, type OrderFormValues } from '../../src-renderer/features/orders/form/orderFormModel';
import { reasonAfterName } from '../../src-renderer/features/orders/detail/lineSupplierText';
import { checkOffer, emptyOffer } from '../../src-renderer/features/products/offerModel';
import { checkProduct, emptyProduct, emptyVariant, isProductFormPath, type ProductFormValues } from '../../src-renderer/features/products/productFormModel';
import {
  buildSupplierInput, checkSupplier, emptySupplier, noSecretChanges, secretsDirty, supplierFormPath, valuesFromSupplier,
} from '../../src-renderer/features/suppliers/supplierFormModel';

// The router reads the address when its store is made; unit tests have no window.
vi.hoisted(() => {
  (globalThis as { window?: unknown }).window ??= { location: { hash: '' } };
});
const { parseHash } = await import('../../src-renderer/app/router');

// ---------------------------------------------------------------------------------------------------------------
// base64 in slices

describe('bytesToBase64', () => {
  const bytes = (n: number) => Uint8Array.from({ length: n }, (_, i) => (i * 7919 + (i >> 8)) & 0xff);

  it.each([0, 1, 2, 3, 4, BASE64_SLICE_BYTES - 1, BASE64_SLICE_BYTES, BASE64_SLICE_BYTES + 1, 3 * BASE64_SLICE_BYTES + 2])(
    '%i bytes: the same text as Buffer’s, slices joined without padding in between', async (n) => {
      const data = bytes(n);
      const expected = Buffer.from(data).toString('base64');
      expect(bytesToBase64(data)).toBe(expected);
      expect(await bytesToBase64Async(data)).toBe(expected);
      expect(base64Length(n)).toBe(expected.length);
    });

  it('a 5 MB file does not blow the stack (one spread would)', async () => {
    const data = bytes(5_000_000);
    expect(await bytesToBase64Async(data)).toBe(Buffer.from(data).toString('base64'));
  });

  it('slices are whole groups of 3 bytes', () => {
    expect(BASE64_SLICE_BYTES % 3).toBe(0);
  });
});

// ---------------------------------------------------------------------------------------------------------------
// Supplier form

describe('supplier form', () => {
  const valid = { ...emptySupplier(), name: 'Nordic Pet Supply', orderEmail: 'orders@nordicpet.example', currency: 'EUR' };

  it('an e-mail supplier with a name and an order address passes the core’s schema', () => {
    const checked = checkSupplier(valid, noSecretChanges(), null);
    expect(checked.errors).toEqual({});
    expect(checked.input).toEqual({
      supplier: { ...valid, leadTimeDays: 3, shipsTo: [] }, clearApiKey: false,
    });
  });

  it('puts the schema’s messages beside the fields the channel shows', () => {
    expect(checkSupplier({ ...emptySupplier() }, noSecretChanges(), null).errors).toEqual({
      name: 'Enter the supplier’s name', orderEmail: 'Enter the address the supplier takes orders at',
    });
    expect(checkSupplier({ ...valid, channel: 'api' }, noSecretChanges(), null).errors).toEqual({ apiBaseUrl: 'Enter the supplier’s API address' });
    expect(checkSupplier({ ...valid, channel: 'api', apiBaseUrl: 'http://supplier.example' }, noSecretChanges(), 3).errors.apiBaseUrl)
      .toMatch(/https/);
    expect(checkSupplier({ ...valid, leadTimeDays: '' }, noSecretChanges(), null).errors.leadTimeDays).toMatch(/Enter the lead time/);
    expect(checkSupplier({ ...valid, leadTimeDays: '2.5' }, noSecretChanges(), null).errors).toEqual({ leadTimeDays: 'Lead time must be whole days' });
    expect(checkSupplier({ ...valid, shipsTo: ['DE', 'XX'] }, noSecretChanges(), null).errors).toEqual({ shipsTo: 'Choose countries from the list' });
  });

  it('an error on a field the chosen channel hides goes above the form', () => {
    const errors = checkSupplier({ ...valid, apiBaseUrl: 'not a url' }, noSecretChanges(), null).errors;
    expect(Object.keys(errors)).toEqual(['_form']);
    expect(supplierFormPath('supplier.apiBaseUrl', 'email')).toBeNull();
    expect(supplierFormPath('supplier.apiBaseUrl', 'api')).toBe('apiBaseUrl');
    expect(supplierFormPath('supplier.shipsTo.1', 'api')).toBe('shipsTo');
    expect(supplierFormPath('apiKey', 'api')).toBe('apiKey');
    expect(supplierFormPath('apiKey', 'email')).toBeNull();
    // The PO templates belong to the e-mail channel: the core's template messages land beside them there.
    for (const field of ['poSubject', 'poTemplate', 'poHtml']) {
      expect(supplierFormPath(`supplier.${field}`, 'email')).toBe(field);
      expect(supplierFormPath(`supplier.${field}`, 'api')).toBeNull();
    }
  });

  it('credentials are write-only: sent only when typed, cleared only when removed', () => {
    expect(buildSupplierInput(valid, noSecretChanges(), 4)).not.toHaveProperty('apiKey');
    expect(buildSupplierInput(valid, { ...noSecretChanges(), apiKey: { mode: 'replace', value: '' } }, 4)).not.toHaveProperty('apiKey');
    const typed = buildSupplierInput(valid, { ...noSecretChanges(), apiKey: { mode: 'replace', value: 'sk_1' } }, 4);
    expect(typed).toMatchObject({ id: 4, apiKey: 'sk_1', clearApiKey: false });
    const removed = buildSupplierInput(valid, { ...noSecretChanges(), apiKey: { mode: 'remove', value: '' } }, 4);
    expect(removed).toMatchObject({ clearApiKey: true });
    expect(removed).not.toHaveProperty('apiKey');
    expect(secretsDirty(noSecretChanges())).toBe(false);
    expect(secretsDirty({ ...noSecretChanges(), apiKey: { mode: 'replace', value: '' } })).toBe(false);
    expect(secretsDirty({ ...noSecretChanges(), apiKey: { mode: 'replace', value: 'x' } })).toBe(true);
    expect(secretsDirty({ ...noSecretChanges(), apiKey: { mode: 'remove', value: '' } })).toBe(true);
  });

  it('a saved supplier’s values hold no credential, only text', () => {
    const detail: SupplierDetail = {
      id: 1, name: 'Paws', channel: 'api', status: 'paused', currency: 'EUR', leadTimeDays: 4, shipsTo: ['DE'], offerCount: 2,
      lastFeedAt: null, contactName: '', contactEmail: '', contactPhone: '', orderEmail: '', poTemplate: '', poSubject: 'PO {{poNumber}}', poHtml: '',
      apiBaseUrl: 'https://a.example',
      notes: '', feedMapping: null, hasApiKey: true,
    };
    const values = valuesFromSupplier(detail);
    expect(values).toMatchObject({ leadTimeDays: '4', shipsTo: ['DE'], status: 'paused', poSubject: 'PO {{poNumber}}', poHtml: '' });
    expect(Object.keys(values)).not.toContain('hasApiKey');
  });
});

// ---------------------------------------------------------------------------------------------------------------
// Product and offer forms

describe('product form', () => {
  const product = (change: Partial<ProductFormValues['product']> = {}, variants = [{ ...emptyVariant('EUR'), sku: 'A-1', title: '2 kg', retailPrice: '24,90' }]): ProductFormValues => ({
    product: { ...emptyProduct().product, title: 'Adult Dog Food', species: 'dog', ...change },
    variants,
  });

  it('reads retail prices in each variant’s currency and passes the core’s schema', () => {
    const checked = checkProduct(product({}, [
      { ...emptyVariant('EUR'), sku: 'A-1', title: '2 kg', retailPrice: '24,90', weightG: '2000' },
      { ...emptyVariant('JPY'), id: 9, sku: 'A-2', title: '6 kg', retailPrice: '5990' },
    ]), 3);
    expect(checked.errors).toEqual({});
    expect(checked.input.id).toBe(3);
    expect(checked.input.variants).toEqual([
      { sku: 'A-1', title: '2 kg', size: '', flavour: '', currency: 'EUR', retailPrice: 2490, weightG: 2000 },
      { id: 9, sku: 'A-2', title: '6 kg', size: '', flavour: '', currency: 'JPY', retailPrice: 5990, weightG: null },
    ]);
  });

  it('names each field at fault, by variant', () => {
    const checked = checkProduct(product({ title: '', species: '' }, [
      { ...emptyVariant('EUR'), sku: 'A-1', title: '', retailPrice: '24.999' },
      { ...emptyVariant('EUR'), sku: 'A-1', title: 'x', retailPrice: '1', weightG: '0' },
    ]), null);
    expect(checked.errors).toEqual({
      'product.title': 'Enter the product’s title',
      'product.species': 'Choose the species',
      'variants.0.title': 'Enter the variant’s title',
      'variants.0.retailPrice': 'Retail price takes at most 2 decimals in EUR',
      'variants.1.weightG': 'Weight must be more than 0',
      'variants.1.sku': 'Variant 1 already has SKU “A-1”',
    });
    expect(checkProduct(product({}, []), null).errors).toEqual({ variants: 'Add at least one variant' });
  });

  it('knows which paths it shows', () => {
    const values = product();
    for (const path of ['product.title', 'product.species', 'variants', 'variants.0.sku', 'variants.0.retailPrice']) expect(isProductFormPath(path, values), path).toBe(true);
    for (const path of ['product', 'variants.0', 'variants.0.id', 'variants.0.key', 'variants.1.sku', 'id', 'product.title.x']) expect(isProductFormPath(path, values), path).toBe(false);
  });
});

describe('offer form', () => {
  const offer = (priority: number): OfferView => ({
    supplierId: priority, supplierName: 'S', supplierSku: 'X', cost: { amount: 100, currency: 'EUR' }, stock: 1, leadTimeDays: null,
    priority, updatedAt: '2026-01-01T00:00:00Z', marginPercent: 10,
  });

  it('a new offer comes after the existing ones', () => {
    expect(emptyOffer([]).priority).toBe('1');
    expect(emptyOffer([offer(1), offer(3)]).priority).toBe('4');
  });

  it('reads the cost in the supplier’s currency; blank lead time is the supplier’s', () => {
    const checked = checkOffer({ supplierId: '2', supplierSku: 'NPS-1', cost: '1.234', stock: '7', leadTimeDays: '', priority: '1' }, 5, 'KWD');
    expect(checked.errors).toEqual({});
    expect(checked.input).toEqual({ variantId: 5, supplierId: 2, supplierSku: 'NPS-1', cost: 1234, stock: 7, leadTimeDays: null, priority: 1 });
  });

  it('says what is missing in words', () => {
    const checked = checkOffer({ supplierId: '', supplierSku: '', cost: 'abc', stock: '', leadTimeDays: '400', priority: '0' }, 5, 'EUR');
    expect(checked.errors).toEqual({
      supplierId: 'Choose the supplier',
      supplierSku: 'Enter the supplier’s SKU',
      cost: 'Cost must be a number such as 12.50',
      stock: 'Enter the stock (0 if the supplier has none)',
      leadTimeDays: 'Lead time must be whole days from 0 to 365 (or empty for the supplier’s)',
      priority: 'Priority starts at 1 (the first choice)',
    });
  });
});

// ---------------------------------------------------------------------------------------------------------------
// Feed mapping

describe('feed mapping', () => {
  const preview = (suggested: FeedPreview['suggestedMapping'], headers = ['Artikelnummer', 'Bestand', 'EK-Preis']): FeedPreview => ({
    encoding: 'utf-8', delimiter: ';', headers, sampleRows: [], rowCount: 0, suggestedMapping: suggested, rowIssues: [],
  });

  it('prefills from the suggestion, only with columns the file has', () => {
    expect(mappingFromSuggestion(preview({ supplierSku: 'Artikelnummer', stock: 'Bestand', cost: 'Preis' })))
      .toEqual({ supplierSku: 'Artikelnummer', stock: 'Bestand', cost: '', leadTimeDays: '', currency: '' });
  });

  it('sends optional columns only when chosen', () => {
    expect(mappingInput({ supplierSku: 'a', stock: 'b', cost: '', leadTimeDays: 'c', currency: '' })).toEqual({ supplierSku: 'a', stock: 'b', leadTimeDays: 'c' });
  });

  it('needs SKU and stock, and one column per field', () => {
    expect(checkMapping({ supplierSku: '', stock: '', cost: '', leadTimeDays: '', currency: '' }))
      .toEqual({ supplierSku: 'Choose the column with the supplier’s SKU', stock: 'Choose the column with the stock' });
    expect(checkMapping({ supplierSku: 'a', stock: 'b', cost: 'b', leadTimeDays: '', currency: '' }))
      .toEqual({ cost: '“b” is already used for stock' });
  });
});

// ---------------------------------------------------------------------------------------------------------------
// Catalog presentation and the order form's picker

describe('catalog rules for the screens', () => {
  const offer = (supplierId: number, priority: number, stock: number, marginPercent: number | null): OfferView => ({
    supplierId, supplierName: `S${supplierId}`, supplierSku: 'X', cost: { amount: 1, currency: 'EUR' }, stock, leadTimeDays: null,
    priority, updatedAt: '2026-01-01T00:00:00Z', marginPercent,
  });

  it('the margin shown is the offer routing would pick for one unit', () => {
    expect(bestOffer({ offers: [] })).toBeNull();
    expect(bestOffer({ offers: [offer(1, 2, 5, 30), offer(2, 1, 0, 10), offer(3, 1, 4, 20)] })?.supplierId).toBe(3);
    expect(bestOffer({ offers: [offer(4, 2, 0, 30), offer(2, 1, 0, 10)] })?.supplierId).toBe(2);
  });

  it('a margin below the threshold is low; no margin is unknown', () => {
    expect(marginTone(19, 20)).toBe('low');
    expect(marginTone(20, 20)).toBe('ok');
    expect(marginTone(null, 20)).toBe('unknown');
    expect(marginTone(5, null)).toBe('ok');
  });

  it('a picked line is named by product and variant, without repeating either', () => {
    expect(lineTitleFor({ productTitle: 'Adult Dog Food', title: 'Lamb 2 kg' })).toBe('Adult Dog Food, Lamb 2 kg');
    expect(lineTitleFor({ productTitle: 'Adult Dog Food', title: 'Adult Dog Food Lamb 2 kg' })).toBe('Adult Dog Food Lamb 2 kg');
    expect(lineTitleFor({ productTitle: 'Rope Toy', title: '' })).toBe('Rope Toy');
  });

  it('routing’s reason is shown after the supplier’s name without saying the name twice', () => {
    expect(reasonAfterName({ supplier: { id: 1, name: 'Nordic' }, routingReason: 'Nordic (priority 1, 40 in stock)' })).toBe('(priority 1, 40 in stock)');
    expect(reasonAfterName({ supplier: { id: 1, name: 'Nordic' }, routingReason: 'Chosen by Ada: faster' })).toBe('— Chosen by Ada: faster');
  });

  it('relative times', () => {
    const now = Date.parse('2026-11-30T12:00:00Z');
    expect(formatRelative(null, now)).toBe('—');
    expect(formatRelative('2026-11-30T11:59:30Z', now)).toBe('just now');
    expect(formatRelative('2026-11-30T10:00:00Z', now)).toMatch(/2 hours ago/);
    expect(formatRelative('2026-11-28T12:00:00Z', now)).toMatch(/2 days ago/);
  });
});

describe('picking a variant on an order line', () => {
  const option: VariantOption = { id: 7, sku: 'ACANA-2KG', title: 'Lamb 2 kg', productTitle: 'Adult Dog Food', retailPrice: { amount: 2490, currency: 'EUR' }, totalStock: 40 };
  const order = (change: Partial<OrderFormValues> = {}): OrderFormValues => ({ ...emptyOrder(), ...change });

  it('fills title, SKU, price and the variant when the currencies match', () => {
    const picked = applyVariantPick(order({ currency: 'EUR' }), 0, option);
    expect(picked.note).toBeNull();
    expect(picked.values.lines[0]).toMatchObject({ title: 'Adult Dog Food, Lamb 2 kg', sku: 'ACANA-2KG', unitPrice: '24.90', variantId: 7, quantity: '1' });
  });

  it('an order with no price yet takes the catalog’s currency', () => {
    const picked = applyVariantPick(order({ currency: 'USD' }), 0, option);
    expect(picked.values.currency).toBe('EUR');
    expect(picked.values.lines[0]?.unitPrice).toBe('24.90');
    expect(picked.note).toMatch(/now in EUR/);
  });

  it('an order with prices keeps its currency and leaves the price to the person', () => {
    const priced = order({ currency: 'USD', lines: [{ ...emptyLine(), title: 'Ball', unitPrice: '3.00' }, emptyLine()] });
    const picked = applyVariantPick(priced, 1, option);
    expect(picked.values.currency).toBe('USD');
    expect(picked.values.lines[1]).toMatchObject({ sku: 'ACANA-2KG', unitPrice: '', variantId: 7 });
    expect(picked.note).toMatch(/catalog price is €24\.90.*USD/);
  });
});

describe('routes', () => {
  it.each([
    ['#/suppliers', { name: 'suppliers' }], ['#/suppliers/new', { name: 'newSupplier' }], ['#/suppliers/12', { name: 'supplier', id: 12 }],
    ['#/products', { name: 'products' }], ['#/products/new', { name: 'newProduct' }], ['#/products/3/', { name: 'product', id: 3 }],
    ['#/products/0', { name: 'notFound', path: '/products/0' }], ['#/suppliers/x', { name: 'notFound', path: '/suppliers/x' }],
  ])('%s', (hash, route) => {
    expect(parseHash(hash)).toEqual(route);
  });
});
