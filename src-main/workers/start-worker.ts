import { Worker } from 'node:worker_threads';

const BOOTSTRAP = new URL('./ts-worker-bootstrap.mjs', import.meta.url);

/**
 * Starts a worker thread from its entry URL: a built .js entry directly, a .ts source through the tsx
 * bootstrap. Both get the same workerData (plus `entry` for the bootstrap).
 */
export function startWorker(entry: URL, workerData: Record<string, unknown>, transferList: ArrayBuffer[] = []): Worker {
  if (entry.pathname.endsWith('.ts')) {
    return new Worker(BOOTSTRAP, { workerData: { ...workerData, entry: entry.href }, transferList });
  }
  return new Worker(entry, { workerData, transferList });
}

/**
 * The buffers a message may move to a thread instead of copying: a file's bytes, when they have their buffer to
 * themselves (a view into a shared pool — small Buffers — must stay put).
 */
export function ownBuffers(bytes: Uint8Array): ArrayBuffer[] {
  const { buffer, byteOffset, byteLength } = bytes;
  return buffer instanceof ArrayBuffer && byteOffset === 0 && byteLength === buffer.byteLength ? [buffer] : [];
}

/** Where each worker's entry is; the host supplies the built paths, the sources are the default. */
export interface WorkerEntries {
  feedImport: URL;
  orderImport: URL;
}

export const SOURCE_WORKER_ENTRIES: WorkerEntries = {
  feedImport: new URL('./feed-import.worker.ts', import.meta.url),
  orderImport: new URL('./order-import.worker.ts', import.meta.url),
};
