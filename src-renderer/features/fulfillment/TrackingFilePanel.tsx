import './fulfillment.css';
import { useEffect, useRef } from 'react';
import type { SupplierDetail } from '../../../src-shared/domain/catalog';
import type { TrackingFilePreview, TrackingFileReport } from '../../../src-shared/domain/shipments';
import { SelectField } from '../../components/Field';
import { UploadIcon } from '../../components/Icons';
import { Message } from '../../components/Message';
import { ProgressBar } from '../../components/ProgressBar';
import { plural } from '../../components/format';
import { REQUIRED_TRACKING_MAPPING, TRACKING_MAPPING_FIELDS, TRACKING_MAPPING_LABELS, type TrackingMappingField } from './fulfillmentModel';
import { useTrackingFile } from './trackingFileStore';

const MAPPING_HINTS: Partial<Record<TrackingMappingField, string>> = {
  carrier: 'Not mapped: the carrier is recognised from the number',
  supplierSku: 'Not mapped: a row covers its whole purchase order',
  quantity: 'Not mapped: the line’s full quantity',
  shippedAt: 'Not mapped: the import time is used',
};

/**
 * The supplier page's tracking file: the CSV a supplier sends with the parcels they shipped. Rows are matched
 * to purchase orders by PO number; a parcel already known is not added twice, so the same file can be
 * imported again safely.
 */
export function TrackingFilePanel({ supplier }: { supplier: SupplierDetail }) {
  const tracking = useTrackingFile();
  const fileRef = useRef<HTMLInputElement>(null);
  const resultRef = useRef<HTMLDivElement>(null);
  const { flow } = tracking;

  useEffect(() => {
    useTrackingFile.getState().reset(supplier.id);
    return () => useTrackingFile.getState().reset(null);
  }, [supplier.id]);

  useEffect(() => {
    if (flow.step === 'result') resultRef.current?.focus();
  }, [flow.step]);

  const busy = flow.step === 'reading' || flow.step === 'previewing' || flow.step === 'importing';

  return (
    <section className="card" aria-labelledby="sec-tracking-file" data-testid="tracking-file-panel">
      <h2 id="sec-tracking-file" className="card-title">Tracking file</h2>
      <p className="muted feed-intro">
        Import the file of shipped parcels {supplier.name} sends you (CSV). Each row needs the PO number and the tracking number;
        a parcel the desk already has is not added twice.
      </p>
      <div className="feed-actions">
        <input ref={fileRef} type="file" hidden accept=".csv,.tsv,.txt,text/csv,text/tab-separated-values,text/plain" data-testid="tracking-file-input"
          onChange={(event) => {
            const file = event.target.files?.[0];
            event.target.value = '';
            if (file) void tracking.chooseFile(file);
          }} />
        <button type="button" className="button" data-testid="tracking-file-choose" disabled={busy} onClick={() => fileRef.current?.click()}>
          <UploadIcon size={14} /> Import tracking file…
        </button>
      </div>

      {tracking.error && <Message testId="tracking-file-error">{tracking.error}</Message>}
      {flow.step === 'reading' && <ProgressBar value={0} max={0} label={`Reading ${flow.fileName}`} testId="tracking-file-reading" />}
      {flow.step === 'previewing' && <ProgressBar value={0} max={0} label={`Looking at ${flow.file.fileName}`} testId="tracking-file-reading" />}
      {(flow.step === 'mapping' || flow.step === 'importing') && (
        <PreviewAndMapping fileName={flow.file.fileName} preview={flow.preview} importing={flow.step === 'importing'} />
      )}
      {flow.step === 'result' && (
        <div ref={resultRef} tabIndex={-1} className="feed-outcome" aria-live="polite">
          <Report fileName={flow.fileName} report={flow.report} />
          <div className="feed-outcome-actions">
            <button type="button" className="button" data-testid="tracking-file-done" onClick={() => tracking.clear()}>Done</button>
          </div>
        </div>
      )}
    </section>
  );
}

function PreviewAndMapping({ fileName, preview, importing }: { fileName: string; preview: TrackingFilePreview; importing: boolean }) {
  const tracking = useTrackingFile();
  const headerOptions = preview.headers.map((h) => ({ value: h, label: h }));
  return (
    <div className="feed-preview" data-testid="tracking-file-preview">
      <div className="feed-preview-facts">
        <span className="strong" data-testid="tracking-file-name">{fileName}</span>
        <span data-testid="tracking-file-row-count">{plural(preview.rowCount, 'row')}</span>
      </div>
      <div className="table-wrap feed-sample" tabIndex={0} role="region" aria-label={`First rows of ${fileName}`}>
        <table className="data-table data-table-compact" data-testid="tracking-file-sample">
          <thead><tr>{preview.headers.map((h, i) => <th scope="col" key={`${h}-${i}`}>{h}</th>)}</tr></thead>
          <tbody>
            {preview.sample.map((row, r) => (
              <tr key={r} data-testid="tracking-file-sample-row">
                {preview.headers.map((h, i) => <td key={`${h}-${i}`}>{row[i] ?? ''}</td>)}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {preview.sample.length < preview.rowCount && <p className="muted small">The first {preview.sample.length} of {plural(preview.rowCount, 'row')}.</p>}

      <form className="feed-mapping" noValidate aria-labelledby="tracking-mapping-title"
        onSubmit={(event) => {
          event.preventDefault();
          void tracking.startImport();
        }}>
        <h3 id="tracking-mapping-title" className="feed-section-title">Which column holds what?</h3>
        <div className="grid grid-3">
          {TRACKING_MAPPING_FIELDS.map((field) => {
            const required = REQUIRED_TRACKING_MAPPING.has(field);
            return (
              <SelectField key={field} path={`trackingMapping.${field}`} testId={`tracking-mapping-${field}`} label={TRACKING_MAPPING_LABELS[field]}
                required={required} value={tracking.mapping[field]} onValueChange={(v) => tracking.setMapping(field, v)} options={headerOptions}
                placeholder={required ? 'Choose a column…' : 'Not in this file'} error={tracking.mappingErrors[field]}
                hint={!required && tracking.mapping[field] === '' ? MAPPING_HINTS[field] : undefined} disabled={importing} />
            );
          })}
        </div>
        <div className="feed-mapping-actions">
          <button type="button" className="button button-ghost" data-testid="tracking-file-cancel" disabled={importing} onClick={() => tracking.clear()}>Cancel</button>
          <button type="submit" className="button button-primary" data-testid="tracking-file-import" disabled={importing}>
            {importing ? 'Importing…' : `Import ${plural(preview.rowCount, 'row')}`}
          </button>
        </div>
      </form>
    </div>
  );
}

function Report({ fileName, report }: { fileName: string; report: TrackingFileReport }) {
  const shown = report.rejected.slice(0, 200);
  return (
    <div className="tracking-report" data-testid="tracking-file-report">
      <h3 className="feed-section-title">{fileName}: imported</h3>
      <dl className="facts tracking-report-counts">
        <div><dt>Parcels added</dt><dd data-testid="tracking-file-added">{report.shipmentsAdded.toLocaleString()}</dd></div>
        <div><dt>Already known</dt><dd data-testid="tracking-file-known">{report.alreadyKnown.toLocaleString()}</dd></div>
        <div><dt>Rows not used</dt><dd data-testid="tracking-file-rejected-count">{report.rejected.length.toLocaleString()}</dd></div>
      </dl>
      {report.rejected.length > 0 && (
        <div className="feed-issues" data-testid="tracking-file-rejected">
          <p className="strong">{plural(report.rejected.length, 'row')} could not be used:</p>
          <ol className="row-errors">
            {shown.map((row, i) => (
              <li key={`${row.line}-${i}`} data-testid="tracking-file-rejected-row" data-line={row.line}>
                <span className="row-error-line">Line {row.line}</span> {row.reason}
              </li>
            ))}
          </ol>
          {report.rejected.length > shown.length && <p className="muted small">…and {report.rejected.length - shown.length} more.</p>}
        </div>
      )}
    </div>
  );
}
