import { useCallback, useEffect, useState } from 'react';
import { ApiCallError, errorMessage, invoke, subscribe } from '../../api/client';
import { TextField } from '../../components/Field';
import { Message } from '../../components/Message';
import { SecretField } from '../suppliers/SecretField';
import type { SecretChange } from '../suppliers/supplierFormModel';
import type { ShopifySyncStatus } from '../../../src-shared/domain/shopify-sync';

interface ShopifyValues {
  storeUrl: string;
  syncMinutes: string;
}

const KEEP: SecretChange = { mode: 'keep', value: '' };
/** The contract's field names, to put a refusal under the field it is about. */
const FIELD_OF: Record<string, string> = { shopifyStoreUrl: 'storeUrl', shopifySyncMinutes: 'syncMinutes', shopifyAccessToken: 'token' };

function when(iso: string | null): string {
  return iso === null ? 'never' : new Date(iso).toLocaleString();
}

/**
 * The Shopify connection, saved on its own (its own form and Save, apart from the shop's settings form): the store
 * address, the write-only access token, how often orders are pulled, and the last pull with "Sync now".
 */
export function ShopifySettingsSection() {
  const [values, setValues] = useState<ShopifyValues | null>(null);
  const [tokenStored, setTokenStored] = useState(false);
  const [token, setToken] = useState<SecretChange>(KEEP);
  const [status, setStatus] = useState<ShopifySyncStatus | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<{ tone: 'error' | 'success'; text: string } | null>(null);
  const [busy, setBusy] = useState<'saving' | 'syncing' | null>(null);

  const load = useCallback(async () => {
    try {
      const [settings, current] = await Promise.all([invoke('settings.get', {}), invoke('shopify.status', {})]);
      setValues({ storeUrl: settings.shopifyStoreUrl, syncMinutes: String(settings.shopifySyncMinutes) });
      setTokenStored(settings.shopifyTokenStored);
      setStatus(current);
    } catch (error) {
      setMessage({ tone: 'error', text: errorMessage(error) });
    }
  }, []);

  useEffect(() => {
    void load();
    return subscribe('settings.changed', () => void load());
  }, [load]);

  if (!values) return null;

  const save = async () => {
    setBusy('saving');
    setErrors({});
    setMessage(null);
    const minutes = Number(values.syncMinutes.trim());
    try {
      const saved = await invoke('settings.update', {
        shopifyStoreUrl: values.storeUrl,
        shopifySyncMinutes: values.syncMinutes.trim() === '' || !Number.isFinite(minutes) ? Number.NaN : minutes,
        ...(token.mode === 'replace' ? { shopifyAccessToken: token.value } : token.mode === 'remove' ? { shopifyAccessToken: '' } : {}),
      });
      // The typed token is forgotten: the page only knows that one is stored.
      setToken(KEEP);
      setTokenStored(saved.shopifyTokenStored);
      setValues({ storeUrl: saved.shopifyStoreUrl, syncMinutes: String(saved.shopifySyncMinutes) });
      setStatus(await invoke('shopify.status', {}));
      setMessage({ tone: 'success', text: 'The Shopify connection is saved.' });
    } catch (error) {
      const field = error instanceof ApiCallError && error.field ? FIELD_OF[error.field] : undefined;
      if (field) setErrors({ [field]: error instanceof Error ? error.message : '' });
      else setMessage({ tone: 'error', text: errorMessage(error) });
    } finally {
      setBusy(null);
    }
  };

  const syncNow = async () => {
    setBusy('syncing');
    setMessage(null);
    try {
      setStatus(await invoke('shopify.syncNow', {}));
    } catch (error) {
      setMessage({ tone: 'error', text: errorMessage(error) });
    } finally {
      setBusy(null);
    }
  };

  const run = status?.lastRun;
  return (
    <form className="settings-form" noValidate aria-label="Shopify connection" data-testid="settings-shopify"
      onSubmit={(event) => {
        event.preventDefault();
        void save();
      }}>
      <section className="card" aria-labelledby="sec-shopify">
        <h2 id="sec-shopify" className="card-title">Shopify</h2>
        <p className="muted">
          The desk pulls new and changed orders from your Shopify store, and sends each parcel’s carrier and tracking number back to it.
          Leave the store address empty to turn this off.
        </p>
        {message && <Message tone={message.tone} testId="shopify-message">{message.text}</Message>}
        <div className="grid grid-2">
          <TextField path="shopifyStoreUrl" label="Store address" type="url" autoComplete="off" spellCheck={false}
            value={values.storeUrl} onValueChange={(storeUrl) => setValues({ ...values, storeUrl })} error={errors.storeUrl}
            hint="https://your-shop.myshopify.com (Shopify admin → Settings → Domains)" />
          <SecretField path="shopifyAccessToken" label="Admin API access token" stored={tokenStored} change={token} onChange={setToken}
            error={errors.token} supplierName="" storedText="A token is stored"
            removeText="The desk stops pulling orders from Shopify and sending it tracking until a new token is entered. The token is deleted when you save the Shopify connection."
            hint={tokenStored ? 'Replaces the stored token when you save.' : 'From a custom app in Shopify (read_orders, write_merchant_managed_fulfillment_orders). Kept encrypted; never shown again.'} />
        </div>
        <div className="grid grid-3">
          <TextField path="shopifySyncMinutes" label="Pull orders every (minutes)" inputMode="numeric" autoComplete="off"
            value={values.syncMinutes} onValueChange={(syncMinutes) => setValues({ ...values, syncMinutes })} error={errors.syncMinutes}
            hint="0 pulls only when you press Sync now" />
        </div>
        <div className="shopify-status" data-testid="shopify-status">
          <p>
            {status?.configured ? `Last pull: ${when(status.lastSyncAt)}` : 'Not connected.'}
            {run && ` — ${run.imported} new, ${run.updated} updated, ${run.unchanged} unchanged${run.heldBack ? `, ${run.heldBack} held back` : ''}${run.rejected ? `, ${run.rejected} not imported` : ''}.`}
          </p>
          {status?.lastError && <Message testId="shopify-last-error">{status.lastError}</Message>}
        </div>
        <div className="form-actions">
          <button type="button" className="button" data-testid="shopify-sync-now" disabled={busy !== null || !status?.configured} onClick={() => void syncNow()}>
            {busy === 'syncing' ? 'Syncing…' : 'Sync now'}
          </button>
          <span className="form-actions-spacer" />
          <button type="submit" className="button button-primary" data-testid="save-shopify" disabled={busy !== null}>
            {busy === 'saving' ? 'Saving…' : 'Save Shopify connection'}
          </button>
        </div>
      </section>
    </form>
  );
}
