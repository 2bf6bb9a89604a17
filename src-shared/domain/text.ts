/**
 * Folds a person's name for searching and comparing: Unicode compatibility form, accents removed,
 * lower case, runs of whitespace collapsed. "  ZOË  Müller" → "zoe muller".
 */
export function foldName(name: string): string {
  return name.normalize('NFKD').replace(/\p{M}+/gu, '').toLowerCase().replace(/\s+/gu, ' ').trim();
}
