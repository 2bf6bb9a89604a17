import { useEffect } from 'react';
import { subscribe, type HostKind } from '../api/client';
import { Message } from '../components/Message';
import { watchDemoProgress } from '../features/demo/demoStore';
import { watchOutbox } from '../features/dispatch/outboxStore';
import { watchExceptionCount } from '../features/exceptions/exceptionCountStore';
import { ExceptionsScreen } from '../features/exceptions/ExceptionsScreen';
import { OrderDetailScreen } from '../features/orders/detail/OrderDetailScreen';
import { OrderFormScreen } from '../features/orders/form/OrderFormScreen';
import { OrdersScreen } from '../features/orders/list/OrdersScreen';
import { ordersChanged, useOrdersList } from '../features/orders/list/ordersListStore';
import { useSettings } from '../features/catalog/settingsStore';
import { ProductScreen } from '../features/products/ProductScreen';
import { ReviewQueueScreen } from '../features/review/ReviewQueueScreen';
import { SettingsScreen } from '../features/settings/SettingsScreen';
import { ProductsScreen } from '../features/products/ProductsScreen';
import { productsChanged } from '../features/products/productsStore';
import { SupplierScreen } from '../features/suppliers/SupplierScreen';
import { SuppliersScreen } from '../features/suppliers/SuppliersScreen';
import { suppliersChanged } from '../features/suppliers/suppliersStore';
import { useApp } from './appStore';
import { HelpDialog } from './HelpDialog';
import { LeaveDialog } from './LeaveDialog';
import { Nav } from './Nav';
import { NoHostScreen } from './NoHostScreen';
import { linkHandler, paths, useRouter, type Route } from './router';
import { TopBar } from './TopBar';
import { useShortcuts } from './useShortcuts';

const TITLES: Partial<Record<Route['name'], string>> = {
  orders: 'Orders', new: 'New order', order: 'Order', edit: 'Edit order', suppliers: 'Suppliers', newSupplier: 'New supplier',
  supplier: 'Supplier', products: 'Products', newProduct: 'New product', product: 'Product', review: 'Needs review', exceptions: 'Exceptions', settings: 'Settings',
  notFound: 'Not found',
};

function Screen({ route }: { route: Route }) {
  switch (route.name) {
    case 'orders':
      return <OrdersScreen />;
    case 'new':
      return <OrderFormScreen key="new" />;
    case 'edit':
      return <OrderFormScreen key={`edit-${route.id}`} editId={route.id} />;
    case 'order':
      return <OrderDetailScreen id={route.id} />;
    case 'suppliers':
      return <SuppliersScreen />;
    case 'newSupplier':
      return <SupplierScreen key="new" />;
    case 'supplier':
      return <SupplierScreen key={`supplier-${route.id}`} id={route.id} />;
    case 'products':
      return <ProductsScreen />;
    case 'newProduct':
      return <ProductScreen key="new" />;
    case 'product':
      return <ProductScreen key={`product-${route.id}`} id={route.id} />;
    case 'review':
      return <ReviewQueueScreen />;
    case 'exceptions':
      return <ExceptionsScreen />;
    case 'settings':
      return <SettingsScreen />;
    case 'notFound':
      return (
        <div className="screen" data-testid="not-found">
          <h1>Page not found</h1>
          <p>There is no page at “{route.path}”.</p>
          <a className="button" href={paths.orders()} onClick={linkHandler(paths.orders())}>Go to orders</a>
        </div>
      );
  }
}

export function App({ host }: { host: HostKind }) {
  const route = useRouter((s) => s.route);
  const connection = useApp((s) => s.connection);
  const message = useApp((s) => s.message);
  const checkConnection = useApp((s) => s.checkConnection);
  useShortcuts();

  useEffect(() => {
    if (host === 'none') return undefined;
    void checkConnection();
    void useSettings.getState().load();
    // The sidebar's Needs review count, on every screen.
    void useOrdersList.getState().loadCounts();
    const offChanged = subscribe('orders.changed', () => ordersChanged());
    const offCatalog = subscribe('catalog.changed', () => {
      suppliersChanged();
      productsChanged();
    });
    const offSettings = subscribe('settings.changed', () => void useSettings.getState().load());
    const offDemo = watchDemoProgress();
    // The top bar's "waiting for connection" indicator, on every screen.
    const offOutbox = watchOutbox();
    // The sidebar's Exceptions badge, on every screen.
    const offExceptions = watchExceptionCount();
    return () => {
      offChanged();
      offCatalog();
      offSettings();
      offDemo();
      offOutbox();
      offExceptions();
    };
  }, [host, checkConnection]);

  useEffect(() => {
    const name = route.name === 'order' || route.name === 'edit' ? `Order ${route.id}` : TITLES[route.name] ?? 'Orders';
    document.title = `${name} · PetDrop Desk`;
  }, [route]);

  if (host === 'none') return <NoHostScreen reason="missing" />;
  if (connection === 'unauthorized') return <NoHostScreen reason="expired" />;

  return (
    <div className="shell">
      <a className="skip-link" href="#main" onClick={(e) => { e.preventDefault(); document.getElementById('main')?.focus(); }}>Skip to content</a>
      <Nav />
      <div className="shell-main">
        <TopBar />
        {(connection === 'unreachable' || connection === 'error') && (
          <div className="banner">
            <Message testId="connection-error" action={<button type="button" className="button" onClick={() => void checkConnection()}>Try again</button>}>
              {message}
            </Message>
          </div>
        )}
        <main id="main" className="content" tabIndex={-1}>
          <Screen route={route} />
        </main>
      </div>
      <HelpDialog />
      <LeaveDialog />
    </div>
  );
}
