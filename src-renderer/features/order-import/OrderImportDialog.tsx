import './order-import.css';
import { useEffect, useRef, useState } from 'react';
import { ORDER_FILE_KIND_LABELS, type ImportRunView } from '../../../src-shared/domain/storefront-import';
import { subscribe } from '../../api/client';
import { Dialog, dialogFormProps } from '../../components/Dialog';
import { UploadIcon } from '../../components/Icons';
import { Message } from '../../components/Message';
import { ProgressBar } from '../../components/ProgressBar';
import { RelativeTime } from '../../components/RelativeTime';
import { sizeText } from '../export/exportModel';
import { ImportRunReport } from './ImportRunReport';
import { MappingTable } from './MappingTable';
import { IMPORT_FORMAT_LABELS, countText, missingSentence, progressBar, runSummary } from './orderImportModel';
import { useOrderImport, type ImportStep } from './orderImportStore';

const ACCEPT = '.csv,.txt,text/csv,text/plain';

const STEP_FOCUS: Partial<Record<ImportStep['step'], string>> = {
  choose: '[data-testid="order-import-choose"]',
  importing: '[data-testid="order-import-cancel-run"]',
  result: '[data-testid="order-import-done"]',
};

/**
 * "Import orders…": a storefront's orders export (Shopify, WooCommerce, the desk's own) or any CSV whose columns the
 * person maps. The import runs in the core; while it does the dialog stays open (Escape and the backdrop do
 * nothing) and offers Cancel, which is always safe: a cancelled import leaves the desk as it was.
 */
export function OrderImportDialog({ open, onClose, onImported }: { open: boolean; onClose(): void; onImported(): void }) {
  const imp = useOrderImport();
  const { flow } = imp;
  const onImportedRef = useRef(onImported);
  onImportedRef.current = onImported;

  useEffect(() => {
    if (!open) return undefined;
    useOrderImport.getState().reset();
    void useOrderImport.getState().loadRuns();
    return subscribe('orderImport.progress', (p) => useOrderImport.getState().onProgress(p));
  }, [open]);

  // Focus follows the step, so Enter always means the step's main action and the keyboard lands on what changed.
  const focusTarget = flow.step === 'preview'
    ? (flow.preview.kind === 'unknown' ? '[data-testid="order-import-dialog"] select' : '[data-testid="order-import-run"]')
    : STEP_FOCUS[flow.step];
  useEffect(() => {
    if (open && focusTarget) document.querySelector<HTMLElement>(focusTarget)?.focus();
  }, [open, focusTarget]);

  useEffect(() => {
    if (flow.step === 'result' && flow.run.status === 'done' && flow.run.imported + flow.run.updated + flow.run.heldBack > 0) onImportedRef.current();
  }, [flow]);

  const importing = flow.step === 'importing';
  // Stops Escape before it becomes the dialog's close request: Chromium closes a dialog outright on a second
  // Escape whose cancel was refused without a click in between, and a hidden dialog would leave the import unseen.
  useEffect(() => {
    if (!importing) return undefined;
    const swallow = (event: KeyboardEvent) => {
      if (event.key === 'Escape') event.preventDefault();
    };
    document.addEventListener('keydown', swallow, true);
    return () => document.removeEventListener('keydown', swallow, true);
  }, [importing]);
  const close = () => {
    if (importing) return;
    imp.reset();
    onClose();
  };

  const missing = flow.step === 'preview' && flow.preview.kind === 'unknown' ? missingSentence(imp.mapping) : null;
  const primary = () => {
    if (flow.step === 'preview' && !missing) void imp.startImport();
    else if (flow.step === 'result') close();
  };

  const formProps = dialogFormProps(primary);

  return (
    <Dialog
      open={open}
      title="Import orders from a file"
      onClose={close}
      testId="order-import-dialog"
      // Constant on purpose: Dialog reopens itself when this changes.
      initialFocus='[data-testid="order-import-choose"]'
      footer={<Footer missing={missing} onClose={close} />}
    >
      <form {...formProps} onKeyDown={(event) => {
        // A select takes no implicit submit; Enter on a mapping choice means "Import" as it does in a text field.
        if (event.key === 'Enter' && !event.ctrlKey && !event.metaKey && event.target instanceof HTMLSelectElement) {
          event.preventDefault();
          primary();
          return;
        }
        formProps.onKeyDown(event);
      }}>
        {flow.step === 'choose' && <ChooseFile />}
        {(flow.step === 'reading' || flow.step === 'previewing') && (
          <ProgressBar value={0} max={0} label={flow.step === 'reading' ? `Opening ${flow.fileName}` : `Looking at ${flow.fileName}`} testId="order-import-opening" />
        )}
        {(flow.step === 'preview' || flow.step === 'importing') && (
          <>
            <FileFacts fileName={flow.file.fileName} size={flow.preview.bytes || flow.file.size} kindLabel={ORDER_FILE_KIND_LABELS[flow.preview.kind]}
              kind={flow.preview.kind} columns={flow.preview.headers.length} />
            {flow.preview.kind === 'unknown' && (
              <MappingTable preview={flow.preview} mapping={imp.mapping} errors={imp.mappingErrors} disabled={importing} onChange={imp.setMapping} />
            )}
            {flow.step === 'preview' && flow.preview.kind !== 'unknown' && (
              <p className="muted small">
                The desk reads this file as its storefront writes it. Orders already on the desk are matched by their number: an order that has
                not changed is left alone, so importing the same file twice adds nothing.
              </p>
            )}
            {missing && <p className="field-error" data-testid="order-import-missing" role="status">{missing}</p>}
          </>
        )}
        {importing && <ImportProgressView />}
        {flow.step === 'result' && <div tabIndex={-1} className="order-import-result" aria-live="polite"><ImportRunReport run={flow.run} /></div>}
        {/* Enter in a field runs the step's main action. */}
        <button type="submit" hidden tabIndex={-1} aria-hidden="true" />
      </form>
      {imp.error && <Message testId="order-import-error">{imp.error}</Message>}
    </Dialog>
  );
}

function Footer({ missing, onClose }: { missing: string | null; onClose(): void }) {
  const imp = useOrderImport();
  const { flow } = imp;
  if (flow.step === 'importing') {
    return (
      <button type="button" className="button" data-testid="order-import-cancel-run" onClick={() => void imp.cancel()} disabled={imp.cancelling} aria-busy={imp.cancelling}>
        {imp.cancelling ? 'Cancelling…' : 'Cancel import'}
      </button>
    );
  }
  if (flow.step === 'result') {
    return (
      <>
        <button type="button" className="button" data-testid="order-import-another" onClick={() => imp.reset()}>Import another file</button>
        <button type="button" className="button button-primary" data-testid="order-import-done" onClick={onClose}>Done</button>
      </>
    );
  }
  const ready = flow.step === 'preview';
  return (
    <>
      {ready && <button type="button" className="button button-ghost" data-testid="order-import-other-file" onClick={() => imp.reset()}>Choose another file</button>}
      <button type="button" className="button" data-testid="order-import-close" onClick={onClose}>Close</button>
      {ready && (
        <button type="button" className="button button-primary" data-testid="order-import-run" disabled={missing !== null}
          aria-describedby={missing ? 'order-import-missing-text' : undefined} onClick={() => void imp.startImport()}>
          Import
        </button>
      )}
      {missing && <span id="order-import-missing-text" className="visually-hidden">{missing}</span>}
    </>
  );
}

function ChooseFile() {
  const imp = useOrderImport();
  const input = useRef<HTMLInputElement>(null);
  const [over, setOver] = useState(false);
  return (
    <>
      <div
        className={`order-import-drop${over ? ' order-import-drop-over' : ''}`}
        data-testid="order-import-drop"
        onDragOver={(event) => {
          event.preventDefault();
          event.dataTransfer.dropEffect = 'copy';
          setOver(true);
        }}
        onDragLeave={() => setOver(false)}
        onDrop={(event) => {
          event.preventDefault();
          setOver(false);
          const file = event.dataTransfer.files[0];
          if (file) void imp.chooseFile(file);
        }}
      >
        <UploadIcon size={22} />
        <p>Drop the orders export (CSV) here, or</p>
        <input ref={input} type="file" hidden accept={ACCEPT} data-testid="order-import-file-input"
          onChange={(event) => {
            const file = event.target.files?.[0];
            event.target.value = '';
            if (file) void imp.chooseFile(file);
          }} />
        <button type="button" className="button button-primary" data-testid="order-import-choose" onClick={() => input.current?.click()}>
          Choose a file…
        </button>
        <p className="muted small">
          Shopify (Orders › Export › CSV), WooCommerce (Customer / Order / Coupon Export, one row per item) and the desk’s own order lines
          export are recognised; for any other CSV you choose which column holds what.
        </p>
      </div>
      <RecentImports runs={imp.runs} error={imp.runsError} reload={() => void imp.loadRuns()} />
    </>
  );
}

function FileFacts({ fileName, size, kind, kindLabel, columns }: { fileName: string; size: number; kind: string; kindLabel: string; columns: number }) {
  return (
    <div className="order-import-facts" data-testid="order-import-preview" data-kind={kind}>
      <span className="strong order-import-file-name" data-testid="order-import-file-name">{fileName}</span>
      <span data-testid="order-import-kind">{kindLabel}</span>
      <span className="muted" data-testid="order-import-size">{sizeText(size)} · {countText(columns, 'column')}</span>
    </div>
  );
}

function ImportProgressView() {
  const progress = useOrderImport((s) => s.progress);
  const cancelling = useOrderImport((s) => s.cancelling);
  const bar = progressBar(progress);
  return (
    <div className="order-import-progress" data-testid="order-import-progress" data-phase={progress?.phase ?? 'sending'}>
      <ProgressBar value={bar.value} max={bar.max} label={bar.label} />
      <p className="order-import-orders-read" data-testid="order-import-orders-read" aria-live="polite">
        {countText(progress?.ordersRead ?? 0, 'order')} read so far
      </p>
      <p className="muted small">
        {cancelling ? 'Cancelling: the desk is putting everything back as it was.' : 'You can cancel at any time. Nothing will be imported: the desk stays as it was.'}
      </p>
    </div>
  );
}

function RecentImports({ runs, error, reload }: { runs: ImportRunView[] | null; error: string | null; reload(): void }) {
  const [openId, setOpenId] = useState<number | null>(null);
  return (
    <section className="order-import-recent" aria-labelledby="order-import-recent-title">
      <h3 id="order-import-recent-title" className="order-import-section-title">Recent imports</h3>
      {error && <Message testId="order-import-runs-error" action={<button type="button" className="button" onClick={reload}>Try again</button>}>{error}</Message>}
      {runs === null && !error && <p className="muted">Loading…</p>}
      {runs?.length === 0 && <p className="muted small" data-testid="order-import-runs-empty">No orders have been imported yet.</p>}
      {runs && runs.length > 0 && (
        <ul className="order-import-runs" data-testid="order-import-runs">
          {runs.map((run) => (
            <li key={run.id} className="order-import-run" data-testid="order-import-run-item" data-status={run.status}>
              <button type="button" className="order-import-run-summary" aria-expanded={openId === run.id}
                onClick={() => setOpenId(openId === run.id ? null : run.id)}>
                <span className={`badge ${run.status === 'done' ? 'badge-success' : run.status === 'failed' ? 'badge-danger' : ''}`}>
                  {run.status === 'done' ? 'Done' : run.status === 'failed' ? 'Failed' : 'Cancelled'}
                </span>
                <span className="order-import-run-name" title={run.fileName}>{run.format === 'shopify_api' ? 'Shopify API' : run.fileName}</span>
                <span className="muted small">{IMPORT_FORMAT_LABELS[run.format]} · {runSummary(run)}</span>
                <span className="muted small order-import-run-when"><RelativeTime iso={run.finishedAt || run.startedAt} /></span>
              </button>
              {openId === run.id && <div className="order-import-run-detail"><ImportRunReport run={run} headingLevel={4} /></div>}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
