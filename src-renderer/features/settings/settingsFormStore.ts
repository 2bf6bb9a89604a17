/**
 * The Settings screen's form. Loads the shop's settings, checks with the core's schema, sends one
 * `settings.update`, and then forgets any Stripe key, SMTP password or tracking key typed: the page only ever knows
 * `stripeKeyStored`, `smtpPasswordStored` and `trackingKeyStored`. It also fetches the customer e-mails' previews
 * (`notifications.preview`), which show the saved settings.
 * A save also updates the app-wide settings store (margins on Products, the Stripe choices when taking payment).
 */
import { create } from 'zustand';
import type { NotificationKind, NotificationPreview } from '../../../src-shared/domain/notifications';
import type { DeskSettings } from '../../../src-shared/domain/settings';
import { errorMessage, invoke } from '../../api/client';
import { saveFailed } from '../../app/formSave';
import type { FieldErrors } from '../../components/formErrors';
import { useSettings } from '../catalog/settingsStore';
import type { SecretChange } from '../suppliers/supplierFormModel';
import {
  checkSettings, contentKey, noSettingsSecrets, savedNotice, SETTINGS_FIELDS, settingsSecretsDirty, valuesFromSettings,
  type SettingsFormValues, type SettingsSecretName, type SettingsSecrets,
} from './settingsFormModel';

type Status = 'idle' | 'loading' | 'ready' | 'saving' | 'loadFailed';

/** The open e-mail preview: which kind, and its state. */
export interface PreviewState {
  kind: NotificationKind;
  status: 'loading' | 'ready' | 'failed';
  preview: NotificationPreview | null;
  error: string | null;
}

interface SettingsFormState {
  status: Status;
  settings: DeskSettings | null;
  values: SettingsFormValues | null;
  savedKey: string;
  secrets: SettingsSecrets;
  errors: FieldErrors;
  checked: boolean;
  formError: string | null;
  notice: string | null;
  focusRequest: number;
  preview: PreviewState | null;

  load(): Promise<void>;
  /** Fresh settings from the core (another window saved); keeps unsaved edits. */
  refresh(): Promise<void>;
  setField<K extends keyof SettingsFormValues>(field: K, value: SettingsFormValues[K]): void;
  setSecret(name: SettingsSecretName, change: SecretChange): void;
  save(): Promise<void>;
  isDirty(): boolean;
  openPreview(kind: NotificationKind): Promise<void>;
  closePreview(): void;
}

let loadRequest = 0;
let previewRequest = 0;

export const useSettingsForm = create<SettingsFormState>()((set, get) => {
  const recheck = (values: SettingsFormValues, secrets: SettingsSecrets) => {
    if (!get().checked) return get().errors;
    const result = checkSettings(values, secrets);
    return result.ok ? {} : result.errors;
  };

  return {
    status: 'idle',
    settings: null,
    values: null,
    savedKey: '',
    secrets: noSettingsSecrets(),
    errors: {},
    checked: false,
    formError: null,
    notice: null,
    focusRequest: 0,
    preview: null,

    async load() {
      const mine = ++loadRequest;
      set({ status: 'loading', secrets: noSettingsSecrets(), errors: {}, checked: false, formError: null, notice: null });
      try {
        const settings = await invoke('settings.get', {});
        if (mine !== loadRequest) return;
        const values = valuesFromSettings(settings);
        set({ status: 'ready', settings, values, savedKey: contentKey(values) });
        useSettings.setState({ settings, error: null });
      } catch (error) {
        if (mine === loadRequest) set({ status: 'loadFailed', formError: errorMessage(error) });
      }
    },

    async refresh() {
      if (get().status !== 'ready') return;
      const mine = loadRequest;
      try {
        const settings = await invoke('settings.get', {});
        if (mine !== loadRequest || get().status !== 'ready') return;
        if (get().isDirty()) {
          set({ settings });
        } else {
          const values = valuesFromSettings(settings);
          set({ settings, values, savedKey: contentKey(values) });
        }
      } catch {
        // The page keeps what it shows; saving reports any problem.
      }
    },

    setField(field, value) {
      const current = get().values;
      if (!current) return;
      const values = { ...current, [field]: value };
      set({ values, errors: recheck(values, get().secrets), notice: null });
    },

    setSecret(name, change) {
      const values = get().values;
      const secrets = { ...get().secrets, [name]: change };
      set({ secrets, ...(values ? { errors: recheck(values, secrets) } : {}), notice: null });
    },

    async save() {
      const { values, secrets, status } = get();
      if (status !== 'ready' || !values) return;
      const checked = checkSettings(values, secrets);
      if (!checked.ok) {
        set((s) => ({ errors: checked.errors, checked: true, formError: null, notice: null, focusRequest: s.focusRequest + 1 }));
        return;
      }
      set({ status: 'saving', errors: {}, checked: true, formError: null, notice: null });
      try {
        const settings = await invoke('settings.update', checked.input);
        const saved = valuesFromSettings(settings);
        // A typed key or password is dropped here: it went to the core and is never read back.
        set({
          status: 'ready', settings, values: saved, savedKey: contentKey(saved), secrets: noSettingsSecrets(), checked: false,
          notice: savedNotice(secrets),
        });
        useSettings.setState({ settings, error: null });
      } catch (error) {
        set(saveFailed(error, (field) => {
          const path = field.split('.')[0] ?? '';
          return SETTINGS_FIELDS.has(path) ? path : null;
        }));
      }
    },

    isDirty() {
      const { status, values, savedKey, secrets } = get();
      return (status === 'ready' || status === 'saving') && values !== null && (contentKey(values) !== savedKey || settingsSecretsDirty(secrets));
    },

    async openPreview(kind) {
      const mine = ++previewRequest;
      set({ preview: { kind, status: 'loading', preview: null, error: null } });
      try {
        const preview = await invoke('notifications.preview', { kind });
        if (mine === previewRequest) set({ preview: { kind, status: 'ready', preview, error: null } });
      } catch (error) {
        if (mine === previewRequest) set({ preview: { kind, status: 'failed', preview: null, error: errorMessage(error) } });
      }
    },

    closePreview() {
      previewRequest += 1;
      set({ preview: null });
    },
  };
});
