import { ListIcon, PawIcon, PlusIcon } from '../components/Icons';
import { useApp } from './appStore';
import { linkHandler, paths, useRouter } from './router';

export function Nav() {
  const route = useRouter((s) => s.route);
  const info = useApp((s) => s.info);
  const ordersActive = route.name === 'orders' || route.name === 'order' || route.name === 'edit';
  const newActive = route.name === 'new';
  return (
    <nav className="sidebar" aria-label="Main">
      <div className="brand"><PawIcon className="brand-mark" size={20} /> PetDrop Desk</div>
      <ul className="nav-list">
        <li>
          <a href={paths.orders()} onClick={linkHandler(paths.orders())} className={`nav-link${ordersActive ? ' nav-active' : ''}`}
            aria-current={ordersActive ? 'page' : undefined} data-testid="nav-orders">
            <ListIcon className="nav-icon" /> Orders
          </a>
        </li>
        <li>
          <a href={paths.newOrder()} onClick={linkHandler(paths.newOrder())} className={`nav-link${newActive ? ' nav-active' : ''}`}
            aria-current={newActive ? 'page' : undefined} data-testid="nav-new-order">
            <PlusIcon className="nav-icon" /> New order <kbd className="nav-kbd">N</kbd>
          </a>
        </li>
      </ul>
      <div className="sidebar-footer" data-testid="sidebar-footer">
        {info ? `v${info.version} · ${info.host === 'electron' ? 'desktop' : 'browser'}` : ''}
      </div>
    </nav>
  );
}
