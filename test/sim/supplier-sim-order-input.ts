/**
 * Validation of a `POST /v1/orders` body (README.md, "POST /v1/orders"). The first problem found is
 * reported with the JSON path of the field (`ship_to.country`, `lines[1].quantity`), as a 422 names it.
 * SKUs are not checked here: an unknown SKU rejects its line, not the request (supplier-sim-orders.ts).
 */

export interface SimShipTo {
  name: string;
  line1: string;
  line2: string | null;
  city: string;
  region: string | null;
  postcode: string | null;
  /** ISO 3166-1 alpha-2, upper case. */
  country: string;
  phone: string | null;
  email: string | null;
}

export interface SimMoneyMinor {
  /** Integer minor units (cents), unlike the product listing's decimal strings. */
  amount: number;
  currency: string;
}

export interface OrderInput {
  client_reference: string;
  ship_to: SimShipTo;
  lines: { sku: string; quantity: number; unit_cost: SimMoneyMinor | null }[];
  notes: string | null;
}

export type OrderInputResult = { ok: true; input: OrderInput } | { ok: false; field: string; message: string };

export const MAX_ORDER_LINES = 100;
export const MAX_LINE_QUANTITY = 9999;
/** Countries without postcodes, where `ship_to.postcode` may be absent. */
export const NO_POSTCODE_COUNTRIES: readonly string[] = ['AE', 'AG', 'BS', 'HK', 'IE', 'JM', 'QA'];

class Invalid extends Error {
  constructor(readonly field: string, message: string) {
    super(message);
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A required (or, with `optional`, nullable) trimmed string of at most `max` characters. */
function text(source: Record<string, unknown>, key: string, field: string, max: number, optional = false): string | null {
  const value = source[key];
  if (value === undefined || value === null || (optional && value === '')) {
    if (optional) return null;
    throw new Invalid(field, `${field} is required.`);
  }
  if (typeof value !== 'string') throw new Invalid(field, `${field} must be a string.`);
  const trimmed = value.trim();
  if (trimmed === '') throw new Invalid(field, `${field} must not be blank.`);
  if (trimmed.length > max) throw new Invalid(field, `${field} must be at most ${max} characters.`);
  return trimmed;
}

function shipTo(value: unknown): SimShipTo {
  if (!isObject(value)) throw new Invalid('ship_to', 'ship_to is required and must be an object.');
  const country = text(value, 'country', 'ship_to.country', 2) as string;
  if (!/^[A-Z]{2}$/.test(country)) throw new Invalid('ship_to.country', 'ship_to.country must be an ISO 3166-1 alpha-2 code in upper case, e.g. "DE".');
  const postcode = text(value, 'postcode', 'ship_to.postcode', 16, NO_POSTCODE_COUNTRIES.includes(country));
  const email = text(value, 'email', 'ship_to.email', 254, true);
  if (email !== null && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) throw new Invalid('ship_to.email', 'ship_to.email is not an e-mail address.');
  const phone = text(value, 'phone', 'ship_to.phone', 32, true);
  if (phone !== null && !/^\+?[0-9 ()./-]{4,}$/.test(phone)) throw new Invalid('ship_to.phone', 'ship_to.phone may hold only digits, spaces, "+", "(", ")", ".", "/" and "-".');
  return {
    name: text(value, 'name', 'ship_to.name', 200) as string,
    line1: text(value, 'line1', 'ship_to.line1', 200) as string,
    line2: text(value, 'line2', 'ship_to.line2', 200, true),
    city: text(value, 'city', 'ship_to.city', 100) as string,
    region: text(value, 'region', 'ship_to.region', 100, true),
    postcode,
    country,
    phone,
    email,
  };
}

function unitCost(value: unknown, field: string): SimMoneyMinor | null {
  if (value === undefined || value === null) return null;
  if (!isObject(value)) throw new Invalid(field, `${field} must be an object { amount, currency }.`);
  if (!Number.isSafeInteger(value.amount) || (value.amount as number) < 0) {
    throw new Invalid(`${field}.amount`, `${field}.amount must be a non-negative integer in minor units (1250 for 12.50).`);
  }
  if (typeof value.currency !== 'string' || !/^[A-Z]{3}$/.test(value.currency)) {
    throw new Invalid(`${field}.currency`, `${field}.currency must be an ISO 4217 code in upper case, e.g. "EUR".`);
  }
  return { amount: value.amount as number, currency: value.currency };
}

function lines(value: unknown): OrderInput['lines'] {
  if (!Array.isArray(value) || value.length === 0) throw new Invalid('lines', 'lines must be a non-empty array.');
  if (value.length > MAX_ORDER_LINES) throw new Invalid('lines', `lines may hold at most ${MAX_ORDER_LINES} lines.`);
  const seen = new Set<string>();
  return value.map((line: unknown, index) => {
    const field = `lines[${index}]`;
    if (!isObject(line)) throw new Invalid(field, `${field} must be an object.`);
    const sku = text(line, 'sku', `${field}.sku`, 100) as string;
    if (seen.has(sku)) throw new Invalid(`${field}.sku`, `${field}.sku repeats ${sku}; put the whole quantity on one line.`);
    seen.add(sku);
    const quantity = line.quantity;
    if (!Number.isSafeInteger(quantity) || (quantity as number) < 1 || (quantity as number) > MAX_LINE_QUANTITY) {
      throw new Invalid(`${field}.quantity`, `${field}.quantity must be an integer from 1 to ${MAX_LINE_QUANTITY}.`);
    }
    return { sku, quantity: quantity as number, unit_cost: unitCost(line.unit_cost, `${field}.unit_cost`) };
  });
}

export function parseOrderInput(body: unknown): OrderInputResult {
  try {
    if (!isObject(body)) throw new Invalid('body', 'The request body must be a JSON object.');
    const clientReference = text(body, 'client_reference', 'client_reference', 64) as string;
    if (!/^[\x21-\x7e]+$/.test(clientReference)) {
      throw new Invalid('client_reference', 'client_reference must be visible ASCII without spaces.');
    }
    return {
      ok: true,
      input: {
        client_reference: clientReference,
        ship_to: shipTo(body.ship_to),
        lines: lines(body.lines),
        notes: text(body, 'notes', 'notes', 1000, true),
      },
    };
  } catch (error) {
    if (error instanceof Invalid) return { ok: false, field: error.field, message: error.message };
    throw error;
  }
}
