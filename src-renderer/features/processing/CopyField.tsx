import { useEffect, useRef, useState } from 'react';

/**
 * A read-only text (a payment link, a tracking number) with a Copy button; `what` names it in the messages
 * ("the link", "the tracking number"). The clipboard API may be refused (a window whose
 * permissions are all denied), so the text is also selected in its box: Ctrl/Cmd+C then works by hand.
 */
export function CopyField({ value, label, testId, copyTestId, what = 'link' }: {
  value: string; label: string; testId: string; copyTestId: string; what?: string;
}) {
  const inputRef = useRef<HTMLInputElement>(null);
  const [state, setState] = useState<'idle' | 'copied' | 'by-hand'>('idle');

  useEffect(() => setState('idle'), [value]);

  const copy = async () => {
    const input = inputRef.current;
    input?.focus();
    input?.select();
    try {
      await navigator.clipboard.writeText(value);
      setState('copied');
    } catch {
      setState('by-hand');
    }
  };

  return (
    <div className="copy-field">
      <label className="visually-hidden" htmlFor={`${testId}-input`}>{label}</label>
      <input ref={inputRef} id={`${testId}-input`} className="input mono" readOnly value={value} data-testid={testId} spellCheck={false}
        onFocus={(e) => e.currentTarget.select()} />
      <button type="button" className="button" data-testid={copyTestId} onClick={() => void copy()}>
        {state === 'copied' ? 'Copied' : 'Copy'}
      </button>
      <span className="visually-hidden" role="status">{state === 'copied' ? `${what.charAt(0).toUpperCase()}${what.slice(1)} copied` : ''}</span>
      {state === 'by-hand' && <p className="field-hint copy-by-hand">The {what} is selected: press Ctrl+C (⌘C on a Mac) to copy it.</p>}
    </div>
  );
}
