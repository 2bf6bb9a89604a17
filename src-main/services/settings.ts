import { DEFAULT_SETTINGS, type DeskSettings, type EditableSettings } from '../../src-shared/domain/settings';
import type { ProcedureParsedInput } from '../../src-shared/contract/procedures';
import type { Sql } from '../db/query';
import type { DbShopSecret } from '../db/schema';
import type { SecretBox } from '../security/secret-box';
import type { ServiceDeps } from './context';
import { DeskError } from './errors';

/** Each setting's row key: snake_case, as the first one (margin_threshold_percent) was stored. */
const KEYS: Record<keyof EditableSettings, string> = {
  marginThresholdPercent: 'margin_threshold_percent',
  duplicateWindowMinutes: 'duplicate_window_minutes',
  highValueFactor: 'high_value_factor',
  highValueFailFactor: 'high_value_fail_factor',
  velocityWindowMinutes: 'velocity_window_minutes',
  velocityMaxOrders: 'velocity_max_orders',
  captureRequiresSupplierAck: 'capture_requires_supplier_ack',
  authorizationWarningHours: 'authorization_warning_hours',
  stripeApiUrl: 'stripe_api_url',
  shopName: 'shop_name',
  shopEmail: 'shop_email',
  shopReplyTo: 'shop_reply_to',
  shopAddress: 'shop_address',
  smtpHost: 'smtp_host',
  smtpPort: 'smtp_port',
  smtpSecurity: 'smtp_security',
  smtpUser: 'smtp_user',
  supplierPollMinutes: 'supplier_poll_minutes',
  trackingSyncMinutes: 'tracking_sync_minutes',
  trackingExpireDays: 'tracking_expire_days',
  trackingApiUrl: 'tracking_api_url',
  notifyOrderConfirmed: 'notify_order_confirmed',
  notifyShipped: 'notify_shipped',
  notifyOutForDelivery: 'notify_out_for_delivery',
  notifyDelivered: 'notify_delivered',
  notifyDelayed: 'notify_delayed',
  emailAccentColor: 'email_accent_color',
  emailLogo: 'email_logo',
  emailSignOff: 'email_sign_off',
  shopifyStoreUrl: 'shopify_store_url',
  shopifySyncMinutes: 'shopify_sync_minutes',
};

/** A stored value read back as its default's type; anything unreadable falls back to the default. */
function decode<T extends number | boolean | string>(stored: string | undefined, fallback: T): T {
  if (stored === undefined) return fallback;
  if (typeof fallback === 'number') {
    const value = Number(stored);
    return (Number.isFinite(value) ? value : fallback) as T;
  }
  if (typeof fallback === 'boolean') return (stored === 'true' ? true : stored === 'false' ? false : fallback) as T;
  return stored as T;
}

export function readSettings(sql: Sql): DeskSettings {
  const stored = new Map(sql.all(sql.qb.selectFrom('settings').select(['key', 'value'])).map((row) => [row.key, row.value]));
  const settings = { ...DEFAULT_SETTINGS } as Record<keyof EditableSettings, number | boolean | string>;
  for (const [name, key] of Object.entries(KEYS) as [keyof EditableSettings, string][]) {
    settings[name] = decode(stored.get(key), DEFAULT_SETTINGS[name]);
  }
  const storedSecrets = new Set(sql.all(sql.qb.selectFrom('shop_secrets').select('kind')).map((row) => row.kind));
  return {
    ...(settings as unknown as EditableSettings),
    stripeKeyStored: storedSecrets.has('stripe_secret_key'),
    smtpPasswordStored: storedSecrets.has('smtp_password'),
    trackingKeyStored: storedSecrets.has('tracking_api_key'),
    shopifyTokenStored: storedSecrets.has('shopify_access_token'),
  };
}

export function updateSettings(deps: ServiceDeps & { secrets: SecretBox }, input: ProcedureParsedInput<'settings.update'>): DeskSettings {
  const { sql } = deps;
  const { stripeSecretKey, smtpPassword, trackingApiKey, shopifyAccessToken, ...values } = input;
  const merged = { ...readSettings(sql), ...values };
  if (merged.highValueFailFactor < merged.highValueFactor) {
    throw new DeskError('invalid_input', 'The hold factor for high order values must be at least the warning factor.', 'highValueFailFactor');
  }
  sql.transaction(() => {
    for (const [name, value] of Object.entries(values) as [keyof EditableSettings, number | boolean | string][]) {
      sql.run(sql.qb.insertInto('settings').values({ key: KEYS[name], value: String(value) })
        .onConflict((oc) => oc.column('key').doUpdateSet({ value: String(value) })));
    }
    writeShopSecret(deps, 'stripe_secret_key', stripeSecretKey);
    writeShopSecret(deps, 'smtp_password', smtpPassword);
    writeShopSecret(deps, 'tracking_api_key', trackingApiKey);
    writeShopSecret(deps, 'shopify_access_token', shopifyAccessToken);
  });
  return readSettings(sql);
}

/** Write-only secrets: undefined keeps the stored one, '' removes it, anything else replaces it (encrypted). */
function writeShopSecret(deps: ServiceDeps & { secrets: SecretBox }, kind: DbShopSecret['kind'], value: string | undefined): void {
  const { sql } = deps;
  if (value === undefined) return;
  if (value === '') {
    sql.run(sql.qb.deleteFrom('shop_secrets').where('kind', '=', kind));
    return;
  }
  const ciphertext = deps.secrets.encrypt(value);
  sql.run(sql.qb.insertInto('shop_secrets').values({ kind, ciphertext, updated_at: deps.now() })
    .onConflict((oc) => oc.column('kind').doUpdateSet({ ciphertext, updated_at: deps.now() })));
}

/** The SMTP password, for the core's mailer only; undefined when none is stored. */
export function readSmtpPassword(sql: Sql, secrets: SecretBox): string | undefined {
  const row = sql.first(sql.qb.selectFrom('shop_secrets').select('ciphertext').where('kind', '=', 'smtp_password'));
  return row ? secrets.decrypt(row.ciphertext) : undefined;
}

/** The tracking service's API key, for the core's tracking calls only; undefined when none is stored. */
export function readTrackingApiKey(sql: Sql, secrets: SecretBox): string | undefined {
  const row = sql.first(sql.qb.selectFrom('shop_secrets').select('ciphertext').where('kind', '=', 'tracking_api_key'));
  return row ? secrets.decrypt(row.ciphertext) : undefined;
}

/** The Shopify Admin API access token, for the core's Shopify calls only; undefined when none is stored. */
export function readShopifyAccessToken(sql: Sql, secrets: SecretBox): string | undefined {
  const row = sql.first(sql.qb.selectFrom('shop_secrets').select('ciphertext').where('kind', '=', 'shopify_access_token'));
  return row ? secrets.decrypt(row.ciphertext) : undefined;
}

/** The Stripe secret key, for the core's Stripe calls only; undefined when none is stored. */
export function readStripeSecretKey(sql: Sql, secrets: SecretBox): string | undefined {
  const row = sql.first(sql.qb.selectFrom('shop_secrets').select('ciphertext').where('kind', '=', 'stripe_secret_key'));
  return row ? secrets.decrypt(row.ciphertext) : undefined;
}
