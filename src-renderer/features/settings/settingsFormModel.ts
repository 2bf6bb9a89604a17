/**
 * The Settings form: typed text in, `settings.update` input out, checked with the core's `updateSettingsInput`
 * (same messages). The Stripe secret key, the SMTP password and the tracking service key are not values of the
 * form: each is a write-only change (type a new one, or remove the stored one) sent beside it and forgotten once saved.
 */
import type { ProcedureInput } from '../../../src-shared/contract/procedures';
import { NOTIFICATION_KINDS, NOTIFICATION_LABELS, NOTIFICATION_TRIGGERS, type NotificationKind } from '../../../src-shared/domain/notifications';
import { NOTIFICATION_SETTING, SMTP_SECURITY_CHOICES, type DeskSettings, type SmtpSecurityChoice } from '../../../src-shared/domain/settings';
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
  trackingSyncMinutes: string;
  trackingExpireDays: string;
  trackingApiUrl: string;
  notifyOrderConfirmed: boolean;
  notifyShipped: boolean;
  notifyOutForDelivery: boolean;
  notifyDelivered: boolean;
  notifyDelayed: boolean;
  emailAccentColor: string;
  /** A PNG/JPEG data URL ('' for none), read from the chosen file; see logoModel.ts. */
  emailLogo: string;
  emailSignOff: string;
}

/** The on/off boxes: one per customer e-mail, plus capture-after-acknowledgement. */
export type SettingsSwitch = 'captureRequiresSupplierAck' | (typeof NOTIFICATION_SETTING)[NotificationKind];

const NUMBER_FIELDS = [
  'marginThresholdPercent', 'duplicateWindowMinutes', 'highValueFactor', 'highValueFailFactor', 'velocityWindowMinutes',
  'velocityMaxOrders', 'authorizationWarningHours', 'smtpPort', 'supplierPollMinutes', 'trackingSyncMinutes', 'trackingExpireDays',
] as const;

/** Plain text boxes, sent trimmed (the core trims them too; this keeps "unsaved changes" honest). */
const TEXT_FIELDS = ['shopName', 'shopEmail', 'shopReplyTo', 'shopAddress', 'smtpHost', 'smtpUser', 'emailAccentColor', 'emailSignOff'] as const;

const SWITCHES: readonly SettingsSwitch[] = ['captureRequiresSupplierAck', ...NOTIFICATION_KINDS.map((kind) => NOTIFICATION_SETTING[kind])];

/** The write-only secrets of the shop. */
export type SettingsSecretName = 'stripeSecretKey' | 'smtpPassword' | 'trackingApiKey';
export type SettingsSecrets = Record<SettingsSecretName, SecretChange>;
const SECRET_NAMES = ['stripeSecretKey', 'smtpPassword', 'trackingApiKey'] as const satisfies readonly SettingsSecretName[];

export function noSettingsSecrets(): SettingsSecrets {
  return { stripeSecretKey: { mode: 'keep', value: '' }, smtpPassword: { mode: 'keep', value: '' }, trackingApiKey: { mode: 'keep', value: '' } };
}

/** Every path the form shows a message beside. */
export const SETTINGS_FIELDS: ReadonlySet<string> = new Set([
  ...NUMBER_FIELDS, ...TEXT_FIELDS, ...SWITCHES, ...SECRET_NAMES, 'stripeApiUrl', 'trackingApiUrl', 'smtpSecurity', 'emailLogo',
]);

/** Each customer e-mail with its switch and when it goes, in the contract's order. */
export const NOTIFICATION_ROWS: readonly { kind: NotificationKind; setting: SettingsSwitch; label: string; trigger: string }[] = NOTIFICATION_KINDS.map((kind) => ({
  kind, setting: NOTIFICATION_SETTING[kind], label: NOTIFICATION_LABELS[kind], trigger: NOTIFICATION_TRIGGERS[kind],
}));

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
    trackingSyncMinutes: String(s.trackingSyncMinutes),
    trackingExpireDays: String(s.trackingExpireDays),
    trackingApiUrl: s.trackingApiUrl,
    notifyOrderConfirmed: s.notifyOrderConfirmed,
    notifyShipped: s.notifyShipped,
    notifyOutForDelivery: s.notifyOutForDelivery,
    notifyDelivered: s.notifyDelivered,
    notifyDelayed: s.notifyDelayed,
    emailAccentColor: s.emailAccentColor,
    emailLogo: s.emailLogo,
    emailSignOff: s.emailSignOff,
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
 * What a secret change sends: '' removes, a value replaces, undefined keeps. A pasted API key loses its
 * spaces (a key has none); a password is sent exactly as typed, spaces and all.
 */
export function secretToSend(name: SettingsSecretName, change: SecretChange): string | undefined {
  if (change.mode === 'remove') return '';
  if (change.mode !== 'replace' || change.value.trim() === '') return undefined;
  return name === 'smtpPassword' ? change.value : change.value.trim();
}

export function settingsSecretsDirty(secrets: SettingsSecrets): boolean {
  return SECRET_NAMES.some((name) => secretDirty(secrets[name]));
}

const SECRET_WORDS: Record<SettingsSecretName, string> = {
  stripeSecretKey: 'The Stripe key', smtpPassword: 'The SMTP password', trackingApiKey: 'The tracking service key',
};

/** "Settings saved. The Stripe key is stored. The SMTP password is removed." */
export function savedNotice(secrets: SettingsSecrets): string {
  const parts = ['Settings saved.'];
  for (const name of SECRET_NAMES) {
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
  trackingSyncMinutes: 'Enter how often, in minutes, the desk checks parcels for news',
  trackingExpireDays: 'Enter after how many days without news a parcel counts as expired',
};

/** An API address as typed: spaces and trailing slashes dropped (the core joins paths onto it). */
const apiAddress = (text: string) => text.trim().replace(/\/+$/, '');

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
  const switches: Partial<Record<SettingsSwitch, boolean>> = {};
  for (const field of SWITCHES) switches[field] = values[field];
  const secretsSent: Partial<Record<SettingsSecretName, string>> = {};
  for (const name of SECRET_NAMES) {
    const sent = secretToSend(name, secrets[name]);
    if (sent !== undefined) secretsSent[name] = sent;
  }
  const input: SettingsInput = {
    ...numbers,
    ...switches,
    stripeApiUrl: apiAddress(values.stripeApiUrl),
    trackingApiUrl: apiAddress(values.trackingApiUrl),
    ...texts,
    smtpSecurity: values.smtpSecurity,
    // The logo is a data URL made by the page, never typed: sent exactly as read.
    emailLogo: values.emailLogo,
    ...secretsSent,
  };
  const parsed = updateSettingsInput.safeParse(input);
  const all = parsed.success ? errors : errorsFromIssues(parsed.error.issues, (path) => (SETTINGS_FIELDS.has(path) ? path : null), errors);
  return Object.keys(all).length > 0 ? { ok: false, errors: all } : { ok: true, input };
}
