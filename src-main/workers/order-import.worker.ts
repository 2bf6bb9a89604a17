import { parentPort } from 'node:worker_threads';
import Database from 'better-sqlite3';
import { configureConnection } from '../db/open';
import { createSql } from '../db/query';
import { DeskError } from '../services/errors';
import { importOrderFile } from '../services/storefront-import/import-order-file';
import type { OrderImportMessage, OrderImportTask } from '../services/storefront-import/order-import-protocol';

/**
 * Imports one orders file on its own thread and its own connection, so a 100,000-order file never holds the
 * core's thread: the core hears progress and, at the end, the counts. One thread per file; it ends with the file.
 */
const PROGRESS_EVERY_MS = 200;

function run(task: OrderImportTask, post: (message: OrderImportMessage) => void): OrderImportMessage {
  const db = new Database(task.dbPath, { fileMustExist: true });
  configureConnection(db);
  // Orders, lines and customers are looked up by key for every order; a big cache keeps them off the disk.
  db.pragma('cache_size = -65536');
  const flag = new Int32Array(task.cancelFlag);
  let lastPost = 0;
  try {
    const result = importOrderFile(createSql(db), {
      bytes: task.bytes,
      fileName: task.fileName,
      mapping: task.mapping,
      defaultCurrency: task.defaultCurrency,
      actor: task.actor,
      now: () => Date.now(),
      shouldStop: () => Atomics.load(flag, 0) === 1,
      onProgress: (bytesRead, bytesTotal, ordersRead) => {
        const now = Date.now();
        if (now - lastPost < PROGRESS_EVERY_MS && bytesRead < bytesTotal) return;
        lastPost = now;
        post({ type: 'progress', bytesRead, bytesTotal, ordersRead });
      },
    });
    return result.stopped ? { type: 'cancelled', ordersRead: result.ordersRead } : { type: 'done', summary: result.summary };
  } finally {
    db.close();
  }
}

parentPort?.once('message', (task: OrderImportTask) => {
  const post = (message: OrderImportMessage) => parentPort?.postMessage(message);
  try {
    post(run(task, post));
  } catch (error) {
    post(error instanceof DeskError
      ? { type: 'failed', message: error.message, ...(error.field ? { field: error.field } : {}) }
      : { type: 'failed', message: error instanceof Error ? error.message : String(error) });
  }
});
