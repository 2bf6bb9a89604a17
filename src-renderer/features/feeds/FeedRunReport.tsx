import { useState } from 'react';
import type { FeedChange, FeedChangeKind, FeedRunView } from '../../../src-shared/domain/catalog';
import { formatMoney } from '../../../src-shared/domain/money';
import { formatDateTime, plural } from '../../components/format';
import { formatMargin, marginTone } from '../catalog/catalogModel';
import { useMarginThreshold } from '../catalog/settingsStore';

export const CHANGE_KIND_LABELS: Record<FeedChangeKind, string> = {
  out_of_stock: 'Went out of stock',
  back_in_stock: 'Back in stock',
  margin_below_threshold: 'Cost rose: margin below your threshold',
};
const KIND_ORDER: FeedChangeKind[] = ['out_of_stock', 'margin_below_threshold', 'back_in_stock'];

function money(amount: number, currency: string): string {
  try {
    return formatMoney({ amount, currency });
  } catch {
    return `${amount} ${currency}`;
  }
}

function ChangeRow({ change, threshold }: { change: FeedChange; threshold: number | null }) {
  const stockMoved = change.before.stock !== change.after.stock;
  const costMoved = change.before.cost !== change.after.cost;
  return (
    <tr data-testid="feed-change" data-kind={change.kind}>
      <td className="mono">{change.variantSku}</td>
      <td>{change.title}</td>
      <td className="mono muted">{change.supplierSku}</td>
      <td className="num">{stockMoved ? `${change.before.stock} → ${change.after.stock}` : change.after.stock}</td>
      <td className="num">{costMoved ? `${money(change.before.cost, change.currency)} → ${money(change.after.cost, change.currency)}` : money(change.after.cost, change.currency)}</td>
      <td className="num">
        <span className={`margin margin-${change.kind === 'margin_below_threshold' ? 'low' : marginTone(change.marginPercent, threshold)}`}>{formatMargin(change.marginPercent)}</span>
      </td>
    </tr>
  );
}

/** A file's rows are lines; an API pull's are items in the order received (0 when the reason names page and item). */
function placeOf(source: FeedRunView['source'], line: number): string {
  if (source === 'api') return line > 0 ? `Item ${line}` : 'Item';
  return `Line ${line}`;
}

function copyWithSelection(text: string): boolean {
  const area = document.createElement('textarea');
  area.value = text;
  area.setAttribute('readonly', '');
  area.className = 'visually-hidden';
  const focused = document.activeElement as HTMLElement | null;
  document.body.append(area);
  area.select();
  let ok = false;
  try {
    ok = document.execCommand('copy');
  } catch {
    ok = false;
  }
  area.remove();
  focused?.focus();
  return ok;
}

/** A feed run's outcome: applied or rejected (why), row counts, row errors by line, and what changed. */
export function FeedRunReport({ run, headingLevel = 3 }: { run: FeedRunView; headingLevel?: 3 | 4 }) {
  const [copied, setCopied] = useState<'yes' | 'failed' | null>(null);
  const threshold = useMarginThreshold();
  const H = headingLevel === 3 ? 'h3' : 'h4';
  const where = (line: number) => placeOf(run.source, line);
  const errorsText = run.rowErrors.map((e) => `${where(e.line)}: ${e.reason}`).join('\n');
  const groups = KIND_ORDER.map((kind) => ({ kind, changes: run.changes.filter((c) => c.kind === kind) })).filter((g) => g.changes.length > 0);
  const applied = run.status === 'applied';

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(errorsText);
      setCopied('yes');
    } catch {
      // The desktop app denies permission prompts; a selected text area still copies on a click.
      setCopied(copyWithSelection(errorsText) ? 'yes' : 'failed');
    }
  };

  return (
    <div className={`feed-result feed-result-${run.status}`} data-testid="feed-result" data-status={run.status}>
      <div className="feed-result-head">
        <span className={`badge ${applied ? 'badge-success' : 'badge-danger'}`}>{applied ? 'Applied' : 'Rejected'}</span>
        <span className="strong">{run.source === 'api' ? 'Pulled from the supplier’s API' : run.fileName}</span>
        <span className="muted small">{formatDateTime(run.finishedAt)}</span>
      </div>
      {!applied && (
        <p className="feed-reason" data-testid="feed-reason">
          {run.reason ?? 'The feed was rejected.'} Nothing from this file was applied.
        </p>
      )}
      {applied && run.reason && <p className="muted" data-testid="feed-reason">{run.reason}</p>}
      <dl className="feed-counts" data-testid="feed-counts">
        <div><dt>Rows</dt><dd data-testid="feed-rows-total">{run.rowsTotal.toLocaleString()}</dd></div>
        <div><dt>Applied</dt><dd data-testid="feed-rows-applied">{run.rowsApplied.toLocaleString()}</dd></div>
        <div className={run.rowsRejected > 0 ? 'feed-count-bad' : ''}><dt>Not applied</dt><dd data-testid="feed-rows-rejected">{run.rowsRejected.toLocaleString()}</dd></div>
        <div><dt>Changes to note</dt><dd data-testid="feed-changes-count">{run.changes.length.toLocaleString()}</dd></div>
      </dl>

      {run.rowErrors.length > 0 && (
        <section className="feed-section" aria-label="Rows not applied">
          <div className="feed-section-head">
            <H className="feed-section-title">
              Rows not applied
              {run.rowsRejected > run.rowErrors.length && <span className="muted small"> — the first {run.rowErrors.length.toLocaleString()} of {run.rowsRejected.toLocaleString()}</span>}
            </H>
            <button type="button" className="button button-small" data-testid="feed-copy-errors" onClick={() => void copy()}>
              {copied === 'yes' ? 'Copied' : 'Copy list'}
            </button>
          </div>
          {copied === 'failed' && <p className="muted small">Copying is not allowed here: select the list and press {navigator.platform.includes('Mac') ? '⌘' : 'Ctrl'}+C.</p>}
          <ol className="row-errors" tabIndex={0} aria-label="Rows not applied, by line" data-testid="feed-row-errors">
            {run.rowErrors.map((e, i) => (
              <li key={`${e.line}-${i}`} data-testid="feed-row-error" data-line={e.line}>
                <span className="row-error-line">{where(e.line)}</span> {e.reason}
              </li>
            ))}
          </ol>
        </section>
      )}

      {applied && (
        <section className="feed-section" aria-label="Change report" data-testid="feed-changes">
          <H className="feed-section-title">Change report</H>
          {groups.length === 0 ? (
            <p className="muted" data-testid="feed-no-changes">Nothing went out of stock, came back, or fell below your margin threshold.</p>
          ) : groups.map((group) => (
            <div key={group.kind} className={`change-group change-${group.kind}`} data-testid="feed-change-group" data-kind={group.kind}>
              <div className="change-group-title">{CHANGE_KIND_LABELS[group.kind]} <span className="count-pill count-pill-plain">{plural(group.changes.length, 'variant')}</span></div>
              <div className="table-wrap">
                <table className="data-table data-table-compact">
                  <thead>
                    <tr><th scope="col">SKU</th><th scope="col">Variant</th><th scope="col">Supplier SKU</th><th scope="col" className="num">Stock</th><th scope="col" className="num">Cost</th><th scope="col" className="num">Margin</th></tr>
                  </thead>
                  <tbody>
                    {group.changes.map((change, i) => <ChangeRow key={`${change.supplierSku}-${i}`} change={change} threshold={threshold} />)}
                  </tbody>
                </table>
              </div>
            </div>
          ))}
        </section>
      )}
    </div>
  );
}
