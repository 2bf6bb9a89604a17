/**
 * The shop's settings: one row per key in the settings table, each with a default so a new desk works
 * before anyone opens the Settings screen. Secrets are not here: the Stripe key is write-only and the
 * renderer only learns whether one is stored.
 */
import { DEFAULT_VERIFICATION_SETTINGS } from './verification/types';

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
}

export type EditableSettings = Omit<DeskSettings, 'stripeKeyStored'>;

export const DEFAULT_SETTINGS: EditableSettings = {
  marginThresholdPercent: 20,
  ...DEFAULT_VERIFICATION_SETTINGS,
  captureRequiresSupplierAck: true,
  authorizationWarningHours: 24,
  stripeApiUrl: 'https://api.stripe.com',
};
