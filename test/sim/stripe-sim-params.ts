/**
 * Reading Stripe parameters strictly, with Stripe's validation errors (`parameter_missing`,
 * `parameter_unknown`, `parameter_invalid_integer`, ...). Strict on purpose: a desk that sends a misspelt
 * or misplaced parameter must fail here as it would against Stripe, not be quietly accepted.
 */
import { invalidParam, missingParam, unknownParam } from './stripe-sim-errors';
import type { FormParams, FormValue } from './stripe-sim-form';
import type { Metadata } from './stripe-sim-objects';

export function rejectUnknown(params: FormParams, accepted: readonly string[], prefix = ''): void {
  for (const name of Object.keys(params)) {
    if (!accepted.includes(name)) throw unknownParam(prefix ? `${prefix}[${name}]` : name);
  }
}

export function optionalString(params: FormParams, name: string, label = name): string | null {
  const value = params[name];
  if (value === undefined) return null;
  if (typeof value !== 'string') throw invalidParam(label, `Invalid string: ${label} must be a string.`);
  return value;
}

export function requiredString(params: FormParams, name: string, label = name): string {
  const value = optionalString(params, name, label);
  if (value === null || value === '') throw missingParam(label);
  return value;
}

function parseInteger(text: string, label: string): number {
  if (!/^-?[0-9]{1,15}$/.test(text)) throw invalidParam(label, `Invalid integer: ${text}`, 'parameter_invalid_integer');
  return Number(text);
}

export function optionalInteger(params: FormParams, name: string, label = name): number | undefined {
  const text = optionalString(params, name, label);
  return text === null ? undefined : parseInteger(text, label);
}

export function requiredInteger(params: FormParams, name: string, label = name): number {
  return parseInteger(requiredString(params, name, label), label);
}

/** A positive amount in minor units, within Stripe's 8-digit limit. */
export function positiveAmount(value: number, label: string): number {
  if (value < 1) throw invalidParam(label, 'This value must be greater than or equal to 1.', 'parameter_invalid_integer');
  if (value > 99_999_999) throw invalidParam(label, 'Amount must be no more than 99999999 (in the smallest currency unit).', 'amount_too_large');
  return value;
}

export function optionalBoolean(params: FormParams, name: string): boolean | undefined {
  const text = optionalString(params, name);
  if (text === null) return undefined;
  if (text !== 'true' && text !== 'false') throw invalidParam(name, `Invalid boolean: ${text}`);
  return text === 'true';
}

export function optionalEnum<T extends string>(params: FormParams, name: string, allowed: readonly T[], label = name): T | null {
  const text = optionalString(params, name, label);
  if (text === null) return null;
  if (!(allowed as readonly string[]).includes(text)) {
    throw invalidParam(label, `Invalid ${label}: must be one of ${allowed.join(', ')}`);
  }
  return text as T;
}

/** Lower-case ISO 4217 code, as Stripe stores and returns it. */
export function currencyParam(params: FormParams, name: string, label = name): string {
  const currency = requiredString(params, name, label).toLowerCase();
  if (!/^[a-z]{3}$/.test(currency)) throw invalidParam(label, `Invalid currency: ${currency}.`);
  return currency;
}

/** Stripe's minimum charge amounts (docs.stripe.com/currencies#minimum-and-maximum-charge-amounts), for the common ones. */
const MINIMUM_CHARGE: Record<string, number> = { usd: 50, eur: 50, gbp: 30, cad: 50, aud: 50, chf: 50, nzd: 50, jpy: 50, sek: 300, nok: 300, dkk: 250 };

export function checkMinimumCharge(amount: number, currency: string, label = 'amount'): void {
  const minimum = MINIMUM_CHARGE[currency];
  if (minimum !== undefined && amount < minimum) {
    throw invalidParam(label, `Amount must be at least ${minimum} ${currency} (in the smallest currency unit).`, 'amount_too_small');
  }
}

/** `metadata[key]=value`: at most 50 keys of up to 40 characters, values up to 500; `metadata=` (empty) clears. */
export function metadataParam(params: FormParams, name: string, label = name): Metadata {
  const value = params[name];
  if (value === undefined || value === '') return {};
  if (typeof value !== 'object' || Array.isArray(value)) throw invalidParam(label, 'Invalid object');
  const entries = Object.entries(value);
  if (entries.length > 50) throw invalidParam(label, 'Metadata can have at most 50 keys.');
  const metadata: Metadata = {};
  for (const [key, item] of entries) {
    if (typeof item !== 'string') throw invalidParam(`${label}[${key}]`, 'Metadata values must be strings.');
    if (key.length > 40) throw invalidParam(`${label}[${key}]`, 'Metadata keys can be at most 40 characters long.');
    if (item.length > 500) throw invalidParam(`${label}[${key}]`, 'Metadata values can be at most 500 characters long.');
    metadata[key] = item;
  }
  return metadata;
}

/** A nested hash parameter (`payment_intent_data[...]`, `line_items[0][price_data][...]`). */
export function optionalHash(params: FormParams, name: string, label = name): FormParams | null {
  const value = params[name];
  if (value === undefined) return null;
  if (typeof value !== 'object' || Array.isArray(value)) throw invalidParam(label, 'Invalid hash');
  return value;
}

export function arrayParam(params: FormParams, name: string): FormValue[] | null {
  const value = params[name];
  if (value === undefined) return null;
  if (!Array.isArray(value)) throw invalidParam(name, 'Invalid array');
  return value;
}

/** `expand[]`: each path must be one the route can expand, checked before anything runs. */
export function expandParam(params: FormParams, expandable: readonly string[]): string[] {
  const paths = arrayParam(params, 'expand') ?? [];
  return paths.map((path) => {
    if (typeof path !== 'string' || !expandable.includes(path)) {
      throw invalidParam('expand', `This property cannot be expanded (${typeof path === 'string' ? path : 'expand'}).`);
    }
    return path;
  });
}
