import { useLayoutEffect, useState } from 'react';
import type { OrderDetail } from '../../../src-shared/domain/order';
import { overrideCheckInput } from '../../../src-shared/schemas/processing-procedures';
import { Dialog, dialogFormProps } from '../../components/Dialog';
import { TextAreaField } from '../../components/Field';
import { Message } from '../../components/Message';
import { modKey } from '../../components/format';
import { reviewItems, type ReviewItem } from './checkModel';

export type ResolveOutcome = { ok: true } | { ok: false; message: string; field?: string | undefined };

const noteSchema = overrideCheckInput.shape.note;

/**
 * Everything on an order that waits for a person, resolved with one note: each failed check is overridden
 * and each other open hold released (all ticked to start with; untick what should stay).
 */
export function ResolveDialog({ order, open, busy, onClose, onConfirm }: {
  order: OrderDetail | null;
  open: boolean;
  busy: boolean;
  onClose(): void;
  onConfirm(note: string, items: ReviewItem[]): Promise<ResolveOutcome>;
}) {
  const [note, setNote] = useState('');
  const [unticked, setUnticked] = useState<ReadonlySet<string>>(new Set());
  const [error, setError] = useState<string | null>(null);
  const [server, setServer] = useState<string | null>(null);

  // Reset before the dialog paints, so the last values never flash.
  useLayoutEffect(() => {
    if (!open) return;
    setNote('');
    setUnticked(new Set());
    setError(null);
    setServer(null);
  }, [open, order?.id]);

  if (!open || !order) return null;
  const items = reviewItems(order);
  const chosen = items.filter((i) => !unticked.has(i.key));
  const close = () => {
    if (!busy) onClose();
  };

  const confirm = async () => {
    if (chosen.length === 0) {
      setServer('Tick at least one thing to resolve.');
      return;
    }
    const checked = noteSchema.safeParse(note);
    if (!checked.success) {
      setError(checked.error.issues[0]?.message ?? 'Write a note');
      document.getElementById('f-note')?.focus();
      return;
    }
    setError(null);
    setServer(null);
    const result = await onConfirm(checked.data, chosen);
    if (result.ok) onClose();
    else if (result.field === 'note') setError(result.message);
    else setServer(result.message);
  };

  return (
    <Dialog
      open
      title={`Resolve order ${order.number}`}
      onClose={close}
      testId="resolve-dialog"
      initialFocus="textarea"
      footer={(
        <>
          <button type="button" className="button" data-testid="resolve-dismiss" onClick={close} disabled={busy}>Back</button>
          <button type="button" className="button button-primary" data-testid="resolve-confirm" onClick={() => void confirm()} disabled={busy || items.length === 0}>
            {busy ? 'Resolving…' : chosen.length === items.length ? 'Override and release' : `Resolve ${chosen.length} of ${items.length}`}
          </button>
        </>
      )}
    >
      {items.length === 0 ? (
        <p className="muted">Nothing on this order waits for a decision any more.</p>
      ) : (
        <>
          <p className="muted">The order goes on as it is. Your note is kept on the timeline for each of these:</p>
          <ul className="resolve-items">
            {items.map((item) => (
              <li key={item.key}>
                <label className="resolve-item" data-testid="resolve-item" data-kind={item.kind} data-code={item.kind === 'check' ? item.code : undefined}>
                  <input type="checkbox" checked={!unticked.has(item.key)} onChange={(e) => {
                    const next = new Set(unticked);
                    if (e.target.checked) next.delete(item.key);
                    else next.add(item.key);
                    setUnticked(next);
                    setServer(null);
                  }} />
                  <span>
                    <span className="strong">{item.kind === 'check' ? 'Override: ' : 'Release: '}{item.title}</span>
                    {item.detail && <span className="muted small"> — {item.detail}</span>}
                  </span>
                </label>
              </li>
            ))}
          </ul>
        </>
      )}
      <form {...dialogFormProps(confirm)}>
        <TextAreaField path="note" label="Note" required rows={3} maxLength={1000} value={note}
          onValueChange={(value) => {
            setNote(value);
            if (error) setError(null);
          }}
          error={error ?? undefined} placeholder="e.g. Called the customer: both orders are wanted"
          hint={`Kept on the order’s timeline with your name · ${modKey()}+Enter to confirm`} />
      </form>
      {server && <Message testId="resolve-error">{server}</Message>}
    </Dialog>
  );
}
