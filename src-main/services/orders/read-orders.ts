import { sql, type SelectQueryBuilder } from 'kysely';
import { STAGES, type Stage } from '../../../src-shared/domain/stage';
import type { OrderDetail, OrderPage, OrderSummary, StageCounts } from '../../../src-shared/domain/order';
import { foldName } from '../../../src-shared/domain/text';
import type { ProcedureParsedInput } from '../../../src-shared/contract/procedures';
import type { Database, DbOrder, DbOrderHold, Row } from '../../db/schema';
import { placeholder } from '../../db/query';
import type { ServiceDeps } from '../context';
import { notFound } from '../errors';

const iso = (ms: number) => new Date(ms).toISOString();
const isoOrNull = (ms: number | null) => (ms === null ? null : iso(ms));

export function getOrder(deps: ServiceDeps, id: number): OrderDetail {
  const { sql } = deps;
  const row = sql.first(sql.qb.selectFrom('orders').selectAll().where('id', '=', id));
  if (!row) throw notFound(`Order ${id}`);
  const lines = sql.all(sql.qb.selectFrom('order_lines').selectAll().where('order_id', '=', id).orderBy('position'));
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
    })),
    subtotal: money(row.subtotal),
    shippingCharge: money(row.shipping_charge),
    total: money(row.total),
    notes: row.notes,
    holds: holds.map(toHold),
    timeline: events.map((e) => ({ ...e, at: iso(e.at) })),
    createdAt: iso(row.created_at),
    updatedAt: iso(row.updated_at),
    submittedAt: isoOrNull(row.submitted_at),
    cancelledAt: isoOrNull(row.cancelled_at),
  };
}

function toHold(h: Row<DbOrderHold>) {
  return {
    id: h.id, reason: h.reason, note: h.note, placedAt: iso(h.placed_at), placedBy: h.placed_by,
    releasedAt: isoOrNull(h.released_at), releasedBy: h.released_by, releaseNote: h.release_note,
  };
}

/** LIKE wildcards typed by a person are literal text. */
const escapeLike = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);
/** Sorts after every character a name or e-mail can hold, so [term, term + TOP) is "starts with term". */
const TOP = '\u{10FFFF}';

type OrdersQuery = SelectQueryBuilder<Database, 'orders', object>;
type SearchKind = 'none' | 'number' | 'email' | 'name';

/**
 * How a search box term is read: an order number ("PD-1042" or "1042") matches exactly; a term with "@"
 * is an e-mail prefix; anything else is a name (any word's start, accents and case ignored) or e-mail prefix.
 * Prefixes are index ranges rather than LIKE so the indexes on e-mail and name serve them.
 */
export function readSearch(term: string): { kind: SearchKind; values: Record<string, string> } {
  if (term === '') return { kind: 'none', values: {} };
  const number = /^(?:pd-?)?(\d+)$/i.exec(term);
  if (number) return { kind: 'number', values: { number: `PD-${number[1]}` } };
  const email = { emailFrom: term, emailTo: term + TOP };
  if (term.includes('@')) return { kind: 'email', values: email };
  const nameKey = foldName(term);
  return { kind: 'name', values: { ...email, nameFrom: nameKey, nameTo: nameKey + TOP, nameWord: `% ${escapeLike(nameKey)}%` } };
}

function whereSearch(query: OrdersQuery, kind: SearchKind): OrdersQuery {
  const p = (name: string) => placeholder<string>(name);
  switch (kind) {
    case 'none':
      return query;
    case 'number':
      return query.where('number', '=', p('number'));
    case 'email':
      return query.where('customer_email', '>=', p('emailFrom')).where('customer_email', '<', p('emailTo'));
    case 'name':
      return query.where((eb) => eb.or([
        eb.and([eb('customer_name_key', '>=', p('nameFrom')), eb('customer_name_key', '<', p('nameTo'))]),
        eb.and([eb('customer_email', '>=', p('emailFrom')), eb('customer_email', '<', p('emailTo'))]),
        sql<boolean>`customer_name_key LIKE ${p('nameWord')} ESCAPE '\\'`,
      ]));
  }
}

/**
 * One page of orders, newest first, and how many match in all (for the virtualized list's height).
 * The list is the desk's hottest read, so each shape of it (stage or not, kind of search) is compiled once.
 */
export function listOrders(deps: ServiceDeps, input: ProcedureParsedInput<'orders.list'>): OrderPage {
  const search = readSearch(input.search);
  const shape = `${input.stage ? 'stage' : 'all'}:${search.kind}`;
  const filtered = () => {
    let query: OrdersQuery = deps.sql.qb.selectFrom('orders');
    if (input.stage) query = query.where('stage', '=', placeholder<Stage>('stage'));
    return whereSearch(query, search.kind);
  };
  const page = deps.sql.prepared(`orders.list.page:${shape}`, () => filtered()
    .select(['id', 'number', 'stage', 'customer_name', 'customer_email', 'ship_country', 'total', 'currency', 'created_at'])
    .select((eb) => eb.selectFrom('order_lines').select(eb.fn.countAll<number>().as('n'))
      .whereRef('order_lines.order_id', '=', 'orders.id').as('line_count'))
    .orderBy('created_at', 'desc').orderBy('id', 'desc')
    .limit(placeholder<number>('limit')).offset(placeholder<number>('offset')));
  const count = deps.sql.prepared(`orders.list.count:${shape}`, () => filtered().select((eb) => eb.fn.countAll<number>().as('n')));
  const values = { ...search.values, stage: input.stage, limit: input.limit, offset: input.offset };
  return { rows: page.all(values).map(toSummary), total: count.first(values)?.n ?? 0, offset: input.offset };
}

function toSummary(row: Pick<Row<DbOrder>, 'id' | 'number' | 'stage' | 'customer_name' | 'customer_email' | 'ship_country' | 'total' | 'currency' | 'created_at'> & { line_count: number | null }): OrderSummary {
  return {
    id: row.id,
    number: row.number,
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
