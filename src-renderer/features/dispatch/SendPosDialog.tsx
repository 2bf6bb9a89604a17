import { useLayoutEffect, useState } from 'react';
import { formatMoney } from '../../../src-shared/domain/money';
import type { OrderDetail } from '../../../src-shared/domain/order';
import { Dialog } from '../../components/Dialog';
import { Message } from '../../components/Message';
import { plural } from '../../components/format';
import { isWorking, useDispatch } from './dispatchStore';
import { channelText, draftsOf, ownLines, sendLabel, sendNotice } from './poModel';

/**
 * Asks before the drafts go: which supplier gets which PO, each with its preview one click away. Sending only
 * queues them in the outbox, so it works offline; the panel then shows where each one is.
 */
export function SendPosDialog({ order }: { order: OrderDetail }) {
  const open = useDispatch((s) => s.sendOrderId === order.id);
  const working = useDispatch((s) => s.working);
  const { closeSend, openPreview, run } = useDispatch.getState();
  const [error, setError] = useState<string | null>(null);
  const busy = isWorking(working, 'send');

  useLayoutEffect(() => {
    if (open) setError(null);
  }, [open]);

  if (!open) return null;
  const drafts = draftsOf(order);
  const close = () => {
    if (!busy) closeSend();
  };
  const confirm = async () => {
    if (drafts.length === 0 || busy) return;
    const ids = drafts.map((po) => po.id);
    setError(null);
    const result = await run('send', null, 'supplierOrders.send', { orderId: order.id }, { notice: (o) => sendNotice(o, ids) });
    if (result.ok) closeSend();
    else setError(result.message);
  };

  return (
    <Dialog open title={drafts.length === 1 ? 'Send the purchase order?' : 'Send the purchase orders?'} onClose={close} testId="po-send-dialog"
      initialFocus='[data-testid="po-send-confirm"]'
      footer={(
        <>
          <button type="button" className="button" data-testid="po-send-dismiss" onClick={close} disabled={busy}>Not now</button>
          {drafts.length > 0 && (
            <button type="button" className="button button-primary" data-testid="po-send-confirm" onClick={() => void confirm()} disabled={busy}>
              {busy ? 'Sending…' : sendLabel(drafts.length)}
            </button>
          )}
        </>
      )}>
      {drafts.length === 0 ? (
        <p data-testid="po-send-nothing">There is no draft purchase order left to send for {order.number}.</p>
      ) : (
        <>
          <p>{order.number} goes to {drafts.length === 1 ? 'one supplier' : `${drafts.length} suppliers`}, one purchase order each:</p>
          <ul className="po-send-list">
            {drafts.map((po) => (
              <li key={po.id} className="po-send-item" data-testid="po-send-item" data-po={po.number}>
                <div className="po-send-what">
                  <span className="strong">{po.supplier.name}</span> · <span className="mono">{po.number}</span>
                  <div className="muted small">{channelText(po)} · {plural(ownLines(po).length, 'line')} · {formatMoney(po.total)}</div>
                </div>
                <button type="button" className="button button-small" data-testid={`po-send-preview-${po.number}`} disabled={busy}
                  onClick={() => void openPreview(po.id)}>
                  Preview
                </button>
              </li>
            ))}
          </ul>
          <p className="muted small">Sending works offline: they wait in the outbox and go out by themselves when the network is back.</p>
        </>
      )}
      {error && <Message testId="po-send-error">{error}</Message>}
    </Dialog>
  );
}
