import './dispatch.css';
import { useEffect, useState } from 'react';
import type { OrderDetail } from '../../../src-shared/domain/order';
import { useOrderDetail } from '../orders/detail/orderDetailStore';
import { useDispatch } from './dispatchStore';
import { PoAnswerDialog } from './PoAnswerDialog';
import { PoCard, type PoDialog } from './PoCard';
import { draftsOf, sendLabel } from './poModel';
import { PoPreviewDialog } from './PoPreviewDialog';
import { PoRerouteDialog } from './PoRerouteDialog';
import { PoUnknownDialog } from './PoUnknownDialog';
import { PoWithdrawDialog } from './PoWithdrawDialog';
import { SendPosDialog } from './SendPosDialog';

/**
 * The order's purchase orders, one per supplier: drafts to preview and send, then each one's way to the
 * supplier and the supplier's answer, with the one or two things a person can do about it.
 */
export function SupplierOrdersPanel({ order }: { order: OrderDetail }) {
  const busy = useOrderDetail((s) => s.busy);
  const openSend = useDispatch((s) => s.openSend);
  const [open, setOpen] = useState<{ dialog: PoDialog; poId: number } | null>(null);
  const pos = order.supplierOrders;
  const drafts = draftsOf(order);
  const live = order.cancelledAt === null;
  const selected = open ? pos.find((po) => po.id === open.poId) ?? null : null;

  // Leaving the order closes what this panel opened (the send dialog may have been opened by the next step).
  useEffect(() => () => {
    useDispatch.getState().closeSend();
    useDispatch.getState().closePreview();
  }, [order.id]);

  return (
    <section className="card" aria-labelledby="d-pos" id="supplier-orders" data-testid="po-panel">
      <div className="card-title-row">
        <h2 id="d-pos" className="card-title">Supplier orders</h2>
        {live && drafts.length > 0 && (
          <button type="button" className="button button-small button-primary" data-testid="po-send" disabled={busy !== null} onClick={() => openSend(order.id)}>
            {sendLabel(drafts.length)}
          </button>
        )}
      </div>
      {pos.length === 0 ? (
        <p className="muted" data-testid="po-empty">
          {live ? 'When the order is verified and paid, send it to its suppliers: one purchase order per supplier.' : 'No purchase orders.'}
        </p>
      ) : (
        <ul className="pos">
          {pos.map((po) => (
            <PoCard key={po.id} po={po} locked={busy !== null} onOpen={(dialog) => setOpen({ dialog, poId: po.id })} />
          ))}
        </ul>
      )}

      <SendPosDialog order={order} />
      <PoPreviewDialog pos={pos} />
      {selected && open?.dialog === 'answer' && <PoAnswerDialog po={selected} onClose={() => setOpen(null)} />}
      {selected && open?.dialog === 'unknown' && <PoUnknownDialog po={selected} onClose={() => setOpen(null)} />}
      {selected && open?.dialog === 'reroute' && <PoRerouteDialog order={order} po={selected} onClose={() => setOpen(null)} />}
      {selected && open?.dialog === 'withdraw' && <PoWithdrawDialog po={selected} onClose={() => setOpen(null)} />}
    </section>
  );
}
