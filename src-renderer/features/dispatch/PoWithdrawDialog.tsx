import { useLayoutEffect, useState } from 'react';
import type { SupplierOrderView } from '../../../src-shared/domain/supplier-orders';
import { Dialog, dialogFormProps } from '../../components/Dialog';
import { TextAreaField } from '../../components/Field';
import { Message } from '../../components/Message';
import { isWorking, useDispatch } from './dispatchStore';

/**
 * Takes back a PO that never reached its supplier (still queued, or refused by their system): it will not be
 * sent, and its lines can be sent again — to the same supplier after fixing their details, or to another.
 * A note is required: the timeline says why.
 */
export function PoWithdrawDialog({ po, onClose }: { po: SupplierOrderView; onClose(): void }) {
  const working = useDispatch((s) => s.working);
  const run = useDispatch((s) => s.run);
  const [note, setNote] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [server, setServer] = useState<string | null>(null);
  const busy = isWorking(working, 'withdraw', po.id);

  useLayoutEffect(() => {
    setNote('');
    setError(null);
    setServer(null);
  }, [po.id]);

  const close = () => {
    if (!busy) onClose();
  };
  const confirm = async () => {
    if (busy) return;
    if (note.trim() === '') {
      setError('Write a note: why the purchase order is withdrawn');
      document.getElementById('f-note')?.focus();
      return;
    }
    setServer(null);
    const result = await run('withdraw', po.id, 'supplierOrders.withdraw', { poId: po.id, note }, {
      notice: () => `${po.number} is withdrawn; its lines can be sent again from the order’s next step.`,
    });
    if (result.ok) onClose();
    else if (result.field === 'note') setError(result.message);
    else setServer(result.message);
  };

  return (
    <Dialog open title={`Withdraw ${po.number}?`} onClose={close} testId="po-withdraw-dialog" initialFocus="#f-note"
      footer={(
        <>
          <button type="button" className="button" data-testid="po-withdraw-dismiss" onClick={close} disabled={busy}>Keep it</button>
          <button type="button" className="button button-danger" data-testid="po-withdraw-confirm" onClick={() => void confirm()} disabled={busy}>
            {busy ? 'Withdrawing…' : 'Withdraw'}
          </button>
        </>
      )}>
      <p>
        {po.supplier.name} has not received {po.number}. Withdrawn, it is never sent; its lines go back to the order, to be sent
        again once the cause is fixed (the supplier’s details, or another supplier for the lines).
      </p>
      <form {...dialogFormProps(confirm)}>
        <TextAreaField path="note" label="Why" required rows={2} maxLength={1000} value={note}
          onValueChange={(value) => {
            setNote(value);
            setError(null);
          }}
          error={error ?? undefined} placeholder="e.g. Their system refuses the phone format; ordering from another supplier" hint="Kept on the order’s timeline with your name" />
      </form>
      {server && <Message testId="po-withdraw-error">{server}</Message>}
    </Dialog>
  );
}
