import { parentPort } from 'node:worker_threads';
import Database from 'better-sqlite3';
import { configureConnection } from '../db/open';
import { applyOfferUpdates, recordRejectedFeed, type FeedJob } from '../services/feeds/apply-feed';
import { checkMapping, mapFeedRows } from '../services/feeds/map-feed-rows';
import { parseFeed } from '../services/feeds/parse-feed';
import type { FeedWorkerMessage, FeedWorkerTask } from '../services/feeds/feed-worker-protocol';

/**
 * Reads, checks and applies supplier feeds on its own thread and its own connection, so a 100,000-row
 * file never holds the core's thread: the core only hears progress and the run id at the end. The thread
 * stays up between feeds (started once, warm), taking one task at a time.
 */
let post: (message: FeedWorkerMessage) => void = () => {};

function openConnection(dbPath: string): Database.Database {
  const db = new Database(dbPath, { fileMustExist: true });
  configureConnection(db);
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
    const job: FeedJob = task.job;
    const now = () => Date.now();
    if (task.kind === 'apply-updates') {
      const runId = applyOfferUpdates(db, job, { updates: task.updates, rowErrors: task.rowErrors, rowsTotal: task.rowsTotal }, now,
        (done, total) => post({ type: 'progress', phase: 'applying', done, total }));
      return { type: 'done', runId };
    }
    post({ type: 'progress', phase: 'reading', done: 0, total: 0 });
    const parsed = parseFeed(task.bytes, task.options);
    if (!parsed.ok) return { type: 'done', runId: recordRejectedFeed(db, job, parsed.reason, now()) };
    const mapping = checkMapping(parsed.headers, task.mapping);
    if (!mapping.ok) return { type: 'done', runId: recordRejectedFeed(db, job, mapping.reason, now()) };
    post({ type: 'progress', phase: 'checking', done: 0, total: parsed.rows.length });
    const mapped = mapFeedRows(parsed.rows, mapping.columns, task.defaultCurrency);
    const rowsTotal = parsed.rows.length + parsed.rowIssues.length;
    const runId = applyOfferUpdates(db, job, { updates: mapped.updates, rowErrors: [...parsed.rowIssues, ...mapped.rowErrors], rowsTotal }, now,
      (done, total) => post({ type: 'progress', phase: 'applying', done, total }));
    return { type: 'done', runId };
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

