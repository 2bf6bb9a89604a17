/**
 * The exceptions inbox's pure model: the sidebar badge, the order and filter of rows, the cursor, what each
 * item's one action does (checked against the contract's own input schemas), and the tracking sync line. The
 * stores and the screen call the api client and are covered end to end.
 */
import { describe, expect, it, vi } from 'vitest';
import { procedures } from '../../src-shared/contract/procedures';
import { EXCEPTION_KIND_LABELS, type ExceptionItem, type TrackingSyncStatus } from '../../src-shared/domain/exceptions';
import { formatRelative } from '../../src-renderer/components/format';
import {
  actionButtonLabel, badgeLabel, countText, doneNotice, exceptionStep, filterByKind, formatBadgeCount, inTransitText, keepSelection,
  kindCounts, lastSyncText, moveSelection, sortExceptions, syncButton, visibleExceptions, type ExceptionCall,
} from '../../src-renderer/features/exceptions/exceptionsModel';

// The router reads the address when its store is made; unit tests have no window.
vi.hoisted(() => {
  (globalThis as { window?: unknown }).window ??= { location: { hash: '' } };
});
const { parseHash, paths } = await import('../../src-renderer/app/router');

const NOW = Date.parse('2026-03-10T12:00:00Z');
const at = (minutes: number) => new Date(NOW + minutes * 60_000).toISOString();

function item(change: Partial<ExceptionItem> = {}): ExceptionItem {
  return {
    key: 'hold:1', kind: 'hold', orderId: 7, orderNumber: 'PD-1007', customerName: 'Ada Lovelace',
    reason: 'The address has no postcode.', since: at(-60),
    action: { kind: 'release_hold', label: 'Release hold', needsNote: true, holdId: 12 },
    ...change,
  };
}

function status(change: Partial<TrackingSyncStatus> = {}): TrackingSyncStatus {
  return { lastSyncAt: at(-5), lastError: null, running: false, inTransit: 0, trackingServiceReady: true, ...change };
}

/** The call an action makes, as the core's dispatcher would accept it (or throw with the field at fault). */
function parsedByContract(call: ExceptionCall): unknown {
  return procedures[call.name].input.parse(call.input);
}

describe('sidebar badge', () => {
  it.each([
    [0, '0'], [1, '1'], [42, '42'], [99, '99'], [100, '99+'], [12_345, '99+'], [-3, '0'], [Number.NaN, '0'], [3.7, '3'],
  ])('shows %s as "%s"', (count, text) => {
    expect(formatBadgeCount(count)).toBe(text);
  });

  it('tells screen readers the exact number, also above 99', () => {
    expect(badgeLabel(0)).toBe('nothing needs you');
    expect(badgeLabel(1)).toBe('1 thing needs you');
    expect(badgeLabel(150)).toBe(`${(150).toLocaleString()} things need you`);
  });
});

describe('rows: order, kinds, filter', () => {
  const old = item({ key: 'outbox:4', kind: 'outbox_dead', since: at(-600) });
  const mid = item({ key: 'hold:1', kind: 'hold', since: at(-60) });
  const sameTimeA = item({ key: 'shipment:2', kind: 'tracking_trouble', since: at(-30) });
  const sameTimeB = item({ key: 'hold:9', kind: 'hold', since: at(-30) });
  const unreadable = item({ key: 'hold:3', kind: 'hold', since: 'not a date' });

  it('puts the item that has waited longest first, ties by key, unreadable dates last, without changing the input', () => {
    const input = [unreadable, sameTimeA, mid, sameTimeB, old];
    expect(sortExceptions(input).map((i) => i.key)).toEqual(['outbox:4', 'hold:1', 'hold:9', 'shipment:2', 'hold:3']);
    expect(input[0]).toBe(unreadable);
  });

  it('counts each kind present, in the contract’s order of kinds, leaving out kinds with none', () => {
    expect(kindCounts([sameTimeA, mid, old, sameTimeB])).toEqual([
      { kind: 'hold', label: EXCEPTION_KIND_LABELS.hold, count: 2 },
      { kind: 'outbox_dead', label: EXCEPTION_KIND_LABELS.outbox_dead, count: 1 },
      { kind: 'tracking_trouble', label: EXCEPTION_KIND_LABELS.tracking_trouble, count: 1 },
    ]);
    expect(kindCounts([])).toEqual([]);
  });

  it('counts with the core’s per-kind totals when it sent them: the page holds only the oldest items', () => {
    expect(kindCounts([sameTimeA, mid], { hold: 7_000, backordered: 1_050, outbox_dead: 0 })).toEqual([
      { kind: 'hold', label: EXCEPTION_KIND_LABELS.hold, count: 7_000 },
      { kind: 'backordered', label: EXCEPTION_KIND_LABELS.backordered, count: 1_050 },
    ]);
  });

  it('filters by kind (null: all) and shows the filtered rows oldest first', () => {
    expect(filterByKind([mid, old], null)).toEqual([mid, old]);
    expect(filterByKind([mid, old], 'backordered')).toEqual([]);
    expect(visibleExceptions([sameTimeB, old, mid], 'hold').map((i) => i.key)).toEqual(['hold:1', 'hold:9']);
  });
});

describe('the cursor', () => {
  const rows = [item({ key: 'a' }), item({ key: 'b' }), item({ key: 'c' })];

  it.each([
    ['down from the first', 'a', 1, 'b'],
    ['up from the second', 'b', -1, 'a'],
    ['down from the last stays on it', 'c', 1, 'c'],
    ['up from the first stays on it', 'a', -1, 'a'],
    ['from no selection goes to the first', null, 1, 'a'],
    ['from a key no longer listed goes to the first', 'gone', -1, 'a'],
  ] as const)('moves %s', (_what, from, delta, to) => {
    expect(moveSelection(rows, from, delta)).toBe(to);
  });

  it('has nothing to select in an empty list', () => {
    expect(moveSelection([], 'a', 1)).toBeNull();
    expect(keepSelection([], 'a', 0)).toBeNull();
  });

  it('keeps the same item after a reload when it is still there, wherever it moved', () => {
    expect(keepSelection([rows[2]!, rows[0]!], 'a', 0)).toBe('a');
  });

  it('puts the cursor on the row now at the old place when the selected item was resolved', () => {
    expect(keepSelection([rows[0]!, rows[2]!], 'b', 1)).toBe('c');
    // The last row was resolved: the one before it.
    expect(keepSelection([rows[0]!, rows[1]!], 'c', 2)).toBe('b');
  });
});

describe('each action', () => {
  it('release_hold asks for a note, then releases that hold of that order with it', () => {
    const step = exceptionStep(item());
    expect(step.step).toBe('note');
    if (step.step !== 'note') return;
    expect(step.testPrefix).toBe('release');
    const call = step.call('Called the customer');
    expect(call).toEqual({ name: 'holds.release', input: { orderId: 7, holdId: 12, note: 'Called the customer' } });
    expect(parsedByContract(call)).toEqual({ orderId: 7, holdId: 12, note: 'Called the customer' });
  });

  it('release_hold’s note box refuses an empty note with the core’s own message', () => {
    const step = exceptionStep(item());
    if (step.step !== 'note') throw new Error('expected a note step');
    const checked = step.schema.safeParse('   ');
    expect(checked.success).toBe(false);
    expect(checked.error?.issues[0]?.message).toMatch(/^Write a note/);
  });

  it('reroute asks to confirm, then reroutes that supplier order', () => {
    const step = exceptionStep(item({ kind: 'supplier_rejected', action: { kind: 'reroute', label: 'Move to next supplier', needsNote: false, poId: 31 } }));
    expect(step.step).toBe('confirm');
    if (step.step !== 'confirm') return;
    expect(step.call).toEqual({ name: 'supplierOrders.reroute', input: { poId: 31 } });
    expect(parsedByContract(step.call)).toEqual({ poId: 31 });
  });

  it('retry_outbox tries that outbox row again at once, without a dialog', () => {
    const step = exceptionStep(item({ kind: 'outbox_dead', action: { kind: 'retry_outbox', label: 'Try again', needsNote: false, outboxId: 40 } }));
    expect(step).toEqual({ step: 'call', call: { name: 'outbox.retry', input: { id: 40 } } });
    if (step.step === 'call') expect(parsedByContract(step.call)).toEqual({ id: 40 });
  });

  it('handle_shipment asks for a note, then marks that parcel as handled with it', () => {
    const step = exceptionStep(item({
      kind: 'tracking_trouble', action: { kind: 'handle_shipment', label: 'Mark handled', needsNote: true, shipmentId: 5 },
    }));
    expect(step.step).toBe('note');
    if (step.step !== 'note') return;
    expect(step.testPrefix).toBe('handle-shipment');
    const call = step.call('Carrier will redeliver Monday');
    expect(call).toEqual({ name: 'shipments.markHandled', input: { shipmentId: 5, note: 'Carrier will redeliver Monday' } });
    expect(parsedByContract(call)).toEqual({ shipmentId: 5, note: 'Carrier will redeliver Monday' });
    expect(step.schema.safeParse('').success).toBe(false);
  });

  it('resolve_unknown_po opens the order, where the decision is made', () => {
    expect(exceptionStep(item({ orderId: 77, action: { kind: 'resolve_unknown_po', label: 'Decide…', needsNote: true, poId: 3 } }))).toEqual({ step: 'open', orderId: 77 });
  });

  it('capture asks first, then captures what is due on that payment (no amount: the core caps it)', () => {
    const step = exceptionStep(item({ orderId: 77, action: { kind: 'capture', label: 'Capture now…', needsNote: false, paymentId: 9 } }));
    expect(step.step).toBe('confirm');
    if (step.step !== 'confirm') return;
    expect(step.call).toEqual({ name: 'payments.capture', input: { paymentId: 9 } });
    expect(parsedByContract(step.call)).toEqual({ paymentId: 9 });
    expect(exceptionStep(item({ action: { kind: 'capture', label: 'Capture now…', needsNote: false } })).step).toBe('broken');
  });

  it.each([
    ['release_hold without a hold id', { kind: 'release_hold', label: 'Release', needsNote: true }],
    ['reroute with a zero PO id', { kind: 'reroute', label: 'Move', needsNote: false, poId: 0 }],
    ['retry_outbox with a fractional id', { kind: 'retry_outbox', label: 'Retry', needsNote: false, outboxId: 1.5 }],
    ['handle_shipment without a shipment id', { kind: 'handle_shipment', label: 'Handled', needsNote: true }],
  ] as const)('refuses to call with a wrong id: %s', (_what, action) => {
    const step = exceptionStep(item({ orderNumber: 'PD-2001', action: { ...action } }));
    expect(step.step).toBe('broken');
    if (step.step === 'broken') expect(step.message).toContain('PD-2001');
  });

  it('labels the button with the core’s words, with "…" when a dialog comes first', () => {
    expect(actionButtonLabel(item())).toBe('Release hold…');
    expect(actionButtonLabel(item({ action: { kind: 'release_hold', label: 'Release…', needsNote: true, holdId: 1 } }))).toBe('Release…');
    expect(actionButtonLabel(item({ action: { kind: 'retry_outbox', label: 'Try again', needsNote: false, outboxId: 1 } }))).toBe('Try again');
    expect(actionButtonLabel(item({ action: { kind: 'capture', label: 'Capture payment', needsNote: false, paymentId: 1 } }))).toBe('Capture payment…');
    expect(actionButtonLabel(item({ action: { kind: 'resolve_unknown_po', label: 'Decide', needsNote: true, poId: 1 } }))).toBe('Decide');
    expect(actionButtonLabel(item({ action: { kind: 'resolve_unknown_po', label: '  ', needsNote: true, poId: 1 } }))).toBe('Open order');
  });

  it('says what was done, naming the order', () => {
    const it7 = item();
    expect(doneNotice(it7, { name: 'holds.release', input: { orderId: 7, holdId: 12, note: 'ok' } })).toBe('Hold released on PD-1007.');
    expect(doneNotice(it7, { name: 'outbox.retry', input: { id: 1 } })).toBe('PD-1007: trying again.');
    expect(doneNotice(it7, { name: 'shipments.markHandled', input: { shipmentId: 1, note: 'ok' } })).toContain('PD-1007');
    expect(doneNotice(it7, { name: 'supplierOrders.reroute', input: { poId: 1 } })).toContain('PD-1007');
    expect(doneNotice(it7, { name: 'payments.capture', input: { paymentId: 1 } })).toContain('PD-1007');
  });
});

describe('header count', () => {
  it.each([
    [null, 0, false, 'Loading…'],
    [null, 0, true, 'Not loaded'],
    [0, 0, false, 'Nothing waiting'],
    [1, 1, false, '1 thing needs you, oldest first'],
    [3, 3, false, '3 things need you, oldest first'],
    [600, 500, false, `${(600).toLocaleString()} things need you, oldest first (the first ${(500).toLocaleString()} shown)`],
  ] as const)('total %s with %s shown (load failed: %s) reads "%s"', (total, shown, failed, text) => {
    expect(countText(total, shown, failed)).toBe(text);
  });
});

describe('tracking sync line', () => {
  it('says when the last round finished, or that none ever did', () => {
    expect(lastSyncText(status({ lastSyncAt: at(-5) }), NOW)).toBe(`Last synced ${formatRelative(at(-5), NOW)}`);
    expect(lastSyncText(status({ lastSyncAt: at(-5) }), NOW)).toMatch(/5/);
    expect(lastSyncText(status({ lastSyncAt: null }), NOW)).toBe('Never synced');
    expect(lastSyncText(null, NOW)).not.toMatch(/Last synced|Never/);
  });

  it.each([
    ['idle', status(), false, { label: 'Sync now', disabled: false, running: false }],
    ['a background round running', status({ running: true }), false, { label: 'Syncing…', disabled: true, running: true }],
    ['Sync now pressed, no answer yet', status(), true, { label: 'Syncing…', disabled: true, running: true }],
    ['not loaded yet', null, false, { label: 'Sync now', disabled: false, running: false }],
  ] as const)('the button when %s', (_when, s, starting, button) => {
    expect(syncButton(s, starting)).toEqual(button);
  });

  it('counts the parcels followed, and says nothing when none are', () => {
    expect(inTransitText(status({ inTransit: 0 }))).toBeNull();
    expect(inTransitText(null)).toBeNull();
    expect(inTransitText(status({ inTransit: 1 }))).toBe('Following 1 parcel');
    expect(inTransitText(status({ inTransit: 3 }))).toBe('Following 3 parcels');
  });
});

describe('route', () => {
  it('#/exceptions is the exceptions inbox, and its path goes there', () => {
    expect(parseHash('#/exceptions')).toEqual({ name: 'exceptions' });
    expect(parseHash('#/exceptions/')).toEqual({ name: 'exceptions' });
    expect(parseHash(paths.exceptions())).toEqual({ name: 'exceptions' });
    expect(parseHash('#/exceptions/3')).toEqual({ name: 'notFound', path: '/exceptions/3' });
  });
});
