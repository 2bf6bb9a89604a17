/** Shipment tracking (issue 6), pure: carriers, normalized statuses, idempotent events, expiry, the order roll-up. */
export * from './carriers';
export * from './detect-carrier';
export * from './statuses';
export * from './events';
export * from './expiry';
export * from './fulfillment-rollup';
