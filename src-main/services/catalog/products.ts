import { sql as rawSql } from 'kysely';
import { marginPercent, stockLevel, type OfferView, type ProductView, type VariantOption, type VariantView } from '../../../src-shared/domain/catalog';
import type { ProcedureParsedInput } from '../../../src-shared/contract/procedures';
import type { Sql } from '../../db/query';
import type { ServiceDeps } from '../context';
import { DeskError, notFound } from '../errors';

const iso = (ms: number) => new Date(ms).toISOString();
/** LIKE wildcards typed by a person are literal text (escaped, with ESCAPE '\\' on the LIKE). */
const escapeLike = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);
const like = (column: string, pattern: string) => rawSql<boolean>`${rawSql.ref(column)} LIKE ${pattern} ESCAPE '\\'`;

/** Products with their variants and every supplier offer, as the Products screen shows them. */
function productViews(sql: Sql, productIds: readonly number[]): ProductView[] {
  if (productIds.length === 0) return [];
  const products = sql.all(sql.qb.selectFrom('products').selectAll().where('id', 'in', productIds));
  const variants = sql.all(sql.qb.selectFrom('variants').selectAll().where('product_id', 'in', productIds).orderBy('id'));
  const variantIds = variants.map((v) => v.id);
  const offers = variantIds.length === 0 ? [] : sql.all(sql.qb.selectFrom('supplier_offers')
    .innerJoin('suppliers', 'suppliers.id', 'supplier_offers.supplier_id')
    .selectAll('supplier_offers').select('suppliers.name as supplier_name')
    .where('variant_id', 'in', variantIds).orderBy('priority').orderBy('supplier_offers.supplier_id'));
  const byId = new Map(products.map((p) => [p.id, p]));
  return productIds.flatMap((id) => {
    const p = byId.get(id);
    if (!p) return [];
    const views: VariantView[] = variants.filter((v) => v.product_id === id).map((v) => {
      const retailPrice = { amount: v.retail_price, currency: v.currency };
      const mine: OfferView[] = offers.filter((o) => o.variant_id === v.id).map((o) => ({
        supplierId: o.supplier_id, supplierName: o.supplier_name, supplierSku: o.supplier_sku,
        cost: { amount: o.cost, currency: o.currency }, stock: o.stock, leadTimeDays: o.lead_time_days,
        priority: o.priority, updatedAt: iso(o.updated_at), marginPercent: marginPercent(retailPrice, { amount: o.cost, currency: o.currency }),
      }));
      const totalStock = mine.reduce((sum, o) => sum + o.stock, 0);
      return {
        id: v.id, sku: v.sku, title: v.title, size: v.size, weightG: v.weight_g, flavour: v.flavour,
        retailPrice, stockLevel: stockLevel(totalStock, mine.length > 0), totalStock, offers: mine,
      };
    });
    return [{ id: p.id, title: p.title, brand: p.brand, species: p.species, lifeStage: p.life_stage, variants: views }];
  });
}

export function getProduct(deps: ServiceDeps, id: number): ProductView {
  const [view] = productViews(deps.sql, [id]);
  if (!view) throw notFound(`Product ${id}`);
  return view;
}

export function listProducts(deps: ServiceDeps, input: ProcedureParsedInput<'catalog.listProducts'>): { rows: ProductView[]; total: number } {
  const { sql } = deps;
  let query = sql.qb.selectFrom('products');
  if (input.search !== '') {
    const pattern = `%${escapeLike(input.search)}%`;
    query = query.where((eb) => eb.or([
      like('products.title', pattern),
      like('products.brand', pattern),
      eb.exists(eb.selectFrom('variants').select('variants.id').whereRef('variants.product_id', '=', 'products.id')
        .where((v) => v.or([like('variants.sku', pattern), like('variants.title', pattern)]))),
    ]));
  }
  const ids = sql.all(query.select('id').orderBy('title').orderBy('id').limit(input.limit).offset(input.offset)).map((r) => r.id);
  const total = sql.first(query.select((eb) => eb.fn.countAll<number>().as('n')))?.n ?? 0;
  return { rows: productViews(sql, ids), total };
}

export function saveProduct(deps: ServiceDeps, input: ProcedureParsedInput<'catalog.saveProduct'>): ProductView {
  const { sql } = deps;
  const at = deps.now();
  const skus = input.variants.map((v) => v.sku);
  const repeated = skus.find((sku, i) => skus.indexOf(sku) !== i);
  if (repeated) throw new DeskError('invalid_input', `SKU ${repeated} is used by two variants of this product.`, `variants.${skus.lastIndexOf(repeated)}.sku`);
  const id = sql.transaction(() => {
    const fields = { title: input.product.title, brand: input.product.brand, species: input.product.species, life_stage: input.product.lifeStage, updated_at: at };
    let productId: number;
    if (input.id === undefined) {
      productId = sql.first(sql.qb.insertInto('products').values({ ...fields, created_at: at }).returning('id'))!.id;
    } else {
      if (sql.run(sql.qb.updateTable('products').set(fields).where('id', '=', input.id)).changes === 0) throw notFound(`Product ${input.id}`);
      productId = input.id;
    }
    input.variants.forEach((v, index) => {
      const clash = sql.first(sql.qb.selectFrom('variants').select(['id', 'product_id']).where('sku', '=', v.sku));
      if (clash && clash.id !== v.id) throw new DeskError('conflict', `SKU ${v.sku} already belongs to another variant.`, `variants.${index}.sku`);
      const columns = { sku: v.sku, title: v.title, size: v.size, weight_g: v.weightG, flavour: v.flavour, retail_price: v.retailPrice, currency: v.currency };
      if (v.id === undefined) {
        sql.run(sql.qb.insertInto('variants').values({ ...columns, product_id: productId }));
      } else if (sql.run(sql.qb.updateTable('variants').set(columns).where('id', '=', v.id).where('product_id', '=', productId)).changes === 0) {
        throw new DeskError('not_found', `Variant ${v.id} is not part of this product.`, `variants.${index}.id`);
      }
    });
    return productId;
  });
  return getProduct(deps, id);
}

export function saveOffer(deps: ServiceDeps, input: ProcedureParsedInput<'catalog.saveOffer'>): ProductView {
  const { sql } = deps;
  const at = deps.now();
  const productId = sql.transaction(() => {
    const variant = sql.first(sql.qb.selectFrom('variants').select(['id', 'product_id']).where('id', '=', input.variantId));
    if (!variant) throw notFound(`Variant ${input.variantId}`);
    const supplier = sql.first(sql.qb.selectFrom('suppliers').select(['id', 'currency']).where('id', '=', input.supplierId));
    if (!supplier) throw notFound(`Supplier ${input.supplierId}`);
    const clash = sql.first(sql.qb.selectFrom('supplier_offers').select('variant_id')
      .where('supplier_id', '=', input.supplierId).where('supplier_sku', '=', input.supplierSku));
    if (clash && clash.variant_id !== input.variantId) {
      throw new DeskError('conflict', `This supplier's SKU ${input.supplierSku} is already linked to another variant.`, 'supplierSku');
    }
    const values = {
      supplier_sku: input.supplierSku, cost: input.cost, currency: supplier.currency, stock: input.stock,
      lead_time_days: input.leadTimeDays, priority: input.priority, updated_at: at,
    };
    sql.run(sql.qb.insertInto('supplier_offers').values({ ...values, variant_id: input.variantId, supplier_id: input.supplierId })
      .onConflict((oc) => oc.columns(['variant_id', 'supplier_id']).doUpdateSet(values)));
    return variant.product_id;
  });
  return getProduct(deps, productId);
}

/** The order form's picker: SKU prefix first (exact typing), then title words. */
export function searchVariants(deps: ServiceDeps, input: ProcedureParsedInput<'catalog.searchVariants'>): VariantOption[] {
  const { sql } = deps;
  const pattern = `%${escapeLike(input.query)}%`;
  const rows = sql.all(sql.qb.selectFrom('variants').innerJoin('products', 'products.id', 'variants.product_id')
    .select(['variants.id', 'variants.sku', 'variants.title', 'variants.retail_price', 'variants.currency', 'products.title as product_title'])
    .select((eb) => eb.fn.coalesce(eb.selectFrom('supplier_offers').select((sub) => sub.fn.sum<number>('supplier_offers.stock').as('s'))
      .whereRef('supplier_offers.variant_id', '=', 'variants.id'), eb.lit(0)).as('total_stock'))
    .where((eb) => eb.or([like('variants.sku', pattern), like('variants.title', pattern), like('products.title', pattern)]))
    .orderBy((eb) => eb.case().when(like('variants.sku', `${escapeLike(input.query)}%`)).then(0).else(1).end())
    .orderBy('variants.sku')
    .limit(input.limit));
  return rows.map((r) => ({
    id: r.id, sku: r.sku, title: r.title, productTitle: r.product_title,
    retailPrice: { amount: r.retail_price, currency: r.currency }, totalStock: Number(r.total_stock),
  }));
}
