/**
 * The `orders` connection of the simulated Shopify store: Shopify's search syntax for `query:` (only the date
 * filters the desk uses), the sort keys, and opaque cursors. A cursor, like Shopify's, is base64 JSON of the last
 * row's sort value and id; `after:` resumes strictly after that (value, id) pair, and the filter is evaluated
 * again on every page, so an order updated during a pull moves to the end of the same pull rather than being lost.
 * See test/sim/README.md, "Shopify simulator". Imports nothing from src-main or src-shared.
 */
import type { SimOrder } from './shopify-sim-model';

export const ORDER_SORT_KEYS = ['ID', 'UPDATED_AT', 'CREATED_AT'] as const;
export type OrderSortKey = (typeof ORDER_SORT_KEYS)[number];

/** The search fields the simulator filters on; any other field is ignored with a warning, as Shopify does. */
const DATE_FIELDS = { updated_at: 'updatedAt', created_at: 'createdAt' } as const;

type Comparator = '>' | '>=' | '<' | '<=' | '=';

export interface SearchTerm {
  field: keyof typeof DATE_FIELDS;
  comparator: Comparator;
  valueMs: number;
}

export interface SearchWarning {
  field: string;
  message: string;
}

export interface ParsedSearch {
  terms: SearchTerm[];
  warnings: SearchWarning[];
}

/** Splits on spaces outside quotes; `AND` between terms is accepted and ignored (terms are always ANDed). */
function tokens(query: string): string[] {
  const out: string[] = [];
  const pattern = /(?:[^\s'"]+|'[^']*'|"[^"]*")+/g;
  for (const match of query.matchAll(pattern)) {
    if (match[0].toUpperCase() !== 'AND') out.push(match[0]);
  }
  return out;
}

export function parseSearch(query: string | null | undefined): ParsedSearch {
  const result: ParsedSearch = { terms: [], warnings: [] };
  for (const token of tokens(query ?? '')) {
    const match = /^([a-z_]+):(>=|<=|>|<)?(.*)$/.exec(token);
    if (!match) {
      result.warnings.push({ field: token, message: 'Free-text search is not supported by the simulator; ignored.' });
      continue;
    }
    const [, field, op, raw] = match as unknown as [string, string, string | undefined, string];
    if (!(field in DATE_FIELDS)) {
      result.warnings.push({ field, message: 'Invalid search field for this query.' });
      continue;
    }
    const value = raw.replace(/^['"]|['"]$/g, '');
    const valueMs = Date.parse(value);
    if (Number.isNaN(valueMs)) {
      result.warnings.push({ field, message: `Invalid date value '${value}'.` });
      continue;
    }
    result.terms.push({ field: field as SearchTerm['field'], comparator: (op ?? '=') as Comparator, valueMs });
  }
  return result;
}

function passes(order: SimOrder, term: SearchTerm): boolean {
  const at = Date.parse(order[DATE_FIELDS[term.field]]);
  switch (term.comparator) {
    case '>': return at > term.valueMs;
    case '>=': return at >= term.valueMs;
    case '<': return at < term.valueMs;
    case '<=': return at <= term.valueMs;
    default: return at === term.valueMs;
  }
}

function sortValue(order: SimOrder, key: OrderSortKey): number {
  if (key === 'UPDATED_AT') return Date.parse(order.updatedAt);
  if (key === 'CREATED_AT') return Date.parse(order.createdAt);
  return order.id;
}

interface CursorPayload {
  last_id: number;
  last_value: string | number;
}

export function encodeCursor(order: SimOrder, key: OrderSortKey): string {
  const payload: CursorPayload = {
    last_id: order.id,
    last_value: key === 'UPDATED_AT' ? order.updatedAt : key === 'CREATED_AT' ? order.createdAt : order.id,
  };
  return Buffer.from(JSON.stringify(payload)).toString('base64');
}

/** The (value, id) a cursor stands for, or undefined when it is not one of ours. */
export function decodeCursor(cursor: string, key: OrderSortKey): { value: number; id: number } | undefined {
  try {
    const payload = JSON.parse(Buffer.from(cursor, 'base64').toString('utf8')) as Partial<CursorPayload>;
    if (typeof payload.last_id !== 'number') return undefined;
    const value = key === 'ID' ? Number(payload.last_value) : Date.parse(String(payload.last_value));
    return Number.isFinite(value) ? { value, id: payload.last_id } : undefined;
  } catch {
    return undefined;
  }
}

export interface OrdersPage {
  edges: Array<{ cursor: string; order: SimOrder }>;
  hasNextPage: boolean;
  hasPreviousPage: boolean;
}

/** One page: filter, sort by (key, id) — ties on the key broken by id, as Shopify does — then resume after the cursor. */
export function pageOfOrders(
  orders: SimOrder[], options: { first: number; after?: { value: number; id: number }; search: ParsedSearch; sortKey: OrderSortKey; reverse: boolean },
): OrdersPage {
  const sign = options.reverse ? -1 : 1;
  const compare = (a: { value: number; id: number }, b: { value: number; id: number }) =>
    sign * (a.value - b.value || a.id - b.id);
  const rows = orders
    .filter((order) => options.search.terms.every((term) => passes(order, term)))
    .map((order) => ({ order, key: { value: sortValue(order, options.sortKey), id: order.id } }))
    .sort((a, b) => compare(a.key, b.key));
  const after = options.after;
  const rest = after ? rows.filter((row) => compare(row.key, after) > 0) : rows;
  const page = rest.slice(0, options.first);
  return {
    edges: page.map((row) => ({ cursor: encodeCursor(row.order, options.sortKey), order: row.order })),
    hasNextPage: rest.length > page.length,
    hasPreviousPage: rest.length < rows.length,
  };
}
