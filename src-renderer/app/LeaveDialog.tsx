import { Dialog } from '../components/Dialog';
import { useRouter } from './router';

/** Asks before leaving a screen with unsaved changes (links, shortcuts and the Back button all come here). */
export function LeaveDialog() {
  const pending = useRouter((s) => s.pending);
  const confirmLeave = useRouter((s) => s.confirmLeave);
  const cancelLeave = useRouter((s) => s.cancelLeave);
  return (
    <Dialog
      open={pending !== null}
      title="Leave without saving?"
      onClose={cancelLeave}
      testId="leave-dialog"
      tone="danger"
      initialFocus="[data-testid=leave-stay]"
      footer={(
        <>
          <button type="button" className="button" data-testid="leave-stay" onClick={cancelLeave}>Stay on this page</button>
          <button type="button" className="button button-danger" data-testid="leave-confirm" onClick={confirmLeave}>Leave without saving</button>
        </>
      )}
    >
      <p>The changes on this page have not been saved. If you leave now, they are lost.</p>
    </Dialog>
  );
}
