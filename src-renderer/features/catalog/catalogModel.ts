/** Presentation rules of the catalog shared by the Products, Suppliers and order screens (no api calls). */
import type { LifeStage, OfferView, Species, VariantOption, VariantView } from '../../../src-shared/domain/catalog';

export const SPECIES_LABELS: Record<Species, string> = {
  dog: 'Dog', cat: 'Cat', bird: 'Bird', fish: 'Fish', small_animal: 'Small animal', reptile: 'Reptile', any: 'Any species',
};

export const LIFE_STAGE_LABELS: Record<LifeStage, string> = {
  puppy: 'Puppy', kitten: 'Kitten', junior: 'Junior', adult: 'Adult', senior: 'Senior', all: 'All life stages',
};

/** Offers in the order routing tries them: priority, then supplier id (the core's tie-break). */
export function offersByPriority(offers: readonly OfferView[]): OfferView[] {
  return [...offers].sort((a, b) => a.priority - b.priority || a.supplierId - b.supplierId);
}

/**
 * The offer whose margin the list shows: the one routing would pick for a single unit (the first by
 * priority with stock), else the first by priority. Destination and paused suppliers are per order, so
 * they are left out here.
 */
export function bestOffer(variant: Pick<VariantView, 'offers'>): OfferView | null {
  const ranked = offersByPriority(variant.offers);
  return ranked.find((o) => o.stock > 0) ?? ranked[0] ?? null;
}

export type MarginTone = 'ok' | 'low' | 'unknown';

/** Red below the shop's threshold; unknown when there is no offer or the currencies differ. */
export function marginTone(margin: number | null | undefined, thresholdPercent: number | null): MarginTone {
  if (margin === null || margin === undefined) return 'unknown';
  if (thresholdPercent === null) return 'ok';
  return margin < thresholdPercent ? 'low' : 'ok';
}

export function formatMargin(margin: number | null | undefined): string {
  return margin === null || margin === undefined ? '—' : `${margin}%`;
}

/** What an order line picked from the catalog is called: the product and the variant, without saying either twice. */
export function lineTitleFor(option: Pick<VariantOption, 'title' | 'productTitle'>): string {
  const variant = option.title.trim();
  const product = option.productTitle.trim();
  if (product === '' || variant.toLowerCase().includes(product.toLowerCase())) return variant;
  if (variant === '' || product.toLowerCase().includes(variant.toLowerCase())) return product;
  return `${product}, ${variant}`;
}
