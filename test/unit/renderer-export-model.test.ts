import { describe, expect, it } from 'vitest';
import {
  checkExport, emptyExport, exportFormPath, isExportKind, resultSentence, rowsText, shortPath, sizeText,
} from '../../src-renderer/features/export/exportModel';

describe('checkExport', () => {
  it('a new form exports every order: no dates are sent, not even empty ones', () => {
    const checked = checkExport(emptyExport());
    expect(checked).toEqual({ ok: true, errors: {}, input: { kind: 'orders' } });
    expect('from' in checked.input).toBe(false);
    expect('to' in checked.input).toBe(false);
  });

  it('blank or space-only dates mean no limit on that side', () => {
    expect(checkExport({ kind: 'supplier_orders', from: '  ', to: '2026-11-30' }).input).toEqual({ kind: 'supplier_orders', to: '2026-11-30' });
    expect(checkExport({ kind: 'order_lines', from: '2026-11-01', to: '' }).input).toEqual({ kind: 'order_lines', from: '2026-11-01' });
  });

  it('a range of one day (From equal to To) is accepted, both days inclusive', () => {
    const checked = checkExport({ kind: 'orders', from: '2026-11-30', to: '2026-11-30' });
    expect(checked.ok).toBe(true);
    expect(checked.input).toEqual({ kind: 'orders', from: '2026-11-30', to: '2026-11-30' });
  });

  it('From after To is an error on the To field, in the shared schema’s words', () => {
    const checked = checkExport({ kind: 'orders', from: '2026-12-01', to: '2026-11-30' });
    expect(checked.ok).toBe(false);
    expect(checked.errors).toEqual({ to: 'From must not be after To' });
  });

  it('a date that does not exist names its field', () => {
    const checked = checkExport({ kind: 'orders', from: '2026-02-30', to: '' });
    expect(checked.ok).toBe(false);
    expect(checked.errors).toEqual({ from: 'From is not a real date' });
  });

  it('text that is not a date (a browser without a date picker) says the expected shape', () => {
    const checked = checkExport({ kind: 'orders', from: '', to: '30/11/2026' });
    expect(checked.errors).toEqual({ to: 'To must be a date like 2026-11-30' });
  });

  it('a month that does not exist is an error on its field (and does not throw)', () => {
    expect(checkExport({ kind: 'orders', from: '2026-13-01', to: '2026-11-30' }).errors).toEqual({ from: 'From is not a real date' });
  });

  it('both dates wrong: each field gets its own message', () => {
    expect(checkExport({ kind: 'orders', from: 'yesterday', to: '2026-02-29' }).errors)
      .toEqual({ from: 'From must be a date like 2026-11-30', to: 'To is not a real date' });
  });

  it('a kind the contract does not know is an error on kind', () => {
    const checked = checkExport({ kind: 'customers' as never, from: '', to: '' });
    expect(checked.ok).toBe(false);
    expect(checked.errors.kind).toBe('Choose orders, order lines or supplier orders');
  });
});

describe('exportFormPath and isExportKind', () => {
  it('the core’s field paths land on the dialog’s fields; anything else goes above the form', () => {
    expect(exportFormPath('from')).toBe('from');
    expect(exportFormPath('to')).toBe('to');
    expect(exportFormPath('kind')).toBe('kind');
    expect(exportFormPath('path')).toBeNull();
    expect(exportFormPath('')).toBeNull();
  });

  it('only the contract’s three kinds are kinds', () => {
    expect(['orders', 'order_lines', 'supplier_orders'].every(isExportKind)).toBe(true);
    expect(isExportKind('customers')).toBe(false);
  });
});

describe('resultSentence', () => {
  it('says how many rows, how large and where, with thousands separated and the path shortened', () => {
    expect(resultSentence({ kind: 'orders', rows: 12_345, bytes: 2_100_000, path: '/home/ana/.config/PetDrop Desk/exports/orders-2026-11-30T17-40-00.csv' }))
      .toBe('Saved 12,345 orders (2.1 MB) to …/exports/orders-2026-11-30T17-40-00.csv');
  });

  it('keeps Windows separators in the shortened path', () => {
    expect(resultSentence({ kind: 'supplier_orders', rows: 3, bytes: 812, path: 'C:\\Users\\Ana\\AppData\\Roaming\\PetDrop Desk\\exports\\supplier-orders.csv' }))
      .toBe('Saved 3 supplier orders (812 B) to …\\exports\\supplier-orders.csv');
  });

  it('one row reads in the singular', () => {
    expect(resultSentence({ kind: 'order_lines', rows: 1, bytes: 1_500, path: '/d/exports/order-lines.csv' }))
      .toBe('Saved 1 order line (1.5 KB) to …/exports/order-lines.csv');
  });

  it('an export with no rows says the file has only the headings, not "Saved 0 orders"', () => {
    const sentence = resultSentence({ kind: 'orders', rows: 0, bytes: 240, path: '/d/exports/orders.csv' });
    expect(sentence).toBe('No orders in those days: saved the column headings only (240 B) to …/exports/orders.csv');
  });
});

describe('sizeText, rowsText and shortPath', () => {
  it.each([
    [0, '0 B'], [999, '999 B'], [1_000, '1.0 KB'], [999_949, '999.9 KB'], [1_000_000, '1.0 MB'], [2_149_999, '2.1 MB'], [3_200_000_000, '3.2 GB'],
  ])('%i bytes reads as %s', (bytes, text) => {
    expect(sizeText(bytes)).toBe(text);
  });

  it('counts rows in the kind’s own noun', () => {
    expect(rowsText('orders', 1)).toBe('1 order');
    expect(rowsText('order_lines', 100_000)).toBe('100,000 order lines');
    expect(rowsText('supplier_orders', 2)).toBe('2 supplier orders');
  });

  it('a path with only a folder and a file is shown whole', () => {
    expect(shortPath('exports/orders.csv')).toBe('exports/orders.csv');
    expect(shortPath('/exports/orders.csv')).toBe('/exports/orders.csv');
  });
});
