import type { Worker } from 'node:worker_threads';
import { ownBuffers, startWorker } from '../../workers/start-worker';
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
/** Far longer than a 100,000-row feed takes (about a second): only a stuck thread reaches it. */
export const DEFAULT_FEED_TASK_TIMEOUT_MS = 10 * 60_000;

function durationText(ms: number): string {
  if (ms >= 60_000) return `${Math.round(ms / 60_000)} minute${ms >= 90_000 ? 's' : ''}`;
  return `${Math.max(1, Math.round(ms / 1000))} second${ms >= 1_500 ? 's' : ''}`;
}

/** A file's bytes move to the thread instead of being copied there: the core has no further use for them. */
function transferablesOf(task: FeedWorkerTask): ArrayBuffer[] {
  return 'bytes' in task ? ownBuffers(task.bytes) : [];
}

export function createFeedWorker(entry: URL, options: { taskTimeoutMs?: number } = {}): FeedWorker {
  const taskTimeoutMs = options.taskTimeoutMs ?? DEFAULT_FEED_TASK_TIMEOUT_MS;
  let worker: Worker | undefined;
  let current: Pending | undefined;
  let timer: NodeJS.Timeout | undefined;
  const queue: Pending[] = [];
  let nextId = 1;
  let closed = false;

  const fail = (error: Error) => {
    clearTimeout(timer);
    const pending = current;
    current = undefined;
    worker = undefined;
    pending?.reject(error);
    pump();
  };

  // A stuck thread is stopped: its open transaction dies with its connection, so nothing is half-applied,
  // and the next feed gets a fresh thread instead of waiting behind it forever.
  const stopStuckTask = () => {
    const stuck = worker;
    fail(new Error(`The feed took longer than ${durationText(taskTimeoutMs)} and was stopped; nothing was applied.`));
    void stuck?.terminate();
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
      clearTimeout(timer);
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
    timer = setTimeout(stopStuckTask, taskTimeoutMs);
    w.postMessage({ taskId: next.taskId, task: next.task }, transferablesOf(next.task));
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
      clearTimeout(timer);
      const error = new Error('The desk is closing.');
      current?.reject(error);
      for (const pending of queue.splice(0)) pending.reject(error);
      await worker?.terminate();
      worker = undefined;
    },
  };
}
