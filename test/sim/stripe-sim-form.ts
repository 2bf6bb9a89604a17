/**
 * Stripe's request encoding: `application/x-www-form-urlencoded` with bracket notation for nesting
 * (`metadata[order]=PD-1001`, `expand[0]=latest_charge`, `expand[]=latest_charge`,
 * `line_items[0][price_data][unit_amount]=1999`), in POST bodies and GET query strings alike.
 *
 * Why not `qs` (what Stripe's own examples and stripe-mock's clients use): it is not in node_modules here —
 * stripe@23 has no dependencies and nothing else pulls it in — and package.json is not ours to change.
 * The subset Stripe uses is small, so this is a strict parser of exactly that subset.
 */

/** A parsed request: strings at the leaves, objects and arrays inside. Stripe sends every scalar as a string. */
export type FormValue = string | FormValue[] | { [key: string]: FormValue };
export type FormParams = { [key: string]: FormValue };

/** A body or query that cannot be read as Stripe's bracket notation (answered as a 400, never a crash). */
export class FormSyntaxError extends Error {
  override readonly name = 'FormSyntaxError';
}

const MAX_PAIRS = 2_000;
const MAX_DEPTH = 8;
/** Keys that would reach Object.prototype if used as a property name. */
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);
const KEY_PATTERN = /^([^[\]]+)((?:\[[^[\]]*\])*)$/;

type Draft = { [key: string]: Draft | string };

/** Splits `a[b][0][]` into `['a', 'b', '0', '']`; `''` means "append". */
function keyPath(rawKey: string): string[] {
  const match = KEY_PATTERN.exec(rawKey);
  if (!match) throw new FormSyntaxError(`Invalid parameter name: ${rawKey}`);
  const [, head, brackets] = match as unknown as [string, string, string];
  const rest = brackets === '' ? [] : brackets.slice(1, -1).split('][');
  const path = [head, ...rest];
  if (path.length > MAX_DEPTH) throw new FormSyntaxError(`Parameter nested too deeply: ${rawKey}`);
  for (const segment of path) {
    if (FORBIDDEN_KEYS.has(segment)) throw new FormSyntaxError(`Invalid parameter name: ${rawKey}`);
  }
  return path;
}

function assign(root: Draft, rawKey: string, value: string): void {
  const path = keyPath(rawKey);
  let node = root;
  for (let i = 0; i < path.length; i += 1) {
    let segment = path[i] as string;
    // `expand[]=a&expand[]=b`: an empty index appends, so it is the next free position.
    if (segment === '') segment = String(Object.keys(node).length);
    const last = i === path.length - 1;
    const existing = node[segment];
    if (last) {
      if (typeof existing === 'object') throw new FormSyntaxError(`Parameter ${rawKey} is both a value and a hash.`);
      node[segment] = value; // a repeated scalar: the last one wins, as with qs
      return;
    }
    if (typeof existing === 'string') throw new FormSyntaxError(`Parameter ${rawKey} is both a value and a hash.`);
    if (existing === undefined) {
      const child: Draft = Object.create(null) as Draft;
      node[segment] = child;
      node = child;
    } else {
      node = existing;
    }
  }
}

/** A container whose keys are all array indices becomes an array, in index order (`a[1]`, `a[0]` → [a0, a1]). */
function finish(draft: Draft | string): FormValue {
  if (typeof draft === 'string') return draft;
  const keys = Object.keys(draft);
  if (keys.length > 0 && keys.every((key) => /^(0|[1-9][0-9]{0,5})$/.test(key))) {
    return keys.map(Number).sort((a, b) => a - b).map((index) => finish(draft[String(index)] as Draft | string));
  }
  const result: { [key: string]: FormValue } = {};
  for (const key of keys) result[key] = finish(draft[key] as Draft | string);
  return result;
}

/** Parses a form body or a query string (without the `?`). */
export function parseStripeForm(text: string): FormParams {
  const root: Draft = Object.create(null) as Draft;
  let pairs = 0;
  for (const [key, value] of new URLSearchParams(text)) {
    pairs += 1;
    if (pairs > MAX_PAIRS) throw new FormSyntaxError('Too many parameters.');
    assign(root, key, value);
  }
  const result = finish(root);
  return Array.isArray(result) || typeof result === 'string' ? {} : result;
}

/**
 * A canonical text of the parameters (object keys sorted), so that the same request encoded in another key
 * order — or with `expand[]` instead of `expand[0]` — counts as the same for idempotency.
 */
export function paramsFingerprint(params: FormParams): string {
  const canonical = (value: FormValue): unknown => {
    if (typeof value === 'string') return value;
    if (Array.isArray(value)) return value.map(canonical);
    return Object.fromEntries(Object.keys(value).sort().map((key) => [key, canonical(value[key] as FormValue)]));
  };
  return JSON.stringify(canonical(params));
}
