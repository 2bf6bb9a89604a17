import '../catalog/catalog.css';
import { useEffect } from 'react';
import type { SupplierSummary } from '../../../src-shared/domain/catalog';
import { countryName } from '../../../src-shared/domain/countries';
import { linkHandler, navigate, paths } from '../../app/router';
import { TruckIcon } from '../../components/Icons';
import { Message } from '../../components/Message';
import { RelativeTime } from '../../components/RelativeTime';
import { plural } from '../../components/format';
import { countriesSummary } from '../../components/options';
import { useSuppliers } from './suppliersStore';

export function ChannelLabel({ channel }: { channel: SupplierSummary['channel'] }) {
  return <span className={`channel channel-${channel}`}>{channel === 'api' ? 'API' : 'E-mail'}</span>;
}

export function SupplierStatusBadge({ status }: { status: SupplierSummary['status'] }) {
  return (
    <span className={`badge supplier-${status}`} data-testid="supplier-status" data-status={status}>
      {status === 'active' ? 'Active' : 'Paused'}
    </span>
  );
}

function ShipsTo({ codes }: { codes: readonly string[] }) {
  if (codes.length === 0) return <span className="muted">Everywhere</span>;
  return <span title={codes.map((c) => countryName(c)).join(', ')}>{countriesSummary(codes, 2)}</span>;
}

export function SuppliersScreen() {
  const { suppliers, error, load } = useSuppliers();

  useEffect(() => {
    void useSuppliers.getState().load();
  }, []);

  const newButton = (
    <a className="button button-primary" href={paths.newSupplier()} onClick={linkHandler(paths.newSupplier())} data-testid="suppliers-new">
      Add supplier
    </a>
  );

  return (
    <div className="screen screen-catalog">
      <header className="screen-header">
        <div>
          <h1>Suppliers</h1>
          <p className="screen-subtitle" data-testid="suppliers-count">
            {suppliers === null ? (error ? 'Not loaded' : 'Loading…') : suppliers.length === 0 ? 'None yet' : `${plural(suppliers.length, 'supplier')} · ${suppliers.filter((s) => s.status === 'active').length} active`}
          </p>
        </div>
        {newButton}
      </header>
      {error && <Message testId="suppliers-error" action={<button type="button" className="button" onClick={() => void load()}>Try again</button>}>{error}</Message>}

      {suppliers?.length === 0 && (
        <section className="empty-state" data-testid="suppliers-empty">
          <div className="empty-illustration"><TruckIcon size={40} /></div>
          <h2>No suppliers yet</h2>
          <p>
            Add the wholesalers, distributors and agents you buy from: how they take orders (e-mail or API), their currency,
            lead time and where they ship. Then give your products offers from them and import their stock files.
          </p>
          <a className="button button-primary button-large" href={paths.newSupplier()} onClick={linkHandler(paths.newSupplier())} data-testid="suppliers-empty-new">
            Add your first supplier
          </a>
        </section>
      )}

      {suppliers && suppliers.length > 0 && (
        <div className="table-wrap card-table">
          <table className="data-table data-table-rows" data-testid="suppliers-table">
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Channel</th>
                <th scope="col">Status</th>
                <th scope="col">Currency</th>
                <th scope="col" className="num">Lead time</th>
                <th scope="col">Ships to</th>
                <th scope="col" className="num">Offers</th>
                <th scope="col">Last feed</th>
              </tr>
            </thead>
            <tbody>
              {suppliers.map((s) => (
                <tr key={s.id} data-testid="supplier-row" data-supplier-id={s.id} data-status={s.status}
                  className={s.status === 'paused' ? 'row-muted' : undefined}
                  onClick={(event) => {
                    if ((event.target as HTMLElement).closest('a')) return;
                    navigate(paths.supplier(s.id));
                  }}>
                  <td className="strong">
                    <a href={paths.supplier(s.id)} onClick={linkHandler(paths.supplier(s.id))} className="row-link" data-testid="supplier-link">{s.name}</a>
                  </td>
                  <td><ChannelLabel channel={s.channel} /></td>
                  <td><SupplierStatusBadge status={s.status} /></td>
                  <td className="mono">{s.currency}</td>
                  <td className="num">{plural(s.leadTimeDays, 'day')}</td>
                  <td><ShipsTo codes={s.shipsTo} /></td>
                  <td className="num" data-testid="supplier-offer-count">{s.offerCount.toLocaleString()}</td>
                  <td><RelativeTime iso={s.lastFeedAt} testId="supplier-last-feed" /></td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
