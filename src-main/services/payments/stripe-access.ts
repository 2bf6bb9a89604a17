import { isAllowedStripeApiUrl } from '../../../src-shared/schemas/catalog-procedures';
import { createStripeGateway, type StripeGateway } from '../../adapters/stripe-gateway';
import type { SecretBox } from '../../security/secret-box';
import type { ServiceDeps } from '../context';
import { DeskError } from '../errors';
import { readSettings, readStripeSecretKey } from '../settings';

export type StripeDeps = ServiceDeps & { secrets: SecretBox };

/**
 * A gateway built from the shop's settings at the moment of the call: the key is decrypted only here,
 * inside the core, and the API address may be a simulator on this computer (tests, demo) — the SDK is
 * pointed there by host and port, nothing in the desk is swapped out.
 */
export function stripeGateway(deps: StripeDeps): StripeGateway {
  const secretKey = readStripeSecretKey(deps.sql, deps.secrets);
  if (!secretKey) throw new DeskError('invalid_state', 'Stripe is not set up: add the shop’s Stripe secret key in Settings first.');
  const address = readSettings(deps.sql).stripeApiUrl;
  // Checked again here (not only when saved): the key must never follow an address written some other way.
  if (!isAllowedStripeApiUrl(address)) throw new DeskError('invalid_state', 'The Stripe API address in Settings is not Stripe’s; set it to https://api.stripe.com.');
  const url = new URL(address);
  return createStripeGateway({
    secretKey,
    host: url.hostname,
    port: url.port === '' ? undefined : Number(url.port),
    protocol: url.protocol === 'http:' ? 'http' : 'https',
  });
}
