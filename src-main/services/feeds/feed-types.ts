/**
 * Types of a supplier stock/price feed on its way from file bytes to offer updates:
 * bytes → readFeed (row by row into a FeedSink; parseFeed keeps them all, for the preview) → checkMapping +
 * FeedRowMapper → OfferUpdate, one at a time → applyFeed.
 * A problem with the whole file rejects it (nothing is applied); a problem with one row is reported
 * with the physical line number a person can find in a text editor, and the other rows go on.
 */
import type { Money } from '../../../src-shared/domain/money';

// The mapping is saved per supplier and edited in the renderer, so its one definition lives in src-shared.
export type { FeedMapping } from '../../../src-shared/domain/catalog';

export type FeedEncoding = 'utf-8' | 'windows-1252' | 'utf-16le';
export type FeedDelimiter = ',' | ';' | '\t' | '|';

export interface ParseFeedOptions {
  /** Wins over sniffing and over an Excel "sep=" line. */
  delimiter?: FeedDelimiter;
  /** Wins over detection; a matching byte order mark is still removed. */
  encoding?: FeedEncoding;
}

/** One record of the file. `line` is the 1-based physical line where the record starts (the header is on line 1). */
export interface FeedRow {
  line: number;
  /** Exactly as many cells as the header has names; untrimmed text, quotes removed. */
  cells: string[];
}

/** A row that was not used, and why, in words for the person who owns the file. */
export interface RowIssue {
  line: number;
  reason: string;
}

export interface ParsedFeed {
  ok: true;
  encoding: FeedEncoding;
  delimiter: FeedDelimiter;
  /** Trimmed, non-empty, unique (ignoring case and spacing). */
  headers: string[];
  rows: FeedRow[];
  /** Records that were left out while parsing (ragged rows, an unclosed quote at the end). */
  rowIssues: RowIssue[];
}

export interface FeedRejected {
  ok: false;
  reason: string;
}

export type ParseFeedResult = ParsedFeed | FeedRejected;

/**
 * Where readFeed hands what it reads, as it reads it. `header` may refuse the file (a mapping that does not
 * fit it) with a reason, reported unless the file has a problem of its own; `row` gets each row's cells in an array that is reused for the next row (cells
 * beyond the header's width are leftovers), so keep copies, not the array.
 */
export interface FeedSink {
  header(headers: string[]): string | undefined;
  row(line: number, cells: readonly string[]): void;
  /** Now and then: the physical line reached, of how many the file has. */
  progress?(line: number, lines: number): void;
}

/** readFeed's answer: what parseFeed says, without the rows (the sink had them). */
export type FeedReadResult = (Omit<ParsedFeed, 'rows'> & { rowCount: number }) | FeedRejected;

/** A mapped column found in the file's header. */
export interface ResolvedColumn {
  index: number;
  /** The header name as written in the file, for messages. */
  header: string;
}

export interface ResolvedColumns {
  supplierSku: ResolvedColumn;
  stock: ResolvedColumn;
  cost?: ResolvedColumn;
  leadTimeDays?: ResolvedColumn;
  currency?: ResolvedColumn;
}

export type CheckMappingResult = { ok: true; columns: ResolvedColumns } | { ok: false; reason: string };

/**
 * What one feed row says about one supplier offer. An optional field is undefined when its column is not
 * mapped or its cell is empty: the offer keeps what it had. (The key is present with the value undefined,
 * so test with `!== undefined`, not `in`.)
 */
export interface OfferUpdate {
  line: number;
  supplierSku: string;
  stock: number;
  /** Integer minor units of `currency` (Money's rules). */
  cost?: Money;
  leadTimeDays?: number;
}

export type MapFeedRowResult = { ok: true; update: OfferUpdate } | { ok: false; line: number; reason: string };

export interface MappedFeed {
  updates: OfferUpdate[];
  rowErrors: RowIssue[];
}
