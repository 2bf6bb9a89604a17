import { useLayoutEffect, useState } from 'react';
import { Dialog } from '../../components/Dialog';
import { Message } from '../../components/Message';
import type { NoteOutcome } from '../processing/NoteDialog';

/** "Are you sure?" before an action that cannot be taken back (moving lines to another supplier). */
export function ConfirmCallDialog({ open, title, text, testPrefix, confirmLabel, busyLabel, busy, onClose, onConfirm }: {
  open: boolean;
  title: string;
  text: string;
  /** Test ids: `<prefix>-dialog`, `-confirm`, `-dismiss`, `-error`. */
  testPrefix: string;
  confirmLabel: string;
  busyLabel: string;
  busy: boolean;
  onClose(): void;
  onConfirm(): Promise<NoteOutcome>;
}) {
  const [error, setError] = useState<string | null>(null);
  useLayoutEffect(() => {
    if (open) setError(null);
  }, [open]);

  const close = () => {
    if (!busy) onClose();
  };
  const confirm = async () => {
    if (busy) return;
    setError(null);
    const result = await onConfirm();
    if (result.ok) onClose();
    else setError(result.message);
  };

  return (
    <Dialog open={open} title={title} onClose={close} testId={`${testPrefix}-dialog`} initialFocus={`[data-testid="${testPrefix}-confirm"]`}
      footer={(
        <>
          <button type="button" className="button" data-testid={`${testPrefix}-dismiss`} onClick={close} disabled={busy}>Back</button>
          <button type="button" className="button button-primary" data-testid={`${testPrefix}-confirm`} onClick={() => void confirm()} disabled={busy}>
            {busy ? busyLabel : confirmLabel}
          </button>
        </>
      )}>
      <p>{text}</p>
      {error && <Message testId={`${testPrefix}-error`}>{error}</Message>}
    </Dialog>
  );
}
