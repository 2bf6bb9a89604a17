/**
 * Which column of a supplier's tracking file holds which field: guessed from the header names for the
 * preview, and checked against the file for the import (a mapped column that is not there refuses the file).
 * Same rules as the stock feeds (guess-mapping.ts, checkMapping in map-feed-rows.ts), for other fields.
 */
import type { TrackingFilePreview } from '../../../src-shared/domain/shipments';
import type { TrackingMapping } from '../../../src-shared/schemas/fulfillment-procedures';
import { headerKey } from '../feeds/parse-feed';

export type TrackingField = keyof TrackingFilePreview['mapping'] & keyof TrackingMapping;
export const TRACKING_FIELDS: readonly TrackingField[] = ['poNumber', 'trackingNumber', 'carrier', 'supplierSku', 'quantity', 'shippedAt'];
const REQUIRED_FIELDS: ReadonlySet<TrackingField> = new Set(['poNumber', 'trackingNumber']);

/** How fields are named in messages to the shop owner. */
export const TRACKING_FIELD_LABELS: Record<TrackingField, string> = {
  poNumber: 'PO number', trackingNumber: 'tracking number', carrier: 'carrier', supplierSku: 'SKU', quantity: 'quantity', shippedAt: 'shipped date',
};

/**
 * Header names suppliers use, compared by looseKey ("Tracking No." = "tracking no", "PO #" = "po"). No name
 * appears under two fields. "Order number" is left out on purpose: in a supplier's file it is usually the
 * supplier's own order number, not our PO number.
 */
const SYNONYMS: Record<TrackingField, readonly string[]> = {
  poNumber: [
    'po number', 'po', 'po no', 'po nr', 'purchase order', 'purchase order number', 'purchase order no', 'order ref', 'order reference',
    'client reference', 'client ref', 'customer reference', 'customer ref', 'your reference', 'your ref', 'bestellnummer kunde', 'ihre referenz',
    'référence client', 'uw referentie',
  ],
  trackingNumber: [
    'tracking number', 'tracking', 'tracking no', 'tracking nr', 'tracking code', 'tracking id', 'tracking ref', 'awb', 'awb number', 'awb no',
    'air waybill', 'consignment', 'consignment number', 'consignment no', 'track trace', 'sendungsnummer', 'trackingnummer', 'numéro de suivi',
    'numero de suivi', 'track and trace code',
  ],
  carrier: ['carrier', 'courier', 'shipping company', 'shipping carrier', 'carrier name', 'courier name', 'versanddienstleister', 'paketdienst', 'transporteur', 'vervoerder'],
  supplierSku: ['sku', 'supplier sku', 'item', 'item number', 'item code', 'item no', 'product code', 'product sku', 'article', 'artikelnummer', 'art nr', 'référence article'],
  quantity: ['qty', 'quantity', 'qty shipped', 'quantity shipped', 'shipped qty', 'shipped quantity', 'menge', 'anzahl', 'quantité', 'aantal'],
  shippedAt: [
    'shipped', 'shipped date', 'ship date', 'shipping date', 'shipped on', 'date shipped', 'dispatch date', 'dispatched', 'dispatched on',
    'date dispatched', 'versanddatum', 'versandt am', 'date d expédition', 'verzenddatum',
  ],
};

/**
 * Marks and spacing do not tell two header names apart when guessing ("Tracking-No." vs "tracking no"); the
 * mapping itself is still matched by headerKey, as the feeds do.
 * Suggested refactor: guess-mapping.ts could take its synonym table as an argument and use this key.
 */
function looseKey(name: string): string {
  return headerKey(name).replace(/[^\p{L}\p{N}]+/gu, '');
}

export type PreviewMapping = TrackingFilePreview['mapping'];

/**
 * The mapping to offer: the saved one when it names both required columns and every column it names is in
 * this file (spelled as the file spells them), else the columns whose names suppliers use for each field.
 */
export function guessTrackingMapping(headers: readonly string[], saved?: Partial<TrackingMapping>): PreviewMapping {
  const mapping: PreviewMapping = { poNumber: '', trackingNumber: '', carrier: '', supplierSku: '', quantity: '', shippedAt: '' };
  const byKey = new Map(headers.map((header) => [headerKey(header), header]));
  const named = TRACKING_FIELDS.filter((field) => (saved?.[field]?.trim() ?? '') !== '');
  const savedFits = [...REQUIRED_FIELDS].every((field) => named.includes(field))
    && named.every((field) => byKey.has(headerKey(saved?.[field] ?? '')));
  if (savedFits) {
    for (const field of named) mapping[field] = byKey.get(headerKey(saved?.[field] ?? '')) ?? '';
    return mapping;
  }
  const byLooseKey = new Map<string, string>();
  for (const header of headers) if (!byLooseKey.has(looseKey(header))) byLooseKey.set(looseKey(header), header);
  const used = new Set<string>();
  for (const field of TRACKING_FIELDS) {
    const match = SYNONYMS[field].map((name) => byLooseKey.get(looseKey(name))).find((header) => header !== undefined && !used.has(header));
    if (match !== undefined) {
      mapping[field] = match;
      used.add(match);
    }
  }
  return mapping;
}

/** A mapped column found in the file's header. */
export interface TrackingColumn {
  index: number;
  /** The header name as written in the file, for messages. */
  header: string;
}

export type TrackingColumns = { poNumber: TrackingColumn; trackingNumber: TrackingColumn }
  & Partial<Record<Exclude<TrackingField, 'poNumber' | 'trackingNumber'>, TrackingColumn>>;

export type ResolveColumnsResult = { ok: true; columns: TrackingColumns } | { ok: false; field: TrackingField; reason: string };

/** Finds each mapped column in the header (ignoring case and spacing); a missing or doubly mapped one refuses the file. */
export function resolveTrackingColumns(headers: readonly string[], mapping: TrackingMapping): ResolveColumnsResult {
  const indexByKey = new Map(headers.map((name, index) => [headerKey(name), index]));
  const columns: Partial<Record<TrackingField, TrackingColumn>> = {};
  const fieldByIndex = new Map<number, TrackingField>();
  for (const field of TRACKING_FIELDS) {
    const name = mapping[field]?.trim() ?? '';
    const label = TRACKING_FIELD_LABELS[field];
    if (name === '') {
      if (REQUIRED_FIELDS.has(field)) return { ok: false, field, reason: `No column is mapped to the ${label}; choose the column that holds it.` };
      continue;
    }
    const index = indexByKey.get(headerKey(name));
    if (index === undefined) {
      const available = headers.map((header) => `“${header}”`).join(', ');
      return { ok: false, field, reason: `The column “${name}” mapped to the ${label} is not in this file; its columns are: ${available}.` };
    }
    const header = headers[index] ?? name;
    const other = fieldByIndex.get(index);
    if (other) {
      return { ok: false, field, reason: `The column “${header}” is mapped to both the ${TRACKING_FIELD_LABELS[other]} and the ${label}; each needs its own column.` };
    }
    fieldByIndex.set(index, field);
    columns[field] = { index, header };
  }
  return { ok: true, columns: columns as TrackingColumns };
}
