/** The first retry waits about this long; each later one twice as long, up to the cap. */
export const BACKOFF_BASE_MS = 2_000;
/** Offline for a day must not mean a retry every few seconds, nor one next week: the cap keeps it near. */
export const BACKOFF_CAP_MS = 15 * 60_000;

/**
 * Exponential back-off with "equal jitter" (half fixed, half random): rows that failed together — the
 * network came back for all of them — do not all retry in the same instant, yet none retries almost at once.
 */
export function backoffDelayMs(attempts: number, random: () => number = Math.random): number {
  const exponential = Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** Math.max(0, attempts - 1));
  return Math.round(exponential / 2 + random() * (exponential / 2));
}
