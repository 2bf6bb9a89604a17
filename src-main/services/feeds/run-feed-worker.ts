import { startWorker } from '../../workers/start-worker';
import type { FeedWorkerMessage, FeedWorkerTask } from './feed-worker-protocol';

export type FeedProgress = Extract<FeedWorkerMessage, { type: 'progress' }>;
export type FeedOutcome = Exclude<FeedWorkerMessage, { type: 'progress' }>;

/** Runs one task on the feed worker; resolves with its one outcome, reporting progress on the way. */
export function runFeedWorker(entry: URL, task: FeedWorkerTask, onProgress: (progress: FeedProgress) => void): Promise<FeedOutcome> {
  return new Promise((resolve, reject) => {
    const worker = startWorker(entry, task as unknown as Record<string, unknown>);
    let settled = false;
    worker.on('message', (message: FeedWorkerMessage) => {
      if (message.type === 'progress') {
        onProgress(message);
        return;
      }
      settled = true;
      resolve(message);
      void worker.terminate();
    });
    worker.on('error', (error) => {
      settled = true;
      reject(error);
    });
    worker.on('exit', (code) => {
      if (!settled) reject(new Error(`The feed worker stopped (exit code ${code}) before it finished.`));
    });
  });
}
