/**
 * The Settings form: typed text in, `settings.update` input out, checked with the core's `updateSettingsInput`
 * (same messages). The Stripe secret key is not a value of the form: it is a write-only change (type a new one,
 * or remove the stored one) sent beside it and forgotten once saved.
 */
import type { ProcedureInput } from '../../../src-shared/contract/procedures';
import type { DeskSettings } from '../../../src-shared/domain/settings';
import { updateSettingsInput } from '../../../src-shared/schemas/catalog-procedures';
import { errorsFromIssues, type FieldErrors } from '../../components/formErrors';
import type { SecretChange } from '../suppliers/supplierFormModel';

export interface SettingsFormValues {
  marginThresholdPercent: string;
  duplicateWindowMinutes: string;
  highValueFactor: string;
  highValueFailFactor: string;
  velocityWindowMinutes: string;
  velocityMaxOrders: string;
  captureRequiresSupplierAck: boolean;
  authorizationWarningHours: string;
  stripeApiUrl: string;
}

const NUMBER_FIELDS = [
  'marginThresholdPercent', 'duplicateWindowMinutes', 'highValueFactor', 'highValueFailFactor', 'velocityWindowMinutes',
  'velocityMaxOrders', 'authorizationWarningHours',
] as const;

/** Every path the form shows a message beside. */
export const SETTINGS_FIELDS: ReadonlySet<string> = new Set([...NUMBER_FIELDS, 'captureRequiresSupplierAck', 'stripeApiUrl', 'stripeSecretKey']);

export function valuesFromSettings(s: DeskSettings): SettingsFormValues {
  return {
    marginThresholdPercent: String(s.marginThresholdPercent),
    duplicateWindowMinutes: String(s.duplicateWindowMinutes),
    highValueFactor: String(s.highValueFactor),
    highValueFailFactor: String(s.highValueFailFactor),
    velocityWindowMinutes: String(s.velocityWindowMinutes),
    velocityMaxOrders: String(s.velocityMaxOrders),
    captureRequiresSupplierAck: s.captureRequiresSupplierAck,
    authorizationWarningHours: String(s.authorizationWarningHours),
    stripeApiUrl: s.stripeApiUrl,
  };
}

export function contentKey(values: SettingsFormValues): string {
  return JSON.stringify(values);
}

export function secretDirty(change: SecretChange): boolean {
  // Spaces only are no key: saving would send nothing, so it is no change either.
  return change.mode === 'remove' || (change.mode === 'replace' && change.value.trim() !== '');
}

/**
 * A settings number as people type it: digits, with one decimal mark ("2.5" or "2,5") for the factors.
 * "1,000" or "1.000" could be a thousand or one, "0x10" and "1e2" are not what anyone means: NaN, so the
 * schema says "must be a number" beside the field instead of saving 1 or 16.
 */
function readSettingNumber(text: string): number | undefined {
  const trimmed = text.trim().replace(/\s+/gu, '');
  if (trimmed === '') return undefined;
  if (/^-?\d{1,3}[.,]\d{3}$/u.test(trimmed) || !/^-?\d+(?:[.,]\d+)?$/u.test(trimmed)) return Number.NaN;
  return Number(trimmed.replace(',', '.'));
}

export type SettingsInput = ProcedureInput<'settings.update'>;

/** A blank number box gets its own sentence; anything else the schema's. */
const BLANK: Record<(typeof NUMBER_FIELDS)[number], string> = {
  marginThresholdPercent: 'Enter a percentage from 0 to 100',
  duplicateWindowMinutes: 'Enter the duplicate window in minutes',
  highValueFactor: 'Enter how many times the usual order value gets a warning',
  highValueFailFactor: 'Enter how many times the usual order value puts the order on hold',
  velocityWindowMinutes: 'Enter the order burst window in minutes',
  velocityMaxOrders: 'Enter how many orders from one e-mail the burst window allows',
  authorizationWarningHours: 'Enter how many hours before a card authorization lapses the desk warns',
};

export function checkSettings(values: SettingsFormValues, secret: SecretChange): { ok: true; input: SettingsInput } | { ok: false; errors: FieldErrors } {
  const errors: FieldErrors = {};
  const numbers: Partial<Record<(typeof NUMBER_FIELDS)[number], number>> = {};
  for (const field of NUMBER_FIELDS) {
    const n = readSettingNumber(values[field]);
    if (n === undefined) errors[field] = BLANK[field];
    else numbers[field] = n;
  }
  const input: SettingsInput = {
    ...numbers,
    captureRequiresSupplierAck: values.captureRequiresSupplierAck,
    stripeApiUrl: values.stripeApiUrl.trim().replace(/\/+$/, ''),
    ...(secret.mode === 'remove' ? { stripeSecretKey: '' } : secret.mode === 'replace' && secret.value.trim() !== '' ? { stripeSecretKey: secret.value.trim() } : {}),
  };
  const parsed = updateSettingsInput.safeParse(input);
  const all = parsed.success ? errors : errorsFromIssues(parsed.error.issues, (path) => (SETTINGS_FIELDS.has(path) ? path : null), errors);
  return Object.keys(all).length > 0 ? { ok: false, errors: all } : { ok: true, input };
}
