import { isPossiblePhoneNumber, type CountryCode } from 'libphonenumber-js';
import { z } from 'zod';
import { countryName, countryUsesKnownPostcodeFormat, isCountryCode, isValidPostcode } from '../domain/countries';
import { isCurrencyCode } from '../domain/money';

/** A record's id in a request: a positive whole number, the message naming what it is. */
export const id = (what: string) => z.number(`${what} must be a number`).int(`${what} must be a whole number`).positive(`${what} must be positive`);

/**
 * One schema for the order form and the dispatcher. A draft may be incomplete (that is what a draft is
 * for) but what it holds must already be of the right type and range; a submitted order must be whole.
 */
export type ValidationMode = 'draft' | 'submit';

/** Largest amount in minor units the desk accepts for one price (10 million in a 2-decimal currency). */
export const MAX_MINOR_AMOUNT = 1_000_000_000;
export const MAX_QUANTITY = 10_000;
export const MAX_LINES = 200;

const text = (max: number, tooLong: string) => z.string().trim().max(max, tooLong);

function requiredText(mode: ValidationMode, max: number, missing: string, tooLong: string) {
  const base = text(max, tooLong);
  return mode === 'submit' ? base.min(1, missing) : base;
}

const minorAmount = (label: string) =>
  z.number(`${label} must be a number`)
    .int(`${label} must be whole minor units (cents)`)
    .min(0, `${label} cannot be negative`)
    .max(MAX_MINOR_AMOUNT, `${label} is too large`);

function customerSchema(mode: ValidationMode) {
  return z.object({
    name: requiredText(mode, 200, 'Enter the customer’s name', 'Name is too long (200 characters at most)'),
    email: requiredText(mode, 254, 'Enter the customer’s e-mail', 'E-mail is too long')
      .refine((v) => v === '' || z.email().safeParse(v).success, 'E-mail must look like name@example.com'),
    phone: text(40, 'Phone is too long').default(''),
  });
}

function addressSchema(mode: ValidationMode) {
  return z.object({
    line1: requiredText(mode, 200, 'Enter the street address', 'Address line is too long'),
    line2: text(200, 'Address line 2 is too long').default(''),
    city: requiredText(mode, 100, 'Enter the city', 'City is too long'),
    region: text(100, 'Region is too long').default(''),
    postcode: text(20, 'Postcode is too long').default(''),
    country: z.string('Choose a country').refine((c) => (mode === 'draft' && c === '') || isCountryCode(c), 'Choose a country from the list'),
  });
}

function lineSchema(mode: ValidationMode) {
  return z.object({
    title: requiredText(mode, 300, 'Enter what this line is', 'Line title is too long'),
    sku: text(100, 'SKU is too long').default(''),
    quantity: z.number('Quantity must be a number')
      .int('Quantity must be a whole number')
      .min(1, 'Quantity must be at least 1')
      .max(MAX_QUANTITY, `Quantity must be at most ${MAX_QUANTITY}`),
    unitPrice: minorAmount('Unit price'),
    /** The catalog variant picked for this line; absent for a free-text line. */
    variantId: z.number('Variant must be a number').int().positive().nullable().default(null),
  });
}

export function orderInputSchema(mode: ValidationMode) {
  return z.object({
    customer: customerSchema(mode),
    shippingAddress: addressSchema(mode),
    currency: z.string('Choose a currency').refine(isCurrencyCode, 'Choose a currency from the list (ISO 4217, such as USD)'),
    lines: z.array(lineSchema(mode)).max(MAX_LINES, `An order can have at most ${MAX_LINES} lines`)
      .min(mode === 'submit' ? 1 : 0, 'Add at least one line'),
    shippingCharge: minorAmount('Shipping charge'),
    notes: text(5000, 'Notes are too long (5,000 characters at most)').default(''),
  }).superRefine((order, ctx) => {
    if (mode !== 'submit') return;
    const { country, postcode } = order.shippingAddress;
    if (countryUsesKnownPostcodeFormat(country)) {
      if (postcode === '') {
        ctx.addIssue({ code: 'custom', path: ['shippingAddress', 'postcode'], message: `Enter the postcode (required in ${countryName(country)})` });
      } else if (!isValidPostcode(postcode, country)) {
        ctx.addIssue({ code: 'custom', path: ['shippingAddress', 'postcode'], message: `“${postcode}” is not a valid postcode for ${countryName(country)}` });
      }
    }
    const phone = order.customer.phone;
    if (phone !== '' && !isPossiblePhoneNumber(phone, country as CountryCode)) {
      ctx.addIssue({ code: 'custom', path: ['customer', 'phone'], message: `“${phone}” does not look like a phone number for ${countryName(country)}` });
    }
  });
}

export const draftOrderInput = orderInputSchema('draft');
export const submittedOrderInput = orderInputSchema('submit');
/** What a caller sends: the form's fields, before defaults are applied. */
export type OrderInput = z.input<typeof draftOrderInput>;
/** What the service stores: trimmed and with defaults. */
export type OrderFields = z.output<typeof draftOrderInput>;
