import '../processing/processing.css';
import { useEffect, useRef, useState } from 'react';
import { countryName } from '../../../src-shared/domain/countries';
import { formatMoney } from '../../../src-shared/domain/money';
import type { OrderDetail } from '../../../src-shared/domain/order';
import { subscribe } from '../../api/client';
import { linkHandler, navigate, paths } from '../../app/router';
import { isActivatableTarget, useScreenKeys } from '../../app/useShortcuts';
import { FailIcon, WarningIcon } from '../../components/Icons';
import { Message } from '../../components/Message';
import { RelativeTime } from '../../components/RelativeTime';
import { StageBadge } from '../../components/StageBadge';
import { plural } from '../../components/format';
import { checkLabel, holdLabel, isFailing, isOpenHold, reviewItems } from '../processing/checkModel';
import { ResolveDialog } from '../processing/ResolveDialog';
import { reviewMounted, reviewQueueChanged, useReview } from './reviewStore';

/**
 * Needs review: the orders held by failed checks or open holds, walked one after another. J/K (or ↓/↑) move,
 * Enter opens the order, O overrides and releases with a note, R re-runs the checks; after a decision the next
 * order is selected.
 */
export function ReviewQueueScreen() {
  const { rows, total, error, selectedId, detail, detailError, busy, notice, actionError, select, move, resolve, rerun } = useReview();
  const [resolving, setResolving] = useState(false);
  const listRef = useRef<HTMLUListElement>(null);

  useEffect(() => {
    reviewMounted(true);
    const off = subscribe('orders.changed', (change) => reviewQueueChanged(change.ids));
    return () => {
      off();
      reviewMounted(false);
    };
  }, []);

  // A keyboard-first screen: once there is a list, it takes the focus (from the sidebar link or nowhere), so Enter opens
  // the selected order rather than pressing the link again.
  const hasRows = rows.length > 0;
  useEffect(() => {
    if (!hasRows) return;
    const active = document.activeElement;
    if (!active || active === document.body || active.closest('nav') !== null || active.id === 'main') listRef.current?.focus({ preventScroll: true });
  }, [hasRows]);

  // Keep the selected order in view as the keyboard moves it.
  useEffect(() => {
    if (selectedId !== null) document.getElementById(`review-row-${selectedId}`)?.scrollIntoView({ block: 'nearest' });
  }, [selectedId]);

  const current = detail && detail.id === selectedId ? detail : null;
  const canResolve = current !== null && reviewItems(current).length > 0 && busy === null;

  useScreenKeys((event) => {
    switch (event.key) {
      case 'j': case 'ArrowDown':
        move(1);
        return true;
      case 'k': case 'ArrowUp':
        move(-1);
        return true;
      case 'Enter':
        if (isActivatableTarget(event.target) || selectedId === null) return false;
        navigate(paths.order(selectedId));
        return true;
      case 'o':
        if (canResolve) setResolving(true);
        return canResolve;
      case 'r':
        if (selectedId === null || busy !== null) return false;
        void rerun();
        return true;
      default:
        return false;
    }
  });

  const header = (
    <header className="screen-header">
      <div>
        <h1>Needs review</h1>
        <p className="screen-subtitle" data-testid="review-count" aria-live="polite">
          {total === null ? (error ? 'Not loaded' : 'Loading…')
            : total === 0 ? 'Nothing waiting' : `${plural(total, 'order')} with failed checks or holds${total > rows.length ? ` (the first ${rows.length.toLocaleString()} shown)` : ''}`}
        </p>
      </div>
    </header>
  );

  if (total === 0 && rows.length === 0) {
    return (
      <div className="screen screen-review" data-testid="review-queue">
        {header}
        {notice && <Message tone="success" testId="review-notice">{notice}</Message>}
        <div className="empty-state" data-testid="review-empty">
          <h2>Nothing needs review</h2>
          <p>Orders with failed checks or holds appear here. Each new order is checked when it is submitted: address, contact details, duplicates, fraud signals and supplier stock.</p>
          <a className="button" href={paths.orders()} onClick={linkHandler(paths.orders())} data-testid="review-empty-orders">Go to orders</a>
        </div>
      </div>
    );
  }

  return (
    <div className="screen screen-review" data-testid="review-queue">
      {header}
      {error && <Message testId="review-error" action={<button type="button" className="button" onClick={() => void useReview.getState().load()}>Try again</button>}>{error}</Message>}
      {notice && <Message tone="success" testId="review-notice">{notice}</Message>}
      {actionError && <Message testId="review-action-error">{actionError}</Message>}
      {total === null && !error ? <p className="loading" aria-busy="true">Loading the orders that need review…</p> : (
        <div className="review-layout">
          <ul
            ref={listRef}
            className="review-list"
            role="listbox"
            aria-label="Orders that need review"
            tabIndex={0}
            aria-activedescendant={selectedId !== null ? `review-row-${selectedId}` : undefined}
            data-testid="review-list"
          >
            {rows.map((row) => (
              <li
                key={row.id}
                id={`review-row-${row.id}`}
                role="option"
                aria-selected={row.id === selectedId}
                className={`review-row${row.id === selectedId ? ' review-row-selected' : ''}`}
                data-testid="review-row"
                data-order-id={row.id}
                data-order-number={row.number}
                onClick={() => {
                  select(row.id);
                  listRef.current?.focus();
                }}
                onDoubleClick={() => navigate(paths.order(row.id))}
              >
                <span className="review-row-top">
                  <span className="review-row-number">{row.number}</span>
                  <span className="num">{formatMoney(row.total)}</span>
                </span>
                <span className="review-row-sub">
                  {row.customerName || 'No name'}{row.shipCountry ? ` · ${countryName(row.shipCountry)}` : ''} · <RelativeTime iso={row.createdAt} />
                </span>
              </li>
            ))}
          </ul>
          <div className="review-detail" data-testid="review-detail" data-order-id={current?.id ?? ''}>
            {detailError && <Message>{detailError}</Message>}
            {!current ? (!detailError && <p className="loading" aria-busy="true">Loading the order…</p>) : (
              <ReviewDetail order={current} busy={busy} onResolve={() => setResolving(true)} onRerun={() => void rerun()} />
            )}
          </div>
        </div>
      )}
      <ResolveDialog order={current} open={resolving} busy={busy === 'resolve'} onClose={() => setResolving(false)} onConfirm={resolve} />
    </div>
  );
}

function ReviewDetail({ order, busy, onResolve, onRerun }: { order: OrderDetail; busy: 'resolve' | 'rerun' | null; onResolve(): void; onRerun(): void }) {
  const failing = order.checks.filter(isFailing);
  const warnings = order.checks.filter((c) => c.outcome === 'warn');
  const openHolds = order.holds.filter(isOpenHold);
  const items = reviewItems(order);
  return (
    <section className="card" aria-labelledby="review-title">
      <div className="review-detail-head">
        <div>
          <div className="detail-title">
            <h2 id="review-title" data-testid="review-order-number">{order.number}</h2>
            <StageBadge stage={order.stage} testId="review-order-stage" />
          </div>
          <p className="muted">
            {order.customer.name || 'No name'} · {order.customer.email || 'no e-mail'} · {formatMoney(order.total)}
          </p>
        </div>
        <a className="button button-small" href={paths.order(order.id)} onClick={linkHandler(paths.order(order.id))} data-testid="review-open">
          Open order <kbd>Enter</kbd>
        </a>
      </div>
      {failing.length === 0 && openHolds.length === 0 ? (
        <p className="muted" data-testid="review-nothing-left">Nothing on this order waits for a decision any more.</p>
      ) : (
        <ul className="review-problems">
          {failing.map((check) => (
            <li key={check.code} className="review-problem check-fail" data-testid="review-problem" data-kind="check" data-code={check.code}>
              <span className="check-mark"><FailIcon size={18} className="check-icon" /></span>
              <div>
                <div className="review-problem-title">{checkLabel(check.code)} — failed</div>
                <div>{check.message}</div>
              </div>
            </li>
          ))}
          {openHolds.map((hold) => (
            <li key={hold.id} className="review-problem check-warn" data-testid="review-problem" data-kind="hold" data-reason={hold.reason}>
              <span className="check-mark"><WarningIcon size={18} className="check-icon" /></span>
              <div>
                <div className="review-problem-title">On hold: {holdLabel(hold.reason)}</div>
                {hold.note && <div>{hold.note}</div>}
                <div className="muted small">Placed by {hold.placedBy} <RelativeTime iso={hold.placedAt} /></div>
              </div>
            </li>
          ))}
        </ul>
      )}
      {warnings.length > 0 && (
        <p className="muted small" data-testid="review-warnings">
          Also worth a look: {warnings.map((w) => `${checkLabel(w.code)} (${w.message.replace(/\.$/, '')})`).join('; ')}.
        </p>
      )}
      <div className="review-actions">
        <button type="button" className="button button-primary" data-testid="review-resolve" disabled={busy !== null || items.length === 0} onClick={onResolve}>
          Override and release… <kbd>O</kbd>
        </button>
        <button type="button" className="button" data-testid="review-rerun" disabled={busy !== null} onClick={onRerun}>
          {busy === 'rerun' ? 'Running checks…' : <>Re-run checks <kbd>R</kbd></>}
        </button>
      </div>
      <p className="muted small review-keys">
        <kbd>J</kbd> <kbd>K</kbd> next / previous order · <kbd>Enter</kbd> open it · fix the order itself on its page, then re-run the checks.
      </p>
    </section>
  );
}
