import { modKey } from '../components/format';
import { SearchIcon } from '../components/Icons';
import { OutboxIndicator } from '../features/dispatch/OutboxIndicator';
import { focusOrdersTable, useOrdersList } from '../features/orders/list/ordersListStore';
import { useApp } from './appStore';
import { navigate, paths, useRouter } from './router';

export function TopBar() {
  const searchText = useOrdersList((s) => s.searchText);
  const setSearchText = useOrdersList((s) => s.setSearchText);
  const applySearchNow = useOrdersList((s) => s.applySearchNow);
  const routeName = useRouter((s) => s.route.name);
  const setHelpOpen = useApp((s) => s.setHelpOpen);

  const toList = () => {
    if (routeName !== 'orders') navigate(paths.orders());
  };

  return (
    <header className="topbar">
      <form
        role="search"
        className="search"
        onSubmit={(event) => {
          event.preventDefault();
          applySearchNow();
          toList();
          requestAnimationFrame(() => focusOrdersTable());
        }}
      >
        <label htmlFor="global-search" className="visually-hidden">Search orders</label>
        <SearchIcon className="search-icon" />
        <input
          id="global-search"
          type="search"
          name="search"
          className="search-input"
          data-testid="search-box"
          placeholder="Search by order number, name or e-mail"
          autoComplete="off"
          spellCheck={false}
          value={searchText}
          maxLength={200}
          onChange={(event) => {
            setSearchText(event.target.value);
            toList();
          }}
          onKeyDown={(event) => {
            if (event.key === 'Escape') {
              event.preventDefault();
              if (searchText !== '') {
                setSearchText('');
                applySearchNow();
              } else {
                event.currentTarget.blur();
              }
            } else if (event.key === 'ArrowDown' && routeName === 'orders') {
              event.preventDefault();
              applySearchNow();
              focusOrdersTable();
            }
          }}
        />
        <span className="search-hint" aria-hidden="true"><kbd>/</kbd> <kbd>{modKey()}+K</kbd></span>
      </form>
      <div className="topbar-actions">
        <OutboxIndicator />
        <button type="button" className="icon-button help-button" aria-label="Keyboard shortcuts" title="Keyboard shortcuts (?)"
          data-testid="help-button" onClick={() => setHelpOpen(true)}>
          ?
        </button>
      </div>
    </header>
  );
}
