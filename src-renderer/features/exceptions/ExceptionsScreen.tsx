import '../orders/orders.css';
import './exceptions.css';
import { useEffect, useMemo, useRef, useState } from 'react';
import type { ExceptionItem, ExceptionKind } from '../../../src-shared/domain/exceptions';
import { linkHandler, navigate, paths } from '../../app/router';
import { isActivatableTarget, useScreenKeys } from '../../app/useShortcuts';
import { Message } from '../../components/Message';
import { RelativeTime } from '../../components/RelativeTime';
import { NoteDialog } from '../processing/NoteDialog';
import { ConfirmCallDialog } from './ConfirmCallDialog';
import { watchExceptionSources } from './exceptionEvents';
import {
  actionButtonLabel, countText, EMPTY_TEXT, EMPTY_TITLE, exceptionStep, kindCounts, kindLabel, visibleExceptions, type ExceptionStep,
} from './exceptionsModel';
import { exceptionsMounted, useExceptions } from './exceptionsStore';
import { TrackingSyncBar } from './TrackingSyncBar';

type Asking = { item: ExceptionItem; step: Extract<ExceptionStep, { step: 'note' | 'confirm' }> };

/**
 * Everything that needs a person, oldest first, each row with its one action. J/K (or ↓/↑) move, Enter runs the
 * selected row's action; the list follows the core's events and keeps the cursor in place after an action.
 */
export function ExceptionsScreen() {
  const { items, total, byKind, error, kind, selectedKey, busyKey, notice, actionError, select, move, setKind, run, fail } = useExceptions();
  const [asking, setAsking] = useState<Asking | null>(null);
  const listRef = useRef<HTMLDivElement>(null);
  const rows = useMemo(() => visibleExceptions(items, kind), [items, kind]);
  const chips = useMemo(() => kindCounts(items, byKind), [items, byKind]);

  useEffect(() => {
    exceptionsMounted();
    return watchExceptionSources(() => {
      // The screen's own action reloads when it is done.
      if (useExceptions.getState().busyKey === null) void useExceptions.getState().load();
    });
  }, []);

  // Keyboard first: once there are rows, the list takes the focus from the sidebar link (or nowhere), so Enter runs
  // the selected row's action rather than pressing the link again.
  const hasRows = rows.length > 0;
  useEffect(() => {
    if (!hasRows) return;
    const active = document.activeElement;
    if (!active || active === document.body || active.closest('nav') !== null || active.id === 'main') listRef.current?.focus({ preventScroll: true });
  }, [hasRows]);

  useEffect(() => {
    if (selectedKey !== null) document.getElementById(rowId(selectedKey))?.scrollIntoView({ block: 'nearest' });
  }, [selectedKey]);

  const start = (item: ExceptionItem) => {
    if (busyKey !== null) return;
    select(item.key);
    const step = exceptionStep(item);
    switch (step.step) {
      case 'open':
        navigate(paths.order(step.orderId));
        break;
      case 'call':
        void run(item, step.call);
        break;
      case 'broken':
        fail(step.message);
        break;
      default:
        setAsking({ item, step });
    }
  };

  useScreenKeys((event) => {
    switch (event.key) {
      case 'j': case 'ArrowDown':
        move(1);
        return true;
      case 'k': case 'ArrowUp':
        move(-1);
        return true;
      case 'Enter': {
        if (isActivatableTarget(event.target)) return false;
        const item = rows.find((row) => row.key === selectedKey);
        if (!item || busyKey !== null) return false;
        start(item);
        return true;
      }
      default:
        return false;
    }
  });

  const header = (
    <header className="screen-header exceptions-header">
      <div>
        <h1>Exceptions</h1>
        <p className="screen-subtitle" data-testid="exceptions-count" data-total={total ?? ''} aria-live="polite">
          {countText(total, items.length, error !== null)}
        </p>
      </div>
      <TrackingSyncBar />
    </header>
  );

  const messages = (
    <>
      {error && (
        <Message testId="exceptions-error" action={<button type="button" className="button" onClick={() => void useExceptions.getState().load()}>Try again</button>}>
          {error}
        </Message>
      )}
      {notice && <Message tone="success" testId="exceptions-notice">{notice}</Message>}
      {actionError && <Message testId="exceptions-action-error">{actionError}</Message>}
    </>
  );

  if (total === 0 && items.length === 0) {
    return (
      <div className="screen screen-exceptions" data-testid="exceptions-screen">
        {header}
        {messages}
        <div className="empty-state" data-testid="exceptions-empty">
          <h2>{EMPTY_TITLE}</h2>
          <p>{EMPTY_TEXT}</p>
          <a className="button" href={paths.orders()} onClick={linkHandler(paths.orders())} data-testid="exceptions-empty-orders">Go to orders</a>
        </div>
      </div>
    );
  }

  const busyStep = asking !== null && busyKey === asking.item.key;
  return (
    <div className="screen screen-exceptions" data-testid="exceptions-screen">
      {header}
      {messages}
      {total === null ? (!error && <p className="loading" aria-busy="true">Loading what needs you…</p>) : (
        <>
          {chips.length > 1 && <KindFilters chips={chips} kind={kind} all={total ?? items.length} onChange={setKind} />}
          <div ref={listRef} className="card-table table-wrap exceptions-table-wrap" tabIndex={-1} role="region" aria-label="Things that need you">
            <table className="data-table exceptions-table" data-testid="exceptions-table" data-total={total ?? 0}>
              <thead>
                <tr>
                  <th scope="col">What</th>
                  <th scope="col">Order</th>
                  <th scope="col">Customer</th>
                  <th scope="col">Why</th>
                  <th scope="col">Since</th>
                  <th scope="col"><span className="visually-hidden">Action</span></th>
                </tr>
              </thead>
              <tbody>
                {rows.map((item) => (
                  <ExceptionRow key={item.key} item={item} selected={item.key === selectedKey} busy={busyKey === item.key} disabled={busyKey !== null}
                    onSelect={() => select(item.key)} onAction={() => start(item)} />
                ))}
              </tbody>
            </table>
          </div>
          <p className="muted small exceptions-keys">
            <kbd>J</kbd> <kbd>K</kbd> next / previous · <kbd>Enter</kbd> do the selected row’s action · click the order number to open the order.
          </p>
        </>
      )}

      {asking?.step.step === 'note' && (
        <NoteDialog
          open
          title={asking.step.title}
          testPrefix={asking.step.testPrefix}
          schema={asking.step.schema}
          placeholder={asking.step.placeholder}
          confirmLabel={asking.step.confirmLabel}
          busyLabel={asking.step.busyLabel}
          busy={busyStep}
          onClose={() => setAsking(null)}
          onConfirm={(note) => {
            const { item, step } = asking;
            return step.step === 'note' ? run(item, step.call(note), { fromDialog: true }) : Promise.resolve({ ok: true });
          }}
        >
          <ItemSummary item={asking.item} />
        </NoteDialog>
      )}
      {asking?.step.step === 'confirm' && (
        <ConfirmCallDialog
          open
          title={asking.step.title}
          text={asking.step.text}
          testPrefix={asking.step.testPrefix}
          confirmLabel={asking.step.confirmLabel}
          busyLabel={asking.step.busyLabel}
          busy={busyStep}
          onClose={() => setAsking(null)}
          onConfirm={() => {
            const { item, step } = asking;
            return step.step === 'confirm' ? run(item, step.call, { fromDialog: true }) : Promise.resolve({ ok: true });
          }}
        />
      )}
    </div>
  );
}

function rowId(key: string): string {
  return `exception-row-${key.replace(/[^A-Za-z0-9_-]/g, '-')}`;
}

function ExceptionRow({ item, selected, busy, disabled, onSelect, onAction }: {
  item: ExceptionItem; selected: boolean; busy: boolean; disabled: boolean; onSelect(): void; onAction(): void;
}) {
  const order = paths.order(item.orderId);
  return (
    <tr id={rowId(item.key)} className={`exception-row${selected ? ' exception-row-selected' : ''}`} aria-selected={selected}
      data-testid="exception-row" data-kind={item.kind} data-key={item.key} data-order-id={item.orderId} data-action={item.action.kind}
      onClick={onSelect}>
      <td><span className={`badge exception-kind exception-kind-${item.kind}`} data-testid="exception-kind">{kindLabel(item.kind)}</span></td>
      <td>
        <a className="row-link exception-order" href={order} onClick={linkHandler(order)} data-testid="exception-order">{item.orderNumber}</a>
      </td>
      <td className="exception-customer" title={item.customerName}>{item.customerName || <span className="muted">No name</span>}</td>
      <td className="exception-reason" data-testid="exception-reason">{item.reason}</td>
      <td className="exception-since"><RelativeTime iso={item.since} testId="exception-since" /></td>
      <td className="exception-action-cell">
        <button type="button" className={`button button-small${selected ? ' button-primary' : ''}`} data-testid="exception-action"
          data-action={item.action.kind} disabled={disabled} aria-busy={busy} onClick={(event) => {
            event.stopPropagation();
            onAction();
          }}>
          {busy ? 'Working…' : actionButtonLabel(item)}
        </button>
      </td>
    </tr>
  );
}

function ItemSummary({ item }: { item: ExceptionItem }) {
  return (
    <p className="exception-dialog-what" data-testid="exception-dialog-reason">
      <span className="strong">{kindLabel(item.kind)}</span> · {item.orderNumber}{item.customerName ? ` · ${item.customerName}` : ''}
      <br />
      {item.reason}
    </p>
  );
}

function KindFilters({ chips, kind, all, onChange }: {
  chips: { kind: ExceptionKind; label: string; count: number }[]; kind: ExceptionKind | null; all: number; onChange(kind: ExceptionKind | null): void;
}) {
  const chip = (value: ExceptionKind | null, label: string, count: number) => {
    const active = kind === value;
    return (
      <button key={value ?? 'all'} type="button" role="radio" aria-checked={active} className={`chip${active ? ' chip-active' : ''}`}
        data-testid={`exceptions-filter-${value ?? 'all'}`} data-count={count} onClick={() => onChange(value)}>
        {value && <span className={`chip-dot exception-dot-${value}`} aria-hidden="true" />}
        <span className="chip-label">{label}</span>
        <span className="chip-count">{count.toLocaleString()}</span>
      </button>
    );
  };
  return (
    <div className="stage-filters" role="radiogroup" aria-label="Filter by kind">
      {chip(null, 'All', all)}
      {chips.map((c) => chip(c.kind, c.label, c.count))}
    </div>
  );
}
