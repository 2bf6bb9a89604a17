import { useRef, useState } from 'react';
import { fieldDomId } from '../../components/Field';
import { logoFileProblem, logoFromDataUrl } from './logoModel';

/**
 * The customer e-mails' logo: choose a PNG or JPEG (checked before and after reading), see it small, or remove it.
 * The image becomes a data URL in the form and is saved with the other settings (`emailLogo`).
 */
export function LogoField({ value, onChange, error }: { value: string; onChange(logo: string): void; error?: string | undefined }) {
  const [problem, setProblem] = useState<string | null>(null);
  const [reading, setReading] = useState(false);
  const inputRef = useRef<HTMLInputElement>(null);
  const id = fieldDomId('emailLogo');
  const shown = problem ?? error;

  const choose = (file: File | undefined) => {
    if (inputRef.current) inputRef.current.value = '';
    if (!file) return;
    const before = logoFileProblem(file);
    if (before) {
      setProblem(before);
      return;
    }
    setReading(true);
    const reader = new FileReader();
    reader.onload = () => {
      setReading(false);
      const read = logoFromDataUrl(typeof reader.result === 'string' ? reader.result : '', file.name);
      if (!read.ok) {
        setProblem(read.error);
        return;
      }
      setProblem(null);
      onChange(read.logo);
    };
    reader.onerror = () => {
      setReading(false);
      setProblem(`“${file.name}” could not be read. Choose the file again.`);
    };
    reader.readAsDataURL(file);
  };

  return (
    <div className={`field${shown ? ' field-invalid' : ''}`}>
      <span className="field-label" id={`${id}-label`}>Logo</span>
      <div className="logo-field">
        {value
          ? <img className="logo-thumb" src={value} alt="The shop’s logo" data-testid="emailLogo-thumb" />
          : <span className="logo-empty muted small" data-testid="emailLogo-none">No logo: the e-mails show the shop’s name</span>}
        {/* The file box is hidden behind its label (styled as a button); it comes first so its focus ring shows on the label. */}
        <input ref={inputRef} id={id} className="visually-hidden" type="file" accept="image/png,image/jpeg" data-testid="field-emailLogo"
          aria-labelledby={`${id}-label`} aria-invalid={Boolean(shown)} aria-describedby={shown ? `${id}-error` : `${id}-hint`}
          onChange={(e) => choose(e.target.files?.[0])} />
        <label className="button button-small" htmlFor={id}>{value ? 'Choose another…' : 'Choose an image…'}</label>
        {value && (
          <button type="button" className="button button-small button-danger-outline" data-testid="emailLogo-remove" onClick={() => {
            setProblem(null);
            onChange('');
          }}>
            Remove logo
          </button>
        )}
        {reading && <span className="muted small" aria-live="polite">Reading…</span>}
      </div>
      {shown
        ? <p id={`${id}-error`} className="field-error" data-testid="error-emailLogo">{shown}</p>
        : <p id={`${id}-hint`} className="field-hint">PNG or JPEG, at most 100 KB. Embedded in each e-mail, so nothing is fetched when the customer opens it.</p>}
    </div>
  );
}
