import { sql, type Kysely, type SelectQueryBuilder } from 'kysely';
import { STAGES, type Stage } from '../../../src-shared/domain/stage';
import type { OrderDetail, OrderPage, OrderSummary, StageCounts } from '../../../src-shared/domain/order';
import { parseOrderNumber } from '../../../src-shared/domain/order-number';
import type { ProcedureParsedInput } from '../../../src-shared/contract/procedures';
import type { Database, DbOrder, DbOrderHold, Row } from '../../db/schema';
import { placeholder } from '../../db/query';
import type { ServiceDeps } from '../context';
import { notFound } from '../errors';
import { nextStep } from '../../../src-shared/domain/next-step';
import { CHECK_CODES } from '../../../src-shared/domain/verification';
import { amountDue } from '../payments/order-payment-state';
import { captureBlockersFor } from '../payments/record-payments';
import { paymentsForOrder } from '../payments/read-payments';
import { supplierOrdersOf } from '../dispatch/read-supplier-orders';
import { notificationsOf, shipmentsOf } from '../fulfillment/read-shipments';
import { readSettings } from '../settings';

const iso = (ms: number) => new Date(ms).toISOString();
const isoOrNull = (ms: number | null) => (ms === null ? null : iso(ms));

export function getOrder(deps: ServiceDeps, id: number): OrderDetail {
  const { sql } = deps;
  const row = sql.first(sql.qb.selectFrom('orders').selectAll().where('id', '=', id));
  if (!row) throw notFound(`Order ${id}`);
  const lines = sql.all(sql.qb.selectFrom('order_lines').leftJoin('suppliers', 'suppliers.id', 'order_lines.supplier_id')
    .selectAll('order_lines').select('suppliers.name as supplier_name').where('order_id', '=', id).orderBy('position'));
  const holds = sql.all(sql.qb.selectFrom('order_holds').selectAll().where('order_id', '=', id).orderBy('id'));
  const events = sql.all(sql.qb.selectFrom('order_events').select(['id', 'at', 'actor', 'kind', 'message', 'reason'])
    .where('order_id', '=', id).orderBy('id'));
  const money = (amount: number) => ({ amount, currency: row.currency });
  return {
    id: row.id,
    number: row.number,
    source: row.source,
    stage: row.stage,
    paymentStatus: row.payment_status,
    fulfillmentStatus: row.fulfillment_status,
    customer: { name: row.customer_name, email: row.customer_email, phone: row.customer_phone },
    shippingAddress: {
      line1: row.ship_line1, line2: row.ship_line2, city: row.ship_city,
      region: row.ship_region, postcode: row.ship_postcode, country: row.ship_country,
    },
    currency: row.currency,
    lines: lines.map((l) => ({
      id: l.id, title: l.title, sku: l.sku, quantity: l.quantity, unitPrice: money(l.unit_price), lineTotal: money(l.line_total),
      variantId: l.variant_id,
      supplier: l.supplier_id !== null && l.supplier_name !== null ? { id: l.supplier_id, name: l.supplier_name } : null,
      routingReason: l.routing_reason,
    })),
    subtotal: money(row.subtotal),
    shippingCharge: money(row.shipping_charge),
    taxTotal: money(row.tax_total),
    discountTotal: money(row.discount_total),
    total: money(row.total),
    storefrontNumber: row.storefront_number,
    notes: row.notes,
    holds: holds.map(toHold),
    timeline: events.map((e) => ({ ...e, at: iso(e.at) })),
    createdAt: iso(row.created_at),
    updatedAt: iso(row.updated_at),
    submittedAt: isoOrNull(row.submitted_at),
    cancelledAt: isoOrNull(row.cancelled_at),
    ...processingState(deps, row, holds),
  };
}

/** The order-processing half of the page: checks, payments, and the next step with what blocks it. */
function processingState(deps: ServiceDeps, row: Row<DbOrder>, holds: readonly Row<DbOrderHold>[]) {
  const { sql } = deps;
  const checks = sql.all(sql.qb.selectFrom('order_checks').selectAll().where('order_id', '=', row.id)).map((c) => ({
    code: c.code, outcome: c.outcome, message: c.message, data: JSON.parse(c.data) as Record<string, unknown>, holdReason: c.hold_reason,
    checkedAt: iso(c.checked_at),
    override: c.overridden_at !== null && c.overridden_by !== null ? { by: c.overridden_by, at: iso(c.overridden_at), note: c.override_note ?? '' } : null,
  }));
  const payments = paymentsForOrder(sql, row.id);
  const blockers = captureBlockersFor(sql, row.id);
  const step = nextStep({
    submitted: row.submitted_at !== null,
    cancelled: row.cancelled_at !== null,
    verified: row.verified_at !== null,
    failingChecks: checks.filter((c) => c.outcome === 'fail' && c.override === null).length,
    openHolds: holds.filter((h) => h.released_at === null && h.reason !== 'AUTHORIZATION_EXPIRING').length,
    paymentStatus: row.payment_status,
    hasAuthorization: payments.some((p) => p.status === 'authorized'),
    captureBlockers: blockers,
    fulfillmentStatus: row.fulfillment_status,
  });
  return {
    billingCountry: row.billing_country,
    verifiedAt: isoOrNull(row.verified_at),
    checks: orderChecks(checks),
    payments,
    amountDue: { amount: amountDue(sql, row.id), currency: row.currency },
    captureBlockers: blockers,
    nextStep: step,
    supplierOrders: supplierOrdersOf(sql, row.id),
    shipments: shipmentsOf(sql, row.id, deps.now(), readSettings(sql).trackingExpireDays),
    notifications: notificationsOf(sql, row.id),
  };
}

/** Checks in the checklist's own order (the order the checks run in), unknown codes last. */
function orderChecks<T extends { code: string }>(checks: T[]): T[] {
  const rank = (code: string) => {
    const index = (CHECK_CODES as readonly string[]).indexOf(code);
    return index === -1 ? CHECK_CODES.length : index;
  };
  return [...checks].sort((a, b) => rank(a.code) - rank(b.code));
}

function toHold(h: Row<DbOrderHold>) {
  return {
    id: h.id, reason: h.reason, note: h.note, placedAt: iso(h.placed_at), placedBy: h.placed_by,
    releasedAt: isoOrNull(h.released_at), releasedBy: h.released_by, releaseNote: h.release_note,
  };
}

/** Sorts after every character an e-mail can hold, so [term, term + TOP) is "starts with term". */
const TOP = '\u{10FFFF}';

type OrdersQuery = SelectQueryBuilder<Database, 'orders', object>;
type SearchKind = 'none' | 'number' | 'storefront' | 'email' | 'words' | 'nothing';

/**
 * An FTS5 query for "every word of the term starts a word of the name or e-mail". Each word is quoted,
 * so nothing a person types is read as FTS syntax.
 */
export function wordsQuery(term: string): string | undefined {
  const words = term.split(/[^\p{L}\p{N}]+/u).filter((w) => w !== '');
  if (words.length === 0) return undefined;
  return words.map((w) => `"${w.replaceAll('"', '""')}"*`).join(' ');
}

/**
 * How a search box term is read: an order number ("PD-1042" or "1042") matches exactly; a term with "@"
 * is an e-mail prefix (an index range); anything else matches word starts in names and e-mails
 * ("cruz", "zoe mul", "olivia.s"), accents and case ignored, through the full-text index.
 */
export function readSearch(term: string): { kind: SearchKind; values: Record<string, string> } {
  if (term === '') return { kind: 'none', values: {} };
  const number = parseOrderNumber(term);
  if (number) return { kind: 'number', values: { number } };
  // The storefront's own number as the customer quotes it ("#1001").
  if (/^#\S+$/u.test(term)) return { kind: 'storefront', values: { storefrontNumber: term } };
  if (term.includes('@')) return { kind: 'email', values: { emailFrom: term, emailTo: term + TOP } };
  const match = wordsQuery(term);
  return match ? { kind: 'words', values: { match } } : { kind: 'nothing', values: {} };
}

function whereSearch(query: OrdersQuery, kind: Exclude<SearchKind, 'nothing'>): OrdersQuery {
  const p = (name: string) => placeholder<string>(name);
  switch (kind) {
    case 'none':
      return query;
    case 'number':
      return query.where('number', '=', p('number'));
    case 'storefront':
      return query.where('storefront_number', '=', p('storefrontNumber'));
    case 'email':
      return query.where('customer_email', '>=', p('emailFrom')).where('customer_email', '<', p('emailTo'));
    case 'words':
      return query.where(sql<boolean>`id IN (SELECT rowid FROM orders_search WHERE orders_search MATCH ${p('match')})`);
  }
}

/** The two queries of one list shape, with placeholders: exported so tests can EXPLAIN them. */
export function listQueries(qb: Kysely<Database>, withStage: boolean, kind: Exclude<SearchKind, 'nothing'>) {
  const filtered = () => {
    let query: OrdersQuery = qb.selectFrom('orders');
    if (withStage) query = query.where('stage', '=', placeholder<Stage>('stage'));
    return whereSearch(query, kind);
  };
  return {
    page: () => filtered()
      .select(['id', 'number', 'storefront_number', 'stage', 'customer_name', 'customer_email', 'ship_country', 'total', 'currency', 'created_at'])
      .select((eb) => eb.selectFrom('order_lines').select(eb.fn.countAll<number>().as('n'))
        .whereRef('order_lines.order_id', '=', 'orders.id').as('line_count'))
      .orderBy('created_at', 'desc').orderBy('id', 'desc')
      .limit(placeholder<number>('limit')).offset(placeholder<number>('offset')),
    count: () => filtered().select((eb) => eb.fn.countAll<number>().as('n')),
  };
}

/**
 * One page of orders, newest first, and how many match in all (for the virtualized list's height).
 * The list is the desk's hottest read, so each shape of it (stage or not, kind of search) is compiled once.
 */
export function listOrders(deps: ServiceDeps, input: ProcedureParsedInput<'orders.list'>): OrderPage {
  const search = readSearch(input.search);
  if (search.kind === 'nothing') return { rows: [], total: 0, offset: input.offset };
  const shape = `${input.stage ? 'stage' : 'all'}:${search.kind}`;
  const queries = listQueries(deps.sql.qb, input.stage !== undefined, search.kind);
  const page = deps.sql.prepared(`orders.list.page:${shape}`, queries.page);
  const count = deps.sql.prepared(`orders.list.count:${shape}`, queries.count);
  const values = { ...search.values, stage: input.stage, limit: input.limit, offset: input.offset };
  return { rows: page.all(values).map(toSummary), total: count.first(values)?.n ?? 0, offset: input.offset };
}

function toSummary(row: Pick<Row<DbOrder>, 'id' | 'number' | 'storefront_number' | 'stage' | 'customer_name' | 'customer_email' | 'ship_country' | 'total' | 'currency' | 'created_at'> & { line_count: number | null }): OrderSummary {
  return {
    id: row.id,
    number: row.number,
    storefrontNumber: row.storefront_number,
    stage: row.stage,
    customerName: row.customer_name,
    customerEmail: row.customer_email,
    shipCountry: row.ship_country,
    total: { amount: row.total, currency: row.currency },
    lineCount: row.line_count ?? 0,
    createdAt: iso(row.created_at),
  };
}

export function stageCounts(deps: ServiceDeps): StageCounts {
  const { sql } = deps;
  const counts = Object.fromEntries(STAGES.map((s) => [s, 0])) as StageCounts;
  for (const row of sql.all(sql.qb.selectFrom('orders').select(['stage', (eb) => eb.fn.countAll<number>().as('n')]).groupBy('stage'))) {
    counts[row.stage] = row.n;
  }
  return counts;
}

export function countOrders(deps: ServiceDeps): number {
  return deps.sql.first(deps.sql.qb.selectFrom('orders').select((eb) => eb.fn.countAll<number>().as('n')))?.n ?? 0;
}
