import { describe, expect, it } from 'vitest';
import { countryName, countryOptions, isValidPostcode } from '../../src-shared/domain/countries';
import { foldName } from '../../src-shared/domain/text';
import { draftOrderInput, submittedOrderInput } from '../../src-shared/schemas/order-input';
import { validOrder } from '../fixtures/orders';

function firstError(result: ReturnType<typeof submittedOrderInput.safeParse>) {
  if (result.success) return undefined;
  const issue = result.error.issues[0]!;
  return { field: issue.path.join('.'), message: issue.message };
}

describe('order input schema', () => {
  it('accepts a complete order and trims text', () => {
    const result = submittedOrderInput.safeParse(validOrder({ customer: { name: '  Ana Silva ', email: 'ana@example.com', phone: '' } }));
    expect(result.success).toBe(true);
    expect(result.data?.customer.name).toBe('Ana Silva');
  });

  it.each<[string, unknown, string, RegExp]>([
    ['bad postcode for the country', { shippingAddress: { line1: '1 High St', city: 'London', postcode: '12345', country: 'GB' } }, 'shippingAddress.postcode', /not a valid postcode for United Kingdom/],
    ['missing postcode where one is required', { shippingAddress: { line1: 'Hauptstr. 1', city: 'Berlin', postcode: '', country: 'DE' } }, 'shippingAddress.postcode', /required in Germany/],
    ['unknown country', { shippingAddress: { line1: 'x', city: 'y', postcode: '1', country: 'XX' } }, 'shippingAddress.country', /country from the list/],
    ['bad e-mail', { customer: { name: 'A', email: 'not-an-email', phone: '' } }, 'customer.email', /name@example.com/],
    ['missing name', { customer: { name: ' ', email: 'a@example.com', phone: '' } }, 'customer.name', /customer’s name/],
    ['bad phone', { customer: { name: 'A', email: 'a@example.com', phone: '12' } }, 'customer.phone', /phone number/],
    ['unknown currency', { currency: 'XYZ' }, 'currency', /ISO 4217/],
    ['zero quantity', { lines: [{ title: 'Kibble', sku: '', quantity: 0, unitPrice: 100 }] }, 'lines.0.quantity', /at least 1/],
    ['fractional quantity', { lines: [{ title: 'Kibble', sku: '', quantity: 1.5, unitPrice: 100 }] }, 'lines.0.quantity', /whole number/],
    ['negative price', { lines: [{ title: 'Kibble', sku: '', quantity: 1, unitPrice: -1 }] }, 'lines.0.unitPrice', /cannot be negative/],
    ['float price', { lines: [{ title: 'Kibble', sku: '', quantity: 1, unitPrice: 19.99 }] }, 'lines.0.unitPrice', /minor units/],
    ['no lines', { lines: [] }, 'lines', /at least one line/],
    ['negative shipping', { shippingCharge: -5 }, 'shippingCharge', /cannot be negative/],
  ])('rejects %s, naming the field', (_label, change, field, message) => {
    const error = firstError(submittedOrderInput.safeParse(validOrder(change as object)));
    expect(error?.field).toBe(field);
    expect(error?.message).toMatch(message);
  });

  it('lets a draft be incomplete but not wrong', () => {
    const empty = { customer: { name: '', email: '' }, shippingAddress: { line1: '', city: '', country: '' }, currency: 'USD', lines: [], shippingCharge: 0 };
    expect(draftOrderInput.safeParse(empty).success).toBe(true);
    expect(submittedOrderInput.safeParse(empty).success).toBe(false);
    const wrong = { ...empty, lines: [{ title: '', quantity: 0, unitPrice: 0 }] };
    expect(firstError(draftOrderInput.safeParse(wrong))?.field).toBe('lines.0.quantity');
  });

  it('accepts any postcode where the library knows no format', () => {
    expect(isValidPostcode('', 'AE')).toBe(true);
    expect(isValidPostcode('SW1A 1AA', 'GB')).toBe(true);
    expect(isValidPostcode('1012 JS', 'NL')).toBe(true);
    expect(isValidPostcode('ABCDE', 'US')).toBe(false);
  });

  it('lists real countries with names', () => {
    const options = countryOptions();
    expect(options.length).toBeGreaterThan(240);
    expect(options.find((o) => o.code === 'DE')?.name).toBe('Germany');
    expect(countryName('JP')).toBe('Japan');
  });

  it('folds names for search: accents, case, spaces', () => {
    expect(foldName('  ZOË   Müller ')).toBe('zoe muller');
    expect(foldName('Ødegaard')).toBe('ødegaard');
    expect(foldName('ﬁona')).toBe('fiona');
  });
});
