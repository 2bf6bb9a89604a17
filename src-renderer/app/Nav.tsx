import type { ReactNode } from 'react';
import { BoxIcon, ListIcon, PawIcon, PlusIcon, TruckIcon } from '../components/Icons';
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
      <div className="sidebar-footer" data-testid="sidebar-footer">
        {info ? `v${info.version} · ${info.host === 'electron' ? 'desktop' : 'browser'}` : ''}
      </div>
    </nav>
  );
}
