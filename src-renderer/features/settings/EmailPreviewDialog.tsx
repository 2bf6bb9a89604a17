import { useState, type KeyboardEvent } from 'react';
import { NOTIFICATION_LABELS } from '../../../src-shared/domain/notifications';
import { Dialog } from '../../components/Dialog';
import { Message } from '../../components/Message';
import { SafeEmailPreview } from './SafeEmailPreview';
import type { PreviewState } from './settingsFormStore';

type View = 'html' | 'text';
const VIEWS: readonly { value: View; label: string }[] = [{ value: 'html', label: 'E-mail' }, { value: 'text', label: 'Plain text' }];

/**
 * One customer e-mail as the saved settings make it, filled with a sample order: its subject, the HTML version and
 * the plain-text version (what mail programs without HTML show). Unsaved edits are not in it: the page says so.
 */
export function EmailPreviewDialog({ state, unsaved, onClose, onRetry }: {
  state: PreviewState | null;
  unsaved: boolean;
  onClose(): void;
  onRetry(): void;
}) {
  const [view, setView] = useState<View>('html');
  const label = state ? NOTIFICATION_LABELS[state.kind] : '';

  const onTabKey = (event: KeyboardEvent<HTMLButtonElement>) => {
    if (event.key !== 'ArrowLeft' && event.key !== 'ArrowRight') return;
    event.preventDefault();
    const next = view === 'html' ? 'text' : 'html';
    setView(next);
    document.getElementById(`email-tab-${next}`)?.focus();
  };

  return (
    <Dialog open={state !== null} title={`Preview: “${label}” e-mail`} testId="email-preview" onClose={() => {
      setView('html');
      onClose();
    }}
      footer={<button type="button" className="button" data-testid="email-preview-close" onClick={() => {
        setView('html');
        onClose();
      }}>Close</button>}>
      {unsaved && (
        <Message tone="info" testId="email-preview-unsaved">
          This shows the saved settings. Save to preview your changes.
        </Message>
      )}
      {state?.status === 'loading' && <p className="loading" aria-busy="true">Making the preview…</p>}
      {state?.status === 'failed' && (
        <Message testId="email-preview-error" action={<button type="button" className="button" onClick={onRetry}>Try again</button>}>
          {state.error}
        </Message>
      )}
      {state?.status === 'ready' && state.preview && (
        <>
          <p className="email-preview-subject">
            <span className="muted">Subject: </span><span className="strong" data-testid="email-preview-subject">{state.preview.subject}</span>
          </p>
          <p className="muted small">Filled with a sample order. Links are shown, not followed.</p>
          <div className="tabs" role="tablist" aria-label="Which version of the e-mail">
            {VIEWS.map((v) => (
              <button key={v.value} type="button" role="tab" id={`email-tab-${v.value}`} aria-selected={view === v.value} aria-controls="email-preview-panel"
                tabIndex={view === v.value ? 0 : -1} className={`tab${view === v.value ? ' tab-active' : ''}`} data-testid={`email-preview-tab-${v.value}`}
                onKeyDown={onTabKey} onClick={() => setView(v.value)}>
                {v.label}
              </button>
            ))}
          </div>
          <div id="email-preview-panel" role="tabpanel" aria-labelledby={`email-tab-${view}`} className="email-preview-panel">
            {view === 'html'
              ? <SafeEmailPreview html={state.preview.html} label={`The “${label}” e-mail`} />
              : <pre className="email-preview-text" data-testid="email-preview-text">{state.preview.text}</pre>}
          </div>
        </>
      )}
    </Dialog>
  );
}
