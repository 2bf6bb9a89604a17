import { useEffect, useRef, useState } from 'react';
import type { FeedPreview, FeedRunView, SupplierDetail } from '../../../src-shared/domain/catalog';
import { errorMessage, invoke, subscribe } from '../../api/client';
import { SelectField } from '../../components/Field';
import { UploadIcon } from '../../components/Icons';
import { Message } from '../../components/Message';
import { ProgressBar } from '../../components/ProgressBar';
import { RelativeTime } from '../../components/RelativeTime';
import { plural } from '../../components/format';
import { FeedRunReport } from './FeedRunReport';
import {
  MAPPING_FIELDS, MAPPING_LABELS, REQUIRED_MAPPING, useFeed, type FeedDelimiter, type FeedEncoding,
} from './feedStore';

const DELIMITER_LABELS: Record<string, string> = { ',': 'Comma (,)', ';': 'Semicolon (;)', '\t': 'Tab', '|': 'Pipe (|)' };
const ENCODING_LABELS: Record<string, string> = { 'utf-8': 'UTF-8', 'windows-1252': 'Windows-1252 (Western European)', 'utf-16le': 'UTF-16 LE' };
const PHASE_LABELS = { reading: 'Reading the file', checking: 'Checking lines', applying: 'Saving changed offers', done: 'Finishing' } as const;
function progressLabel(pulling: boolean, phase: keyof typeof PHASE_LABELS | undefined): string {
  if (!phase) return pulling ? 'Asking the supplier’s API' : 'Sending the file';
  if (pulling && phase === 'reading') return 'Fetching stock and prices from the API';
  return PHASE_LABELS[phase];
}

const MAPPING_HINTS: Partial<Record<keyof typeof MAPPING_LABELS, string>> = {
  cost: 'Not mapped: costs stay as they are',
  leadTimeDays: 'Not mapped: the supplier’s lead time applies',
  currency: 'Not mapped: costs are in the supplier’s currency',
};

const delimiterOptions = Object.entries(DELIMITER_LABELS).map(([value, label]) => ({ value, label }));
const encodingOptions = Object.entries(ENCODING_LABELS).map(([value, label]) => ({ value, label }));

/** The supplier page's feed section: import a file, pull from the API, and the history of runs. */
export function FeedPanel({ supplier }: { supplier: SupplierDetail }) {
  const feed = useFeed();
  const fileRef = useRef<HTMLInputElement>(null);
  const resultRef = useRef<HTMLDivElement>(null);
  const { flow } = feed;

  useEffect(() => {
    useFeed.getState().reset(supplier.id);
    void useFeed.getState().loadRuns();
    return subscribe('feeds.progress', (p) => useFeed.getState().onProgress(p));
  }, [supplier.id]);

  // Move focus to the outcome so keyboard and screen-reader users land on it.
  useEffect(() => {
    if (flow.step === 'result') resultRef.current?.focus();
  }, [flow.step]);

  const busy = flow.step === 'reading' || flow.step === 'previewing' || flow.step === 'importing' || flow.step === 'pulling';

  return (
    <section className="card" aria-labelledby="sec-feed" data-testid="feed-panel">
      <div className="card-title-row">
        <h2 id="sec-feed" className="card-title">Stock &amp; price feed</h2>
        <span className="muted small">
          Last feed: <RelativeTime iso={supplier.lastFeedAt} testId="supplier-last-feed" />
        </span>
      </div>
      <p className="muted feed-intro">
        Import the stock and price file {supplier.name} sends you (CSV, semicolon or tab separated). Rows are matched to your
        offers by the supplier’s SKU; a file that cannot be read is rejected as a whole and nothing changes.
      </p>

      <div className="feed-actions">
        <input
          ref={fileRef}
          type="file"
          hidden
          accept=".csv,.tsv,.txt,text/csv,text/tab-separated-values,text/plain"
          data-testid="feed-file-input"
          onChange={(event) => {
            const file = event.target.files?.[0];
            event.target.value = '';
            if (file) void feed.chooseFile(file);
          }}
        />
        <button type="button" className="button" data-testid="feed-choose-file" disabled={busy} onClick={() => fileRef.current?.click()}>
          <UploadIcon size={14} /> Import stock &amp; price file…
        </button>
        {supplier.channel === 'api' && (
          <button type="button" className="button" data-testid="feed-pull-api" disabled={busy} onClick={() => void feed.pullApi()}
            title={supplier.apiBaseUrl ? `Fetch stock and prices from ${supplier.apiBaseUrl}` : undefined}>
            {flow.step === 'pulling' ? 'Pulling…' : 'Pull from API now'}
          </button>
        )}
        {supplier.channel === 'api' && !supplier.hasApiKey && (
          <span className="muted small">No API key is stored; the pull works only if the supplier’s API needs none.</span>
        )}
      </div>

      {feed.error && <Message testId="feed-error">{feed.error}</Message>}

      {flow.step === 'reading' && <ProgressBar value={0} max={0} label={`Reading ${flow.fileName}`} testId="feed-reading" />}
      {flow.step === 'previewing' && <ProgressBar value={0} max={0} label={`Looking at ${flow.file.fileName}`} testId="feed-reading" />}

      {(flow.step === 'mapping' || flow.step === 'importing') && (
        <PreviewAndMapping fileName={flow.file.fileName} size={flow.file.size} preview={flow.preview} importing={flow.step === 'importing'} />
      )}

      {(flow.step === 'importing' || flow.step === 'pulling') && (
        <div className="feed-progress" data-testid="feed-progress" data-phase={feed.progress?.phase ?? 'reading'}>
          <ProgressBar
            value={feed.progress?.done ?? 0}
            max={feed.progress?.total ?? 0}
            label={progressLabel(flow.step === 'pulling', feed.progress?.phase)}
          />
        </div>
      )}

      {flow.step === 'result' && (
        <div ref={resultRef} tabIndex={-1} className="feed-outcome" aria-live="polite">
          <FeedRunReport run={flow.run} />
          <div className="feed-outcome-actions">
            <button type="button" className="button" data-testid="feed-done" onClick={() => feed.clear()}>Done</button>
          </div>
        </div>
      )}

      <FeedHistory runs={feed.runs} error={feed.runsError} reload={() => void feed.loadRuns()} />
    </section>
  );
}

function PreviewAndMapping({ fileName, size, preview, importing }: { fileName: string; size: number; preview: FeedPreview; importing: boolean }) {
  const feed = useFeed();
  const headerOptions = preview.headers.map((h) => ({ value: h, label: h }));
  const shownIssues = preview.rowIssues.slice(0, 50);
  return (
    <div className="feed-preview" data-testid="feed-preview">
      <div className="feed-preview-facts">
        <span className="strong" data-testid="feed-file-name">{fileName}</span>
        <span className="muted">{(size / 1024).toLocaleString(undefined, { maximumFractionDigits: 1 })} KB</span>
        <span data-testid="feed-row-count">{plural(preview.rowCount, 'row')}</span>
        <span className="muted">·</span>
        <span data-testid="feed-encoding">{ENCODING_LABELS[preview.encoding] ?? preview.encoding}</span>
        <span className="muted">·</span>
        <span data-testid="feed-delimiter">{DELIMITER_LABELS[preview.delimiter] ?? preview.delimiter}</span>
      </div>
      <details className="feed-detection">
        <summary>Text looks wrong? Choose the encoding or separator yourself</summary>
        <div className="grid grid-3">
          <SelectField path="feedEncoding" label="Encoding" value={feed.encoding ?? ''} placeholder={`Detect (found ${ENCODING_LABELS[preview.encoding] ?? preview.encoding})`}
            options={encodingOptions} disabled={importing}
            onValueChange={(v) => void feed.setDetection({ encoding: (v || undefined) as FeedEncoding | undefined })} />
          <SelectField path="feedDelimiter" label="Separator" value={feed.delimiter ?? ''} placeholder={`Detect (found ${DELIMITER_LABELS[preview.delimiter] ?? preview.delimiter})`}
            options={delimiterOptions} disabled={importing}
            onValueChange={(v) => void feed.setDetection({ delimiter: (v || undefined) as FeedDelimiter | undefined })} />
        </div>
      </details>

      <div className="table-wrap feed-sample" tabIndex={0} role="region" aria-label={`First rows of ${fileName}`}>
        <table className="data-table data-table-compact" data-testid="feed-sample">
          <thead>
            <tr>
              <th scope="col" className="num">Line</th>
              {preview.headers.map((h) => <th scope="col" key={h}>{h}</th>)}
            </tr>
          </thead>
          <tbody>
            {preview.sampleRows.map((row) => (
              <tr key={row.line} data-testid="feed-sample-row">
                <td className="num muted">{row.line}</td>
                {preview.headers.map((h, i) => <td key={h}>{row.cells[i] ?? ''}</td>)}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {preview.sampleRows.length < preview.rowCount && (
        <p className="muted small">The first {preview.sampleRows.length} of {plural(preview.rowCount, 'row')}.</p>
      )}

      {preview.rowIssues.length > 0 && (
        <div className="feed-issues" data-testid="feed-row-issues">
          <p className="strong">{plural(preview.rowIssues.length, 'row')} cannot be read and will be skipped:</p>
          <ol className="row-errors">
            {shownIssues.map((issue, i) => (
              <li key={`${issue.line}-${i}`} data-testid="feed-row-issue"><span className="row-error-line">Line {issue.line}</span> {issue.reason}</li>
            ))}
          </ol>
          {preview.rowIssues.length > shownIssues.length && <p className="muted small">…and {preview.rowIssues.length - shownIssues.length} more.</p>}
        </div>
      )}

      <form
        className="feed-mapping"
        noValidate
        aria-labelledby="feed-mapping-title"
        onSubmit={(event) => {
          event.preventDefault();
          void feed.startImport();
        }}
      >
        <h3 id="feed-mapping-title" className="feed-section-title">Which column holds what?</h3>
        <div className="grid grid-5">
          {MAPPING_FIELDS.map((field) => (
            <SelectField
              key={field}
              path={`mapping.${field}`}
              testId={`feed-mapping-${field}`}
              label={MAPPING_LABELS[field]}
              required={REQUIRED_MAPPING.has(field)}
              value={feed.mapping[field]}
              onValueChange={(v) => feed.setMapping(field, v)}
              options={headerOptions}
              placeholder={REQUIRED_MAPPING.has(field) ? 'Choose a column…' : 'Not in this file'}
              error={feed.mappingErrors[field]}
              hint={!REQUIRED_MAPPING.has(field) && feed.mapping[field] === '' ? MAPPING_HINTS[field] : undefined}
              disabled={importing}
            />
          ))}
        </div>
        <p className="muted small">The mapping is saved for {`this supplier`} and suggested again for its next file.</p>
        <div className="feed-mapping-actions">
          <button type="button" className="button button-ghost" data-testid="feed-cancel" disabled={importing} onClick={() => feed.clear()}>Cancel</button>
          <button type="submit" className="button button-primary" data-testid="feed-import" disabled={importing}>
            {importing ? 'Importing…' : `Import ${plural(preview.rowCount, 'row')}`}
          </button>
        </div>
      </form>
    </div>
  );
}

function FeedHistory({ runs, error, reload }: { runs: FeedRunView[] | null; error: string | null; reload(): void }) {
  const [openId, setOpenId] = useState<number | null>(null);
  const [detail, setDetail] = useState<{ id: number; run: FeedRunView | null; error: string | null } | null>(null);

  const toggle = async (id: number) => {
    if (openId === id) {
      setOpenId(null);
      return;
    }
    setOpenId(id);
    setDetail({ id, run: null, error: null });
    try {
      const run = await invoke('feeds.run', { id });
      setDetail((d) => (d?.id === id ? { id, run, error: null } : d));
    } catch (e) {
      setDetail((d) => (d?.id === id ? { id, run: null, error: errorMessage(e) } : d));
    }
  };

  return (
    <section className="feed-history" aria-labelledby="feed-history-title">
      <h3 id="feed-history-title" className="feed-section-title">Earlier feeds</h3>
      {error && <Message testId="feed-runs-error" action={<button type="button" className="button" onClick={reload}>Try again</button>}>{error}</Message>}
      {runs === null && !error && <p className="muted">Loading…</p>}
      {runs?.length === 0 && <p className="muted" data-testid="feed-runs-empty">No feed has been imported for this supplier yet.</p>}
      {runs && runs.length > 0 && (
        <ul className="feed-runs" data-testid="feed-runs">
          {runs.map((run) => (
            <li key={run.id} className="feed-run" data-testid="feed-run" data-status={run.status}>
              <button type="button" className="feed-run-summary" aria-expanded={openId === run.id} onClick={() => void toggle(run.id)} data-testid="feed-run-toggle">
                <span className={`badge ${run.status === 'applied' ? 'badge-success' : 'badge-danger'}`}>{run.status === 'applied' ? 'Applied' : 'Rejected'}</span>
                <span className="feed-run-name">{run.source === 'api' ? 'API pull' : run.fileName}</span>
                <span className="muted small">
                  {run.status === 'applied'
                    ? `${run.rowsApplied.toLocaleString()} of ${plural(run.rowsTotal, 'row')} applied${run.changes.length ? ` · ${plural(run.changes.length, 'change')}` : ''}`
                    : run.reason ?? 'Rejected'}
                </span>
                <span className="feed-run-when"><RelativeTime iso={run.finishedAt} /></span>
              </button>
              {openId === run.id && (
                <div className="feed-run-detail">
                  {detail?.id === run.id && detail.error && <Message>{detail.error}</Message>}
                  {detail?.id === run.id && !detail.run && !detail.error && <p className="muted">Loading the report…</p>}
                  {detail?.id === run.id && detail.run && <FeedRunReport run={detail.run} headingLevel={4} />}
                </div>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
