import '../orders.css';
import { useEffect, useState } from 'react';
import { formatOrderNumber } from '../../../../src-shared/domain/order-number';
import { STAGE_LABELS, STAGES } from '../../../../src-shared/domain/stage';
import { Message } from '../../../components/Message';
import { linkHandler, paths } from '../../../app/router';
import { EmptyDesk } from '../../demo/EmptyDesk';
import { ExportDialog } from '../../export/ExportDialog';
import { OrderImportDialog } from '../../order-import/OrderImportDialog';
import { useDemo } from '../../demo/demoStore';
import { OrdersTable } from './OrdersTable';
import { StageFilters } from './StageFilters';
import { listMounted, useOrdersList } from './ordersListStore';

export function OrdersScreen() {
  const total = useOrdersList((s) => s.total);
  const counts = useOrdersList((s) => s.counts);
  const error = useOrdersList((s) => s.error);
  const countsError = useOrdersList((s) => s.countsError);
  const stage = useOrdersList((s) => s.stage);
  const search = useOrdersList((s) => s.search);
  const clearFilters = useOrdersList((s) => s.clearFilters);
  const retry = useOrdersList((s) => s.retry);
  const demoBusy = useDemo((s) => s.loading);
  const [exportOpen, setExportOpen] = useState(false);
  const [importOpen, setImportOpen] = useState(false);

  useEffect(() => {
    listMounted(true);
    return () => listMounted(false);
  }, []);

  const deskTotal = counts ? STAGES.reduce((sum, s) => sum + counts[s], 0) : null;
  const filtered = stage !== null || search !== '';
  // First child of both layouts below, so React keeps the same dialog (and its report) when the first import
  // turns the empty desk into the list.
  const importDialog = (
    <OrderImportDialog open={importOpen} onClose={() => setImportOpen(false)} onImported={() => {
      retry();
      void useOrdersList.getState().loadCounts();
    }} />
  );
  const importButton = (
    <button type="button" className="button" data-testid="order-import-open" onClick={() => setImportOpen(true)}>Import orders…</button>
  );

  if ((deskTotal === 0 && (total === 0 || total === null)) || demoBusy) {
    return (
      <div className="screen screen-orders">
        {importDialog}
        {countsError && <Message action={<button type="button" className="button" onClick={retry}>Try again</button>}>{countsError}</Message>}
        <EmptyDesk onLoaded={async () => {
          retry();
          await useOrdersList.getState().loadCounts();
        }} />
        {!demoBusy && <div className="empty-import">{importButton}</div>}
      </div>
    );
  }

  const describeFilter = [
    stage ? `in “${STAGE_LABELS[stage]}”` : null,
    search ? `matching “${search}”` : null,
  ].filter(Boolean).join(' ');

  return (
    <div className="screen screen-orders">
      {importDialog}
      <header className="screen-header">
        <div>
          <h1>Orders</h1>
          <p className="screen-subtitle" data-testid="orders-count" aria-live="polite">
            {total === null ? (error ? 'Not loaded' : 'Loading…') : `${total.toLocaleString()} ${total === 1 ? 'order' : 'orders'}${filtered ? ` ${describeFilter}` : ''}`}
          </p>
        </div>
        <div className="screen-header-actions">
          {importButton}
          <button type="button" className="button" data-testid="export-open" onClick={() => setExportOpen(true)}>Export…</button>
          <a className="button button-primary" href={paths.newOrder()} onClick={linkHandler(paths.newOrder())} data-testid="orders-new-order">
            New order <kbd>N</kbd>
          </a>
        </div>
      </header>
      <ExportDialog open={exportOpen} onClose={() => setExportOpen(false)} />
      <StageFilters />
      {(error || countsError) && (
        <Message testId="list-error" action={<button type="button" className="button" onClick={retry}>Try again</button>}>
          {error ?? countsError}
        </Message>
      )}
      {total === 0 && filtered ? (
        <div className="no-matches" data-testid="no-matches">
          <h2>No orders {describeFilter}</h2>
          <p>Check the spelling, search by order number (such as {formatOrderNumber(1042)}), the start of a name, or an e-mail address.</p>
          <button type="button" className="button" data-testid="clear-filters" onClick={clearFilters}>
            Clear {stage && search ? 'search and filter' : stage ? 'filter' : 'search'}
          </button>
        </div>
      ) : total === null ? (
        <div className="table-loading" data-testid="orders-loading" aria-busy={!error}>
          {error ? 'The orders could not be loaded.' : 'Loading orders…'}
        </div>
      ) : (
        <OrdersTable total={total} />
      )}
    </div>
  );
}
