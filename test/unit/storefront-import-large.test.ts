import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import type { ImportedOrderAt, ImportRowProblem } from '../../src-shared/domain/storefront-orders';
import { readShopifyOrders } from '../../src-main/services/storefront-import/read-shopify-orders';
import { largeOrderItems, makeLargeShopifyFile } from '../fixtures/storefront/shopify-file';

const ORDERS = 100_000;
const MB = 1024 * 1024;

/** A collection on demand, so the memory printed is what the reader keeps alive, not garbage waiting to be swept. */
function collector(): () => void {
  setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
}

describe('a 100,000-order Shopify export', () => {
  it('reads every order with its first line, one at a time, and prints the time and memory taken', () => {
    const built = performance.now();
    const bytes = makeLargeShopifyFile(ORDERS);
    const buildMs = performance.now() - built;
    const gc = collector();
    gc();
    const before = process.memoryUsage().heapUsed;
    let peakLive = before;
    let count = 0;
    let expectedLine = 2;
    let wrong: ImportedOrderAt | undefined;
    const problems: ImportRowProblem[] = [];
    const progress: { bytesRead: number; orders: number }[] = [];

    const started = performance.now();
    const result = readShopifyOrders(bytes, {
      onOrder: (at) => {
        // Every check inline: keeping 100,000 orders to look at afterwards would defeat what is measured.
        const items = largeOrderItems(count);
        if (wrong === undefined && (at.line !== expectedLine || at.order.number !== `#${100_000 + count}` || at.order.lines.length !== items
          || at.order.currency !== (count % 5 === 0 ? 'EUR' : 'USD') || at.order.total !== items * 1250)) wrong = at;
        // A note with a line break makes its row two physical lines.
        expectedLine += items + (count % 7 === 0 ? 1 : 0);
        count += 1;
      },
      onProblem: (problem) => problems.push(problem),
      onProgress: (bytesRead) => {
        progress.push({ bytesRead, orders: count });
        gc();
        peakLive = Math.max(peakLive, process.memoryUsage().heapUsed);
      },
    });
    const ms = performance.now() - started;
    // Printed, not asserted: this 2-core machine is shared, and a benchmark owns the numbers.
    console.log(`Shopify export of ${ORDERS} orders, ${(bytes.length / MB).toFixed(1)} MB: built in ${buildMs.toFixed(0)} ms, read in ${ms.toFixed(0)} ms (with a forced collection at each of ${progress.length} progress reports); `
      + `live heap ${(before / MB).toFixed(0)} MB before, at most ${((peakLive - before) / MB).toFixed(0)} MB more while reading `
      + `(the file's bytes, ${(bytes.length / MB).toFixed(0)} MB, are outside the heap)`);

    expect(wrong).toBeUndefined();
    expect(problems).toEqual([]);
    expect(result).toEqual({ orders: ORDERS, problems: 0, stopped: false });
    expect(count).toBe(ORDERS);
    expect(bytes.length).toBeGreaterThan(50 * MB);
    // Orders are handed on while the file is read: at the first progress report some, not all, are out.
    expect(progress.length).toBeGreaterThan(2);
    expect(progress[0]?.orders).toBeGreaterThan(0);
    expect(progress[0]?.orders).toBeLessThan(ORDERS);
    expect(progress[0]?.bytesRead).toBeLessThan(bytes.length);
    expect(progress.at(-1)).toEqual({ bytesRead: bytes.length, orders: ORDERS });
  }, 120_000);
});
