import type { ProcedureParsedInput } from '../../../src-shared/contract/procedures';
import type { TrackingFilePreview, TrackingFileReport } from '../../../src-shared/domain/shipments';
import type { TrackingMapping } from '../../../src-shared/schemas/fulfillment-procedures';
import { lineShipsOnThisPo } from '../../../src-shared/domain/supplier-orders';
import type { Sql } from '../../db/query';
import type { ServiceDeps } from '../context';
import { DeskError, notFound } from '../errors';
import { previewTrackingFile, readTrackingFile, type TrackingFileRow } from '../tracking-file/read-tracking-file';
import { addShipment, quantitiesInParcels, stillToShip } from './shipments';

const mappingKey = (supplierId: number) => `tracking_file_mapping.${supplierId}`;

function savedMapping(sql: Sql, supplierId: number): Partial<TrackingMapping> | undefined {
  const row = sql.first(sql.qb.selectFrom('settings').select('value').where('key', '=', mappingKey(supplierId)));
  if (!row) return undefined;
  try {
    return JSON.parse(row.value) as Partial<TrackingMapping>;
  } catch {
    return undefined;
  }
}

function supplierName(sql: Sql, supplierId: number): string {
  const supplier = sql.first(sql.qb.selectFrom('suppliers').select('name').where('id', '=', supplierId));
  if (!supplier) throw notFound(`Supplier ${supplierId}`);
  return supplier.name;
}

export function previewTrackingFileFor(deps: ServiceDeps, input: ProcedureParsedInput<'trackingFile.preview'>): TrackingFilePreview {
  supplierName(deps.sql, input.supplierId);
  return previewTrackingFile(Buffer.from(input.contentBase64, 'base64'), savedMapping(deps.sql, input.supplierId));
}

/** One parcel of the file: a PO and a tracking number, with the rows (SKUs) it holds. */
interface ParcelRows { poNumber: string; trackingNumber: string; rows: TrackingFileRow[] }

function groupParcels(rows: readonly TrackingFileRow[]): ParcelRows[] {
  const parcels = new Map<string, ParcelRows>();
  for (const row of rows) {
    const key = `${row.poNumber}\u0000${row.trackingNumber}`;
    const parcel = parcels.get(key) ?? { poNumber: row.poNumber, trackingNumber: row.trackingNumber, rows: [] };
    parcel.rows.push(row);
    parcels.set(key, parcel);
  }
  return [...parcels.values()];
}

/**
 * A supplier's tracking file: each (PO number, tracking number) is one parcel, holding the rows' SKUs and
 * quantities (none given: everything the PO still has to ship). Importing the same file again adds nothing
 * (the parcel is known by its number); every row the desk cannot use is reported with its line and why,
 * and does not stop the others. The mapping is kept for this supplier's next file.
 */
export function importTrackingFile(deps: ServiceDeps, input: ProcedureParsedInput<'trackingFile.import'>, actor: string): TrackingFileReport {
  const { sql } = deps;
  const name = supplierName(sql, input.supplierId);
  const read = readTrackingFile(Buffer.from(input.contentBase64, 'base64'), input.mapping);
  const report: TrackingFileReport = { shipmentsAdded: 0, alreadyKnown: 0, rejected: [...read.rejected] };
  const at = deps.now();
  sql.run(sql.qb.insertInto('settings').values({ key: mappingKey(input.supplierId), value: JSON.stringify(input.mapping) })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value: JSON.stringify(input.mapping) })));
  for (const parcel of groupParcels(read.rows)) {
    const lineNumbers = parcel.rows.map((row) => row.line);
    const reject = (reason: string) => { for (const line of lineNumbers) report.rejected.push({ line, reason }); };
    const po = sql.first(sql.qb.selectFrom('purchase_orders').select(['id', 'status'])
      .where('supplier_id', '=', input.supplierId)
      .where((eb) => eb.or([eb('number', '=', parcel.poNumber), eb.and([eb('supplier_reference', '=', parcel.poNumber), eb('supplier_reference', '!=', '')])]))
      // Our PO number first: a supplier's own reference that happens to equal another PO's number must not win.
      .orderBy((eb) => eb('number', '=', parcel.poNumber), 'desc').orderBy('id', 'desc').limit(1));
    if (!po) {
      reject(`PO number “${parcel.poNumber}” is not a supplier order of ${name}`);
      continue;
    }
    const poLines = sql.all(sql.qb.selectFrom('po_lines').select(['id', 'supplier_sku', 'quantity', 'status']).where('po_id', '=', po.id));
    const inParcels = quantitiesInParcels(sql, po.id);
    const remaining = (line: (typeof poLines)[number]) => line.quantity - (inParcels.get(line.id) ?? 0);
    const shippable = poLines.filter((line) => lineShipsOnThisPo(line.status));
    let lines: { poLineId: number; quantity: number }[];
    const bySku = parcel.rows.filter((row) => row.supplierSku !== null);
    if (bySku.length === 0) {
      lines = stillToShip(sql, po.id);
    } else {
      const unknown = bySku.find((row) => !shippable.some((line) => line.supplier_sku === row.supplierSku));
      if (unknown) {
        reject(`SKU “${unknown.supplierSku}” is not on ${parcel.poNumber}`);
        continue;
      }
      const quantities = new Map<number, number>();
      for (const row of bySku) {
        const line = shippable.find((candidate) => candidate.supplier_sku === row.supplierSku)!;
        quantities.set(line.id, (quantities.get(line.id) ?? 0) + (row.quantity ?? remaining(line)));
      }
      lines = [...quantities].map(([poLineId, quantity]) => ({ poLineId, quantity }));
    }
    const carrierRow = parcel.rows.find((row) => row.carrier !== null);
    try {
      const { created } = sql.transaction(() => addShipment(sql, {
        poId: po.id, trackingNumber: parcel.trackingNumber, carrier: carrierRow?.carrier ?? undefined,
        carrierName: carrierRow?.carrierText ?? '', lines, source: 'csv',
      }, actor, at));
      if (created) report.shipmentsAdded += 1;
      else report.alreadyKnown += 1;
    } catch (error) {
      if (!(error instanceof DeskError)) throw error;
      reject(error.message);
    }
  }
  report.rejected.sort((a, b) => a.line - b.line);
  return report;
}
