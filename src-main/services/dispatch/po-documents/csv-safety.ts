import { csvCell, type CsvColumnType } from '../../export/csv-cells';

/**
 * The PO's CSV cells follow the same formula-injection rule as every export (services/export/csv-cells.ts:
 * one rule, one place). A JS number is a number whatever the column says; null and undefined are empty.
 */
export type CsvCellKind = CsvColumnType;

export function neutraliseCsvCell(value: string | number | null | undefined, kind: CsvCellKind = 'text'): string {
  if (value === null || value === undefined) return '';
  return csvCell(value, typeof value === 'number' && Number.isFinite(value) ? 'number' : kind);
}
