/**
 * The supplier form: typed text in, `suppliers.save` input out, checked with the same `supplierFields`
 * schema the core runs. Credentials are not values of the form: they are write-only changes (type a new
 * one, or remove the stored one) sent beside it and forgotten once saved.
 */
import type { z } from 'zod';
import type { ProcedureInput } from '../../../src-shared/contract/procedures';
import type { SupplierChannel, SupplierDetail } from '../../../src-shared/domain/catalog';
import { supplierFields } from '../../../src-shared/schemas/catalog-procedures';
import { errorsFromIssues, readNumber, withoutPrefix, type FieldErrors } from '../../components/formErrors';

export interface SupplierFormValues {
  name: string;
  contactName: string;
  contactEmail: string;
  contactPhone: string;
  channel: SupplierChannel;
  orderEmail: string;
  /** The PO e-mail's plain-text body, subject and HTML body (mustache); '' uses the desk's default for that part. */
  poTemplate: string;
  poSubject: string;
  poHtml: string;
  apiBaseUrl: string;
  currency: string;
  leadTimeDays: string;
  shipsTo: string[];
  notes: string;
  status: 'active' | 'paused';
}

export type SecretName = 'apiKey';

/** keep: leave the stored one (or none) · replace: send `value` · remove: delete the stored one. */
export interface SecretChange {
  mode: 'keep' | 'replace' | 'remove';
  value: string;
}

export type SecretChanges = Record<SecretName, SecretChange>;

export const DEFAULT_SUPPLIER_CURRENCY = 'USD';

export function emptySupplier(): SupplierFormValues {
  return {
    name: '', contactName: '', contactEmail: '', contactPhone: '', channel: 'email', orderEmail: '', poTemplate: '', poSubject: '', poHtml: '',
    apiBaseUrl: '', currency: DEFAULT_SUPPLIER_CURRENCY, leadTimeDays: '3', shipsTo: [], notes: '', status: 'active',
  };
}

export function noSecretChanges(): SecretChanges {
  return { apiKey: { mode: 'keep', value: '' } };
}

export function valuesFromSupplier(s: SupplierDetail): SupplierFormValues {
  return {
    name: s.name, contactName: s.contactName, contactEmail: s.contactEmail, contactPhone: s.contactPhone, channel: s.channel,
    orderEmail: s.orderEmail, poTemplate: s.poTemplate, poSubject: s.poSubject, poHtml: s.poHtml, apiBaseUrl: s.apiBaseUrl, currency: s.currency,
    leadTimeDays: String(s.leadTimeDays), shipsTo: [...s.shipsTo], notes: s.notes, status: s.status,
  };
}

export function contentKey(values: SupplierFormValues): string {
  return JSON.stringify(values);
}

export function secretsDirty(secrets: SecretChanges): boolean {
  return Object.values(secrets).some((s) => s.mode === 'remove' || (s.mode === 'replace' && s.value !== ''));
}

/** The fields the form shows for a channel; the other channel's fields are kept but not shown. */
export function visibleFields(channel: SupplierChannel): ReadonlySet<string> {
  const common = ['name', 'contactName', 'contactEmail', 'contactPhone', 'channel', 'currency', 'leadTimeDays', 'shipsTo', 'notes', 'status'];
  return new Set([...common, ...(channel === 'email' ? ['orderEmail', 'poSubject', 'poTemplate', 'poHtml'] : ['apiBaseUrl', 'apiKey'])]);
}

/** A schema or core path (`supplier.shipsTo.2`, `apiKey`) → the form field it belongs to, or null for above the form. */
export function supplierFormPath(path: string, channel: SupplierChannel): string | null {
  const field = withoutPrefix(path, 'supplier').split('.')[0] ?? '';
  return visibleFields(channel).has(field) ? field : null;
}

export type SaveSupplierInput = ProcedureInput<'suppliers.save'>;

export interface CheckedSupplier {
  ok: boolean;
  errors: FieldErrors;
  input: SaveSupplierInput;
}

export function buildSupplierInput(values: SupplierFormValues, secrets: SecretChanges, id: number | null): SaveSupplierInput {
  const supplier: SaveSupplierInput['supplier'] = {
    ...values,
    shipsTo: [...values.shipsTo],
    leadTimeDays: readNumber(values.leadTimeDays) as number,
  };
  const input: SaveSupplierInput = {
    supplier,
    clearApiKey: secrets.apiKey.mode === 'remove',
  };
  if (id !== null) input.id = id;
  if (secrets.apiKey.mode === 'replace' && secrets.apiKey.value !== '') input.apiKey = secrets.apiKey.value;
  return input;
}

/** Runs `supplierFields` (the core's schema) on the typed values; one message per field. */
export function checkSupplier(values: SupplierFormValues, secrets: SecretChanges, id: number | null): CheckedSupplier {
  const input = buildSupplierInput(values, secrets, id);
  const errors: FieldErrors = {};
  if (values.leadTimeDays.trim() === '') errors.leadTimeDays = 'Enter the lead time in days (0 if the supplier ships the same day)';
  if (secrets.apiKey.value.length > 1000) errors.apiKey = 'API key is too long';
  const result = supplierFields.safeParse(input.supplier);
  const all = result.success ? errors : errorsFromIssues((result.error as z.ZodError).issues, (p) => supplierFormPath(p, values.channel), errors);
  return { ok: Object.keys(all).length === 0, errors: all, input };
}
