/**
 * CSV exports for the shop's accountant (issue 7): orders, order lines and supplier orders, each a lazy
 * sequence of string chunks (header first, then one chunk per page of rows read from the database).
 * A host saves one with writeCsvFile(exportOrdersCsv(sql, range), path); a re-import of the desk's own
 * export reads text columns through restoreCsvText (number columns are written bare and read as they are).
 */
export { csvCell, neutraliseCsvText, restoreCsvText, type CsvColumnType } from './csv-cells';
export { csvChunks, UTF8_BOM, type CsvColumn, type CsvOptions } from './csv-chunks';
export { DEFAULT_PAGE_SIZE, type ExportRange } from './export-range';
export {
  ORDER_EXPORT_COLUMNS, ORDER_LINE_EXPORT_COLUMNS, exportOrderLinesCsv, exportOrdersCsv, orderExportPages, orderLineExportPages,
  type OrderExportRow, type OrderLineExportRow,
} from './export-orders';
export {
  SUPPLIER_ORDER_EXPORT_COLUMNS, exportSupplierOrdersCsv, supplierOrderExportPages, type SupplierOrderExportRow,
} from './export-supplier-orders';
export { writeCsvFile } from './write-csv-file';
