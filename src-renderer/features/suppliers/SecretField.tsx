import { useEffect, useRef, useState } from 'react';
import { Dialog } from '../../components/Dialog';
import { FieldShell } from '../../components/Field';
import { LockIcon } from '../../components/Icons';
import type { SecretChange } from './supplierFormModel';

interface SecretFieldProps {
  /** The field's path (`apiKey`); test ids derive from it (`field-apiKey`, `apiKey-stored`, …). */
  path: string;
  /** "API key", "SMTP password". */
  label: string;
  stored: boolean;
  change: SecretChange;
  onChange(change: SecretChange): void;
  error?: string | undefined;
  hint?: string | undefined;
  supplierName: string;
  /** Overrides the "An API key is stored" line (e.g. "A key is stored" for the shop's Stripe key). */
  storedText?: string;
  /** Overrides the remove dialog's explanation (the default speaks of the supplier and saving it). */
  removeText?: string;
}

/**
 * A write-only credential. The page never has the stored value, only whether one exists: it shows
 * "An API key is stored" with Replace / Remove. A typed value lives in a password box until the supplier
 * is saved, then it is dropped. Removing asks first and happens on save (Undo until then).
 */
export function SecretField({ path, label, stored, change, onChange, error, hint, supplierName, storedText, removeText }: SecretFieldProps) {
  const [confirmRemove, setConfirmRemove] = useState(false);
  const inputRef = useRef<HTMLInputElement>(null);
  // "API key" and "SMTP password" keep their acronyms; other labels read lower-case mid-sentence.
  const lower = /^[A-Z]{2}/.test(label) ? label : label.charAt(0).toLowerCase() + label.slice(1);
  const wantsFocus = useRef(false);

  useEffect(() => {
    if (change.mode === 'replace' && wantsFocus.current) {
      wantsFocus.current = false;
      inputRef.current?.focus();
    }
  }, [change.mode]);

  if (stored && change.mode === 'keep') {
    return (
      <div className="field secret" data-testid={`${path}-field`}>
        <span className="field-label">{label}</span>
        <div className="secret-stored" data-testid={`${path}-stored`}>
          <LockIcon size={14} className="secret-icon" />
          <span>{storedText ?? `An ${lower} is stored`}</span>
          <span className="secret-actions">
            <button type="button" className="button button-small" data-testid={`${path}-replace`}
              onClick={() => {
                wantsFocus.current = true;
                onChange({ mode: 'replace', value: '' });
              }}>
              Replace…
            </button>
            <button type="button" className="button button-small button-danger-outline" data-testid={`${path}-remove`} onClick={() => setConfirmRemove(true)}>
              Remove…
            </button>
          </span>
        </div>
        {error && <p className="field-error" data-testid={`error-${path}`}>{error}</p>}
        <Dialog
          open={confirmRemove}
          title={`Remove the stored ${lower}?`}
          tone="danger"
          testId={`${path}-remove-dialog`}
          onClose={() => setConfirmRemove(false)}
          initialFocus={`[data-testid="${path}-remove-cancel"]`}
          footer={(
            <>
              <button type="button" className="button" data-testid={`${path}-remove-cancel`} onClick={() => setConfirmRemove(false)}>Keep it</button>
              <button type="button" className="button button-danger" data-testid={`${path}-remove-confirm`}
                onClick={() => {
                  setConfirmRemove(false);
                  onChange({ mode: 'remove', value: '' });
                }}>
                Remove {lower}
              </button>
            </>
          )}
        >
          <p>
            {removeText ?? `The desk will no longer be able to use ${supplierName ? `${supplierName}’s` : 'this supplier’s'} ${lower} until a new one is entered. It is deleted when you save the supplier.`}
          </p>
        </Dialog>
      </div>
    );
  }

  if (stored && change.mode === 'remove') {
    return (
      <div className="field secret" data-testid={`${path}-field`}>
        <span className="field-label">{label}</span>
        <div className="secret-stored secret-removing" data-testid={`${path}-removing`}>
          <span>The stored {lower} will be removed when you save.</span>
          <button type="button" className="button button-small" data-testid={`${path}-undo`} onClick={() => onChange({ mode: 'keep', value: '' })}>
            Undo
          </button>
        </div>
      </div>
    );
  }

  return (
    <FieldShell path={path} label={stored ? `New ${lower}` : label} error={error}
      hint={hint ?? (stored ? `Replaces the stored ${lower} when you save.` : `Kept encrypted on this computer; it is never shown again after saving.`)}>
      {(control) => (
        <div className="secret-input-row">
          <input
            {...control}
            ref={inputRef}
            className="input"
            type="password"
            autoComplete="off"
            spellCheck={false}
            autoCapitalize="off"
            maxLength={1000}
            value={change.value}
            onChange={(e) => onChange({ mode: 'replace', value: e.target.value })}
          />
          {stored && (
            <button type="button" className="button" data-testid={`${path}-keep`} onClick={() => onChange({ mode: 'keep', value: '' })}>
              Keep stored
            </button>
          )}
        </div>
      )}
    </FieldShell>
  );
}
