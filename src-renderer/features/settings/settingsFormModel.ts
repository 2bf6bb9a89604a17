/**
 * The Settings form: typed text in, `settings.update` input out, checked with the core's `updateSettingsInput`
 * (same messages). The Stripe secret key and the SMTP password are not values of the form: each is a write-only
 * change (type a new one, or remove the stored one) sent beside it and forgotten once saved.
 */
import type { ProcedureInput } from '../../../src-shared/contract/procedures';
import { SMTP_SECURITY_CHOICES, type DeskSettings, type SmtpSecurityChoice } from '../../../src-shared/domain/settings';
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
  shopName: string;
  shopEmail: string;
  shopReplyTo: string;
  shopAddress: string;
  smtpHost: string;
  smtpPort: string;
  smtpSecurity: SmtpSecurityChoice;
  smtpUser: string;
  supplierPollMinutes: string;
}

const NUMBER_FIELDS = [
  'marginThresholdPercent', 'duplicateWindowMinutes', 'highValueFactor', 'highValueFailFactor', 'velocityWindowMinutes',
  'velocityMaxOrders', 'authorizationWarningHours', 'smtpPort', 'supplierPollMinutes',
] as const;

/** Plain text boxes, sent trimmed (the core trims them too; this keeps "unsaved changes" honest). */
const TEXT_FIELDS = ['shopName', 'shopEmail', 'shopReplyTo', 'shopAddress', 'smtpHost', 'smtpUser'] as const;

/** The write-only secrets of the shop. */
export type SettingsSecretName = 'stripeSecretKey' | 'smtpPassword';
export type SettingsSecrets = Record<SettingsSecretName, SecretChange>;

export function noSettingsSecrets(): SettingsSecrets {
  return { stripeSecretKey: { mode: 'keep', value: '' }, smtpPassword: { mode: 'keep', value: '' } };
}

/** Every path the form shows a message beside. */
export const SETTINGS_FIELDS: ReadonlySet<string> = new Set([
  ...NUMBER_FIELDS, ...TEXT_FIELDS, 'captureRequiresSupplierAck', 'stripeApiUrl', 'smtpSecurity', 'stripeSecretKey', 'smtpPassword',
]);

/** The security choices in plain words, with the port each one usually goes with. */
export const SMTP_SECURITY_OPTIONS: readonly { value: SmtpSecurityChoice; label: string }[] = SMTP_SECURITY_CHOICES.map((value) => ({
  value,
  label: {
    tls: 'TLS (port 465)',
    'starttls-required': 'STARTTLS, required (port 587)',
    'starttls-opportunistic': 'STARTTLS if offered — only for a server on this computer',
  }[value],
}));

const USUAL_PORT: Record<SmtpSecurityChoice, string> = { tls: '465', 'starttls-required': '587', 'starttls-opportunistic': '25' };

/**
 * The port box after the security choice changes: a blank port, or the usual port of the old choice, follows to
 * the usual port of the new one; a port the shop typed itself stays.
 */
export function portAfterSecurityChange(port: string, from: SmtpSecurityChoice, to: SmtpSecurityChoice): string {
  const typed = port.trim();
  return typed === '' || typed === USUAL_PORT[from] ? USUAL_PORT[to] : port;
}

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
    shopName: s.shopName,
    shopEmail: s.shopEmail,
    shopReplyTo: s.shopReplyTo,
    shopAddress: s.shopAddress,
    smtpHost: s.smtpHost,
    smtpPort: String(s.smtpPort),
    smtpSecurity: s.smtpSecurity,
    smtpUser: s.smtpUser,
    supplierPollMinutes: String(s.supplierPollMinutes),
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
 * What a secret change sends: '' removes, a value replaces, undefined keeps. A pasted Stripe key loses its
 * spaces (a key has none); a password is sent exactly as typed, spaces and all.
 */
export function secretToSend(name: SettingsSecretName, change: SecretChange): string | undefined {
  if (change.mode === 'remove') return '';
  if (change.mode !== 'replace' || change.value.trim() === '') return undefined;
  return name === 'stripeSecretKey' ? change.value.trim() : change.value;
}

export function settingsSecretsDirty(secrets: SettingsSecrets): boolean {
  return secretDirty(secrets.stripeSecretKey) || secretDirty(secrets.smtpPassword);
}

const SECRET_WORDS: Record<SettingsSecretName, string> = { stripeSecretKey: 'The Stripe key', smtpPassword: 'The SMTP password' };

/** "Settings saved. The Stripe key is stored. The SMTP password is removed." */
export function savedNotice(secrets: SettingsSecrets): string {
  const parts = ['Settings saved.'];
  for (const name of ['stripeSecretKey', 'smtpPassword'] as const) {
    const sent = secretToSend(name, secrets[name]);
    if (sent !== undefined) parts.push(`${SECRET_WORDS[name]} is ${sent === '' ? 'removed' : 'stored'}.`);
  }
  return parts.join(' ');
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
  smtpPort: 'Enter the SMTP port (465 for TLS, 587 for STARTTLS)',
  supplierPollMinutes: 'Enter how often, in minutes, the desk asks the suppliers’ APIs',
};

export function checkSettings(values: SettingsFormValues, secrets: SettingsSecrets): { ok: true; input: SettingsInput } | { ok: false; errors: FieldErrors } {
  const errors: FieldErrors = {};
  const numbers: Partial<Record<(typeof NUMBER_FIELDS)[number], number>> = {};
  for (const field of NUMBER_FIELDS) {
    const n = readSettingNumber(values[field]);
    if (n === undefined) errors[field] = BLANK[field];
    else numbers[field] = n;
  }
  const texts: Partial<Record<(typeof TEXT_FIELDS)[number], string>> = {};
  for (const field of TEXT_FIELDS) texts[field] = values[field].trim();
  const stripeSecretKey = secretToSend('stripeSecretKey', secrets.stripeSecretKey);
  const smtpPassword = secretToSend('smtpPassword', secrets.smtpPassword);
  const input: SettingsInput = {
    ...numbers,
    captureRequiresSupplierAck: values.captureRequiresSupplierAck,
    stripeApiUrl: values.stripeApiUrl.trim().replace(/\/+$/, ''),
    ...texts,
    smtpSecurity: values.smtpSecurity,
    ...(stripeSecretKey !== undefined ? { stripeSecretKey } : {}),
    ...(smtpPassword !== undefined ? { smtpPassword } : {}),
  };
  const parsed = updateSettingsInput.safeParse(input);
  const all = parsed.success ? errors : errorsFromIssues(parsed.error.issues, (path) => (SETTINGS_FIELDS.has(path) ? path : null), errors);
  return Object.keys(all).length > 0 ? { ok: false, errors: all } : { ok: true, input };
}
