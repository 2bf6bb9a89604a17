import { describe, expect, it } from 'vitest';
import { nextSyncDelay } from '../../src-main/services/fulfillment/sync-state';

const MINUTE = 60_000;

describe('when the next tracking sync runs', () => {
  it.each<[string, number | null, number, number]>([
    ['never synced: at once', null, 1_000_000, 0],
    ['synced 10 of 30 minutes ago: the 20 left', 1_000_000 - 10 * MINUTE, 1_000_000, 20 * MINUTE],
    ['synced just now: a whole interval', 1_000_000, 1_000_000, 30 * MINUTE],
    ['overdue (the desk was closed for hours): at once', 1_000_000 - 300 * MINUTE, 1_000_000, 0],
    ['the clock went back: never longer than one interval', 1_000_000 + 500 * MINUTE, 1_000_000, 30 * MINUTE],
  ])('%s', (_case, last, now, expected) => {
    expect(nextSyncDelay(last, 30 * MINUTE, now)).toBe(expected);
  });
});
