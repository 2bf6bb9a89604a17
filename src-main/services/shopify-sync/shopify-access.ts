/** The Shopify client for the shop's stored settings; the access token is read here and handed only to the adapter. */
import { createShopifyAdminClient, ShopifyError, type ShopifyAdminClient } from '../../adapters/shopify-admin';
import type { Sql } from '../../db/query';
import type { SecretBox } from '../../security/secret-box';
import { readSettings, readShopifyAccessToken } from '../settings';

/** Tests pass one with a short timeout; the desk uses the adapter as it is. */
export type ShopifyClientFactory = (storeUrl: string, accessToken: string) => ShopifyAdminClient;

export const realShopifyClient: ShopifyClientFactory = (storeUrl, accessToken) => createShopifyAdminClient({ storeUrl, accessToken });

export type ShopifyAccess = { client: ShopifyAdminClient; storeUrl: string } | { missing: string };

export const NOT_SET_UP = 'Shopify is not connected: enter the store address and the Admin API access token in Settings → Shopify.';

export function shopifyAccess(sql: Sql, secrets: SecretBox, factory: ShopifyClientFactory): ShopifyAccess {
  const { shopifyStoreUrl } = readSettings(sql);
  if (shopifyStoreUrl === '') return { missing: NOT_SET_UP };
  const token = readShopifyAccessToken(sql, secrets);
  if (token === undefined) return { missing: 'No Shopify access token is stored: enter it in Settings → Shopify.' };
  try {
    return { client: factory(shopifyStoreUrl, token), storeUrl: shopifyStoreUrl };
  } catch (error) {
    if (error instanceof ShopifyError) return { missing: error.message };
    throw error;
  }
}
