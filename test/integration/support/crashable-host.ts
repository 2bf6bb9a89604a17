/**
 * The browser host as a real process that a test kills with SIGKILL (no clean shutdown, no flush) and
 * starts again on the same data dir, any number of times. Requests made while it is down fail at the
 * socket; callers wait for the next host with nextUrl().
 */
import type { ChildProcess } from 'node:child_process';
import { startHostProcess, stopHostProcess } from '../../support/host-process';

export interface CrashableHost {
  /** The running host's URL (with its token), or undefined while it is down. */
  readonly url: string | undefined;
  readonly kills: number;
  /** What the host processes wrote after their start-up line, for the report when something goes wrong. */
  readonly output: string[];
  start(): Promise<string>;
  /** SIGKILL, and wait until the process is gone. */
  kill(): Promise<void>;
  /** Resolves with the URL of a running host that is not `notUrl` (the one a failed request went to). */
  nextUrl(notUrl: string | undefined, timeoutMs?: number): Promise<string>;
  /** Clean stop for the test's teardown. */
  stop(): Promise<void>;
}

export function crashableHost(dataDir: string): CrashableHost {
  let child: ChildProcess | undefined;
  let url: string | undefined;
  let kills = 0;
  const output: string[] = [];

  const host: CrashableHost = {
    get url() { return url; },
    get kills() { return kills; },
    output,
    async start() {
      if (child) throw new Error('the host is already running');
      const started = await startHostProcess(dataDir);
      child = started.child;
      const generation = kills;
      const keep = (chunk: Buffer) => output.push(...chunk.toString().split('\n').filter((line) => line.trim() !== '').map((line) => `[host ${generation}] ${line}`));
      child.stdout?.on('data', keep);
      child.stderr?.on('data', keep);
      url = started.url;
      return started.url;
    },
    async kill() {
      const victim = child;
      if (!victim) throw new Error('no host to kill');
      url = undefined;
      child = undefined;
      await stopHostProcess(victim, 'SIGKILL');
      kills += 1;
    },
    async nextUrl(notUrl, timeoutMs = 60_000) {
      const deadline = Date.now() + timeoutMs;
      while (url === undefined || url === notUrl) {
        if (Date.now() > deadline) throw new Error('no host came back in time');
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
      return url;
    },
    async stop() {
      const running = child;
      child = undefined;
      url = undefined;
      if (running) await stopHostProcess(running);
    },
  };
  return host;
}
