import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { z } from 'zod';
import type { OrderDetail } from '../../src-shared/domain/order';
import { draftOrderInput, submittedOrderInput } from '../../src-shared/schemas/order-input';
import {
  buildInput, checkValues, emptyLine, emptyOrder, formPath, isFormPath, liveTotals, type LineValues, type OrderFormValues,
} from '../../src-renderer/features/orders/form/orderFormModel';

// The store talks to the core only through api/client's invoke; everything else (ApiCallError, messages) is real.
const invoke = vi.hoisted(() => vi.fn());
vi.mock('../../src-renderer/api/client', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../../src-renderer/api/client')>()),
  invoke,
}));
const { ApiCallError } = await import('../../src-renderer/api/client');
const { useOrderForm } = await import('../../src-renderer/features/orders/form/orderFormStore');

function line(change: Partial<Omit<LineValues, 'key'>> = {}): LineValues {
  return { ...emptyLine(), ...change };
}
const blank = () => line({ quantity: '1' });

function order(change: Partial<OrderFormValues> = {}): OrderFormValues {
  return {
    customer: { name: 'Zoë Müller', email: 'zoe.muller@example.com', phone: '+49 30 1234567' },
    shippingAddress: { line1: 'Hauptstraße 1', line2: '', city: 'Berlin', region: '', postcode: '10115', country: 'DE' },
    currency: 'EUR',
    lines: [line({ title: 'Adult Dog Food, Lamb, 11.4 kg', sku: 'DOG-ACANA-LAMB-11', quantity: '2', unitPrice: '89.99' })],
    shippingCharge: '5.90',
    notes: '',
    ...change,
  };
}

// ---------------------------------------------------------------------------------------------------------------
// The form's fields are the schema's fields

/** Leaf paths of a zod schema, `*` for an array index (zod 4's public `def`). */
function schemaLeaves(schema: z.ZodType, prefix = ''): string[] {
  const def = (schema as unknown as { def: { type: string; shape?: Record<string, z.ZodType>; element?: z.ZodType; innerType?: z.ZodType; in?: z.ZodType } }).def;
  const at = (key: string) => (prefix === '' ? key : `${prefix}.${key}`);
  switch (def.type) {
    case 'object':
      return Object.entries(def.shape ?? {}).flatMap(([key, child]) => schemaLeaves(child, at(key)));
    case 'array':
      return schemaLeaves(def.element as z.ZodType, at('*'));
    case 'default':
    case 'optional':
    case 'nullable':
      return schemaLeaves(def.innerType as z.ZodType, prefix);
    case 'pipe':
      return schemaLeaves(def.in as z.ZodType, prefix);
    default:
      return [prefix];
  }
}

/** Text leaves of the form's values, `*` for a line index (a line's numeric `key` is React's, not a field). */
function valueLeaves(value: unknown, prefix = ''): string[] {
  const at = (key: string) => (prefix === '' ? key : `${prefix}.${key}`);
  if (Array.isArray(value)) return value.length === 0 ? [] : valueLeaves(value[0], at('*'));
  if (typeof value === 'object' && value !== null) return Object.entries(value).flatMap(([key, child]) => valueLeaves(child, at(key)));
  return typeof value === 'string' ? [prefix] : [];
}

/** Schema fields the form holds as something other than typed text (set by the variant picker). */
const NON_TEXT_FIELDS = ['lines.*.variantId'];

describe('the form values have exactly the schema’s fields', () => {
  const allSchemaPaths = schemaLeaves(draftOrderInput).sort();
  const schemaPaths = allSchemaPaths.filter((p) => !NON_TEXT_FIELDS.includes(p));

  it('the schema walk finds the leaves (so the comparison below means something)', () => {
    expect(schemaPaths).toContain('customer.email');
    expect(schemaPaths).toContain('lines.*.unitPrice');
    expect(schemaPaths).toContain('shippingCharge');
    expect(schemaPaths.length).toBeGreaterThanOrEqual(16);
    expect(schemaLeaves(submittedOrderInput).sort()).toEqual(allSchemaPaths);
    for (const path of NON_TEXT_FIELDS) expect(allSchemaPaths).toContain(path);
  });

  it('a line carries the non-text fields too (variantId: null for a free-text line)', () => {
    expect(emptyLine().variantId).toBeNull();
    expect(isFormPath('lines.0.variantId', emptyOrder())).toBe(false);
  });

  it('emptyOrder() holds one text value per schema field', () => {
    expect(valueLeaves(emptyOrder()).sort()).toEqual(schemaPaths);
  });

  it('isFormPath accepts every schema field (line 0 exists) and nothing else', () => {
    const values = emptyOrder();
    for (const path of schemaPaths) expect(isFormPath(path.replace('*', '0'), values), path).toBe(true);
    expect(isFormPath('lines', values)).toBe(true);
    for (const path of ['', 'customer', 'lines.0', 'lines.0.key', 'lines.1.title', 'lines.x.title', 'customer.fax', 'id', 'order.currency', '__proto__', 'customer.name.length']) {
      expect(isFormPath(path, values), path).toBe(false);
    }
  });
});

// ---------------------------------------------------------------------------------------------------------------
// formPath and skipped blank lines

describe('formPath', () => {
  const values = order({
    lines: [
      line({ title: 'A', quantity: '1', unitPrice: '1' }),
      blank(),
      line({ title: 'B', quantity: '1', unitPrice: '2' }),
      blank(),
      line({ title: 'C', quantity: '1', unitPrice: '3' }),
    ],
  });

  it('a draft leaves blank lines out and remembers where each sent line came from', () => {
    const built = buildInput(values, 'draft');
    expect(built.input.lines.map((l) => l.title)).toEqual(['A', 'B', 'C']);
    expect(built.lineIndex).toEqual([0, 2, 4]);
  });

  it('a submit sends every line, blank ones included (so "Enter what this line is" lands on them)', () => {
    const built = buildInput(values, 'submit');
    expect(built.input.lines).toHaveLength(5);
    expect(built.lineIndex).toEqual([0, 1, 2, 3, 4]);
  });

  it.each([
    [['lines', 1, 'unitPrice'], 'lines.2.unitPrice'],
    [['lines', 2, 'title'], 'lines.4.title'],
    ['order.lines.0.quantity', 'lines.0.quantity'],
    ['order.lines.2.sku', 'lines.4.sku'],
    ['order.shippingAddress.postcode', 'shippingAddress.postcode'],
    [['customer', 'email'], 'customer.email'],
    ['lines', 'lines'],
    // The input had no such line: the message goes to the list, not to an unrelated line.
    ['order.lines.3.title', 'lines'],
  ] as const)('%j → %s', (path, expected) => {
    expect(formPath(path as readonly PropertyKey[] | string, buildInput(values, 'draft').lineIndex)).toBe(expected);
  });

  it('a schema error on a line after a skipped blank is shown on that line', () => {
    const checked = checkValues(order({ lines: [blank(), line({ title: 'Kibble', quantity: '2.5', unitPrice: '10' })] }), 'draft');
    expect(checked.ok).toBe(false);
    expect(checked.errors).toEqual({ 'lines.1.quantity': 'Quantity must be a whole number' });
  });

  it('a submit error the form has no field for goes above the form', () => {
    const checked = checkValues(order({ lines: [] }), 'submit');
    expect(checked.errors).toEqual({ lines: 'Add at least one line' });
  });
});

// ---------------------------------------------------------------------------------------------------------------
// buildInput: decimal text → integer minor units per currency

describe('buildInput', () => {
  const priced = (currency: string, unitPrice: string, shippingCharge = '') =>
    buildInput(order({ currency, shippingCharge, lines: [line({ title: 'X', quantity: '3', unitPrice })] }), 'submit');

  it.each([
    ['USD', '12.50', 1250], ['USD', '12.5', 1250], ['USD', '12', 1200], ['USD', '0.07', 7], ['EUR', '19,99', 1999],
    ['EUR', ' 1 299.00 ', 129900],
    ['JPY', '1500', 1500], ['JPY', '1,500', undefined], ['JPY', '1', 1],
    ['KWD', '1.234', 1234], ['KWD', '2.5', 2500], ['KWD', '7', 7000], ['KWD', '0.001', 1],
  ])('%s %j → %j minor units', (currency, text, expected) => {
    const built = priced(currency, text);
    if (expected === undefined) {
      expect(built.parseErrors['lines.0.unitPrice']).toBeDefined();
    } else {
      expect(built.parseErrors).toEqual({});
      expect(built.input.lines[0]?.unitPrice).toBe(expected);
    }
    expect(built.input.currency).toBe(currency);
    expect(built.input.lines[0]?.quantity).toBe(3);
  });

  it.each([
    ['JPY', '12.5', 'Unit price takes no decimals in JPY'],
    ['KWD', '1.2345', 'Unit price takes at most 3 decimals in KWD'],
    ['USD', '1.999', 'Unit price takes at most 2 decimals in USD'],
    ['USD', 'twelve', 'Unit price must be a number such as 12.50'],
    ['USD', '', 'Unit price is required'],
  ])('%s %j is refused: %s (and sent as 0 so the rest of the schema still runs)', (currency, text, message) => {
    const built = priced(currency, text);
    expect(built.parseErrors).toEqual({ 'lines.0.unitPrice': message });
    expect(built.input.lines[0]?.unitPrice).toBe(0);
  });

  it('reads the shipping charge in the order’s currency, blank meaning none', () => {
    expect(priced('EUR', '1', '5.90').input.shippingCharge).toBe(590);
    expect(priced('JPY', '1', '800').input.shippingCharge).toBe(800);
    expect(priced('KWD', '1', '1.5').input.shippingCharge).toBe(1500);
    expect(priced('EUR', '1', '').input.shippingCharge).toBe(0);
    const bad = priced('JPY', '1', '8.5');
    expect(bad.parseErrors).toEqual({ shippingCharge: 'Shipping charge takes no decimals in JPY' });
    expect(bad.input.shippingCharge).toBe(0);
  });

  it('passes quantities through as numbers so the schema names what is wrong', () => {
    const withQuantity = (quantity: string) => buildInput(order({ lines: [line({ title: 'X', quantity, unitPrice: '1' })] }), 'submit').input.lines[0]?.quantity;
    expect(withQuantity(' 4 ')).toBe(4);
    expect(withQuantity('2.5')).toBe(2.5);
    expect(withQuantity('abc')).toBeNaN();
    expect(withQuantity('')).toBeUndefined();
  });

  it('the built input of a whole order passes the submit schema with the expected amounts', () => {
    const built = buildInput(order(), 'submit');
    expect(built.parseErrors).toEqual({});
    const parsed = submittedOrderInput.parse(built.input);
    expect(parsed.lines).toEqual([{ title: 'Adult Dog Food, Lamb, 11.4 kg', sku: 'DOG-ACANA-LAMB-11', quantity: 2, unitPrice: 8999, variantId: null }]);
    expect(parsed.shippingCharge).toBe(590);
  });

  it('an unknown currency is the currency’s error, not a crash while reading prices', () => {
    const checked = checkValues(order({ currency: 'XYZ' }), 'submit');
    expect(checked.errors).toEqual({ currency: 'Choose a currency from the list (ISO 4217, such as USD)' });
    expect(liveTotals(order({ currency: 'XYZ' })).total).toBeNull();
  });
});

// ---------------------------------------------------------------------------------------------------------------
// Live totals (computeTotals on what can be read)

describe('liveTotals', () => {
  const amounts = (values: OrderFormValues) => {
    const t = liveTotals(values);
    return { lines: t.lineTotals.map((m) => m?.amount ?? null), subtotal: t.subtotal?.amount ?? null, shipping: t.shipping?.amount ?? null, total: t.total?.amount ?? null };
  };

  it('adds up in minor units of each currency', () => {
    expect(amounts(order())).toEqual({ lines: [17998], subtotal: 17998, shipping: 590, total: 18588 });
    expect(amounts(order({ currency: 'JPY', shippingCharge: '500', lines: [line({ quantity: '3', unitPrice: '1500' })] })))
      .toEqual({ lines: [4500], subtotal: 4500, shipping: 500, total: 5000 });
    expect(amounts(order({ currency: 'KWD', shippingCharge: '0.5', lines: [line({ quantity: '2', unitPrice: '1.234' }), line({ quantity: '1', unitPrice: '0.001' })] })))
      .toEqual({ lines: [2468, 1], subtotal: 2469, shipping: 500, total: 2969 });
  });

  it('a line without a price adds nothing; an unreadable one makes the sums unknown', () => {
    expect(amounts(order({ shippingCharge: '', lines: [line({ quantity: '2', unitPrice: '1.50' }), blank()] })))
      .toEqual({ lines: [300, null], subtotal: 300, shipping: 0, total: 300 });
    expect(amounts(order({ shippingCharge: '1', lines: [line({ quantity: '2', unitPrice: '1.50' }), line({ quantity: '1', unitPrice: '1.999' })] })))
      .toEqual({ lines: [300, null], subtotal: null, shipping: 100, total: null });
    expect(amounts(order({ shippingCharge: '1', lines: [line({ quantity: '2.5', unitPrice: '1' })] })))
      .toEqual({ lines: [null], subtotal: null, shipping: 100, total: null });
  });

  it('an unreadable shipping charge leaves the subtotal known and the total unknown', () => {
    expect(amounts(order({ shippingCharge: 'abc' }))).toEqual({ lines: [17998], subtotal: 17998, shipping: null, total: null });
  });

  it('amounts beyond safe integers show as unknown instead of throwing', () => {
    expect(amounts(order({ lines: [line({ quantity: String(Number.MAX_SAFE_INTEGER), unitPrice: '10' })] })))
      .toEqual({ lines: [null], subtotal: null, shipping: 590, total: null });
    expect(amounts(order({ lines: [line({ quantity: '1e300', unitPrice: '10' })] })).lines).toEqual([null]);
    expect(amounts(order({ lines: [line({ quantity: '-1', unitPrice: '10' })] })).lines).toEqual([null]);
  });
});

// ---------------------------------------------------------------------------------------------------------------
// The store: one call per save, and the server's field errors beside their fields

function draftDetail(id: number, values: OrderFormValues): OrderDetail {
  const money = (amount: number) => ({ amount, currency: values.currency });
  return {
    id, number: 'PD-1001', source: 'manual', stage: 'draft', paymentStatus: 'unpaid', fulfillmentStatus: 'unfulfilled',
    customer: values.customer, shippingAddress: values.shippingAddress, currency: values.currency,
    lines: [], subtotal: money(0), shippingCharge: money(0), total: money(0), notes: values.notes,
    holds: [], timeline: [], createdAt: '2026-01-01T00:00:00Z', updatedAt: '2026-01-01T00:00:00Z', submittedAt: null, cancelledAt: null,
  } as unknown as OrderDetail;
}

describe('orderFormStore.save', () => {
  beforeEach(() => {
    invoke.mockReset();
  });

  async function editDraft(id: number, fill: Record<string, string>) {
    invoke.mockResolvedValueOnce(draftDetail(id, emptyOrder()));
    await useOrderForm.getState().startEdit(id);
    expect(useOrderForm.getState().status).toBe('ready');
    for (const [path, value] of Object.entries(fill)) useOrderForm.getState().setField(path, value);
  }

  const whole = {
    'customer.name': 'Zoë Müller', 'customer.email': 'zoe.muller@example.com', 'shippingAddress.line1': 'Hauptstraße 1',
    'shippingAddress.city': 'Berlin', 'shippingAddress.postcode': '10115', 'shippingAddress.country': 'DE', currency: 'EUR',
    'lines.0.title': 'Kibble', 'lines.0.quantity': '2', 'lines.0.unitPrice': '89.99', shippingCharge: '5.90',
  };

  it('submitting an edited draft is one orders.submit call carrying the edits', async () => {
    await editDraft(7, whole);
    invoke.mockResolvedValueOnce({ ...draftDetail(7, emptyOrder()), stage: 'placed' });
    const saved = await useOrderForm.getState().save('submit');
    expect(saved?.id).toBe(7);
    expect(invoke).toHaveBeenCalledTimes(2);
    const [name, input] = invoke.mock.calls[1] ?? [];
    expect(name).toBe('orders.submit');
    expect(input.id).toBe(7);
    expect(input.order.lines).toEqual([{ title: 'Kibble', sku: '', quantity: 2, unitPrice: 8999, variantId: null }]);
    expect(input.order.shippingCharge).toBe(590);
    expect(useOrderForm.getState().isDirty()).toBe(false);
  });

  it('saving a draft is one orders.updateDraft call', async () => {
    await editDraft(8, { 'customer.name': 'Ada' });
    invoke.mockResolvedValueOnce(draftDetail(8, emptyOrder()));
    await useOrderForm.getState().save('draft');
    expect(invoke.mock.calls.map(([name]) => name)).toEqual(['orders.get', 'orders.updateDraft']);
    expect(invoke.mock.calls[1]?.[1].order.customer.name).toBe('Ada');
  });

  it('a server error naming a field (order.lines.N…) lands beside that field, past skipped lines', async () => {
    await editDraft(9, whole);
    useOrderForm.getState().addLine();
    useOrderForm.getState().addLine();
    useOrderForm.getState().setField('lines.2.title', 'Ball');
    useOrderForm.getState().setField('lines.2.unitPrice', '3');
    invoke.mockRejectedValueOnce(new ApiCallError({ code: 'invalid_input', message: 'SKU is taken', field: 'order.lines.1.sku' }));
    expect(await useOrderForm.getState().save('draft')).toBeNull();
    const state = useOrderForm.getState();
    expect(state.errors).toEqual({ 'lines.2.sku': 'SKU is taken' });
    expect(state.formError).toBeNull();
    expect(state.status).toBe('ready');
  });

  it('a server error the form has no field for shows above the form', async () => {
    await editDraft(10, whole);
    invoke.mockRejectedValueOnce(new ApiCallError({ code: 'invalid_state', message: 'Order PD-1001 was submitted in another window', field: 'id' }));
    expect(await useOrderForm.getState().save('submit')).toBeNull();
    expect(useOrderForm.getState().errors).toEqual({});
    expect(useOrderForm.getState().formError).toBe('Order PD-1001 was submitted in another window');
  });
});
