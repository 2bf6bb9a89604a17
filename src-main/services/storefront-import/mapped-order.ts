/**
 * Any one-row-per-line orders CSV read through a column mapping the person confirmed (the import's mapping screen):
 * field → the header of its column. Rows of one order share the mapped order number; an order's own columns (date,
 * customer, address, amounts…) may be on every row or only on one, so each is taken from the first of the order's
 * rows that has it. Such an order has no storefront id: its number is its external id (source 'csv').
 */
import {
  ORDER_MAPPING_LABELS, REQUIRED_MAPPING_FIELDS, type OrderColumnMapping, type OrderMappingField,
} from '../../../src-shared/domain/storefront-import';
import type { ImportedAddress, ImportedOrderLine, StorefrontPaymentState } from '../../../src-shared/domain/storefront-orders';
import { minorUnitDigits } from '../../../src-shared/domain/money';
import { DeskError } from '../errors';
import type { OrderRowGroup } from './group-order-rows';
import type { OrderFileColumns } from './order-file-columns';
import { OrderProblems } from './order-problems';
import {
  Invalid, readCountry, readCurrency, readDateTime, readMoney, readQuantity, readTags, withoutExcelApostrophe,
} from './order-values';
import type { BuiltOrder, OrderFileLayout } from './read-order-file';

/**
 * Free-text payment states (lower case, spaces and dashes as _) → the storefront payment state. Words shops write
 * in the languages the desk meets; anything else is 'unknown' (the import records no payment for it).
 */
const PAYMENT_WORDS: Readonly<Record<string, StorefrontPaymentState>> = {
  paid: 'paid', completed: 'paid', complete: 'paid', captured: 'paid', bezahlt: 'paid', payé: 'paid', paye: 'paid', pagado: 'paid', betaald: 'paid',
  pending: 'pending', unpaid: 'pending', awaiting_payment: 'pending', on_hold: 'pending', offen: 'pending', ausstehend: 'pending',
  unbezahlt: 'pending', en_attente: 'pending', pendiente: 'pending', open: 'pending',
  authorized: 'authorized', authorised: 'authorized', autorisiert: 'authorized',
  partially_paid: 'partially_paid', teilweise_bezahlt: 'partially_paid', teilbezahlt: 'partially_paid',
  partially_refunded: 'partially_refunded', teilweise_erstattet: 'partially_refunded',
  refunded: 'refunded', erstattet: 'refunded', rückerstattet: 'refunded', remboursé: 'refunded', rembourse: 'refunded', terugbetaald: 'refunded',
  voided: 'voided', void: 'voided', storniert: 'voided', annulé: 'voided', annule: 'voided',
};

export function readPaymentWord(text: string): StorefrontPaymentState {
  const key = text.trim().toLowerCase().replace(/[\s-]+/gu, '_');
  return Object.hasOwn(PAYMENT_WORDS, key) ? (PAYMENT_WORDS[key] as StorefrontPaymentState) : 'unknown';
}

/**
 * readMoney, also taking the decimal comma a German or French spreadsheet writes ("12,50", "1.234,50"). Only an
 * unambiguous comma is read as decimal: "1,234" in EUR (three digits after it) stays refused rather than guessed.
 */
export function readLooseMoney(text: string, currency: string): number | Invalid {
  const digits = minorUnitDigits(currency);
  const comma = /^(-?)(\d{1,3}(?:\.\d{3})+|\d+),(\d+)$/u.exec(text.trim());
  if (comma && (comma[3] ?? '').length <= Math.max(digits, 2) && !(digits === 0 && /[^0]/u.test(comma[3] ?? ''))) {
    return readMoney(`${comma[1]}${(comma[2] ?? '').replaceAll('.', '')}.${comma[3]}`, currency);
  }
  return readMoney(text, currency);
}

/**
 * readDateTime, also taking the day-first dotted date German, Dutch and Scandinavian shops write ("15.03.2026",
 * "15.03.2026 10:22"). Slashed dates are left refused: 03/04/2026 is April in Europe and March in the US.
 */
export function readLooseDateTime(text: string): string | Invalid {
  const dotted = /^(\d{1,2})\.(\d{1,2})\.(\d{4})(?:,?\s+(\d{1,2}):(\d{2})(?::(\d{2}))?)?$/u.exec(text.trim());
  if (!dotted) return readDateTime(text);
  const [, day = '', month = '', year = '', hour, minute = '00', second = '00'] = dotted;
  const date = `${year}-${month.padStart(2, '0')}-${day.padStart(2, '0')}`;
  const read = readDateTime(hour === undefined ? date : `${date} ${hour.padStart(2, '0')}:${minute}:${second}`);
  return read instanceof Invalid ? new Invalid('is not a date such as 15.03.2026 or 2026-03-15 10:22:33') : read;
}

const readLooseMoneyOrZero = (text: string, currency: string) => (text === '' ? 0 : readLooseMoney(text, currency));

/** The mapping with '' and blanks left out, and every required field present; else a DeskError naming the field. */
function checkedMapping(mapping: OrderColumnMapping): Partial<Record<OrderMappingField, string>> {
  const named: Partial<Record<OrderMappingField, string>> = {};
  for (const [field, header] of Object.entries(mapping) as [OrderMappingField, string | undefined][]) {
    if (header !== undefined && header.trim() !== '') named[field] = header;
  }
  const missing = REQUIRED_MAPPING_FIELDS.filter((field) => named[field] === undefined);
  if (missing.length > 0) {
    const names = missing.map((field) => `“${ORDER_MAPPING_LABELS[field]}”`).join(', ');
    throw new DeskError('invalid_input', `Choose the column that holds ${names}: no order can be read without ${missing.length === 1 ? 'it' : 'them'}.`, 'mapping');
  }
  return named;
}

/**
 * The layout of a file read through `mapping`. Throws a DeskError (invalid_input, field mapping) at once when a
 * required field is not mapped or the default currency is not a currency; a mapped header the file does not have
 * is refused (same error) when the header is read.
 */
export function mappedOrderLayout(mapping: OrderColumnMapping, defaultCurrency: string): OrderFileLayout {
  const named = checkedMapping(mapping);
  const fallbackCurrency = readCurrency(defaultCurrency.trim());
  if (fallbackCurrency instanceof Invalid) {
    throw new DeskError('invalid_input', `The shop's currency “${defaultCurrency}” is not a currency code (ISO 4217, such as EUR); set it in Settings.`, 'defaultCurrency');
  }
  const orderNumberColumn = named.orderNumber as string;
  return {
    label: 'an orders file with the chosen columns',
    howToExport: 'Check the column mapping.',
    keyColumn: orderNumberColumn,
    requiredColumns: [],
    checkHeader: (columns) => {
      const absent = (Object.entries(named) as [OrderMappingField, string][]).filter(([, header]) => !columns.has(header));
      if (absent.length === 0) return undefined;
      const list = absent.map(([field, header]) => `“${header}” (for ${ORDER_MAPPING_LABELS[field]})`).join(', ');
      // Thrown, not returned: the fault is in the mapping the person chose, not in the file, and the field says so.
      throw new DeskError('invalid_input', `The file has no column ${list}; choose the columns again from its header.`, 'mapping');
    },
    buildOrder: (group, columns) => buildMappedOrder(group, columns, named, fallbackCurrency),
  };
}

export function buildMappedOrder(
  group: OrderRowGroup, columns: OrderFileColumns, mapping: Partial<Record<OrderMappingField, string>>, defaultCurrency: string,
): BuiltOrder {
  const number = group.key;
  const first = group.rows[0];
  if (first === undefined) return { ok: false, problems: [] };
  const problems = new OrderProblems(number, columns);
  const readers = group.rows.map((row) => ({ line: row.line, cell: columns.reader(row.cells), cells: row.cells }));

  /** The column of `field` on the first row that has it: its text and line ('' and the first row when none has). */
  const orderCell = (field: OrderMappingField): { column: string; text: string; line: number } => {
    const column = mapping[field] ?? '';
    if (column === '') return { column, text: '', line: first.line };
    const found = readers.find((row) => row.cell(column) !== '');
    return { column, text: found?.cell(column) ?? '', line: found?.line ?? first.line };
  };
  const text = (field: OrderMappingField) => orderCell(field).text;

  const currencyCell = orderCell('currency');
  const currency = currencyCell.text === ''
    ? defaultCurrency
    : problems.take(currencyCell.line, currencyCell.column, currencyCell.text, readCurrency);
  if (currency !== undefined && currencyCell.column !== '') {
    for (const row of readers) {
      const other = row.cell(currencyCell.column);
      if (other !== '' && other.toUpperCase() !== currency) {
        problems.refuse(row.line, currencyCell.column, other, `differs from ${currency} on line ${currencyCell.line}; one order cannot mix currencies`);
      }
    }
  }

  const lines: ImportedOrderLine[] = [];
  let subtotal = 0;
  for (const row of readers) {
    const title = row.cell(mapping.lineTitle as string);
    if (title === '') problems.refuse(row.line, mapping.lineTitle as string, '', '');
    const quantity = problems.take(row.line, mapping.lineQuantity as string, row.cell(mapping.lineQuantity as string), readQuantity);
    const unitPrice = currency === undefined
      ? undefined
      : problems.take(row.line, mapping.linePrice as string, row.cell(mapping.linePrice as string), (value) => readLooseMoney(value, currency));
    if (quantity === undefined || unitPrice === undefined) continue;
    subtotal += quantity * unitPrice;
    lines.push({ title, sku: mapping.lineSku === undefined ? '' : row.cell(mapping.lineSku), quantity, unitPrice });
  }

  const amount = (field: OrderMappingField) => {
    const { column, text: value, line } = orderCell(field);
    return currency === undefined ? undefined : problems.take(line, column, value, (v) => readLooseMoneyOrZero(v, currency));
  };
  const shippingCharge = amount('shipping');
  const taxes = amount('taxes');
  const discount = amount('discount');
  const totalCell = orderCell('total');
  let total: number | undefined;
  if (currency !== undefined && shippingCharge !== undefined && taxes !== undefined && discount !== undefined) {
    if (totalCell.text !== '') {
      total = problems.take(totalCell.line, totalCell.column, totalCell.text, (value) => readLooseMoney(value, currency));
    } else {
      // No total in the file: the lines, shipping and taxes less the discount, as the desk counts an order's total.
      total = subtotal + shippingCharge + taxes - discount;
      if (total < 0) {
        problems.refuse(first.line, mapping.discount ?? '', text('discount'), 'is more than the lines, shipping and taxes together, so the order would cost less than nothing');
        total = undefined;
      }
    }
  }

  const date = (field: OrderMappingField) => {
    const { column, text: value, line } = orderCell(field);
    return value === '' ? null : (problems.take(line, column, value, readLooseDateTime) ?? null);
  };
  const createdAt = date('createdAt');
  const cancelledAt = date('cancelledAt');

  const shipping = readShippingAddress(orderCell, (column, value, line, problem) => problems.refuse(line, column, value, problem));
  const billing = orderCell('billingCountry');
  const billingCountry = billing.column === '' ? '' : problems.billingCountry(billing.line, billing.column, billing.text);
  const notesColumn = mapping.notes;
  const notesRow = notesColumn === undefined ? undefined : readers.find((row) => row.cell(notesColumn) !== '');
  const notes = notesColumn === undefined || notesRow === undefined
    ? ''
    : problems.notes(notesRow.line, notesColumn, columns.multiline(notesRow.cells, notesColumn), 'the shop that wrote the file');

  if (problems.refusals.length > 0 || currency === undefined || shippingCharge === undefined || taxes === undefined
    || discount === undefined || total === undefined || shipping === undefined) {
    return { ok: false, problems: problems.refusals };
  }
  const customerName = text('customerName') || text('shipName');
  const phone = withoutExcelApostrophe(text('phone'));
  return {
    ok: true,
    notices: problems.notices,
    order: {
      source: 'csv',
      externalId: number,
      number,
      createdAt,
      currency,
      customer: { name: customerName, email: text('email'), phone },
      shipping: shipping === null ? null : { ...shipping, name: shipping.name || customerName, phone },
      billingCountry,
      lines,
      subtotal,
      shippingCharge,
      taxes,
      discount,
      total,
      paymentState: readPaymentWord(text('paymentState')),
      paidAt: null,
      paymentReference: text('paymentReference'),
      cancelledAt,
      notes,
      tags: readTags(text('tags')),
      riskLevel: '',
    },
  };
}

const ADDRESS_FIELDS = ['shipName', 'shipLine1', 'shipLine2', 'shipCity', 'shipRegion', 'shipPostcode', 'shipCountry'] as const;

/** null when no address column is mapped or all are empty on every row; undefined after refusing a bad country. */
function readShippingAddress(
  orderCell: (field: OrderMappingField) => { column: string; text: string; line: number },
  refuse: (column: string, value: string, line: number, problem: string) => void,
): Omit<ImportedAddress, 'phone'> | null | undefined {
  const cells = Object.fromEntries(ADDRESS_FIELDS.map((field) => [field, orderCell(field)])) as Record<(typeof ADDRESS_FIELDS)[number], ReturnType<typeof orderCell>>;
  if (ADDRESS_FIELDS.every((field) => cells[field].text === '')) return null;
  const country = readCountry(cells.shipCountry.text);
  if (country instanceof Invalid) {
    refuse(cells.shipCountry.column, cells.shipCountry.text, cells.shipCountry.line, country.problem);
    return undefined;
  }
  return {
    name: cells.shipName.text,
    line1: cells.shipLine1.text,
    line2: cells.shipLine2.text,
    city: cells.shipCity.text,
    region: cells.shipRegion.text,
    postcode: withoutExcelApostrophe(cells.shipPostcode.text),
    country,
  };
}
