import { describe, expect, it } from 'vitest';
import { checkMapping, mapFeedRows } from '../../src-main/services/feeds/map-feed-rows';
import { parseFeed } from '../../src-main/services/feeds/parse-feed';
import { LARGE_FEED_HEADERS, LARGE_FEED_MAPPING, largeFeedRows, makeLargeFeed } from '../fixtures/feeds/large-feed';

const ROWS = 100_000;

describe('a 100,000-row feed', () => {
  it('parses and maps every row, with its physical line, and prints the time taken', () => {
    const bytes = makeLargeFeed(ROWS, 7);
    const written = largeFeedRows(ROWS, 7);

    const parseStarted = performance.now();
    const parsed = parseFeed(bytes);
    const parseMs = performance.now() - parseStarted;
    if (!parsed.ok) throw new Error(parsed.reason);
    const checked = checkMapping(parsed.headers, LARGE_FEED_MAPPING);
    if (!checked.ok) throw new Error(checked.reason);
    const mapStarted = performance.now();
    const { updates, rowErrors } = mapFeedRows(parsed.rows, checked.columns, 'EUR');
    const mapMs = performance.now() - mapStarted;
    // Timing is printed, not asserted: this 2-core machine is shared, and the bench owns the numbers.
    console.log(`feed of ${ROWS} rows, ${(bytes.length / 1e6).toFixed(1)} MB: parseFeed ${parseMs.toFixed(0)} ms, mapFeedRows ${mapMs.toFixed(0)} ms`);

    expect(parsed.headers).toEqual([...LARGE_FEED_HEADERS]);
    expect(parsed.rowIssues).toEqual([]);
    expect(rowErrors).toEqual([]);
    expect(updates).toHaveLength(ROWS);
    // Names with a line break push later rows down: line numbers must follow the file, not the row count.
    let line = 2;
    for (const [index, row] of written.entries()) {
      const update = updates[index];
      if (update?.line !== line || update.supplierSku !== row.sku || update.stock !== row.stock
        || update.cost?.amount !== row.cost || update.leadTimeDays !== row.leadTimeDays || parsed.rows[index]?.cells[1] !== row.name) {
        expect({ line, ...row }).toEqual({ ...update, name: parsed.rows[index]?.cells[1] });
      }
      line += 1 + (row.name.match(/\n/gu)?.length ?? 0);
    }
    expect(written.some((row) => row.name.includes('\n'))).toBe(true);
  });
});
