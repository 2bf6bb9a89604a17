import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test as base } from '@playwright/test';
import { startHostProcess, stopHostProcess } from '../support/host-process';

export interface DeskHost {
  url: string;
  dataDir: string;
  /** Stops the host (SIGTERM, or SIGKILL to simulate a crash) and starts it again on the same data dir. */
  restart(signal?: NodeJS.Signals): Promise<void>;
  stop(signal?: NodeJS.Signals): Promise<void>;
}

export const test = base.extend<{ desk: DeskHost }>({
  desk: async ({}, use) => {
    const dataDir = mkdtempSync(join(tmpdir(), 'petdrop-e2e-'));
    let running = await startHostProcess(dataDir);
    const desk: DeskHost = {
      get url() { return running.url; },
      dataDir,
      async restart(signal = 'SIGTERM') {
        await stopHostProcess(running.child, signal);
        running = await startHostProcess(dataDir);
      },
      async stop(signal = 'SIGTERM') {
        await stopHostProcess(running.child, signal);
      },
    };
    await use(desk);
    await stopHostProcess(running.child);
    rmSync(dataDir, { recursive: true, force: true });
  },
});

export { expect } from '@playwright/test';
