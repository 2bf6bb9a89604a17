/** Presentation rules of the catalog shared by the Products, Suppliers and order screens (no api calls). */
import { isMarginBelowThreshold, type LifeStage, type Species, type VariantOption } from '../../../src-shared/domain/catalog';

export const SPECIES_LABELS: Record<Species, string> = {
  dog: 'Dog', cat: 'Cat', bird: 'Bird', fish: 'Fish', small_animal: 'Small animal', reptile: 'Reptile', any: 'Any species',
};

export const LIFE_STAGE_LABELS: Record<LifeStage, string> = {
  puppy: 'Puppy', kitten: 'Kitten', junior: 'Junior', adult: 'Adult', senior: 'Senior', all: 'All life stages',
};

// Ranking and the headline offer are routing rules: they live in src-shared, used here as they are.
export { rankByPriority as offersByPriority } from '../../../src-shared/domain/routing';
export { bestOffer } from '../../../src-shared/domain/catalog';

export type MarginTone = 'ok' | 'low' | 'unknown';

/** Red below the shop's threshold; unknown when there is no offer or the currencies differ. */
export function marginTone(margin: number | null | undefined, thresholdPercent: number | null): MarginTone {
  if (margin === null || margin === undefined) return 'unknown';
  if (thresholdPercent === null) return 'ok';
  return isMarginBelowThreshold(margin, thresholdPercent) ? 'low' : 'ok';
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
