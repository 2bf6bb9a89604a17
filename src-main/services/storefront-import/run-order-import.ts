/**
 * The core's side of an orders file import: one at a time, on its own thread (the core's thread only decodes the
 * upload and hears progress), cancellable, recorded as a run, and followed by the imported orders' checks in small
 * batches on the core's connection.
 */
import type { Worker } from 'node:worker_threads';
import type { ImportProgress, ImportRunView, OrderColumnMapping } from '../../../src-shared/domain/storefront-import';
import type { Sql } from '../../db/query';
import { ownBuffers, startWorker } from '../../workers/start-worker';
import { DeskError } from '../errors';
import { checkImportedOrders, countUncheckedOrders } from './check-imported-orders';
import { getImportRun, NO_COUNTS, recordImportRun, type FinishedImport } from './import-runs';
import type { OrderImportMessage, OrderImportTask } from './order-import-protocol';

export interface OrderImportDeps {
  sql: Sql;
  dbPath: string;
  now: () => number;
  /** The import thread's entry (the source .ts under tests, the built .js in the app). */
  entry: URL;
  onProgress: (progress: ImportProgress) => void;
  /** Orders were imported or checked: lists read again. */
  onOrdersChanged: () => void;
  /** A check sweep that failed (a database error): logged; the orders wait for the next sweep. */
  onError: (message: string, error: unknown) => void;
}

export interface OrderImportRequest {
  fileName: string;
  /** The file, or how to get it (decoding a big upload takes a while: Cancel may come meanwhile, and counts). */
  bytes: Uint8Array | (() => Promise<Uint8Array>);
  mapping?: OrderColumnMapping;
}

/** Time the checks may hold the core's thread per turn of the event loop (each order is routed and verified, a few ms). */
const CHECK_BUDGET_MS = 25;
/**
 * While the import's thread holds the write lock (its whole file is one transaction), a write on the core's own
 * connection waits this long, not the usual 5 s, before it fails with a sentence (the dispatcher's): better-sqlite3
 * waits synchronously, so every millisecond of it is the core's thread held.
 */
const BUSY_WAIT_DURING_IMPORT_MS = 50;
/** A cancelled thread reads the flag between rows; one that does not answer in this time is stopped outright. */
const CANCEL_GRACE_MS = 15_000;

export interface OrderImports {
  run(request: OrderImportRequest, actor: string): Promise<ImportRunView>;
  cancel(): boolean;
  /** Routes and verifies imported orders still unchecked (after a run, and once at start for any a crash left). */
  checkPending(actor?: string): Promise<void>;
  close(): Promise<void>;
}

/** The currency of a mapped file without a currency column: the shop's latest order's, else US dollars. */
function defaultCurrency(sql: Sql): string {
  const row = sql.raw.prepare('SELECT currency FROM orders ORDER BY id DESC LIMIT 1').get() as { currency: string } | undefined;
  return row?.currency ?? 'USD';
}

export function createOrderImports(deps: OrderImportDeps): OrderImports {
  /** The import in hand, from the moment it is asked for (before its file is decoded and its thread started). */
  let current: { flag: Int32Array; worker?: Worker } | undefined;
  let checking: Promise<void> | undefined;
  let closed = false;

  const runThread = (task: OrderImportTask, bytesTotal: number): Promise<OrderImportMessage> => new Promise((resolve) => {
    const worker = startWorker(deps.entry, {});
    const flag = new Int32Array(task.cancelFlag);
    if (current) current.worker = worker;
    let settled = false;
    const settle = (message: OrderImportMessage) => {
      if (settled) return;
      settled = true;
      void worker.terminate();
      resolve(message);
    };
    worker.on('message', (message: OrderImportMessage) => {
      if (message.type === 'progress') {
        deps.onProgress({ phase: 'reading', done: message.bytesRead, total: message.bytesTotal, ordersRead: message.ordersRead });
        return;
      }
      settle(message);
    });
    worker.on('error', (error) => settle({ type: 'failed', message: error.message }));
    // Stopped from outside (a cancel that was not heard, the desk closing): its transaction died with its connection.
    worker.on('exit', () => settle(Atomics.load(flag, 0) === 1 ? { type: 'cancelled', ordersRead: 0 } : { type: 'failed', message: 'The import stopped before it finished; nothing was imported.' }));
    deps.onProgress({ phase: 'reading', done: 0, total: bytesTotal, ordersRead: 0 });
    // The file moves to the thread, not copied: the core has no further use for it.
    worker.postMessage(task, ownBuffers(task.bytes));
  });

  const imports: OrderImports = {
    async run(request, actor) {
      if (closed) throw new DeskError('unavailable', 'The desk is closing.');
      if (current) throw new DeskError('conflict', 'An import is already running. Wait for it to finish, or cancel it.');
      const cancelFlag = new SharedArrayBuffer(4);
      const mine = { flag: new Int32Array(cancelFlag) };
      current = mine;
      const startedAt = deps.now();
      let bytes: Uint8Array;
      try {
        bytes = typeof request.bytes === 'function' ? await request.bytes() : request.bytes;
      } catch (error) {
        current = undefined;
        throw error;
      }
      const bytesTotal = bytes.byteLength;
      const task: OrderImportTask = {
        dbPath: deps.dbPath, bytes, mapping: request.mapping, defaultCurrency: defaultCurrency(deps.sql),
        actor, fileName: request.fileName, cancelFlag,
      };
      const usualBusyWait = deps.sql.raw.pragma('busy_timeout', { simple: true }) as number;
      deps.sql.raw.pragma(`busy_timeout = ${BUSY_WAIT_DURING_IMPORT_MS}`);
      let outcome: OrderImportMessage;
      try {
        // Cancelled while the file was still arriving: no thread is started.
        outcome = Atomics.load(mine.flag, 0) === 1 ? { type: 'cancelled', ordersRead: 0 } : await runThread(task, bytesTotal);
      } finally {
        current = undefined;
        deps.sql.raw.pragma(`busy_timeout = ${usualBusyWait}`);
      }
      const base = { fileName: request.fileName, actor, startedAt, finishedAt: deps.now(), problems: [], problemsTotal: 0 };
      let run: FinishedImport;
      if (outcome.type === 'done') {
        run = { ...base, ...outcome.summary, status: 'done' };
      } else if (outcome.type === 'cancelled') {
        run = { ...base, format: outcome.format ?? 'mapped', status: 'cancelled', counts: { ...NO_COUNTS, ordersRead: outcome.ordersRead }, message: 'Cancelled: nothing was imported.' };
      } else if (outcome.type === 'failed' && outcome.field !== undefined) {
        // The file itself was refused (not an orders export, a mapping that does not fit): say so to the form.
        throw new DeskError('invalid_input', outcome.message, outcome.field);
      } else {
        run = { ...base, format: 'mapped', status: 'failed', counts: NO_COUNTS, message: `${outcome.type === 'failed' ? outcome.message : ''} Nothing was imported.`.trim() };
      }
      const id = recordImportRun(deps.sql, run);
      deps.onProgress({ phase: 'done', done: bytesTotal, total: bytesTotal, ordersRead: run.counts.ordersRead });
      if (run.status === 'done' && run.counts.imported + run.counts.updated + run.counts.heldBack > 0) {
        deps.onOrdersChanged();
        imports.checkPending(actor).catch((error: unknown) => deps.onError('checking imported orders failed', error));
      }
      return getImportRun(deps.sql, id);
    },
    cancel() {
      const running = current;
      if (!running) return false;
      Atomics.store(running.flag, 0, 1);
      setTimeout(() => {
        if (current === running) void running.worker?.terminate();
      }, CANCEL_GRACE_MS).unref();
      return true;
    },
    checkPending(actor = 'PetDrop Desk') {
      if (checking) return checking;
      const sweep = (async () => {
        const total = countUncheckedOrders(deps.sql);
        if (total === 0) return;
        let done = 0;
        while (!closed) {
          // Starts on a later turn too: the call that asked for the sweep answers first.
          await new Promise((resolve) => setImmediate(resolve));
          const batch = checkImportedOrders(deps.sql, CHECK_BUDGET_MS, actor, deps.now);
          done += batch.checked;
          if (!current) deps.onProgress({ phase: batch.more ? 'checking' : 'done', done, total: Math.max(total, done), ordersRead: done });
          if (!batch.more || batch.checked === 0) break;
        }
        deps.onOrdersChanged();
      })();
      // Cleared once settled (a sweep with nothing to do settles before this line would otherwise run).
      checking = sweep.finally(() => {
        checking = undefined;
      });
      return checking;
    },
    async close() {
      closed = true;
      const running = current;
      if (running) {
        Atomics.store(running.flag, 0, 1);
        await running.worker?.terminate();
      }
      await checking?.catch(() => undefined);
    },
  };
  return imports;
}
