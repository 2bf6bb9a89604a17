import '../catalog/catalog.css';
import '../processing/processing.css';
import './settings.css';
import { useEffect } from 'react';
import { subscribe } from '../../api/client';
import { useApp } from '../../app/appStore';
import { useFormScreen } from '../../app/useFormScreen';
import { CheckboxField, SelectField, TextAreaField, TextField } from '../../components/Field';
import { FormSummary } from '../../components/FormSummary';
import { Message } from '../../components/Message';
import { modKey } from '../../components/format';
import { SecretField } from '../suppliers/SecretField';
import { AccentColorField } from './AccentColorField';
import { EmailPreviewDialog } from './EmailPreviewDialog';
import { LogoField } from './LogoField';
import { ShopifySettingsSection } from './ShopifySettingsSection';
import { useSettingsForm } from './settingsFormStore';
import { NOTIFICATION_ROWS, portAfterSecurityChange, SMTP_SECURITY_OPTIONS, type SettingsFormValues, type SettingsSwitch } from './settingsFormModel';
import type { SmtpSecurityChoice } from '../../../src-shared/domain/settings';

/**
 * The shop's settings: how the verification checks judge an order, when card payments are captured, the
 * Stripe connection, the shop as suppliers see it with the mail server its purchase orders leave by, parcel
 * tracking, and the e-mails customers get (which ones, their look, and a preview of each).
 * The Stripe secret key, the SMTP password and the tracking key are write-only: once saved the page shows only that one is stored.
 */
export function SettingsScreen() {
  const form = useSettingsForm();
  const info = useApp((s) => s.info);
  const { values, errors, status, settings, secrets } = form;

  // Another window may have saved (unsaved edits here stay).
  useEffect(() => subscribe('settings.changed', () => void useSettingsForm.getState().refresh()), []);

  const { formRef, summaryRef } = useFormScreen({
    id: undefined,
    load: () => void useSettingsForm.getState().load(),
    isDirty: () => useSettingsForm.getState().isDirty(),
    focusRequest: form.focusRequest,
    save: () => useSettingsForm.getState().save(),
  });

  if (status === 'idle' || status === 'loading') return <div className="screen"><p className="loading" aria-busy="true">Loading the settings…</p></div>;
  if (status === 'loadFailed' || !values || !settings) {
    return (
      <div className="screen">
        <Message testId="settings-load-error" action={<button type="button" className="button" onClick={() => void form.load()}>Try again</button>}>
          {form.formError}
        </Message>
      </div>
    );
  }

  const set = (field: Exclude<keyof SettingsFormValues, SettingsSwitch | 'smtpSecurity'>) => (value: string) => form.setField(field, value);
  const err = (path: string) => errors[path];
  const saving = status === 'saving';
  const keyFile = info?.secretProtection === 'key-file';

  return (
    <div className="screen screen-form screen-settings">
      <header className="screen-header">
        <div>
          <h1>Settings</h1>
          <p className="screen-subtitle">How orders are checked, paid for and sent to suppliers. Changes apply from now on.</p>
        </div>
      </header>
      <form
        ref={formRef}
        className="settings-form"
        noValidate
        aria-label="Shop settings"
        data-testid="settings-form"
        onSubmit={(event) => {
          event.preventDefault();
          void form.save();
        }}
      >
        <FormSummary summaryRef={summaryRef} errors={errors} formError={form.formError} notice={form.notice} noticeTestId="settings-notice" what="the settings can be saved" />

        <section className="card" aria-labelledby="sec-verification">
          <h2 id="sec-verification" className="card-title">Order checks</h2>
          <p className="muted">Every submitted order is checked. A failed check puts it on hold in “Needs review”; a warning only shows on the order.</p>
          <div className="grid grid-3">
            <TextField path="duplicateWindowMinutes" label="Duplicate window (minutes)" required inputMode="numeric" autoComplete="off"
              value={values.duplicateWindowMinutes} onValueChange={set('duplicateWindowMinutes')} error={err('duplicateWindowMinutes')}
              hint="Same customer, address and items within this time: a possible duplicate (1440 = one day)" />
            <TextField path="highValueFactor" label="High value: warn at × usual order" required inputMode="decimal" autoComplete="off"
              value={values.highValueFactor} onValueChange={set('highValueFactor')} error={err('highValueFactor')}
              hint="Warn when the total is this many times the shop’s usual order" />
            <TextField path="highValueFailFactor" label="High value: hold at × usual order" required inputMode="decimal" autoComplete="off"
              value={values.highValueFailFactor} onValueChange={set('highValueFailFactor')} error={err('highValueFailFactor')}
              hint="Put the order on hold at this many times (at least the warning factor)" />
          </div>
          <div className="grid grid-3">
            <TextField path="velocityWindowMinutes" label="Order burst window (minutes)" required inputMode="numeric" autoComplete="off"
              value={values.velocityWindowMinutes} onValueChange={set('velocityWindowMinutes')} error={err('velocityWindowMinutes')}
              hint="Many orders from one e-mail within this time is a fraud signal" />
            <TextField path="velocityMaxOrders" label="Orders allowed in the burst window" required inputMode="numeric" autoComplete="off"
              value={values.velocityMaxOrders} onValueChange={set('velocityMaxOrders')} error={err('velocityMaxOrders')}
              hint="This many other orders from the same e-mail puts the order on hold (one fewer warns)" />
          </div>
        </section>

        <section className="card" aria-labelledby="sec-payments">
          <h2 id="sec-payments" className="card-title">Card payments</h2>
          <CheckboxField path="captureRequiresSupplierAck" label="Capture card payments only after suppliers acknowledge the order"
            checked={values.captureRequiresSupplierAck} onCheckedChange={(v) => form.setField('captureRequiresSupplierAck', v)} error={err('captureRequiresSupplierAck')}
            hint="Money is not taken for an order a supplier cannot ship. Turn off to capture as soon as the checks pass and no hold is open." />
          <div className="grid grid-3 settings-gap">
            <TextField path="authorizationWarningHours" label="Warn before an authorization lapses (hours)" required inputMode="numeric" autoComplete="off"
              value={values.authorizationWarningHours} onValueChange={set('authorizationWarningHours')} error={err('authorizationWarningHours')}
              hint="A card authorization lasts about 7 days; the order is put on hold this long before, to capture in time" />
          </div>
        </section>

        <section className="card" aria-labelledby="sec-stripe">
          <h2 id="sec-stripe" className="card-title">Stripe</h2>
          <p className="muted">For card payments: payment links, payments made on your storefront, capture and refunds. The desk never sees card numbers.</p>
          <div className="grid grid-2">
            <TextField path="stripeApiUrl" label="API address" required type="url" autoComplete="off" spellCheck={false}
              value={values.stripeApiUrl} onValueChange={set('stripeApiUrl')} error={err('stripeApiUrl')}
              hint="https://api.stripe.com, unless you test with a simulator on this computer" />
            <SecretField path="stripeSecretKey" label="Secret key" stored={settings.stripeKeyStored} change={secrets.stripeSecretKey}
              onChange={(change) => form.setSecret('stripeSecretKey', change)}
              error={err('stripeSecretKey')} supplierName="" storedText="A key is stored"
              removeText="Card payments stop working until a new key is entered: no capture, refund or payment link. The key is deleted when you save the settings."
              hint={settings.stripeKeyStored ? 'Replaces the stored key when you save.' : 'From Stripe’s dashboard (Developers → API keys): sk_live_… or a restricted rk_live_… key. Kept encrypted; never shown again.'} />
          </div>
          {keyFile && (
            <Message tone="info" testId="secret-protection-note">
              In this browser version of the desk, the Stripe key, the SMTP password and the tracking key are encrypted with a key file kept in the desk’s data folder ({info?.dataDir}).
              That is weaker than the desktop app, which uses your computer’s keychain.
            </Message>
          )}
        </section>

        <section className="card" aria-labelledby="sec-shop">
          <h2 id="sec-shop" className="card-title">Shop and e-mail</h2>
          <p className="muted">How suppliers see the shop on purchase orders and packing slips, and the mail server purchase orders are sent through.</p>
          <div className="grid grid-3">
            <TextField path="shopName" label="Shop name" required autoComplete="organization" maxLength={120}
              value={values.shopName} onValueChange={set('shopName')} error={err('shopName')}
              hint="On every purchase order and packing slip" />
            <TextField path="shopEmail" label="Shop e-mail (From)" type="email" autoComplete="email" spellCheck={false}
              value={values.shopEmail} onValueChange={set('shopEmail')} error={err('shopEmail')}
              hint="Purchase orders are sent from this address" />
            <TextField path="shopReplyTo" label="Reply-to e-mail" type="email" autoComplete="off" spellCheck={false}
              value={values.shopReplyTo} onValueChange={set('shopReplyTo')} error={err('shopReplyTo')}
              hint="Where suppliers’ answers go; leave empty for the address above" />
          </div>
          <div className="grid grid-2">
            <TextAreaField path="shopAddress" label="Shop address" rows={3} maxLength={500} autoComplete="street-address"
              value={values.shopAddress} onValueChange={set('shopAddress')} error={err('shopAddress')}
              hint="The return address printed on packing slips" />
          </div>

          <h3 className="settings-subtitle">Outgoing mail server (SMTP)</h3>
          <p className="muted small">From your e-mail provider’s help pages (“SMTP settings” or “send mail from another app”). Until a server is set, e-mail purchase orders wait in the outbox.</p>
          <div className="grid grid-3">
            <TextField path="smtpHost" label="SMTP server" autoComplete="off" spellCheck={false} placeholder="smtp.example.com"
              value={values.smtpHost} onValueChange={set('smtpHost')} error={err('smtpHost')} />
            <SelectField path="smtpSecurity" label="Security" required value={values.smtpSecurity} options={SMTP_SECURITY_OPTIONS}
              onValueChange={(v) => {
                const to = v as SmtpSecurityChoice;
                form.setField('smtpPort', portAfterSecurityChange(values.smtpPort, values.smtpSecurity, to));
                form.setField('smtpSecurity', to);
              }}
              error={err('smtpSecurity')}
              hint={values.smtpSecurity === 'starttls-opportunistic' ? 'Mail may travel unencrypted: use it only for a mail server on this computer.' : 'The connection to the server is encrypted.'} />
            <TextField path="smtpPort" label="Port" required inputMode="numeric" autoComplete="off"
              value={values.smtpPort} onValueChange={set('smtpPort')} error={err('smtpPort')} />
          </div>
          <div className="grid grid-2">
            <TextField path="smtpUser" label="User name" autoComplete="off" spellCheck={false}
              value={values.smtpUser} onValueChange={set('smtpUser')} error={err('smtpUser')}
              hint="Often the full e-mail address; leave empty if the server needs no sign-in" />
            <SecretField path="smtpPassword" label="SMTP password" stored={settings.smtpPasswordStored} change={secrets.smtpPassword}
              onChange={(change) => form.setSecret('smtpPassword', change)} error={err('smtpPassword')} supplierName=""
              storedText="A password is stored"
              removeText="E-mail purchase orders stop going out until a new password is entered (unless the server needs none). The password is deleted when you save the settings." />
          </div>

          <h3 className="settings-subtitle">Suppliers with an API</h3>
          <div className="grid grid-3">
            <TextField path="supplierPollMinutes" label="Check suppliers’ APIs every (minutes)" required inputMode="numeric" autoComplete="off"
              value={values.supplierPollMinutes} onValueChange={set('supplierPollMinutes')} error={err('supplierPollMinutes')}
              hint="How often the desk asks for answers to purchase orders; “Check now” on an order asks at once" />
          </div>
        </section>

        <section className="card" aria-labelledby="sec-tracking" data-testid="settings-tracking">
          <h2 id="sec-tracking" className="card-title">Parcel tracking</h2>
          <p className="muted">The desk follows every parcel until it is delivered: new parcels from suppliers’ APIs, and news from the tracking service.</p>
          <div className="grid grid-3">
            <TextField path="trackingSyncMinutes" label="Check parcels every (minutes)" required inputMode="numeric" autoComplete="off"
              value={values.trackingSyncMinutes} onValueChange={set('trackingSyncMinutes')} error={err('trackingSyncMinutes')}
              hint="How often parcels still on their way are checked for news (5 minutes at least)" />
            <TextField path="trackingExpireDays" label="Expired after (days without news)" required inputMode="numeric" autoComplete="off"
              value={values.trackingExpireDays} onValueChange={set('trackingExpireDays')} error={err('trackingExpireDays')}
              hint="A parcel not delivered with no news for this long shows as expired, in Exceptions" />
          </div>
          <div className="grid grid-2">
            <TextField path="trackingApiUrl" label="Tracking service address" required type="url" autoComplete="off" spellCheck={false}
              value={values.trackingApiUrl} onValueChange={set('trackingApiUrl')} error={err('trackingApiUrl')}
              hint="https://api.aftership.com, unless you test with a simulator on this computer" />
            <SecretField path="trackingApiKey" label="Tracking service API key" stored={settings.trackingKeyStored} change={secrets.trackingApiKey}
              onChange={(change) => form.setSecret('trackingApiKey', change)}
              error={err('trackingApiKey')} supplierName="" storedText="A key is stored"
              removeText="Parcels stop getting news from the tracking service until a new key is entered (news entered by hand or from suppliers still counts). The key is deleted when you save the settings."
              hint={settings.trackingKeyStored ? 'Replaces the stored key when you save.' : 'From AfterShip (Settings → API keys). Without one, the desk only knows what suppliers and you tell it. Kept encrypted; never shown again.'} />
          </div>
        </section>

        <section className="card" aria-labelledby="sec-emails" data-testid="settings-emails">
          <h2 id="sec-emails" className="card-title">Customer e-mails</h2>
          <p className="muted">
            The e-mails your customers get as their order moves, sent from the shop’s e-mail through the mail server above. Each goes at most once
            per order (per parcel for the parcel ones).
          </p>
          <ul className="notification-rows">
            {NOTIFICATION_ROWS.map((row) => (
              <li key={row.kind} className="notification-row">
                <CheckboxField path={row.setting} label={row.label} checked={values[row.setting]} error={err(row.setting)}
                  onCheckedChange={(v) => form.setField(row.setting, v)} hint={`Sent ${row.trigger}.`} />
                <button type="button" className="button button-small" data-testid={`preview-${row.kind}`} onClick={() => void form.openPreview(row.kind)}>
                  Preview
                </button>
              </li>
            ))}
          </ul>

          <h3 className="settings-subtitle">How they look</h3>
          <div className="grid grid-2">
            <AccentColorField value={values.emailAccentColor} onChange={set('emailAccentColor')} error={err('emailAccentColor')} />
            <LogoField value={values.emailLogo} onChange={set('emailLogo')} error={err('emailLogo')} />
          </div>
          <div className="grid grid-2">
            <TextAreaField path="emailSignOff" label="Sign-off" rows={3} maxLength={300} autoComplete="off"
              value={values.emailSignOff} onValueChange={set('emailSignOff')} error={err('emailSignOff')}
              hint="The last words of every e-mail, above the shop’s name" />
          </div>
        </section>

        <section className="card" aria-labelledby="sec-margins">
          <h2 id="sec-margins" className="card-title">Margins</h2>
          <div className="grid grid-3">
            <TextField path="marginThresholdPercent" label="Flag margins below (%)" required inputMode="numeric" autoComplete="off"
              value={values.marginThresholdPercent} onValueChange={set('marginThresholdPercent')} error={err('marginThresholdPercent')}
              hint="Shown in red on Products and in feed change reports" />
          </div>
        </section>

        <div className="form-actions">
          <span className="form-actions-spacer" />
          {form.isDirty() && <span className="unsaved" data-testid="unsaved-indicator">Unsaved changes</span>}
          <button type="submit" className="button button-primary" data-testid="save-settings" disabled={saving} title={`Save (${modKey()}+S)`}>
            {saving ? 'Saving…' : 'Save settings'} <kbd>{modKey()}+S</kbd>
          </button>
        </div>
      </form>
      <ShopifySettingsSection />
      <EmailPreviewDialog state={form.preview} unsaved={form.isDirty()} onClose={() => form.closePreview()}
        onRetry={() => form.preview && void form.openPreview(form.preview.kind)} />
    </div>
  );
}
