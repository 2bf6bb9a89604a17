import { useState } from 'react';
import type { CheckView, OrderDetail } from '../../../src-shared/domain/order';
import { overrideCheckInput } from '../../../src-shared/schemas/processing-procedures';
import { CheckIcon, FailIcon, WarningIcon } from '../../components/Icons';
import { RelativeTime } from '../../components/RelativeTime';
import { formatDateTime } from '../../components/format';
import { useOrderDetail } from '../orders/detail/orderDetailStore';
import { checkLabel, dataRows, isFailing, OUTCOME_LABELS } from './checkModel';
import { NoteDialog } from './NoteDialog';

export function OutcomeIcon({ outcome, size = 18 }: { outcome: CheckView['outcome']; size?: number }) {
  if (outcome === 'pass') return <CheckIcon size={size} className="check-icon" />;
  if (outcome === 'warn') return <WarningIcon size={size} className="check-icon" />;
  return <FailIcon size={size} className="check-icon" />;
}

/**
 * The verification checklist: one line per check with its icon and word (not colour alone), its sentence, what it
 * looked at, and on a failure "Override…" (a note is required) or who overrode it, when and why.
 */
export function ChecklistPanel({ order }: { order: OrderDetail }) {
  const busy = useOrderDetail((s) => s.busy);
  const act = useOrderDetail((s) => s.act);
  const [overriding, setOverriding] = useState<CheckView | null>(null);
  const live = order.cancelledAt === null && order.submittedAt !== null;
  const failing = order.checks.filter(isFailing).length;
  const warnings = order.checks.filter((c) => c.outcome === 'warn').length;

  const rerun = () => act('checks', 'verification.run', { orderId: order.id }, {
    showError: true,
    notice: (o) => {
      const failed = o.checks.filter(isFailing).length;
      return failed === 0 ? 'Checks run again: nothing is failing.' : `Checks run again: ${failed} ${failed === 1 ? 'check fails' : 'checks fail'}.`;
    },
  });

  return (
    <section className={`card checklist-card${failing > 0 ? ' card-attention' : ''}`} aria-labelledby="d-checks" id="checklist" data-testid="checklist"
      data-verified={order.verifiedAt !== null}>
      <div className="card-title-row">
        <h2 id="d-checks" className="card-title">
          Checks
          {failing > 0 && <span className="count-pill count-pill-danger">{failing} failed</span>}
          {failing === 0 && warnings > 0 && <span className="count-pill">{warnings} {warnings === 1 ? 'warning' : 'warnings'}</span>}
        </h2>
        {live && (
          <button type="button" className="button button-small" data-testid="rerun-checks" disabled={busy !== null} onClick={() => void rerun()}>
            {busy === 'checks' ? 'Running…' : order.verifiedAt ? 'Re-run checks' : 'Run checks'}
          </button>
        )}
      </div>
      {order.verifiedAt === null || order.checks.length === 0 ? (
        <p className="muted" data-testid="checks-none">
          {live ? 'The checks have not run on this order yet. Run them to see whether the address, contact details, duplicates, fraud signals and stock are in order.'
            : 'The checks run when the order is submitted.'}
        </p>
      ) : (
        <>
          <ul className="checks">
            {order.checks.map((check) => (
              <CheckRow key={check.code} check={check} canOverride={live} disabled={busy !== null} onOverride={() => setOverriding(check)} />
            ))}
          </ul>
          <p className="muted small checks-when" data-testid="checks-verified-at">
            Last run <RelativeTime iso={order.verifiedAt} />. Fix the order and re-run, or override a failed check with a note.
          </p>
        </>
      )}
      <NoteDialog
        open={overriding !== null}
        title={overriding ? `Override “${checkLabel(overriding.code)}”?` : 'Override the check?'}
        testPrefix="override"
        schema={overrideCheckInput.shape.note}
        placeholder="e.g. Called the customer: the second order is a gift for her sister"
        confirmLabel="Override check"
        busyLabel="Overriding…"
        busy={busy === 'override'}
        onClose={() => setOverriding(null)}
        onConfirm={async (note) => {
          if (!overriding) return { ok: true };
          const label = checkLabel(overriding.code);
          return act('override', 'verification.override', { orderId: order.id, code: overriding.code, note }, { notice: () => `“${label}” overridden.` });
        }}
      >
        {overriding && (
          <>
            <p className="override-what"><span className="strong">{checkLabel(overriding.code)}:</span> {overriding.message}</p>
            <p className="muted">The order goes on as it is, and the hold this check placed is released. Say why: the note stays on the timeline.</p>
          </>
        )}
      </NoteDialog>
    </section>
  );
}

function CheckRow({ check, canOverride, disabled, onOverride }: { check: CheckView; canOverride: boolean; disabled: boolean; onOverride(): void }) {
  const rows = dataRows(check.data);
  const failing = isFailing(check);
  const overridden = check.override !== null;
  const [open, setOpen] = useState(false);
  return (
    <li className={`check check-${check.outcome}${overridden ? ' check-overridden' : ''}`} data-testid="check" data-code={check.code}
      data-outcome={check.outcome} data-overridden={overridden}>
      <span className="check-mark"><OutcomeIcon outcome={check.outcome} /></span>
      <div className="check-body">
        <div className="check-head">
          <span className="check-name">{checkLabel(check.code)}</span>
          <span className={`check-outcome check-outcome-${check.outcome}`} data-testid="check-outcome">
            {OUTCOME_LABELS[check.outcome]}{overridden ? ' · overridden' : ''}
          </span>
          {rows.length > 0 && (
            <button type="button" className="link-button check-details-toggle" data-testid="check-details-toggle" aria-expanded={open}
              aria-controls={`check-details-${check.code}`} onClick={() => setOpen(!open)}>
              {open ? 'Hide details' : 'Details'}
            </button>
          )}
          {failing && canOverride && (
            <button type="button" className="button button-small check-override" data-testid="check-override" data-review-target disabled={disabled}
              aria-label={`Override the ${checkLabel(check.code)} check`} onClick={onOverride}>
              Override…
            </button>
          )}
        </div>
        <p className="check-message" data-testid="check-message">{check.message}</p>
        {check.override && (
          <p className="check-override-info" data-testid="check-override-info">
            Overridden by {check.override.by} on {formatDateTime(check.override.at)}: “{check.override.note}”
          </p>
        )}
        {open && (
          <dl className="check-details" id={`check-details-${check.code}`} data-testid="check-details" aria-label="What the check looked at">
            {rows.map((row) => (
              <div key={row.label}><dt>{row.label}</dt><dd>{row.value}</dd></div>
            ))}
          </dl>
        )}
      </div>
    </li>
  );
}
