import { useLayoutEffect, useState } from 'react';
import type { OrderDetail } from '../../../src-shared/domain/order';
import type { SupplierOrderView } from '../../../src-shared/domain/supplier-orders';
import { Dialog } from '../../components/Dialog';
import { Message } from '../../components/Message';
import { isWorking, useDispatch } from './dispatchStore';
import { lineStatusText, linesToReroute, rerouteNotice, rerouteText } from './poModel';

/** Asks before the lines a supplier cannot ship now go to the next supplier with stock, as a new draft PO. */
export function PoRerouteDialog({ order, po, onClose }: { order: OrderDetail; po: SupplierOrderView; onClose(): void }) {
  const working = useDispatch((s) => s.working);
  const run = useDispatch((s) => s.run);
  const [error, setError] = useState<string | null>(null);
  const busy = isWorking(working, 'reroute', po.id);
  const moving = linesToReroute(po);

  useLayoutEffect(() => setError(null), [po.id]);

  const close = () => {
    if (!busy) onClose();
  };
  const confirm = async () => {
    if (busy) return;
    const before = order.supplierOrders.map((p) => p.id);
    setError(null);
    const result = await run('reroute', po.id, 'supplierOrders.reroute', { poId: po.id }, { notice: (o) => rerouteNotice(before, o) });
    if (result.ok) onClose();
    else setError(result.message);
  };

  return (
    <Dialog open title={`Move ${moving.length === 1 ? 'a line' : 'lines'} of ${po.number} to the next supplier?`} onClose={close}
      testId="po-reroute-dialog" initialFocus='[data-testid="po-reroute-confirm"]'
      footer={(
        <>
          <button type="button" className="button" data-testid="po-reroute-dismiss" onClick={close} disabled={busy}>Keep them here</button>
          <button type="button" className="button button-primary" data-testid="po-reroute-confirm" onClick={() => void confirm()} disabled={busy}>
            {busy ? 'Moving…' : 'Move to next supplier'}
          </button>
        </>
      )}>
      <ul className="po-reroute-lines">
        {moving.map((line) => (
          <li key={line.id}>
            <span className="strong">{line.quantity} × {line.title || 'Untitled'}</span>{' '}
            <span className="muted small">{lineStatusText(line)}</span>
          </li>
        ))}
      </ul>
      <p data-testid="po-reroute-text">{rerouteText(po)}</p>
      {error && <Message testId="po-reroute-error">{error}</Message>}
    </Dialog>
  );
}
