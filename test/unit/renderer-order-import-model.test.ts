/**
 * The order import dialog's pure model: the mapping it starts from and sends, what blocks Import, the sample beside
 * each field, and the sentences of a run's report.
 */
import { describe, expect, it } from 'vitest';
import type { ImportRunView } from '../../src-shared/domain/storefront-import';
import {
  columnOptions, emptyMapping, mappingFromPreview, mappingInput, missingSentence, moreProblems, progressBar, runHeadline, runSummary, sampleValue,
} from '../../src-renderer/features/order-import/orderImportModel';

const preview = {
  headers: ['Ref', 'Item', 'Qty', 'Each', 'Ref'],
  sampleRows: [['R-1', '', '2', '4.50', 'x'], ['R-1', 'Bone', '1', '3.00', 'y']],
  suggestedMapping: { orderNumber: 'Ref', lineTitle: 'Product', linePrice: 'Each' },
};

function run(overrides: Partial<ImportRunView>): ImportRunView {
  return {
    id: 1, format: 'shopify', fileName: 'orders.csv', status: 'done', actor: 'Owner', startedAt: '2026-11-30T10:00:00.000Z',
    finishedAt: '2026-11-30T10:00:01.000Z', ordersRead: 0, imported: 0, updated: 0, unchanged: 0, heldBack: 0, rejected: 0,
    problems: [], problemsTotal: 0, message: '', ...overrides,
  };
}

describe('the column mapping', () => {
  it('keeps only suggestions that name a column the file has', () => {
    const mapping = mappingFromPreview(preview);
    expect(mapping.orderNumber).toBe('Ref');
    expect(mapping.linePrice).toBe('Each');
    expect(mapping.lineTitle).toBe('');
  });

  it('sends only the fields that were given a column', () => {
    expect(mappingInput({ ...emptyMapping(), orderNumber: 'Ref', lineQuantity: 'Qty' })).toEqual({ orderNumber: 'Ref', lineQuantity: 'Qty' });
  });

  it.each([
    [{}, 'Choose a column for Order number, Item name, Item quantity and Item unit price before importing.'],
    [{ orderNumber: 'Ref', lineTitle: 'Item', lineQuantity: 'Qty' }, 'Choose a column for Item unit price before importing.'],
    [{ orderNumber: 'Ref', lineTitle: 'Item', lineQuantity: 'Qty', linePrice: 'Each' }, null],
  ])('names the required fields still without a column (%j)', (chosen, sentence) => {
    expect(missingSentence({ ...emptyMapping(), ...chosen })).toBe(sentence);
  });

  it('shows the first non-empty value of the chosen column, and offers a repeated header once', () => {
    expect(sampleValue(preview, 'Item')).toBe('Bone');
    expect(sampleValue(preview, 'Ref')).toBe('R-1');
    expect(sampleValue(preview, 'Missing')).toBe('');
    expect(columnOptions(preview.headers).map((o) => o.value)).toEqual(['Ref', 'Item', 'Qty', 'Each']);
  });
});

describe('progress and the report', () => {
  it('shows bytes while reading, orders while checking, and an open bar before the first event', () => {
    expect(progressBar(null)).toEqual({ label: 'Sending the file to the desk', value: 0, max: 0 });
    expect(progressBar({ phase: 'reading', done: 10, total: 100, ordersRead: 3 })).toMatchObject({ value: 10, max: 100 });
    expect(progressBar({ phase: 'checking', done: 2, total: 5, ordersRead: 5 }).label).toMatch(/Checking/);
  });

  it.each([
    [run({ imported: 2 }), 'Imported 2 new orders from “orders.csv”.'],
    [run({ imported: 1, updated: 3, rejected: 2 }), 'Imported 1 new order and updated 3 orders from “orders.csv”. 2 not imported: the reasons are listed below.'],
    [run({ unchanged: 2 }), 'Nothing new in “orders.csv”: every order in it is already on the desk.'],
    [run({ rejected: 4 }), 'Nothing was added from “orders.csv”. 4 not imported: the reasons are listed below.'],
    [run({ status: 'cancelled' }), 'Import of “orders.csv” cancelled. Nothing was imported: the desk is as it was before.'],
    [run({ status: 'failed', message: 'The disk is full.' }), '“orders.csv” could not be imported, and nothing was imported: The disk is full.'],
  ])('headline %#', (view, sentence) => {
    expect(runHeadline(view)).toBe(sentence);
  });

  it('summarises a run by its non-zero counts and counts the problems left out of the list', () => {
    expect(runSummary(run({ imported: 1200, unchanged: 3, heldBack: 1 }))).toBe('1,200 imported · 3 unchanged · 1 held back');
    expect(runSummary(run({ status: 'cancelled', imported: 5 }))).toBe('Cancelled: nothing imported');
    expect(moreProblems(run({ problems: [{ line: 2, reason: 'x' }], problemsTotal: 250 }))).toBe(249);
  });
});
