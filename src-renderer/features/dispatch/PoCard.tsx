import type { ReactElement } from 'react';
import { formatMoney } from '../../../src-shared/domain/money';
import { PO_STATUS_LABELS, type SupplierOrderView } from '../../../src-shared/domain/supplier-orders';
import { linkHandler, paths } from '../../app/router';
import { RelativeTime } from '../../components/RelativeTime';
import { isWorking, useDispatch } from './dispatchStore';
import { channelText, deliveryText, lineStatusText, poActions, refreshNotice, statusExplanation, type PoAction } from './poModel';

/** The dialogs a PO's buttons open; the panel owns them so that one is open at a time. */
export type PoDialog = 'answer' | 'unknown' | 'reroute' | 'withdraw';

/**
 * One purchase order: who it goes to and how, where it is (status, delivery through the outbox, the supplier's
 * reference), its lines with the supplier's answer for each, and the buttons its status allows.
 */
export function PoCard({ po, locked, onOpen }: { po: SupplierOrderView; locked: boolean; onOpen(dialog: PoDialog): void }) {
  const working = useDispatch((s) => s.working);
  const { openPreview, run } = useDispatch.getState();
  const actions = poActions(po);
  const explanation = statusExplanation(po);
  const delivery = deliveryText(po.delivery);
  const n = po.number;

  const buttons: Record<PoAction, () => ReactElement> = {
    preview: () => (
      <button key="preview" type="button" className="button button-small" data-testid={`po-preview-${n}`} onClick={() => void openPreview(po.id)}>
        Preview
      </button>
    ),
    answer: () => (
      <button key="answer" type="button" className="button button-small button-primary" data-testid={`po-answer-${n}`} disabled={locked}
        onClick={() => onOpen('answer')}>
        {po.status === 'sent' ? 'Record supplier’s answer…' : 'Change supplier’s answer…'}
      </button>
    ),
    refresh: () => (
      <button key="refresh" type="button" className="button button-small" data-testid={`po-refresh-${n}`} disabled={locked}
        onClick={() => void run('refresh', po.id, 'supplierOrders.refresh', { poId: po.id }, { showError: true, notice: (o) => refreshNotice(po, o) })}>
        {isWorking(working, 'refresh', po.id) ? 'Asking the supplier…' : 'Check now'}
      </button>
    ),
    resolveUnknown: () => (
      <button key="resolveUnknown" type="button" className="button button-small button-primary" data-testid={`po-resolve-${n}`} disabled={locked}
        onClick={() => onOpen('unknown')}>
        Decide what to do…
      </button>
    ),
    retry: () => (
      <button key="retry" type="button" className="button button-small button-primary" data-testid={`po-retry-${n}`} disabled={locked || !po.delivery}
        onClick={() => {
          if (po.delivery) void run('retry', po.id, 'outbox.retry', { id: po.delivery.outboxId }, { showError: true, notice: () => `${n}: trying again.` });
        }}>
        {isWorking(working, 'retry', po.id) ? 'Queueing…' : 'Try again'}
      </button>
    ),
    reroute: () => (
      <button key="reroute" type="button" className="button button-small" data-testid={`po-reroute-${n}`} disabled={locked} onClick={() => onOpen('reroute')}>
        Move to next supplier…
      </button>
    ),
    withdraw: () => (
      <button key="withdraw" type="button" className="button button-small" data-testid={`po-withdraw-${n}`} disabled={locked} onClick={() => onOpen('withdraw')}>
        Withdraw…
      </button>
    ),
  };

  return (
    <li className={`po po-${po.status}`} data-testid={`po-${n}`} data-status={po.status} data-channel={po.channel}>
      <div className="po-head">
        <span className="po-number strong">{n}</span>
        <a className="po-supplier" href={paths.supplier(po.supplier.id)} onClick={linkHandler(paths.supplier(po.supplier.id))}>{po.supplier.name}</a>
        <span className={`badge po-badge po-badge-${po.status}`} data-testid={`po-status-${n}`}>{PO_STATUS_LABELS[po.status]}</span>
      </div>
      <p className="po-channel muted small" data-testid={`po-channel-${n}`}>
        {channelText(po)}
        {po.possibleDuplicate && <span className="po-duplicate"> · resent as a possible duplicate</span>}
      </p>
      <dl className="po-facts">
        <div><dt>Total</dt><dd data-testid={`po-total-${n}`}>{formatMoney(po.total)}</dd></div>
        {po.supplierReference && <div><dt>Supplier’s number</dt><dd className="mono" data-testid={`po-reference-${n}`}>{po.supplierReference}</dd></div>}
        {po.sentAt && <div><dt>Sent</dt><dd><RelativeTime iso={po.sentAt} /></dd></div>}
        {po.acknowledgedAt && <div><dt>Answered</dt><dd><RelativeTime iso={po.acknowledgedAt} /></dd></div>}
        {po.channel === 'api' && (po.status === 'sent' || po.status === 'unknown' || po.lastCheckedAt) && (
          <div><dt>Checked</dt><dd data-testid={`po-checked-${n}`}><RelativeTime iso={po.lastCheckedAt} empty="Not yet" /></dd></div>
        )}
      </dl>
      {explanation && <p className="po-explanation" data-testid={`po-explanation-${n}`}>{explanation}</p>}
      {po.statusReason && <p className={`po-reason po-reason-${po.status}`} data-testid={`po-reason-${n}`}>{po.statusReason}</p>}
      {delivery && (
        <p className={`po-delivery action-${delivery.tone}`} data-testid={`po-delivery-${n}`} title={delivery.title} aria-live="polite">{delivery.text}</p>
      )}
      <table className="lines-table po-lines">
        <thead>
          <tr><th scope="col">Item</th><th scope="col">Supplier SKU</th><th scope="col" className="num">Qty</th><th scope="col" className="num">Unit cost</th><th scope="col">Supplier’s answer</th></tr>
        </thead>
        <tbody>
          {po.lines.map((line) => (
            <tr key={line.id} className={`po-line po-line-${line.status}`} data-testid="po-line" data-line-id={line.id} data-status={line.status}>
              <td>{line.title || <span className="muted">Untitled</span>}</td>
              <td className="mono">{line.supplierSku || <span className="muted">—</span>}</td>
              <td className="num">{line.quantity}</td>
              <td className="num">{formatMoney(line.unitCost)}</td>
              <td>
                <span className="po-line-status" data-testid="po-line-status">{lineStatusText(line, po.status)}</span>
                {line.note && <div className="muted small po-line-note">{line.note}</div>}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {actions.length > 0 && <div className="po-buttons">{actions.map((action) => buttons[action]())}</div>}
    </li>
  );
}
