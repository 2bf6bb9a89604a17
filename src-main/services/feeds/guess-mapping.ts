import type { FeedMapping } from '../../../src-shared/domain/catalog';
import { headerKey } from './parse-feed';

/** Header names suppliers use for each field, in the languages our shops meet (en, de, fr, nl, es). */
const SYNONYMS: Record<keyof FeedMapping, readonly string[]> = {
  supplierSku: ['sku', 'supplier sku', 'artikelnummer', 'artikel nr', 'art nr', 'artnr', 'item', 'item number', 'article', 'reference', 'référence', 'ref', 'product code', 'code'],
  stock: ['stock', 'qty', 'quantity', 'bestand', 'lagerbestand', 'inventory', 'available', 'verfügbar', 'quantité', 'voorraad', 'existencias'],
  cost: ['cost', 'price', 'preis', 'ek', 'ek preis', 'ek-preis', 'einkaufspreis', 'wholesale', 'wholesale price', 'prix', 'prix achat', 'inkoopprijs', 'precio'],
  leadTimeDays: ['lead time', 'lead time days', 'lieferzeit', 'delivery days', 'délai', 'levertijd'],
  currency: ['currency', 'währung', 'devise', 'valuta', 'moneda'],
};

/**
 * The mapping to offer in the preview: the one saved for this supplier when every column it names is in
 * the file, else the columns whose names a supplier would use for each field.
 */
export function suggestMapping(headers: readonly string[], saved: FeedMapping | null): Partial<FeedMapping> {
  const byKey = new Map(headers.map((h) => [headerKey(h), h]));
  if (saved && Object.values(saved).every((column) => column === undefined || byKey.has(headerKey(column)))) return saved;
  const suggestion: Partial<FeedMapping> = {};
  for (const field of Object.keys(SYNONYMS) as (keyof FeedMapping)[]) {
    const match = SYNONYMS[field].map((name) => byKey.get(headerKey(name))).find((h) => h !== undefined);
    if (match) suggestion[field] = match;
  }
  return suggestion;
}
