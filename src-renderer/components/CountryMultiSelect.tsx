import { useId, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { countryName } from '../../src-shared/domain/countries';
import { FieldShell } from './Field';
import { CloseIcon } from './Icons';
import { countrySelectOptions } from './options';

const MAX_SHOWN = 60;

interface CountryMultiSelectProps {
  path: string;
  label: string;
  value: readonly string[];
  onValueChange(value: string[]): void;
  error?: string | undefined;
  hint?: string | undefined;
  /** Shown instead of chips when nothing is chosen (e.g. "Ships everywhere"). */
  emptyText: string;
}

/**
 * Countries as removable chips plus a type-to-filter box: ↑/↓ move, Enter adds, Escape closes the list,
 * Backspace in an empty box removes the last chip. Codes in, codes out (ISO 3166-1 alpha-2).
 */
export function CountryMultiSelect({ path, label, value, onValueChange, error, hint, emptyText }: CountryMultiSelectProps) {
  const [query, setQuery] = useState('');
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const listId = useId();
  const inputRef = useRef<HTMLInputElement>(null);

  const matches = useMemo(() => {
    const chosen = new Set(value);
    const q = query.trim().toLowerCase();
    return countrySelectOptions()
      .filter((o) => !chosen.has(o.value) && (q === '' || o.label.toLowerCase().includes(q) || o.value.toLowerCase() === q))
      .sort((a, b) => Number(!a.label.toLowerCase().startsWith(q)) - Number(!b.label.toLowerCase().startsWith(q)))
      .slice(0, MAX_SHOWN);
  }, [query, value]);

  const add = (code: string) => {
    if (!value.includes(code)) onValueChange([...value, code]);
    setQuery('');
    setActive(0);
    inputRef.current?.focus();
  };
  const remove = (code: string) => {
    onValueChange(value.filter((c) => c !== code));
    inputRef.current?.focus();
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    switch (event.key) {
      case 'ArrowDown':
        setOpen(true);
        setActive((i) => Math.min(i + 1, matches.length - 1));
        break;
      case 'ArrowUp':
        setActive((i) => Math.max(i - 1, 0));
        break;
      case 'Enter': {
        const option = open ? matches[active] : undefined;
        if (!option) return;
        add(option.value);
        break;
      }
      case 'Escape':
        if (!open) return;
        setOpen(false);
        break;
      case 'Backspace': {
        const last = value[value.length - 1];
        if (query !== '' || last === undefined) return;
        remove(last);
        break;
      }
      default:
        return;
    }
    event.preventDefault();
  };

  const showList = open && matches.length > 0;
  const activeOption = showList ? matches[Math.min(active, matches.length - 1)] : undefined;

  return (
    <FieldShell path={path} label={label} error={error} hint={hint}>
      {(control) => (
        <div className="multi">
          <div className="multi-chips" aria-live="polite">
            {value.length === 0 && <span className="multi-empty" data-testid={`${path}-empty`}>{emptyText}</span>}
            {value.map((code) => (
              <span className="tag" key={code} data-testid="ships-to-chip" data-code={code}>
                {countryName(code)}
                <button type="button" className="tag-remove" aria-label={`Remove ${countryName(code)}`} onClick={() => remove(code)}>
                  <CloseIcon size={12} />
                </button>
              </span>
            ))}
            {value.length > 1 && (
              <button type="button" className="link-button" data-testid={`${path}-clear`} onClick={() => onValueChange([])}>
                Clear all
              </button>
            )}
          </div>
          <div className="combo">
            <input
              {...control}
              ref={inputRef}
              type="text"
              className="input"
              role="combobox"
              aria-autocomplete="list"
              aria-expanded={showList}
              aria-controls={listId}
              aria-activedescendant={activeOption ? `${listId}-${activeOption.value}` : undefined}
              autoComplete="off"
              spellCheck={false}
              placeholder="Type a country to add it…"
              value={query}
              onChange={(e) => {
                setQuery(e.target.value);
                setActive(0);
                setOpen(true);
              }}
              onFocus={() => setOpen(true)}
              onBlur={() => setOpen(false)}
              onKeyDown={onKeyDown}
            />
            {showList && (
              <ul className="combo-list" role="listbox" id={listId} aria-label="Countries">
                {matches.map((o, i) => (
                  <li
                    key={o.value}
                    id={`${listId}-${o.value}`}
                    role="option"
                    aria-selected={activeOption?.value === o.value}
                    className={`combo-option${activeOption?.value === o.value ? ' combo-option-active' : ''}`}
                    data-testid="country-option"
                    data-code={o.value}
                    onMouseDown={(e) => e.preventDefault()}
                    onMouseEnter={() => setActive(i)}
                    onClick={() => add(o.value)}
                  >
                    {o.label} <span className="muted small">{o.value}</span>
                  </li>
                ))}
              </ul>
            )}
          </div>
        </div>
      )}
    </FieldShell>
  );
}
