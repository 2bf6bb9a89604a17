import type { ChangeEvent, InputHTMLAttributes, ReactNode, SelectHTMLAttributes, TextareaHTMLAttributes } from 'react';

/**
 * Form controls wired for accessibility and tests: each control is named and test-id'd by its dotted
 * input path (`customer.name`, `lines.0.unitPrice`), and its error sits beside it with aria-invalid and
 * aria-describedby pointing at it.
 */
interface FieldShellProps {
  path: string;
  label: string;
  error?: string | undefined;
  hint?: string | undefined;
  required?: boolean;
  className?: string;
  /** Hide the label visually (it stays for screen readers), e.g. inside a table of lines. */
  hideLabel?: boolean;
  /** Overrides the control's `field-<path>` test id (its error keeps `error-<path>`). */
  testId?: string | undefined;
  children: (control: ControlProps) => ReactNode;
}

export interface ControlProps {
  id: string;
  name: string;
  'data-testid': string;
  'aria-invalid': boolean;
  'aria-describedby': string | undefined;
  'aria-required': boolean | undefined;
}

export const fieldDomId = (path: string) => `f-${path.replace(/[^A-Za-z0-9_-]/g, '-')}`;
const errorDomId = (path: string) => `${fieldDomId(path)}-error`;

export function FieldShell({ path, label, error, hint, required, className, hideLabel, testId, children }: FieldShellProps) {
  const id = fieldDomId(path);
  const errorId = errorDomId(path);
  const hintId = `${id}-hint`;
  const describedBy = [error ? errorId : null, hint ? hintId : null].filter(Boolean).join(' ') || undefined;
  return (
    <div className={`field${error ? ' field-invalid' : ''}${className ? ` ${className}` : ''}`}>
      <label htmlFor={id} className={hideLabel ? 'visually-hidden' : 'field-label'}>
        {label}
        {required && <span className="field-required" aria-hidden="true"> *</span>}
      </label>
      {children({
        id,
        name: path,
        'data-testid': testId ?? `field-${path}`,
        'aria-invalid': Boolean(error),
        'aria-describedby': describedBy,
        'aria-required': required || undefined,
      })}
      {hint && !error && <p id={hintId} className="field-hint">{hint}</p>}
      {error && (
        <p id={errorId} className="field-error" data-testid={`error-${path}`}>
          {error}
        </p>
      )}
    </div>
  );
}

type Common = Omit<FieldShellProps, 'children'> & { value: string; onValueChange(value: string): void };

export function TextField({ path, label, error, hint, required, className, hideLabel, testId, value, onValueChange, ...rest }:
  Common & Omit<InputHTMLAttributes<HTMLInputElement>, 'value' | 'onChange' | 'name' | 'id'>) {
  return (
    <FieldShell {...{ path, label, error, hint, required, className, hideLabel, testId }}>
      {(control) => (
        <input
          type="text"
          {...rest}
          {...control}
          className="input"
          value={value}
          onChange={(e: ChangeEvent<HTMLInputElement>) => onValueChange(e.target.value)}
        />
      )}
    </FieldShell>
  );
}

export function TextAreaField({ path, label, error, hint, required, className, hideLabel, testId, value, onValueChange, ...rest }:
  Common & Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, 'value' | 'onChange' | 'name' | 'id'>) {
  return (
    <FieldShell {...{ path, label, error, hint, required, className, hideLabel, testId }}>
      {(control) => (
        <textarea
          {...rest}
          {...control}
          className="input textarea"
          value={value}
          onChange={(e: ChangeEvent<HTMLTextAreaElement>) => onValueChange(e.target.value)}
        />
      )}
    </FieldShell>
  );
}

export function SelectField({ path, label, error, hint, required, className, hideLabel, testId, value, onValueChange, options, placeholder, ...rest }:
  Common & { options: readonly { value: string; label: string }[]; placeholder?: string }
  & Omit<SelectHTMLAttributes<HTMLSelectElement>, 'value' | 'onChange' | 'name' | 'id'>) {
  return (
    <FieldShell {...{ path, label, error, hint, required, className, hideLabel, testId }}>
      {(control) => (
        <select
          {...rest}
          {...control}
          className="input select"
          value={value}
          onChange={(e: ChangeEvent<HTMLSelectElement>) => onValueChange(e.target.value)}
        >
          {placeholder !== undefined && <option value="">{placeholder}</option>}
          {options.map((o) => (
            <option key={o.value} value={o.value}>{o.label}</option>
          ))}
        </select>
      )}
    </FieldShell>
  );
}

/** An on/off setting: the box, its label beside it, a hint under it, and its error (`field-<path>` / `error-<path>`). */
export function CheckboxField({ path, label, checked, onCheckedChange, hint, error, testId }: {
  path: string;
  label: ReactNode;
  checked: boolean;
  onCheckedChange(checked: boolean): void;
  hint?: string | undefined;
  error?: string | undefined;
  testId?: string | undefined;
}) {
  const id = fieldDomId(path);
  const describedBy = [error ? `${id}-error` : null, hint ? `${id}-hint` : null].filter(Boolean).join(' ') || undefined;
  return (
    <div className={`field${error ? ' field-invalid' : ''}`}>
      <div className="checkbox-field">
        <input type="checkbox" id={id} name={path} data-testid={testId ?? `field-${path}`} checked={checked} aria-invalid={Boolean(error)}
          aria-describedby={describedBy} onChange={(e) => onCheckedChange(e.target.checked)} />
        <div>
          <label htmlFor={id} className="field-label">{label}</label>
          {hint && <p id={`${id}-hint`} className="field-hint">{hint}</p>}
        </div>
      </div>
      {error && <p id={`${id}-error`} className="field-error" data-testid={`error-${path}`}>{error}</p>}
    </div>
  );
}
