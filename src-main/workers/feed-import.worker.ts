import { parentPort } from 'node:worker_threads';
import Database from 'better-sqlite3';
import { configureConnection } from '../db/open';
import { applyFeed, applyOfferUpdates } from '../services/feeds/apply-feed';
import { feedFileSource } from '../services/feeds/feed-file-source';
import { parseFeed } from '../services/feeds/parse-feed';
import type { FeedWorkerMessage, FeedWorkerTask } from '../services/feeds/feed-worker-protocol';

/**
 * Reads, checks and applies supplier feeds on its own thread and its own connection, so a 100,000-row
 * file never holds the core's thread: the core only hears progress and the run id at the end. The thread
 * stays up between feeds (started once, warm), taking one task at a time.
 */
let post: (message: FeedWorkerMessage) => void = () => {};

/**
 * A feed looks up every one of a supplier's offers in (supplier, SKU) order, which is not the order they sit
 * in the file: with SQLite's default 2 MiB page cache a 100k-offer catalog no longer fits and each lookup
 * goes back to the OS. 64 MiB holds a few hundred thousand offers; measured on the bench, it halves the checks.
 */
const FEED_CACHE_KIB = 64 * 1024;

function openConnection(dbPath: string): Database.Database {
  const db = new Database(dbPath, { fileMustExist: true });
  configureConnection(db);
  db.pragma(`cache_size = -${FEED_CACHE_KIB}`);
  return db;
}

function run(task: FeedWorkerTask): FeedWorkerMessage {
  if (task.kind === 'preview') {
    const parsed = parseFeed(task.bytes, task.options);
    if (!parsed.ok) return { type: 'preview', result: parsed };
    return {
      type: 'preview',
      result: { ...parsed, rows: parsed.rows.slice(0, task.sampleRows), rowCount: parsed.rows.length },
    };
  }
  const db = openConnection(task.dbPath);
  try {
    const options = { now: () => Date.now(), onApplying: (done: number, total: number) => post({ type: 'progress', phase: 'applying', done, total }) };
    if (task.kind === 'apply-updates') {
      return { type: 'done', runId: applyOfferUpdates(db, task.job, { updates: task.updates, rowErrors: task.rowErrors, rowsTotal: task.rowsTotal }, options) };
    }
    post({ type: 'progress', phase: 'reading', done: 0, total: 0 });
    const source = feedFileSource(task, (line, lines) => post({ type: 'progress', phase: 'checking', done: line, total: lines }));
    return { type: 'done', runId: applyFeed(db, task.job, source, options) };
  } finally {
    db.close();
  }
}

parentPort?.on('message', ({ taskId, task }: { taskId: number; task: FeedWorkerTask }) => {
  post = (message) => parentPort?.postMessage({ taskId, message });
  try {
    post(run(task));
  } catch (error) {
    post({ type: 'failed', message: error instanceof Error ? error.message : String(error) });
  }
});

