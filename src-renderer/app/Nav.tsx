import type { ReactNode } from 'react';
import { BoxIcon, ListIcon, PawIcon, PlusIcon, ReviewIcon, SettingsIcon, TruckIcon, WarningIcon } from '../components/Icons';
import { useExceptionCount } from '../features/exceptions/exceptionCountStore';
import { badgeLabel, formatBadgeCount } from '../features/exceptions/exceptionsModel';
import { useOrdersList } from '../features/orders/list/ordersListStore';
import { useApp } from './appStore';
import { linkHandler, paths, useRouter, type Route } from './router';

function NavLink({ href, active, testId, children }: { href: string; active: boolean; testId: string; children: ReactNode }) {
  return (
    <li>
      <a href={href} onClick={linkHandler(href)} className={`nav-link${active ? ' nav-active' : ''}`}
        aria-current={active ? 'page' : undefined} data-testid={testId}>
        {children}
      </a>
    </li>
  );
}

const is = (route: Route, ...names: Route['name'][]) => names.includes(route.name);

export function Nav() {
  const route = useRouter((s) => s.route);
  const info = useApp((s) => s.info);
  const reviewCount = useOrdersList((s) => s.counts?.needs_review ?? null);
  const exceptionCount = useExceptionCount((s) => s.count);
  return (
    <nav className="sidebar" aria-label="Main">
      <div className="brand"><PawIcon className="brand-mark" size={20} /> PetDrop Desk</div>
      <ul className="nav-list">
        <NavLink href={paths.orders()} active={is(route, 'orders', 'order', 'edit')} testId="nav-orders">
          <ListIcon className="nav-icon" /> Orders
        </NavLink>
        <NavLink href={paths.newOrder()} active={is(route, 'new')} testId="nav-new-order">
          <PlusIcon className="nav-icon" /> New order <kbd className="nav-kbd">N</kbd>
        </NavLink>
        <NavLink href={paths.review()} active={is(route, 'review')} testId="nav-review">
          <ReviewIcon className="nav-icon" /> Needs review
          {reviewCount !== null && (
            <span className={`nav-count${reviewCount > 0 ? ' nav-count-attention' : ''}`} data-testid="nav-review-count" data-count={reviewCount}
              aria-label={`${reviewCount} ${reviewCount === 1 ? 'order' : 'orders'}`}>
              {reviewCount.toLocaleString()}
            </span>
          )}
        </NavLink>
        <NavLink href={paths.exceptions()} active={is(route, 'exceptions')} testId="nav-exceptions">
          <WarningIcon className="nav-icon" /> Exceptions
          {exceptionCount !== null && (
            <span className={`nav-count${exceptionCount > 0 ? ' nav-count-attention' : ''}`} data-testid="nav-exceptions-count" data-count={exceptionCount}
              aria-label={badgeLabel(exceptionCount)} title={exceptionCount > 99 ? exceptionCount.toLocaleString() : undefined}>
              {formatBadgeCount(exceptionCount)}
            </span>
          )}
        </NavLink>
      </ul>
      <div className="nav-section" id="nav-catalog">Catalog</div>
      <ul className="nav-list" aria-labelledby="nav-catalog">
        <NavLink href={paths.products()} active={is(route, 'products', 'product', 'newProduct')} testId="nav-products">
          <BoxIcon className="nav-icon" /> Products
        </NavLink>
        <NavLink href={paths.suppliers()} active={is(route, 'suppliers', 'supplier', 'newSupplier')} testId="nav-suppliers">
          <TruckIcon className="nav-icon" /> Suppliers
        </NavLink>
      </ul>
      <div className="nav-section" id="nav-shop">Shop</div>
      <ul className="nav-list" aria-labelledby="nav-shop">
        <NavLink href={paths.settings()} active={is(route, 'settings')} testId="nav-settings">
          <SettingsIcon className="nav-icon" /> Settings
        </NavLink>
      </ul>
      <div className="sidebar-footer" data-testid="sidebar-footer">
        {info ? `v${info.version} · ${info.host === 'electron' ? 'desktop' : 'browser'}` : ''}
      </div>
    </nav>
  );
}
