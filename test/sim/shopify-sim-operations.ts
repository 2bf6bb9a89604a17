/**
 * The operations the simulated Shopify store answers, recognised by operation name (there is no GraphQL engine):
 * `DeskOrders` (the `orders` connection), `DeskOrder` (`order(id:)`) and `DeskFulfillmentCreate`
 * (`fulfillmentCreate`). Their exact text is in test/sim/README.md, "Shopify simulator"; each answer is the
 * superset of fields those documents select. Imports nothing from src-main or src-shared.
 */
import { argumentValue, type ParsedOperation } from './shopify-sim-cost';
import {
  fulfillmentNode, isoSeconds, orderNode, parseGid, type SimFulfillment, type SimOrder, type SimTrackingInfo,
} from './shopify-sim-model';
import { decodeCursor, ORDER_SORT_KEYS, pageOfOrders, parseSearch, type OrderSortKey } from './shopify-sim-search';

export const OPERATION_NAMES = ['DeskOrders', 'DeskOrder', 'DeskFulfillmentCreate'] as const;
export type ShopifyOperationName = (typeof OPERATION_NAMES)[number];

export interface GraphQLError {
  message: string;
  extensions?: Record<string, unknown>;
  path?: Array<string | number>;
}

export interface ShopifyStore {
  orders: SimOrder[];
  nextFulfillmentId: number;
}

export interface OperationContext {
  store: ShopifyStore;
  operation: ParsedOperation;
  variables: Record<string, unknown>;
  now: () => Date;
}

export interface OperationResult {
  data?: Record<string, unknown> | null;
  errors?: GraphQLError[];
  extensions?: Record<string, unknown>;
  /** Nodes the root connection returned (for the actual cost). */
  returned?: number;
}

const OPERATIONS: Record<ShopifyOperationName, { kind: 'query' | 'mutation'; root: string; run: (ctx: OperationContext) => OperationResult }> = {
  DeskOrders: { kind: 'query', root: 'orders', run: runOrders },
  DeskOrder: { kind: 'query', root: 'order', run: runOrder },
  DeskFulfillmentCreate: { kind: 'mutation', root: 'fulfillmentCreate', run: runFulfillmentCreate },
};

export function isOperationName(name: string | undefined): name is ShopifyOperationName {
  return name !== undefined && (OPERATION_NAMES as readonly string[]).includes(name);
}

/** The operation's name as written after `query`/`mutation` (or given as `operationName`). */
export function operationNameOf(document: string, given: unknown): string | undefined {
  if (typeof given === 'string' && given !== '') return given;
  return /^\s*(?:#[^\n]*\n\s*)*(?:query|mutation)\s+([_A-Za-z][_0-9A-Za-z]*)/.exec(document)?.[1];
}

export function graphQLError(message: string, code: string, extra: Record<string, unknown> = {}): GraphQLError {
  return { message, extensions: { code, ...extra } };
}

/** Refuses a document whose name says one operation and whose body does another. */
export function checkShape(name: ShopifyOperationName, operation: ParsedOperation): GraphQLError | undefined {
  const expected = OPERATIONS[name];
  const roots = operation.roots.map((root) => root.name);
  if (operation.kind !== expected.kind || roots.length !== 1 || roots[0] !== expected.root) {
    return graphQLError(
      `Operation ${name} must be a ${expected.kind} selecting only ${expected.root}(...); got a ${operation.kind} selecting ${roots.join(', ')}.`,
      'BAD_REQUEST',
    );
  }
  return undefined;
}

export function runOperation(name: ShopifyOperationName, ctx: OperationContext): OperationResult {
  return OPERATIONS[name].run(ctx);
}

function variableError(name: string, type: string, value: unknown, explanation: string): OperationResult {
  return {
    errors: [{
      message: `Variable $${name} of type ${type} was provided invalid value`,
      extensions: { code: 'INVALID_VARIABLE', value: value ?? null, problems: [{ path: [], explanation }] },
    }],
  };
}

function runOrders(ctx: OperationContext): OperationResult {
  const field = ctx.operation.roots[0]!;
  const first = argumentValue(field, 'first', ctx.variables);
  if (first === undefined || first === null) return variableError('first', 'Int!', first, 'Expected value to not be null');
  if (typeof first !== 'number' || !Number.isInteger(first)) return variableError('first', 'Int!', first, 'Could not coerce value to Int');
  if (first < 1 || first > 250) {
    return { errors: [graphQLError(`The first argument must be between 1 and 250 (got ${first}). To query larger amounts of data, use bulk operations.`, 'BAD_REQUEST')] };
  }
  const sortRaw = argumentValue(field, 'sortKey', ctx.variables) ?? 'ID';
  if (!(ORDER_SORT_KEYS as readonly unknown[]).includes(sortRaw)) {
    return { errors: [graphQLError(`The simulator sorts orders by ${ORDER_SORT_KEYS.join(', ')} only (got ${String(sortRaw)}).`, 'BAD_REQUEST')] };
  }
  const sortKey = sortRaw as OrderSortKey;
  const reverse = argumentValue(field, 'reverse', ctx.variables);
  const afterRaw = argumentValue(field, 'after', ctx.variables);
  let after: { value: number; id: number } | undefined;
  if (afterRaw !== undefined && afterRaw !== null) {
    after = typeof afterRaw === 'string' ? decodeCursor(afterRaw, sortKey) : undefined;
    if (!after) return { errors: [graphQLError('Invalid cursor for current pagination sort.', 'BAD_REQUEST')] };
  }
  const queryRaw = argumentValue(field, 'query', ctx.variables);
  if (queryRaw !== undefined && queryRaw !== null && typeof queryRaw !== 'string') {
    return variableError('query', 'String', queryRaw, 'Could not coerce value to String');
  }
  const search = parseSearch(queryRaw ?? '');
  const page = pageOfOrders(ctx.store.orders, { first, search, sortKey, reverse: reverse === true || reverse === 'true', ...(after ? { after } : {}) });
  const result: OperationResult = {
    data: {
      orders: {
        edges: page.edges.map((edge) => ({ cursor: edge.cursor, node: orderNode(edge.order) })),
        pageInfo: {
          hasNextPage: page.hasNextPage,
          hasPreviousPage: page.hasPreviousPage,
          startCursor: page.edges[0]?.cursor ?? null,
          endCursor: page.edges.at(-1)?.cursor ?? null,
        },
      },
    },
    returned: page.edges.length,
  };
  if (search.warnings.length > 0) result.extensions = { search: [{ path: ['orders'], query: queryRaw, warnings: search.warnings }] };
  return result;
}

function runOrder(ctx: OperationContext): OperationResult {
  const raw = argumentValue(ctx.operation.roots[0]!, 'id', ctx.variables);
  const id = parseGid('Order', raw);
  if (id === undefined || typeof raw !== 'string' || !raw.startsWith('gid://')) {
    return variableError('id', 'ID!', raw, 'Expected a global id like gid://shopify/Order/123');
  }
  const order = ctx.store.orders.find((o) => o.id === id);
  return { data: { order: order ? orderNode(order) : null } };
}

interface FulfillmentLineRequest {
  fulfillmentOrderId: number;
  /** Empty: everything the fulfillment order still has to ship. */
  lines: Array<{ id: number; quantity: number }>;
}

function userErrors(...errors: Array<{ field: string[]; message: string }>): OperationResult {
  return { data: { fulfillmentCreate: { fulfillment: null, userErrors: errors } } };
}

function readFulfillmentInput(input: unknown): FulfillmentLineRequest[] | { invalid: string } {
  if (typeof input !== 'object' || input === null) return { invalid: 'Expected value to not be null' };
  const groups = (input as Record<string, unknown>).lineItemsByFulfillmentOrder;
  if (!Array.isArray(groups) || groups.length === 0) return { invalid: 'lineItemsByFulfillmentOrder must list at least one fulfillment order' };
  const out: FulfillmentLineRequest[] = [];
  for (const group of groups as Array<Record<string, unknown>>) {
    const foId = parseGid('FulfillmentOrder', group?.fulfillmentOrderId);
    if (foId === undefined) return { invalid: 'fulfillmentOrderId must be a gid://shopify/FulfillmentOrder/… id' };
    const lines: FulfillmentLineRequest['lines'] = [];
    const rawLines = group.fulfillmentOrderLineItems ?? [];
    if (!Array.isArray(rawLines)) return { invalid: 'fulfillmentOrderLineItems must be a list' };
    for (const line of rawLines as Array<Record<string, unknown>>) {
      const lineId = parseGid('FulfillmentOrderLineItem', line?.id);
      if (lineId === undefined) return { invalid: 'fulfillmentOrderLineItems.id must be a gid://shopify/FulfillmentOrderLineItem/… id' };
      if (typeof line.quantity !== 'number' || !Number.isInteger(line.quantity)) return { invalid: 'fulfillmentOrderLineItems.quantity must be an Int' };
      lines.push({ id: lineId, quantity: line.quantity });
    }
    out.push({ fulfillmentOrderId: foId, lines });
  }
  return out;
}

function readTrackingInfo(input: Record<string, unknown>): SimTrackingInfo[] {
  const raw = input.trackingInfo;
  if (typeof raw !== 'object' || raw === null) return [];
  const t = raw as Record<string, unknown>;
  const str = (v: unknown) => (typeof v === 'string' && v !== '' ? v : null);
  const info = { company: str(t.company), number: str(t.number), url: str(t.url) };
  return info.company === null && info.number === null && info.url === null ? [] : [info];
}

/**
 * Shopify's rules as far as the desk meets them: every fulfillment order must exist, belong to one order and
 * still be open; each quantity must be 1..remaining. Any problem: a userError and nothing changes.
 */
function runFulfillmentCreate(ctx: OperationContext): OperationResult {
  const input = argumentValue(ctx.operation.roots[0]!, 'fulfillment', ctx.variables);
  const requested = readFulfillmentInput(input);
  if ('invalid' in requested) return variableError('fulfillment', 'FulfillmentInput!', input, requested.invalid);

  let order: SimOrder | undefined;
  const planned: Array<{ foId: number; lineId: number; lineItemId: number; quantity: number }> = [];
  for (const group of requested) {
    const owner = ctx.store.orders.find((o) => o.fulfillmentOrders.some((fo) => fo.id === group.fulfillmentOrderId));
    const fo = owner?.fulfillmentOrders.find((f) => f.id === group.fulfillmentOrderId);
    if (!owner || !fo) return userErrors({ field: ['fulfillment'], message: 'Fulfillment order does not exist.' });
    if (order && order !== owner) return userErrors({ field: ['fulfillment'], message: 'All fulfillment orders must belong to the same order.' });
    order = owner;
    if (fo.status === 'CLOSED' || fo.status === 'CANCELLED') {
      return userErrors({ field: ['fulfillment'], message: `Fulfillment order ${fo.id} has an unfulfillable status= ${fo.status.toLowerCase()}.` });
    }
    const wanted = group.lines.length > 0
      ? group.lines
      : fo.lineItems.filter((l) => l.remainingQuantity > 0).map((l) => ({ id: l.id, quantity: l.remainingQuantity }));
    for (const want of wanted) {
      const line = fo.lineItems.find((l) => l.id === want.id);
      if (!line) return userErrors({ field: ['fulfillment'], message: 'Fulfillment order line item does not exist.' });
      const already = planned.filter((p) => p.lineId === line.id).reduce((sum, p) => sum + p.quantity, 0);
      if (want.quantity < 1 || already + want.quantity > line.remainingQuantity) {
        return userErrors({ field: ['fulfillment'], message: 'Invalid fulfillment order line item quantity requested.' });
      }
      planned.push({ foId: fo.id, lineId: line.id, lineItemId: line.lineItemId, quantity: want.quantity });
    }
  }
  if (!order || planned.length === 0) return userErrors({ field: ['fulfillment'], message: 'Fulfillment order has nothing left to fulfill.' });

  for (const step of planned) {
    const fo = order.fulfillmentOrders.find((f) => f.id === step.foId)!;
    fo.lineItems.find((l) => l.id === step.lineId)!.remainingQuantity -= step.quantity;
    fo.status = fo.lineItems.every((l) => l.remainingQuantity === 0) ? 'CLOSED' : 'IN_PROGRESS';
  }
  const at = isoSeconds(ctx.now());
  const fields = input as Record<string, unknown>;
  const fulfillment: SimFulfillment = {
    id: ctx.store.nextFulfillmentId++,
    orderId: order.id,
    status: 'SUCCESS',
    createdAt: at,
    trackingInfo: readTrackingInfo(fields),
    notifyCustomer: fields.notifyCustomer === true,
    lines: planned.map((p) => ({ fulfillmentOrderId: p.foId, fulfillmentOrderLineItemId: p.lineId, lineItemId: p.lineItemId, quantity: p.quantity })),
  };
  order.fulfillments.push(fulfillment);
  // A fulfilment is an update of the order: the desk's own push brings the order back in its next pull.
  order.updatedAt = at;
  return { data: { fulfillmentCreate: { fulfillment: fulfillmentNode(fulfillment), userErrors: [] } } };
}
