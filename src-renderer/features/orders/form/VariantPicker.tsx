import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import type { VariantOption } from '../../../../src-shared/domain/catalog';
import { formatMoney } from '../../../../src-shared/domain/money';
import { errorMessage, invoke } from '../../../api/client';
import { TextField } from '../../../components/Field';
import { CloseIcon } from '../../../components/Icons';

export const VARIANT_SEARCH_DEBOUNCE_MS = 150;
const RESULT_LIMIT = 8;

interface VariantPickerProps {
  index: number;
  title: string;
  variantId: number | null;
  sku: string;
  error?: string | undefined;
  onTitle(value: string): void;
  onPick(option: VariantOption): void;
  onUnlink(): void;
}

type Search = { state: 'idle' } | { state: 'loading' } | { state: 'done'; query: string; options: VariantOption[] } | { state: 'failed'; message: string };

/**
 * The order line's item box doubles as a catalog search: typing looks up variants (after a short pause),
 * ↑/↓ move through them, Enter picks, Escape closes. A picked line shows a "catalog" chip; its × makes the
 * line free text again. While linked, the title can still be edited and stays linked.
 */
export function VariantPicker({ index, title, variantId, sku, error, onTitle, onPick, onUnlink }: VariantPickerProps) {
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const [search, setSearch] = useState<Search>({ state: 'idle' });
  const request = useRef(0);
  const listId = useId();
  const linked = variantId !== null;
  const query = title.trim();

  useEffect(() => {
    if (linked || !open || query === '') {
      request.current += 1;
      setSearch({ state: 'idle' });
      return undefined;
    }
    const mine = ++request.current;
    const timer = setTimeout(() => {
      setSearch((s) => (s.state === 'done' ? s : { state: 'loading' }));
      invoke('catalog.searchVariants', { query: query.slice(0, 200), limit: RESULT_LIMIT })
        .then((options) => {
          if (mine !== request.current) return;
          setSearch({ state: 'done', query, options });
          setActive(-1);
        })
        .catch((e: unknown) => {
          if (mine === request.current) setSearch({ state: 'failed', message: errorMessage(e) });
        });
    }, VARIANT_SEARCH_DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [query, open, linked]);

  const options = search.state === 'done' ? search.options : [];
  const showList = open && !linked && query !== '' && search.state !== 'idle';
  const activeOption = showList && active >= 0 ? options[active] : undefined;

  const pick = (option: VariantOption) => {
    request.current += 1;
    setOpen(false);
    setSearch({ state: 'idle' });
    setActive(-1);
    onPick(option);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (linked) return;
    switch (event.key) {
      case 'ArrowDown':
        if (!open) setOpen(true);
        else if (options.length > 0) setActive((i) => (i + 1) % options.length);
        break;
      case 'ArrowUp':
        if (options.length > 0) setActive((i) => (i <= 0 ? options.length - 1 : i - 1));
        break;
      case 'Enter':
        if (!showList) return;
        // Enter in an open list never submits the order: it picks, or just closes the list.
        if (activeOption) pick(activeOption);
        else setOpen(false);
        break;
      case 'Escape':
        if (!showList) return;
        event.stopPropagation();
        setOpen(false);
        break;
      default:
        return;
    }
    event.preventDefault();
  };

  return (
    <div className="picker">
      <TextField
        hideLabel
        path={`lines.${index}.title`}
        label={`Line ${index + 1} item`}
        required
        value={title}
        onValueChange={(v) => {
          onTitle(v);
          if (!linked) setOpen(true);
        }}
        error={error}
        placeholder={linked ? undefined : 'Type a product or SKU, or any item text'}
        autoComplete="off"
        role={linked ? undefined : 'combobox'}
        aria-autocomplete={linked ? undefined : 'list'}
        aria-expanded={linked ? undefined : showList}
        aria-controls={linked ? undefined : listId}
        aria-activedescendant={activeOption ? `${listId}-${activeOption.id}` : undefined}
        onKeyDown={onKeyDown}
        onBlur={() => setOpen(false)}
      />
      {linked && (
        <span className="catalog-chip" data-testid={`line-variant-${index}`} data-variant-id={variantId} title={`Linked to catalog variant ${sku}`}>
          catalog
          <button type="button" className="catalog-chip-remove" aria-label={`Unlink line ${index + 1} from the catalog (keep it as free text)`}
            data-testid={`unlink-variant-${index}`} onClick={onUnlink}>
            <CloseIcon size={11} />
          </button>
        </span>
      )}
      {showList && (
        <div className="picker-popup" data-testid="variant-picker">
          {search.state === 'loading' && <div className="picker-status" role="status">Searching the catalog…</div>}
          {search.state === 'failed' && <div className="picker-status picker-error" role="alert">{search.message}</div>}
          {search.state === 'done' && options.length === 0 && (
            <div className="picker-status" role="status" data-testid="variant-no-match">No catalog variant matches “{search.query}”: the line stays free text.</div>
          )}
          {options.length > 0 && (
            <ul className="combo-list combo-list-static" role="listbox" id={listId} aria-label="Catalog variants">
              {options.map((o, i) => (
                <li
                  key={o.id}
                  id={`${listId}-${o.id}`}
                  role="option"
                  aria-selected={i === active}
                  className={`combo-option variant-option${i === active ? ' combo-option-active' : ''}`}
                  data-testid="variant-option"
                  data-variant-id={o.id}
                  data-sku={o.sku}
                  onMouseDown={(e) => e.preventDefault()}
                  onMouseEnter={() => setActive(i)}
                  onClick={() => pick(o)}
                >
                  <span className="variant-option-main">
                    <span className="variant-option-title">{o.productTitle}{o.title ? ` — ${o.title}` : ''}</span>
                    <span className="mono muted">{o.sku}</span>
                  </span>
                  <span className="variant-option-side">
                    <span>{formatMoney(o.retailPrice)}</span>
                    <span className={o.totalStock > 0 ? 'muted small' : 'small out-of-stock-text'}>{o.totalStock > 0 ? `${o.totalStock.toLocaleString()} in stock` : 'Out of stock'}</span>
                  </span>
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
    </div>
  );
}
