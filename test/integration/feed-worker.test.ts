import { describe, expect, it } from 'vitest';
import { createFeedWorker } from '../../src-main/services/feeds/run-feed-worker';
import type { FeedWorkerTask } from '../../src-main/services/feeds/feed-worker-protocol';

const STAND_IN = new URL('../fixtures/workers/stuck-feed-worker.mjs', import.meta.url);
const task = (hang: boolean) => ({ kind: 'preview', bytes: new Uint8Array(), options: { hang }, sampleRows: 1 }) as unknown as FeedWorkerTask;
const threadOf = async (outcome: Promise<unknown>) => ((await outcome) as { runId: number }).runId;

describe('the feed worker', () => {
  it('runs queued tasks one after another on one warm thread', async () => {
    const worker = createFeedWorker(STAND_IN, { taskTimeoutMs: 5_000 });
    try {
      const [a, b] = await Promise.all([threadOf(worker.run(task(false), () => {})), threadOf(worker.run(task(false), () => {}))]);
      expect(a).toBe(b);
    } finally {
      await worker.close();
    }
  });

  it('stops a stuck task with a clear message, and the next task gets a fresh thread', async () => {
    const worker = createFeedWorker(STAND_IN, { taskTimeoutMs: 300 });
    try {
      const before = await threadOf(worker.run(task(false), () => {}));
      await expect(worker.run(task(true), () => {})).rejects.toThrow(/took longer than 1 second and was stopped; nothing was applied/);
      const after = await threadOf(worker.run(task(false), () => {}));
      expect(after).not.toBe(before);
    } finally {
      await worker.close();
    }
  });
});
