import { useEffect, useState } from 'react';
import { updateSettingsInput } from '../../../src-shared/schemas/catalog-procedures';
import { readNumber } from '../../components/formErrors';
import { useSettings } from '../catalog/settingsStore';

/** The shop's margin threshold: margins below it show in red here and in feed change reports. */
export function MarginThreshold() {
  const settings = useSettings((s) => s.settings);
  const saving = useSettings((s) => s.saving);
  const loadError = useSettings((s) => s.error);
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const current = settings?.marginThresholdPercent;

  useEffect(() => {
    if (current !== undefined) setText(String(current));
  }, [current]);

  const changed = current !== undefined && text.trim() !== String(current);

  const save = async () => {
    const parsed = updateSettingsInput.safeParse({ marginThresholdPercent: readNumber(text) });
    if (!parsed.success) {
      setError(text.trim() === '' ? 'Enter a percentage from 0 to 100' : parsed.error.issues[0]?.message ?? 'Enter a percentage from 0 to 100');
      return;
    }
    setError(null);
    const problem = await useSettings.getState().update(parsed.data);
    if (problem) setError(problem);
    else setSaved(true);
  };

  return (
    <form
      className="threshold"
      noValidate
      data-testid="margin-threshold"
      onSubmit={(event) => {
        event.preventDefault();
        void save();
      }}
    >
      <label htmlFor="f-marginThresholdPercent" className="threshold-label">Flag margins below</label>
      <span className="threshold-input">
        <input
          id="f-marginThresholdPercent"
          name="marginThresholdPercent"
          data-testid="field-marginThresholdPercent"
          className="input"
          inputMode="numeric"
          autoComplete="off"
          value={text}
          disabled={settings === null}
          aria-invalid={Boolean(error)}
          aria-describedby={error ? 'f-marginThresholdPercent-error' : undefined}
          onChange={(e) => {
            setText(e.target.value);
            setSaved(false);
            setError(null);
          }}
          onKeyDown={(e) => {
            if (e.key === 'Escape' && current !== undefined) {
              e.preventDefault();
              setText(String(current));
              setError(null);
            }
          }}
        />
        <span aria-hidden="true">%</span>
      </span>
      {changed && (
        <button type="submit" className="button button-small" data-testid="margin-threshold-save" disabled={saving}>
          {saving ? 'Saving…' : 'Save'}
        </button>
      )}
      {saved && !changed && <span className="threshold-saved" role="status">Saved</span>}
      {error && <p id="f-marginThresholdPercent-error" className="field-error threshold-error" data-testid="error-marginThresholdPercent">{error}</p>}
      {!error && loadError && settings === null && <p className="field-error threshold-error">{loadError}</p>}
    </form>
  );
}
