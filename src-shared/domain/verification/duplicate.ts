import { describeMinutes, listWords, normalizeCountry, result } from './format';
import type { CheckOutcome, CheckResult, DuplicateCandidate, VerificationAddress, VerificationOrder, VerificationSettings } from './types';

/**
 * Letters whose accents people drop or keep at random (keyboards, storefronts, couriers): their combining marks
 * are removed. Only these scripts: in Japanese the voicing mark tells ガ (ga) from カ (ka), and in Devanagari,
 * Thai or Arabic the vowel signs are marks too, so dropping every mark (as text.ts foldName does for search)
 * would make different people the same.
 */
const ACCENTED_LETTER = /([\p{Script=Latin}\p{Script=Greek}\p{Script=Cyrillic}])\p{M}+/gu;
/** Emoji and CJK variation selectors only choose how a character is drawn. */
const VARIATION_SELECTORS = /[\uFE00-\uFE0F\u{E0100}-\u{E01EF}]/gu;
/** Latin letters with no decomposition that people still type without their stroke or ligature. */
const LETTER_SPELLINGS: Readonly<Record<string, string>> = { ß: 'ss', ø: 'o', ł: 'l', đ: 'd', æ: 'ae', œ: 'oe', ı: 'i' };
const SPELLED_LETTERS = /[ßøłđæœı]/gu;

/**
 * The key two names are compared by. "Zoë" and "Zoe" are the same: the accent is the part most often lost between
 * a storefront, a spreadsheet and a courier, and a name alone never decides (a duplicate also needs the same
 * address, or the same e-mail). Precomposed é equals e + U+0301 (NFKD), full-width and ideographic spaces equal
 * a space (NFKD, then whitespace folding), half-width katakana equals full-width, and emoji are kept as they are.
 * Idempotent: key(key(x)) === key(x).
 */
export function personNameKey(name: string): string {
  return name.normalize('NFKD')
    .replace(ACCENTED_LETTER, '$1')
    .replace(VARIATION_SELECTORS, '')
    .normalize('NFC')
    .toLowerCase()
    .replace(SPELLED_LETTERS, (c) => LETTER_SPELLINGS[c] ?? c)
    .replace(/\s+/gu, ' ')
    .trim();
}

/** A street line for comparison: the name key without punctuation ("12, Rue de l'Église" = "12 rue de l eglise"). */
export function streetKey(line: string): string {
  return personNameKey(line.replace(/\p{P}+/gu, ' '));
}

/**
 * A postcode for comparison: upper case, spaces and dashes removed ("sw1a 1aa" = "SW1A1AA"). In the US a ZIP+4
 * is the same place as its ZIP ("10115-1234" = "10115"): storefronts differ in which they keep.
 */
export function postcodeKey(postcode: string, country: string): string {
  const key = postcode.toUpperCase().replace(/[\s-]+/gu, '');
  return normalizeCountry(country) === 'US' && /^\d{9}$/.test(key) ? key.slice(0, 5) : key;
}

/** Folded line 1 + postcode + country. An address without a street line is never "the same" as another. */
export function sameAddress(a: VerificationAddress, b: VerificationAddress): boolean {
  const street = streetKey(a.line1);
  return street !== '' && street === streetKey(b.line1)
    && normalizeCountry(a.country) === normalizeCountry(b.country)
    && postcodeKey(a.postcode, a.country) === postcodeKey(b.postcode, b.country);
}

/** E-mail equal ignoring case, or names equal by personNameKey; empty values never match (marketplaces hide e-mails). */
export function sameCustomer(a: { name: string; email: string }, b: { name: string; email: string }): boolean {
  const email = a.email.trim().toLowerCase();
  if (email !== '' && email === b.email.trim().toLowerCase()) return true;
  const name = personNameKey(a.name);
  return name !== '' && name === personNameKey(b.name);
}

/**
 * The items as a multiset: SKU (trimmed, upper case) or, for a line without one, its folded title; quantities of
 * the same item on several lines add up, so "2 × A" equals "1 × A, 1 × A". Line order does not matter.
 */
export function itemsKey(lines: readonly { sku: string; title: string; quantity: number }[]): string {
  const counts = new Map<string, number>();
  for (const line of lines) {
    const sku = line.sku.trim().toUpperCase();
    const key = sku !== '' ? `sku:${sku}` : `title:${streetKey(line.title)}`;
    counts.set(key, (counts.get(key) ?? 0) + line.quantity);
  }
  return JSON.stringify([...counts].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

export type DuplicateKind = 'same_external_id' | 'same_purchase' | 'same_customer_and_address' | 'same_customer_and_items';
const SEVERITY: Record<DuplicateKind, { outcome: CheckOutcome; rank: number; words: string }> = {
  same_external_id: { outcome: 'fail', rank: 0, words: '' },
  same_purchase: { outcome: 'fail', rank: 1, words: 'has the same customer, address and items' },
  same_customer_and_address: { outcome: 'warn', rank: 2, words: 'has the same customer and address but different items' },
  same_customer_and_items: { outcome: 'warn', rank: 3, words: 'has the same customer and items but a different address' },
};

/**
 * How a candidate relates to the order, or null. The same storefront order (source + external id) is a duplicate
 * whenever it was placed: the storefront sent it twice. Otherwise the candidate must be within the window either
 * way: verification can run on the older order of a pair (an import brings orders out of order, or checks re-run),
 * and which of the two to keep is a person's call. Same customer + address with other items only warns (people do
 * order twice: "I forgot the treats"); so does same customer + items to another address, the usual sign of a
 * customer re-ordering to correct an address.
 */
export function duplicateKind(order: VerificationOrder, candidate: DuplicateCandidate, windowMinutes: number): DuplicateKind | null {
  const externalId = order.externalId?.trim() ?? '';
  if (externalId !== '' && candidate.source === order.source && candidate.externalId?.trim() === externalId) return 'same_external_id';
  if (Math.abs(order.createdAt - candidate.createdAt) > windowMinutes * 60_000) return null;
  if (!sameCustomer(order.customer, { name: candidate.customerName, email: candidate.customerEmail })) return null;
  const address = sameAddress(order.shippingAddress, candidate.shippingAddress);
  const items = itemsKey(order.lines) === itemsKey(candidate.lines);
  if (address && items) return 'same_purchase';
  if (address) return 'same_customer_and_address';
  if (items) return 'same_customer_and_items';
  return null;
}

function when(order: VerificationOrder, candidate: DuplicateCandidate): string {
  const apart = candidate.createdAt - order.createdAt;
  if (apart === 0) return 'at the same time';
  return `${describeMinutes(Math.abs(apart) / 60_000)} ${apart < 0 ? 'earlier' : 'later'}`;
}

export function checkDuplicate(order: VerificationOrder, candidates: readonly DuplicateCandidate[], settings: VerificationSettings): CheckResult {
  const windowMinutes = settings.duplicateWindowMinutes;
  const matches = candidates
    .map((candidate) => ({ candidate, kind: duplicateKind(order, candidate, windowMinutes) }))
    .filter((m): m is { candidate: DuplicateCandidate; kind: DuplicateKind } => m.kind !== null)
    // The worst kind first, then the nearest in time: that one is named in the message.
    .sort((a, b) => SEVERITY[a.kind].rank - SEVERITY[b.kind].rank
      || Math.abs(a.candidate.createdAt - order.createdAt) - Math.abs(b.candidate.createdAt - order.createdAt));
  const data = {
    windowMinutes,
    candidatesLooked: candidates.length,
    // minutesApart: the other order's time minus this one's, rounded; negative means it was placed earlier.
    matches: matches.map(({ candidate, kind }) => ({
      number: candidate.number, kind, outcome: SEVERITY[kind].outcome, minutesApart: Math.round((candidate.createdAt - order.createdAt) / 60_000) || 0, // never -0 (it does not survive JSON)
    })),
  };
  const top = matches[0];
  if (!top) {
    return result('duplicate', 'pass', `No other order within ${describeMinutes(windowMinutes)} of this one has the same customer and address or items.`, data, 'POSSIBLE_DUPLICATE');
  }
  const { candidate, kind } = top;
  const what = kind === 'same_external_id'
    ? `is the same ${candidate.source} order (${candidate.externalId?.trim()})`
    : SEVERITY[kind].words;
  const others = matches.slice(1).map((m) => m.candidate.number);
  const also = others.length === 0 ? '' : `; ${listWords(others)} ${others.length === 1 ? 'looks' : 'look'} similar too`;
  return result('duplicate', SEVERITY[kind].outcome, `${candidate.number} ${what} and was placed ${when(order, candidate)}${also}.`, data, 'POSSIBLE_DUPLICATE');
}
