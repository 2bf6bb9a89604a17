import type { FeedRowError } from '../../../src-shared/domain/catalog';
import type { FeedJob } from './apply-feed';
import type { FeedMapping, FeedRejected, OfferUpdate, ParsedFeed, ParseFeedOptions } from './feed-types';

/** What the core asks the feed worker to do (its workerData). */
export type FeedWorkerTask =
  | { kind: 'preview'; bytes: Uint8Array; options: ParseFeedOptions; sampleRows: number }
  | { kind: 'import'; dbPath: string; job: FeedJob; bytes: Uint8Array; options: ParseFeedOptions; mapping: FeedMapping; defaultCurrency: string }
  | { kind: 'apply-updates'; dbPath: string; job: FeedJob; updates: OfferUpdate[]; rowErrors: FeedRowError[]; rowsTotal: number };

export type FeedPreviewResult = FeedRejected | (Omit<ParsedFeed, 'rows'> & { rows: ParsedFeed['rows']; rowCount: number });

/** What the worker says back: progress while it works, then exactly one of preview, done or failed. */
export type FeedWorkerMessage =
  | { type: 'progress'; phase: 'reading' | 'checking' | 'applying'; done: number; total: number }
  | { type: 'preview'; result: FeedPreviewResult }
  | { type: 'done'; runId: number }
  | { type: 'failed'; message: string };
