import { useEffect } from 'react';
import { subscribe, type HostKind } from '../api/client';
import { Message } from '../components/Message';
import { watchDemoProgress } from '../features/demo/demoStore';
import { OrderDetailScreen } from '../features/orders/detail/OrderDetailScreen';
import { OrderFormScreen } from '../features/orders/form/OrderFormScreen';
import { OrdersScreen } from '../features/orders/list/OrdersScreen';
import { ordersChanged } from '../features/orders/list/ordersListStore';
import { useApp } from './appStore';
import { HelpDialog } from './HelpDialog';
import { LeaveDialog } from './LeaveDialog';
import { Nav } from './Nav';
import { NoHostScreen } from './NoHostScreen';
import { linkHandler, paths, useRouter, type Route } from './router';
import { TopBar } from './TopBar';
import { useShortcuts } from './useShortcuts';

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
    const offChanged = subscribe('orders.changed', () => ordersChanged());
    const offDemo = watchDemoProgress();
    return () => {
      offChanged();
      offDemo();
    };
  }, [host, checkConnection]);

  useEffect(() => {
    const name = route.name === 'order' || route.name === 'edit' ? `Order ${route.id}` : route.name === 'new' ? 'New order' : 'Orders';
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
