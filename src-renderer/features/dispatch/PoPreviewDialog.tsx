import type { SupplierOrderView } from '../../../src-shared/domain/supplier-orders';
import { Dialog } from '../../components/Dialog';
import { Message } from '../../components/Message';
import { useDispatch } from './dispatchStore';
import { formatBytes } from './poModel';

/**
 * The PO exactly as the supplier will get it: the address, the subject, the e-mail's text (or the API's JSON)
 * and the files attached, with whatever would stop it from going (no SMTP settings, no API key) on top.
 */
export function PoPreviewDialog({ pos }: { pos: readonly SupplierOrderView[] }) {
  const state = useDispatch((s) => s.preview);
  const close = useDispatch((s) => s.closePreview);
  if (!state) return null;
  const po = pos.find((p) => p.id === state.poId);
  const number = state.status === 'ready' ? state.preview.number : po?.number ?? '';

  return (
    <Dialog open title={`Preview of ${number || 'the purchase order'}`} onClose={close} testId="po-preview-dialog"
      initialFocus='[data-testid="po-preview-close"]'
      footer={<button type="button" className="button" data-testid="po-preview-close" onClick={close}>Close</button>}>
      {state.status === 'loading' && <p className="loading" aria-busy="true">Preparing the preview…</p>}
      {state.status === 'failed' && <Message testId="po-preview-error">{state.message}</Message>}
      {state.status === 'ready' && (
        <>
          {state.preview.problems.length > 0 && (
            <Message testId="po-preview-problems">
              <p className="strong">This purchase order cannot be sent yet:</p>
              <ul className="po-preview-problems">
                {state.preview.problems.map((problem) => <li key={problem}>{problem}</li>)}
              </ul>
            </Message>
          )}
          <dl className="po-preview-head">
            <div>
              <dt>{state.preview.channel === 'email' ? 'To' : 'API'}</dt>
              <dd data-testid="po-preview-to">{state.preview.destination || <span className="muted">not set</span>}</dd>
            </div>
            {state.preview.channel === 'email' && (
              <div><dt>Subject</dt><dd data-testid="po-preview-subject">{state.preview.subject}</dd></div>
            )}
          </dl>
          <pre className="po-preview-text" data-testid="po-preview-text" tabIndex={0}
            aria-label={state.preview.channel === 'email' ? 'The e-mail’s text' : 'The request the API receives'}>
            {state.preview.text}
          </pre>
          {state.preview.attachments.length > 0 && (
            <>
              <h3 className="po-preview-subtitle">Attached</h3>
              <ul className="po-preview-attachments" data-testid="po-preview-attachments">
                {state.preview.attachments.map((file) => (
                  <li key={file.filename} data-testid="po-preview-attachment">
                    <span className="mono">{file.filename}</span>{' '}
                    <span className="muted small">{file.contentType} · {formatBytes(file.bytes)}</span>
                  </li>
                ))}
              </ul>
            </>
          )}
        </>
      )}
    </Dialog>
  );
}
