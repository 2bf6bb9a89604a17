import { capitalize, countryLabel, lineLabel, listWords, normalizeCountry, result } from './format';
import type { CheckResult, LineAvailability, LineRestriction, VerificationOrder } from './types';

/**
 * Supplier stock, as routing found it (INVENTORY_OUT_OF_STOCK). A catalog line with no supplier fails, naming the
 * line and routing's reason. A free-text line (no variant) is not routing's to serve: without a supplier it only
 * warns, asking for one to be chosen by hand, like routing's own out-of-stock hold, which counts catalog lines only.
 * A position the order does not have is treated as a catalog line, so a mismatch never hides a shortage.
 */
export function checkStock(order: VerificationOrder, availability: readonly LineAvailability[]): CheckResult {
  const sorted = [...availability].sort((a, b) => a.position - b.position);
  const unavailable = sorted.filter((l) => !l.available);
  const isFreeText = (l: LineAvailability) => order.lines[l.position]?.variantId === null;
  const missing = unavailable.filter((l) => !isFreeText(l));
  const unassigned = unavailable.filter(isFreeText);
  const data = {
    linesChecked: availability.length,
    unavailable: missing.map((l) => ({ position: l.position, title: l.title, reason: l.reason })),
    freeTextWithoutSupplier: unassigned.map((l) => ({ position: l.position, title: l.title, reason: l.reason })),
  };
  if (missing.length > 0) {
    const parts = missing.map((l) => `${lineLabel(l.position, l.title)} cannot be supplied: ${l.reason.trim() || 'no supplier has it'}`);
    return result('stock', 'fail', `${capitalize(parts.join('; '))}.`, data, 'INVENTORY_OUT_OF_STOCK');
  }
  if (unassigned.length > 0) {
    const names = unassigned.map((l) => lineLabel(l.position, l.title));
    const verb = names.length === 1 ? 'is' : 'are';
    return result('stock', 'warn', `${capitalize(listWords(names))} ${verb} not from the catalog, so choose a supplier by hand.`, data, 'INVENTORY_OUT_OF_STOCK');
  }
  const message = availability.length === 0 ? 'There are no lines to find suppliers for.' : 'Every line has a supplier with enough stock.';
  return result('stock', 'pass', message, data, 'INVENTORY_OUT_OF_STOCK');
}

/**
 * Products that may not go to the shipping country (RESTRICTED_ITEM): pet medicines, live animals, some foods.
 * Without a shipping country nothing can be decided here; the address check fails that order already, so a
 * restricted line then warns (to be looked at once the country is known) rather than adding a second hold.
 */
export function checkRestricted(order: VerificationOrder, restrictions: readonly LineRestriction[]): CheckResult {
  const country = normalizeCountry(order.shippingAddress.country);
  const sorted = [...restrictions].sort((a, b) => a.position - b.position);
  const withAny = sorted.filter((l) => l.restrictedCountries.length > 0);
  const blocked = sorted.filter((l) => l.restrictedCountries.some((c) => normalizeCountry(c) === country));
  const data = {
    country,
    restrictedLines: withAny.map((l) => ({ position: l.position, title: l.title, restrictedCountries: l.restrictedCountries })),
    blocked: blocked.map((l) => ({ position: l.position, title: l.title })),
  };
  if (country === '') {
    return withAny.length > 0
      ? result('restricted', 'warn', `${capitalize(listWords(withAny.map((l) => lineLabel(l.position, l.title))))} cannot go to some countries; check again once the shipping country is set.`, data, 'RESTRICTED_ITEM')
      : result('restricted', 'pass', 'No line has shipping restrictions.', data, 'RESTRICTED_ITEM');
  }
  const name = countryLabel(country);
  if (blocked.length > 0) {
    const names = blocked.map((l) => lineLabel(l.position, l.title));
    return result('restricted', 'fail', `${capitalize(listWords(names))} may not be shipped to ${name}.`, data, 'RESTRICTED_ITEM');
  }
  return result('restricted', 'pass', `No line is restricted for ${name}.`, data, 'RESTRICTED_ITEM');
}
