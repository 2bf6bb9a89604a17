import type { FeedMapping, SupplierDetail, SupplierSummary } from '../../../src-shared/domain/catalog';
import type { ProcedureParsedInput } from '../../../src-shared/contract/procedures';
import type { Sql } from '../../db/query';
import type { DbSupplier, Row } from '../../db/schema';
import type { SecretBox } from '../../security/secret-box';
import { checkPoTemplate } from '../dispatch/po-documents';
import { supplierPoTemplate } from '../dispatch/supplier-template';
import type { ServiceDeps } from '../context';
import { DeskError, notFound } from '../errors';

/** The shop's own SMTP password is a shop setting (shop_secrets); older desks may still hold a per-supplier one, unused. */
export type SecretKind = 'api_key';

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

function parseShipsTo(json: string): string[] {
  const value: unknown = JSON.parse(json);
  return Array.isArray(value) ? value.filter((c): c is string => typeof c === 'string') : [];
}

function toSummary(row: Row<DbSupplier>, offerCount: number): SupplierSummary {
  return {
    id: row.id, name: row.name, channel: row.channel, status: row.status, currency: row.currency,
    leadTimeDays: row.lead_time_days, shipsTo: parseShipsTo(row.ships_to), offerCount, lastFeedAt: iso(row.last_feed_at),
  };
}

export function listSuppliers(deps: ServiceDeps): SupplierSummary[] {
  const { sql } = deps;
  const rows = sql.all(sql.qb.selectFrom('suppliers').selectAll('suppliers')
    .select((eb) => eb.selectFrom('supplier_offers').select(eb.fn.countAll<number>().as('n')).whereRef('supplier_offers.supplier_id', '=', 'suppliers.id').as('offer_count'))
    .orderBy('name'));
  return rows.map((r) => toSummary(r, r.offer_count ?? 0));
}

function storedSecretKinds(sql: Sql, supplierId: number): Set<string> {
  return new Set(sql.all(sql.qb.selectFrom('supplier_secrets').select('kind').where('supplier_id', '=', supplierId)).map((r) => r.kind));
}

/** The supplier as the renderer may see it: credentials only as "one is stored". */
export function getSupplier(deps: ServiceDeps, id: number): SupplierDetail {
  const { sql } = deps;
  const row = sql.first(sql.qb.selectFrom('suppliers').selectAll().where('id', '=', id));
  if (!row) throw notFound(`Supplier ${id}`);
  const offers = sql.first(sql.qb.selectFrom('supplier_offers').select((eb) => eb.fn.countAll<number>().as('n')).where('supplier_id', '=', id))?.n ?? 0;
  const secrets = storedSecretKinds(sql, id);
  return {
    ...toSummary(row, offers),
    contactName: row.contact_name, contactEmail: row.contact_email, contactPhone: row.contact_phone,
    orderEmail: row.order_email, poTemplate: row.po_template, poSubject: row.po_subject, poHtml: row.po_html, apiBaseUrl: row.api_base_url, notes: row.notes,
    feedMapping: row.feed_mapping === null ? null : (JSON.parse(row.feed_mapping) as FeedMapping),
    hasApiKey: secrets.has('api_key'),
  };
}

function writeSecret(sql: Sql, box: SecretBox, supplierId: number, kind: SecretKind, change: { value?: string; clear: boolean }, at: number): void {
  if (change.clear) {
    sql.run(sql.qb.deleteFrom('supplier_secrets').where('supplier_id', '=', supplierId).where('kind', '=', kind));
  } else if (change.value !== undefined && change.value !== '') {
    const ciphertext = box.encrypt(change.value);
    sql.run(sql.qb.insertInto('supplier_secrets').values({ supplier_id: supplierId, kind, ciphertext, updated_at: at })
      .onConflict((oc) => oc.columns(['supplier_id', 'kind']).doUpdateSet({ ciphertext, updated_at: at })));
  }
}

/** A custom PO template that would not render (a typo, a triple mustache in HTML) is refused at save, naming its part. */
function checkSupplierTemplates(s: ProcedureParsedInput<'suppliers.save'>['supplier']): void {
  const check = checkPoTemplate(supplierPoTemplate({ po_subject: s.poSubject, po_template: s.poTemplate, po_html: s.poHtml }));
  if (!check.ok) {
    const first = check.problems[0];
    const field = first?.part === 'subject' ? 'supplier.poSubject' : first?.part === 'html' ? 'supplier.poHtml' : 'supplier.poTemplate';
    throw new DeskError('invalid_input', check.message, field);
  }
}

export function saveSupplier(deps: ServiceDeps & { secrets: SecretBox }, input: ProcedureParsedInput<'suppliers.save'>): SupplierDetail {
  const { sql } = deps;
  const at = deps.now();
  const s = input.supplier;
  checkSupplierTemplates(s);
  const columns = {
    name: s.name, contact_name: s.contactName, contact_email: s.contactEmail, contact_phone: s.contactPhone,
    channel: s.channel, order_email: s.orderEmail, po_template: s.poTemplate, po_subject: s.poSubject, po_html: s.poHtml, api_base_url: s.apiBaseUrl, api_auth: 'bearer' as const,
    currency: s.currency, lead_time_days: s.leadTimeDays, ships_to: JSON.stringify([...new Set(s.shipsTo)].sort()),
    notes: s.notes, status: s.status, updated_at: at,
  };
  const id = sql.transaction(() => {
    const clash = sql.first(sql.qb.selectFrom('suppliers').select('id').where('name', '=', s.name));
    if (clash && clash.id !== input.id) throw new DeskError('conflict', `A supplier called “${s.name}” already exists.`, 'supplier.name');
    let supplierId: number;
    if (input.id === undefined) {
      supplierId = sql.first(sql.qb.insertInto('suppliers').values({ ...columns, created_at: at }).returning('id'))!.id;
    } else {
      const updated = sql.run(sql.qb.updateTable('suppliers').set(columns).where('id', '=', input.id));
      if (updated.changes === 0) throw notFound(`Supplier ${input.id}`);
      supplierId = input.id;
    }
    writeSecret(sql, deps.secrets, supplierId, 'api_key', { value: input.apiKey, clear: input.clearApiKey }, at);
    return supplierId;
  });
  return getSupplier(deps, id);
}

/** Main side only: for adapters that talk to the supplier. Never passed to a handler's result. */
export function readSupplierSecret(deps: ServiceDeps & { secrets: SecretBox }, supplierId: number, kind: SecretKind): string | undefined {
  const row = deps.sql.first(deps.sql.qb.selectFrom('supplier_secrets').select('ciphertext').where('supplier_id', '=', supplierId).where('kind', '=', kind));
  return row ? deps.secrets.decrypt(row.ciphertext) : undefined;
}

export function saveFeedMapping(sql: Sql, supplierId: number, mapping: FeedMapping): void {
  sql.run(sql.qb.updateTable('suppliers').set({ feed_mapping: JSON.stringify(mapping) }).where('id', '=', supplierId));
}
