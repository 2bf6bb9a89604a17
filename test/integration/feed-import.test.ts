import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { FeedMapping, FeedPreview, FeedRunView } from '../../src-shared/domain/catalog';
import { headerKey, parseFeed } from '../../src-main/services/feeds/parse-feed';
import { supplierInput } from '../fixtures/catalog';
import { LARGE_FEED_MAPPING, largeFeedRows, makeLargeFeed } from '../fixtures/feeds/large-feed';
import { offerStates, seedOffers } from './support/feed-catalog';
import { useTestCore } from './support/open-test-core';
import { useTempDirs } from './support/temp-dir';

const makeDir = useTempDirs();
const openTestCore = useTestCore(makeDir);
const FIXTURES = join(import.meta.dirname, '..', 'fixtures', 'feeds');
const base64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');

/** Files the desk must refuse whole, and the words its reason must contain. */
const REJECTED: Record<string, RegExp> = {
  'empty.csv': /empty/i,
  'header-only.csv': /no (data )?rows|only a header|header only/i,
  'xlsx-renamed.csv': /excel|xlsx|workbook/i,
  'pdf-renamed.csv': /pdf/i,
  'html-error-page.csv': /html|web page/i,
  'duplicate-headers.csv': /twice|duplicate|more than once/i,
  'empty-header-name.csv': /empty|no name|unnamed/i,
  'one-column.csv': /stock|column|separat/i,
  'unknown-separator.csv': /separat|delimiter|column/i,
  'mixed-encoding.csv': /encod|utf-8|character/i,
  'title-line-above-header.csv': /column|header|title/i,
  'unclosed-quote-mid-file.csv': /quote/i,
};

async function prepareSupplier(t: ReturnType<typeof openTestCore>) {
  const supplier = await t.call('suppliers.save', { supplier: supplierInput({ shipsTo: [] }) });
  return supplier.id;
}

/** Every SKU a file names in the column its mapping picks, found by the parser the desk itself uses. */
function skusIn(bytes: Uint8Array, mapping: Partial<FeedMapping>): string[] {
  const parsed = parseFeed(bytes);
  if (!parsed.ok || !mapping.supplierSku) return [];
  const index = parsed.headers.findIndex((h) => headerKey(h) === headerKey(mapping.supplierSku!));
  return parsed.rows.map((r) => (r.cells[index] ?? '').trim()).filter((s) => s !== '');
}

describe('importing real-world supplier files', () => {
  const files = readdirSync(FIXTURES).filter((f) => /\.(csv|tsv|txt)$/.test(f)).sort();

  it('has a fixture for every problem the issue names', () => {
    for (const name of ['utf8-bom.csv', 'semicolon-decimal-comma.csv', 'tab-separated.tsv', 'quoted-newlines.csv', 'ragged-rows.csv', 'windows-1252.csv']) {
      expect(files).toContain(name);
    }
  });

  it.each(files)('%s: every row is applied or reported with its line and reason; a refused file changes nothing', async (file) => {
    const t = openTestCore();
    const supplierId = await prepareSupplier(t);
    const bytes = new Uint8Array(readFileSync(join(FIXTURES, file)));
    const preview = await t.attempt('feeds.preview', { supplierId, fileName: file, contentBase64: base64(bytes) });
    const mapping = preview.ok ? (preview.value as FeedPreview).suggestedMapping : { supplierSku: 'SKU', stock: 'Stock' };
    seedOffers(t.dataDir, supplierId, skusIn(bytes, mapping));
    const before = offerStates(t.dataDir);

    const result = await t.attempt('feeds.import', {
      supplierId, fileName: file, contentBase64: base64(bytes),
      mapping: { supplierSku: mapping.supplierSku ?? 'SKU', stock: mapping.stock ?? 'Stock', ...(mapping.cost ? { cost: mapping.cost } : {}), ...(mapping.leadTimeDays ? { leadTimeDays: mapping.leadTimeDays } : {}), ...(mapping.currency ? { currency: mapping.currency } : {}) },
    });
    expect(result.ok, JSON.stringify(result)).toBe(true);
    const run = (result as { value: FeedRunView }).value;
    const after = offerStates(t.dataDir);

    if (REJECTED[file]) {
      expect(run.status, `${file}: ${run.reason}`).toBe('rejected');
      expect(run.reason).toMatch(REJECTED[file]!);
      expect(after).toEqual(before);
      return;
    }
    expect(run.status, `${file}: ${run.reason}`).toBe('applied');
    expect(run.rowsApplied + run.rowsRejected).toBe(run.rowsTotal);
    expect(run.rowsApplied).toBeGreaterThan(0);
    for (const error of run.rowErrors) {
      expect(error.line).toBeGreaterThan(1);
      expect(error.reason.length).toBeGreaterThan(10);
    }
    const changed = [...after.values()].filter((o) => o.updated_at !== 0);
    expect(changed).toHaveLength(run.rowsApplied);
  });

  it('reads semicolons, decimal commas and thousands as a German export means them', async () => {
    const t = openTestCore();
    const supplierId = await prepareSupplier(t);
    const bytes = readFileSync(join(FIXTURES, 'semicolon-decimal-comma.csv'));
    seedOffers(t.dataDir, supplierId, ['HF-WELP-4', 'KS-SENS-12', 'SP-BALL-M', 'KS-PAL-40']);
    const run = await t.call('feeds.import', {
      supplierId, fileName: 'semicolon-decimal-comma.csv', contentBase64: base64(bytes),
      mapping: { supplierSku: 'Artikelnummer', stock: 'Bestand', cost: 'EK-Preis', leadTimeDays: 'Lieferzeit (Tage)' },
    });
    expect(run.status).toBe('applied');
    const offers = offerStates(t.dataDir);
    expect(offers.get('HF-WELP-4')).toMatchObject({ stock: 120, cost: 1250, lead_time_days: 2 });
    expect(offers.get('KS-PAL-40')).toMatchObject({ stock: 2, cost: 129900 });
    expect(offers.get('KS-SENS-12')).toMatchObject({ stock: 0 });
    // Stock 7 → 0 is news for the shop owner; the mapping is kept for next time.
    expect(run.changes).toContainEqual(expect.objectContaining({ kind: 'out_of_stock', supplierSku: 'KS-SENS-12' }));
    expect((await t.call('suppliers.get', { id: supplierId })).feedMapping).toMatchObject({ supplierSku: 'Artikelnummer', cost: 'EK-Preis' });
  });
});

describe('a 100,000-row feed', () => {
  it('applies every good row in one go, reports the rest by line, and reports progress', async () => {
    const t = openTestCore();
    const supplierId = await prepareSupplier(t);
    const rows = largeFeedRows(100_000);
    // Every SKU but the last 100 is known to the desk: those are reported, not invented.
    seedOffers(t.dataDir, supplierId, rows.slice(0, -100).map((r) => r.sku));
    const progress: string[] = [];
    t.core.events.listen((event, payload) => {
      if (event === 'feeds.progress') progress.push((payload as { phase: string }).phase);
    });
    const run = await t.call('feeds.import', { supplierId, fileName: 'grosshandel.csv', contentBase64: base64(makeLargeFeed(100_000)), mapping: LARGE_FEED_MAPPING });
    expect(run.status).toBe('applied');
    expect(run.rowsTotal).toBe(100_000);
    expect(run.rowsApplied).toBe(99_900);
    expect(run.rowsRejected).toBe(100);
    expect(run.rowErrors.every((e) => /is not linked to any product/.test(e.reason))).toBe(true);
    expect(new Set(progress)).toEqual(new Set(['reading', 'checking', 'applying', 'done']));
    const offers = offerStates(t.dataDir);
    for (const row of [rows[0]!, rows[54_321]!, rows[99_899]!]) {
      expect(offers.get(row.sku)).toMatchObject({ stock: row.stock, cost: row.cost, lead_time_days: row.leadTimeDays });
    }
  });

  it('is applied whole or not at all when the write fails part-way', async () => {
    const t = openTestCore();
    const supplierId = await prepareSupplier(t);
    const rows = largeFeedRows(100_000);
    seedOffers(t.dataDir, supplierId, rows.map((r) => r.sku));
    const Database = (await import('better-sqlite3')).default;
    const raw = new Database(join(t.dataDir, 'desk.sqlite'));
    // Fails the 60,000th-or-so offer update inside the feed's transaction.
    raw.exec(`CREATE TRIGGER fail_late_update BEFORE UPDATE ON supplier_offers WHEN NEW.supplier_sku = '${rows[60_000]!.sku}' BEGIN SELECT RAISE(ABORT, 'disk trouble'); END`);
    raw.close();
    const before = offerStates(t.dataDir);
    const result = await t.attempt('feeds.import', { supplierId, fileName: 'grosshandel.csv', contentBase64: base64(makeLargeFeed(100_000)), mapping: LARGE_FEED_MAPPING });
    expect(result).toMatchObject({ ok: false, error: { code: 'internal' } });
    expect(offerStates(t.dataDir)).toEqual(before);
    expect(t.peek('SELECT count(*) AS n FROM feed_runs')).toEqual({ n: 0 });
  });

  it('is refused whole when a mapped column is missing, changing nothing', async () => {
    const t = openTestCore();
    const supplierId = await prepareSupplier(t);
    seedOffers(t.dataDir, supplierId, largeFeedRows(1_000).map((r) => r.sku));
    const before = offerStates(t.dataDir);
    const run = await t.call('feeds.import', {
      supplierId, fileName: 'grosshandel.csv', contentBase64: base64(makeLargeFeed(1_000)), mapping: { ...LARGE_FEED_MAPPING, cost: 'Einkaufspreis netto' },
    });
    expect(run).toMatchObject({ status: 'rejected', rowsApplied: 0, reason: expect.stringMatching(/Einkaufspreis netto/) });
    expect(offerStates(t.dataDir)).toEqual(before);
  });
});
