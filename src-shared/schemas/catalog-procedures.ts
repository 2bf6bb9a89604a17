import { z } from 'zod';
import { LIFE_STAGES, SPECIES, SUPPLIER_CHANNELS } from '../domain/catalog';
import { isCountryCode } from '../domain/countries';
import { isCurrencyCode } from '../domain/money';
import { SMTP_SECURITY_CHOICES } from '../domain/settings';
import { LOGO_DATA_URL, MAX_LOGO_BYTES } from '../domain/notifications';
import { id, MAX_MINOR_AMOUNT } from './order-input';

/** Control characters (CR, LF, NUL, …) have no place in a one-line value that may end up in a mail header. */
const CONTROL_CHARACTERS = /[\p{Cc}\u2028\u2029]/u;

const text = (max: number, label: string) => z.string().trim().max(max, `${label} is too long (${max} characters at most)`);
const currency = z.string('Choose a currency').refine(isCurrencyCode, 'Choose a currency from the list (ISO 4217, such as EUR)');
const optionalEmail = (label: string) => text(254, label).refine((v) => v === '' || z.email().safeParse(v).success, `${label} must look like name@example.com`);
const minor = (label: string) => z.number(`${label} must be a number`).int(`${label} must be whole minor units (cents)`)
  .min(0, `${label} cannot be negative`).max(MAX_MINOR_AMOUNT, `${label} is too large`);

/** Suppliers' APIs are https; plain http only for this computer (simulators, local bridges). */
export function isAllowedSupplierUrl(value: string): boolean {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return false;
  }
  if (url.username || url.password) return false;
  if (url.protocol === 'https:') return true;
  return url.protocol === 'http:' && ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);
}

export const supplierFields = z.object({
  name: text(200, 'Name').min(1, 'Enter the supplier’s name'),
  contactName: text(200, 'Contact name').default(''),
  contactEmail: optionalEmail('Contact e-mail').default(''),
  contactPhone: text(40, 'Contact phone').default(''),
  channel: z.enum(SUPPLIER_CHANNELS, 'Choose how the supplier takes orders: e-mail or API'),
  orderEmail: optionalEmail('Order e-mail').default(''),
  /** The PO e-mail's plain-text body, subject and HTML body (mustache); '' uses the desk's default for that part. */
  poTemplate: text(20_000, 'Purchase order template').default(''),
  poSubject: text(500, 'Purchase order subject').default(''),
  poHtml: text(100_000, 'Purchase order HTML template').default(''),
  apiBaseUrl: text(500, 'API address').default('').refine((v) => v === '' || isAllowedSupplierUrl(v), 'API address must be an https:// address (http:// only for this computer)'),
  currency,
  leadTimeDays: z.number('Lead time must be a number').int('Lead time must be whole days').min(0, 'Lead time cannot be negative').max(365, 'Lead time must be at most 365 days').default(3),
  shipsTo: z.array(z.string().refine(isCountryCode, 'Choose countries from the list')).max(250).default([]),
  notes: text(5000, 'Notes').default(''),
  status: z.enum(['active', 'paused'], 'Status must be active or paused').default('active'),
}).superRefine((s, ctx) => {
  if (s.channel === 'email' && s.orderEmail === '') ctx.addIssue({ code: 'custom', path: ['orderEmail'], message: 'Enter the address the supplier takes orders at' });
  if (s.channel === 'api' && s.apiBaseUrl === '') ctx.addIssue({ code: 'custom', path: ['apiBaseUrl'], message: 'Enter the supplier’s API address' });
});

const secret = (label: string) => z.string().max(1000, `${label} is too long`).optional();
export const saveSupplierInput = z.object({
  id: id('Supplier id').optional(),
  supplier: supplierFields,
  /** Write-only: omitted keeps the stored one; a value replaces it. */
  apiKey: secret('API key'),
  clearApiKey: z.boolean().default(false),
});

export const supplierIdInput = z.object({ supplierId: id('Supplier id') });
export const idInput = z.object({ id: id('Id') });

export const variantFields = z.object({
  id: id('Variant id').optional(),
  sku: text(100, 'SKU').min(1, 'Enter the variant’s SKU'),
  title: text(300, 'Variant title').min(1, 'Enter the variant’s title'),
  size: text(100, 'Size').default(''),
  weightG: z.number('Weight must be a number').int('Weight must be whole grams').positive('Weight must be more than 0').nullable().default(null),
  flavour: text(100, 'Flavour').default(''),
  retailPrice: minor('Retail price'),
  currency,
});

export const saveProductInput = z.object({
  id: id('Product id').optional(),
  product: z.object({
    title: text(300, 'Product title').min(1, 'Enter the product’s title'),
    brand: text(200, 'Brand').default(''),
    species: z.enum(SPECIES, 'Choose the species'),
    lifeStage: z.enum(LIFE_STAGES, 'Choose the life stage').default('all'),
  }),
  variants: z.array(variantFields).min(1, 'Add at least one variant').max(200, 'A product can have at most 200 variants'),
});

export const saveOfferInput = z.object({
  variantId: id('Variant id'),
  supplierId: id('Supplier id'),
  supplierSku: text(100, 'Supplier SKU').min(1, 'Enter the supplier’s SKU'),
  cost: minor('Cost'),
  stock: z.number('Stock must be a number').int('Stock must be a whole number').min(0, 'Stock cannot be negative'),
  leadTimeDays: z.number().int().min(0).max(365).nullable().default(null),
  priority: z.number('Priority must be a number').int('Priority must be a whole number').min(1, 'Priority starts at 1 (the first choice)').default(1),
});

export const listProductsInput = z.object({
  search: text(200, 'Search').default(''),
  offset: z.number().int().min(0).default(0),
  limit: z.number().int().min(1).max(200, 'Limit must be at most 200').default(50),
});

export const searchVariantsInput = z.object({
  query: text(200, 'Search').min(1, 'Type part of a SKU or title'),
  limit: z.number().int().min(1).max(50).default(10),
});

/** ~48 MB of file: plenty for a 100,000-row feed (about 6 MB), bounded so a wrong file cannot exhaust memory. */
export const MAX_FEED_BASE64_CHARS = 64_000_000;
const feedFile = {
  supplierId: id('Supplier id'),
  fileName: text(255, 'File name').min(1, 'Name the file'),
  contentBase64: z.string().max(MAX_FEED_BASE64_CHARS, 'The file is too large (48 MB at most)')
    .regex(/^[A-Za-z0-9+/]*={0,2}$/, 'The file content must be base64'),
  delimiter: z.enum([',', ';', '\t', '|'], 'Delimiter must be comma, semicolon, tab or |').optional(),
  encoding: z.enum(['utf-8', 'windows-1252', 'utf-16le'], 'Encoding must be utf-8, windows-1252 or utf-16le').optional(),
};
export const feedPreviewInput = z.object(feedFile);

export const feedMappingInput = z.object({
  supplierSku: text(200, 'SKU column').min(1, 'Choose the column with the supplier’s SKU'),
  stock: text(200, 'Stock column').min(1, 'Choose the column with the stock'),
  cost: text(200, 'Cost column').optional(),
  leadTimeDays: text(200, 'Lead time column').optional(),
  currency: text(200, 'Currency column').optional(),
});
export const feedImportInput = z.object({ ...feedFile, mapping: feedMappingInput });

export const setLineSupplierInput = z.object({
  orderId: id('Order id'),
  lineId: id('Line id'),
  supplierId: id('Supplier id'),
  reason: text(500, 'Reason').min(1, 'Say why you change the supplier'),
});

/** Where the desk may send its Stripe secret key. */
export function isAllowedStripeApiUrl(url: string): boolean {
  return /^https:\/\/api\.stripe\.com\/?$/u.test(url) || /^https?:\/\/(127\.0\.0\.1|localhost)(:\d{1,5})?\/?$/u.test(url);
}

/** "1 minute", "30 minutes", "100%": the unit after a limit, singular where English wants it. */
const withUnit = (value: number, unit: string) => (unit === '%' ? `${value}%` : unit === '' ? String(value) : `${value} ${value === 1 ? unit.replace(/s$/u, '') : unit}`);
const wholeNumber = (label: string, min: number, max: number, unit = '') => z.number(`${label} must be a number`)
  .int(`${label} must be a whole number`).min(min, `${label} must be at least ${withUnit(min, unit)}`).max(max, `${label} must be at most ${withUnit(max, unit)}`);

/** Any subset of the settings; what is left out keeps its value. The Stripe key is write-only ('' removes it). */
export const updateSettingsInput = z.object({
  marginThresholdPercent: wholeNumber('Margin threshold', 0, 100, '%'),
  duplicateWindowMinutes: wholeNumber('Duplicate window', 1, 60 * 24 * 30, 'minutes'),
  highValueFactor: z.number('High value factor must be a number').min(1.5, 'High value factor must be at least 1.5').max(100, 'High value factor must be at most 100'),
  highValueFailFactor: z.number('High value hold factor must be a number').min(1.5, 'High value hold factor must be at least 1.5').max(1000, 'High value hold factor must be at most 1000'),
  velocityWindowMinutes: wholeNumber('Order burst window', 1, 60 * 24 * 7, 'minutes'),
  velocityMaxOrders: wholeNumber('Orders allowed in the burst window', 1, 1000),
  captureRequiresSupplierAck: z.boolean('Capture after supplier acknowledgement must be on or off'),
  authorizationWarningHours: wholeNumber('Authorization warning', 1, 24 * 7, 'hours'),
  // The secret key goes wherever this points: only Stripe itself, or a simulator on this computer.
  stripeApiUrl: z.string('Stripe API address must be text').trim().refine(isAllowedStripeApiUrl,
    'The Stripe API address must be https://api.stripe.com (or a simulator on this computer, http://127.0.0.1:PORT)'),
  stripeSecretKey: z.string().trim().max(255, 'Stripe secret key is too long')
    .refine((key) => key === '' || /^(sk|rk)_(test|live)_[A-Za-z0-9]{8,}$/u.test(key), 'A Stripe secret key starts with sk_test_, sk_live_, rk_test_ or rk_live_'),
  shopName: z.string('Shop name must be text').trim().min(1, 'Enter the shop’s name').max(120, 'Shop name is too long')
    .refine((v) => !CONTROL_CHARACTERS.test(v), 'Shop name must be one line'),
  shopEmail: optionalEmail('Shop e-mail'),
  shopReplyTo: optionalEmail('Reply-to e-mail'),
  shopAddress: text(500, 'Shop address'),
  smtpHost: z.string('SMTP server must be text').trim().max(253, 'SMTP server name is too long')
    .refine((v) => v === '' || /^[A-Za-z0-9.-]+$|^\[[0-9A-Fa-f:.]+\]$/u.test(v), 'SMTP server must be a host name like smtp.example.com'),
  smtpPort: wholeNumber('SMTP port', 1, 65535),
  smtpSecurity: z.enum(SMTP_SECURITY_CHOICES, 'Choose TLS, STARTTLS (required) or STARTTLS when offered'),
  smtpUser: z.string('SMTP user must be text').trim().max(254, 'SMTP user is too long')
    .refine((v) => !CONTROL_CHARACTERS.test(v), 'SMTP user must be one line'),
  /** Write-only: '' removes it. */
  smtpPassword: z.string('SMTP password must be text').max(500, 'SMTP password is too long')
    .refine((v) => !/[\r\n]/u.test(v), 'SMTP password must be one line'),
  supplierPollMinutes: wholeNumber('Supplier check interval', 1, 24 * 60, 'minutes'),
  trackingSyncMinutes: wholeNumber('Tracking sync interval', 5, 24 * 60, 'minutes'),
  trackingExpireDays: wholeNumber('Days without news before a parcel counts as expired', 1, 365, 'days'),
  // The tracking key goes wherever this points: only AfterShip itself, or a simulator on this computer.
  trackingApiUrl: z.string('Tracking service address must be text').trim().refine(isAllowedTrackingApiUrl,
    'The tracking service address must be https://api.aftership.com (or a simulator on this computer, http://127.0.0.1:PORT)'),
  /** Write-only: '' removes it. */
  trackingApiKey: z.string('Tracking service API key must be text').trim().max(200, 'Tracking service API key is too long')
    .refine((v) => /^[A-Za-z0-9_-]*$/u.test(v), 'A tracking service API key has only letters, digits, - and _'),
  notifyOrderConfirmed: z.boolean('The “order confirmed” e-mail must be on or off'),
  notifyShipped: z.boolean('The “shipped” e-mail must be on or off'),
  notifyOutForDelivery: z.boolean('The “out for delivery” e-mail must be on or off'),
  notifyDelivered: z.boolean('The “delivered” e-mail must be on or off'),
  notifyDelayed: z.boolean('The “delayed” e-mail must be on or off'),
  emailAccentColor: z.string('Accent colour must be text').trim().regex(/^#[0-9a-fA-F]{6}$/u, 'Accent colour must be a colour like #2f6f4e'),
  emailLogo: z.string('Logo must be an image').max(Math.ceil(MAX_LOGO_BYTES * 4 / 3) + 40, 'The logo is too large (100 KB at most)')
    .refine((v) => v === '' || LOGO_DATA_URL.test(v), 'The logo must be a PNG or JPEG image'),
  emailSignOff: text(300, 'Sign-off'),
  // The access token goes wherever this points: only the shop's myshopify.com address, or a simulator on this computer.
  shopifyStoreUrl: z.string('Shopify store address must be text').trim().max(300, 'Shopify store address is too long')
    .refine((v) => v === '' || isAllowedShopifyStoreUrl(v),
      'The Shopify store address must be https://<your-shop>.myshopify.com (or a simulator on this computer, http://127.0.0.1:PORT)')
    // One spelling per store: the pull's saved cursor belongs to the address it was read from.
    .transform((v) => v.replace(/\/+$/u, '').toLowerCase()),
  /** Write-only: '' removes it. */
  shopifyAccessToken: z.string('Shopify access token must be text').trim().max(200, 'Shopify access token is too long')
    .refine((v) => /^[\x21-\x7e]*$/u.test(v), 'A Shopify access token has no spaces and only plain letters, digits and signs (it starts with shpat_)'),
  shopifySyncMinutes: wholeNumber('Shopify sync interval', 0, 24 * 60, 'minutes'),
}).partial();

/** Where the desk may send its Shopify access token: the shop's own Admin API host, no path, or loopback. */
export function isAllowedShopifyStoreUrl(url: string): boolean {
  return /^https:\/\/[a-z0-9][a-z0-9-]*\.myshopify\.com\/?$/iu.test(url) || /^https?:\/\/(127\.0\.0\.1|localhost)(:\d{1,5})?\/?$/u.test(url);
}

/** Where the desk may send its tracking service key. */
export function isAllowedTrackingApiUrl(url: string): boolean {
  return /^https:\/\/api\.aftership\.com\/?$/u.test(url) || /^https?:\/\/(127\.0\.0\.1|localhost)(:\d{1,5})?\/?$/u.test(url);
}
