import type { Worker } from 'node:worker_threads';
import { startWorker } from '../../workers/start-worker';
import type { FeedWorkerMessage, FeedWorkerTask } from './feed-worker-protocol';

export type FeedProgress = Extract<FeedWorkerMessage, { type: 'progress' }>;
export type FeedOutcome = Exclude<FeedWorkerMessage, { type: 'progress' }>;

interface Pending {
  taskId: number;
  task: FeedWorkerTask;
  onProgress: (progress: FeedProgress) => void;
  resolve: (outcome: FeedOutcome) => void;
  reject: (error: Error) => void;
}

export interface FeedWorker {
  run(task: FeedWorkerTask, onProgress: (progress: FeedProgress) => void): Promise<FeedOutcome>;
  close(): Promise<void>;
}

/**
 * One feed thread per core, started on first use and kept warm (its start and JIT warm-up cost more than
 * a small feed). Tasks run one at a time in order; if the thread dies, the task in hand fails with a
 * sentence and the next task starts a fresh thread.
 */
export function createFeedWorker(entry: URL): FeedWorker {
  let worker: Worker | undefined;
  let current: Pending | undefined;
  const queue: Pending[] = [];
  let nextId = 1;
  let closed = false;

  const fail = (error: Error) => {
    const pending = current;
    current = undefined;
    worker = undefined;
    pending?.reject(error);
    pump();
  };

  const ensureWorker = (): Worker => {
    if (worker) return worker;
    const started = startWorker(entry, {});
    started.on('message', ({ taskId, message }: { taskId: number; message: FeedWorkerMessage }) => {
      if (!current || taskId !== current.taskId) return;
      if (message.type === 'progress') {
        current.onProgress(message);
        return;
      }
      const done = current;
      current = undefined;
      done.resolve(message);
      pump();
    });
    started.on('error', (error) => fail(error));
    started.on('exit', (code) => {
      if (worker === started && !closed) fail(new Error(`The feed worker stopped (exit code ${code}) before it finished.`));
    });
    // An idle warm thread must not keep the process alive.
    started.unref();
    worker = started;
    return started;
  };

  function pump(): void {
    if (current || closed) return;
    const next = queue.shift();
    if (!next) {
      worker?.unref();
      return;
    }
    current = next;
    const w = ensureWorker();
    w.ref();
    w.postMessage({ taskId: next.taskId, task: next.task });
  }

  return {
    run(task, onProgress) {
      if (closed) return Promise.reject(new Error('The desk is closing.'));
      return new Promise((resolve, reject) => {
        queue.push({ taskId: nextId++, task, onProgress, resolve, reject });
        pump();
      });
    },
    async close() {
      closed = true;
      const error = new Error('The desk is closing.');
      current?.reject(error);
      for (const pending of queue.splice(0)) pending.reject(error);
      await worker?.terminate();
      worker = undefined;
    },
  };
}
