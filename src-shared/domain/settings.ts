/**
 * The shop's settings: one row per key in the settings table, each with a default so a new desk works
 * before anyone opens the Settings screen. Secrets are not here: the Stripe key is write-only and the
 * renderer only learns whether one is stored.
 */
import { DEFAULT_VERIFICATION_SETTINGS } from './verification/types';
import { DEFAULT_EXPIRE_AFTER_DAYS } from './tracking/expiry';
import type { NotificationKind } from './notifications';

export interface DeskSettings {
  /** Margins below this percentage show in red and appear in feed change reports. */
  marginThresholdPercent: number;
  /** Another order with the same customer, address and items within this many minutes is a possible duplicate. */
  duplicateWindowMinutes: number;
  /** An order worth this many times the shop's usual order value gets a warning… */
  highValueFactor: number;
  /** …and at this many times, a hold. */
  highValueFailFactor: number;
  /** More than velocityMaxOrders orders from one e-mail within this many minutes is a fraud signal. */
  velocityWindowMinutes: number;
  velocityMaxOrders: number;
  /** Capture a card payment only after every supplier acknowledged the order (money is not taken for what cannot ship). */
  captureRequiresSupplierAck: boolean;
  /** Place an AUTHORIZATION_EXPIRING hold this many hours before a card authorization lapses. */
  authorizationWarningHours: number;
  /** Stripe's API address: https://api.stripe.com, or a simulator on this computer for tests and demos. */
  stripeApiUrl: string;
  /** Whether a Stripe secret key is stored (the key itself never leaves the core). */
  stripeKeyStored: boolean;
  /** The shop as suppliers see it on purchase orders and packing slips. */
  shopName: string;
  /** The address POs are sent from (and the domain of their Message-IDs); '' until set. */
  shopEmail: string;
  /** Where suppliers' replies go, when not the sending address. */
  shopReplyTo: string;
  /** The return address printed on the packing slip (several lines). */
  shopAddress: string;
  /** The shop's outgoing mail server, for e-mail POs. '' until set. */
  smtpHost: string;
  smtpPort: number;
  smtpSecurity: SmtpSecurityChoice;
  smtpUser: string;
  /** Whether an SMTP password is stored (write-only, like the Stripe key). */
  smtpPasswordStored: boolean;
  /** How often the supplier APIs are asked about POs waiting for an answer. */
  supplierPollMinutes: number;
  /** How often shipments still in transit are synced (supplier APIs for new parcels, the tracking service for news). */
  trackingSyncMinutes: number;
  /** A parcel not delivered with no news for this many days shows as expired (and in the exceptions inbox). */
  trackingExpireDays: number;
  /** The tracking service's API address (AfterShip's, or a simulator on this computer). */
  trackingApiUrl: string;
  /** Whether a tracking service API key is stored (write-only). */
  trackingKeyStored: boolean;
  /** Which customer e-mails go out (each can be turned off). */
  notifyOrderConfirmed: boolean;
  notifyShipped: boolean;
  notifyOutForDelivery: boolean;
  notifyDelivered: boolean;
  notifyDelayed: boolean;
  /** The customer e-mails' look: accent colour (#rrggbb), logo (a small PNG/JPEG data URL, '' for none), sign-off. */
  emailAccentColor: string;
  emailLogo: string;
  emailSignOff: string;
  /**
   * The Shopify store whose orders the desk pulls and to which it pushes tracking: https://<shop>.myshopify.com
   * (or a simulator on this computer); '' = no Shopify connection.
   */
  shopifyStoreUrl: string;
  /** Whether a Shopify Admin API access token is stored (write-only, like the other secrets). */
  shopifyTokenStored: boolean;
  /** How often new and changed Shopify orders are pulled; 0 = only when asked ("Sync now"). */
  shopifySyncMinutes: number;
}

/**
 * 'tls': implicit TLS from the first byte (port 465). 'starttls-required': plain connect, then STARTTLS, refusing
 * to go on if the server does not offer it (587). 'starttls-opportunistic': STARTTLS when offered, plain
 * otherwise — only allowed with a password for a server on this computer.
 */
export const SMTP_SECURITY_CHOICES = ['tls', 'starttls-required', 'starttls-opportunistic'] as const;
export type SmtpSecurityChoice = (typeof SMTP_SECURITY_CHOICES)[number];

export type EditableSettings = Omit<DeskSettings, 'stripeKeyStored' | 'smtpPasswordStored' | 'trackingKeyStored' | 'shopifyTokenStored'>;

export const DEFAULT_SETTINGS: EditableSettings = {
  marginThresholdPercent: 20,
  ...DEFAULT_VERIFICATION_SETTINGS,
  captureRequiresSupplierAck: true,
  authorizationWarningHours: 24,
  stripeApiUrl: 'https://api.stripe.com',
  shopName: 'My pet shop',
  shopEmail: '',
  shopReplyTo: '',
  shopAddress: '',
  smtpHost: '',
  smtpPort: 587,
  smtpSecurity: 'starttls-required',
  smtpUser: '',
  supplierPollMinutes: 5,
  trackingSyncMinutes: 30,
  trackingExpireDays: DEFAULT_EXPIRE_AFTER_DAYS,
  trackingApiUrl: 'https://api.aftership.com',
  notifyOrderConfirmed: true,
  notifyShipped: true,
  notifyOutForDelivery: true,
  notifyDelivered: true,
  notifyDelayed: true,
  emailAccentColor: '#2f6f4e',
  emailLogo: '',
  emailSignOff: 'Thank you for shopping with us.',
  shopifyStoreUrl: '',
  shopifySyncMinutes: 15,
};

/** Which setting turns each customer e-mail on or off. */
export const NOTIFICATION_SETTING: Record<NotificationKind, keyof EditableSettings & `notify${string}`> = {
  order_confirmed: 'notifyOrderConfirmed',
  shipped: 'notifyShipped',
  out_for_delivery: 'notifyOutForDelivery',
  delivered: 'notifyDelivered',
  delayed: 'notifyDelayed',
};
