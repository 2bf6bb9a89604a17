/**
 * The supplier-orders panel's pure models: which buttons a PO offers in each status, how its delivery and its
 * lines read, the answer and unknown-outcome forms (checked with the contract's schemas), and the shell's outbox
 * indicator. The stores and components call the api client and are covered end to end.
 */
import { describe, expect, it } from 'vitest';
import type { OutboxSummary } from '../../src-shared/domain/outbox';
import type { PoDelivery, PoLineView, PoStatus, SupplierOrderView } from '../../src-shared/domain/supplier-orders';
import { formatDateTime, formatRelative } from '../../src-renderer/components/format';
import { outboxIndicator } from '../../src-renderer/features/dispatch/outboxIndicatorModel';
import {
  ANSWER_OPTIONS, answerFieldPath, buildConfirmInput, checkAnswer, checkUnknownDecision, defaultAnswer, REJECTION_OPTIONS, type AnswerValues,
} from '../../src-renderer/features/dispatch/poForms';
import {
  answerNotice, channelText, checkedText, deliveryText, draftsOf, formatBytes, formatDay, lineStatusText, linesToReroute, ownLines, poActions,
  refreshNotice, rerouteNotice, rerouteText, sendLabel, sendNotice, statusExplanation, type PoAction,
} from '../../src-renderer/features/dispatch/poModel';

const NOW = Date.parse('2026-03-10T12:00:00Z');
const at = (minutes: number) => new Date(NOW + minutes * 60_000).toISOString();
const eur = (amount: number) => ({ amount, currency: 'EUR' });

function line(change: Partial<PoLineView> = {}): PoLineView {
  return {
    id: 1, orderLineId: 11, position: 1, supplierSku: 'NP-100', title: 'Adult dog food 2 kg', quantity: 2, unitCost: eur(950),
    status: 'pending', expectedDate: null, rejectionReason: null, note: '', ...change,
  };
}

function po(change: Partial<SupplierOrderView> = {}): SupplierOrderView {
  return {
    id: 7, number: 'PO-1042-1', orderId: 3, supplier: { id: 2, name: 'Nordic Pet Supply' }, channel: 'email',
    destination: 'orders@nordicpet.example', status: 'draft', statusReason: null, supplierReference: '', total: eur(1900),
    lines: [line()], possibleDuplicate: false, delivery: null, createdAt: at(-60), queuedAt: null, sentAt: null,
    acknowledgedAt: null, lastCheckedAt: null, ...change,
  };
}

function delivery(change: Partial<PoDelivery> = {}): PoDelivery {
  return { outboxId: 99, status: 'pending', attempts: 0, lastError: null, nextAttemptAt: null, ...change };
}

const answered = [line({ id: 1, status: 'confirmed' }), line({ id: 2, status: 'rejected', rejectionReason: 'out_of_stock' })];

// ---------------------------------------------------------------------------------------------------------------
// Which buttons a PO offers

describe('poActions: what a person can do with a PO in each status', () => {
  it.each<[string, Partial<SupplierOrderView>, PoAction[]]>([
    ['a draft is previewed (and sent with the others)', { status: 'draft' }, ['preview']],
    ['a queued PO waits; it can still be taken back', { status: 'queued', delivery: delivery() }, ['withdraw']],
    ['a queued PO on the wire right now: nothing, not even withdrawing', { status: 'queued', delivery: delivery({ status: 'in_flight' }) }, []],
    ['a sent e-mail PO: record the answer', { status: 'sent' }, ['answer']],
    ['a sent API PO: ask the supplier now', { status: 'sent', channel: 'api' }, ['refresh']],
    ['an acknowledged e-mail PO, all confirmed: the answer may be corrected', { status: 'acknowledged', lines: [line({ status: 'confirmed' })] }, ['answer']],
    ['an acknowledged e-mail PO with a rejected line: correct or move it', { status: 'acknowledged', lines: answered }, ['answer', 'reroute']],
    ['an acknowledged e-mail PO with a backorder: correct or move it',
      { status: 'acknowledged', lines: [line({ status: 'backordered', expectedDate: '2026-04-01' })] }, ['answer', 'reroute']],
    ['a rejected e-mail PO: correct the answer or move the lines', { status: 'rejected', lines: [line({ status: 'rejected', rejectionReason: 'discontinued' })] },
      ['answer', 'reroute']],
    ['an acknowledged API PO with a rejected line: only move it', { status: 'acknowledged', channel: 'api', lines: answered }, ['reroute']],
    ['an acknowledged API PO, all confirmed: nothing', { status: 'acknowledged', channel: 'api', lines: [line({ status: 'confirmed' })] }, []],
    ['a rejected PO whose lines all moved on: nothing', { status: 'rejected', lines: [line({ status: 'rerouted' })] }, []],
    ['an unknown e-mail send: a person decides (never resent blindly)', { status: 'unknown', delivery: delivery({ status: 'unknown' }) }, ['resolveUnknown']],
    ['an unknown API send: ask the supplier', { status: 'unknown', channel: 'api', delivery: delivery({ status: 'unknown' }) }, ['refresh']],
    ['on hold with a dead delivery: try again, or withdraw it', { status: 'on_hold', delivery: delivery({ status: 'dead', attempts: 8 }) }, ['retry', 'withdraw']],
    ['on hold without a delivery: nothing to retry, only withdraw', { status: 'on_hold', delivery: null }, ['withdraw']],
    ['on hold while the delivery is being retried: wait, or withdraw it', { status: 'on_hold', delivery: delivery({ status: 'pending' }) }, ['withdraw']],
    ['shipped: nothing', { status: 'shipped', lines: [line({ status: 'confirmed' })] }, []],
    ['cancelled: nothing', { status: 'cancelled' }, []],
  ])('%s', (_, change, expected) => {
    expect(poActions(po(change))).toEqual(expected);
  });

  it('every status of the contract gives an answer (no status is forgotten)', () => {
    const statuses: PoStatus[] = ['draft', 'queued', 'sent', 'acknowledged', 'rejected', 'partially_shipped', 'shipped', 'delivered',
      'on_hold', 'cancellation_requested', 'cancelled', 'cancel_rejected', 'unknown'];
    for (const status of statuses) {
      for (const channel of ['email', 'api'] as const) expect(Array.isArray(poActions(po({ status, channel })))).toBe(true);
    }
  });

  it('lines moved to another supplier are no longer this PO’s to answer or move', () => {
    const lines = [line({ id: 1, status: 'rerouted' }), line({ id: 2, status: 'backordered' }), line({ id: 3, status: 'confirmed' })];
    expect(ownLines({ lines }).map((l) => l.id)).toEqual([2, 3]);
    expect(linesToReroute({ lines }).map((l) => l.id)).toEqual([2]);
  });
});

// ---------------------------------------------------------------------------------------------------------------
// Words on the PO

describe('PO words', () => {
  it.each<[string, Pick<SupplierOrderView, 'channel' | 'destination'>, string]>([
    ['e-mail', { channel: 'email', destination: 'orders@nordicpet.example' }, 'E-mail to orders@nordicpet.example'],
    ['e-mail without an address', { channel: 'email', destination: '' }, 'E-mail (no order address set)'],
    ['API', { channel: 'api', destination: 'api.paws.example' }, 'API · api.paws.example'],
    ['API without a host', { channel: 'api', destination: '' }, 'API'],
  ])('channel: %s', (_, value, expected) => {
    expect(channelText(value)).toBe(expected);
  });

  it.each<[string, Partial<PoLineView>, string]>([
    ['waiting', { status: 'pending' }, 'Waiting for the supplier'],
    ['confirmed', { status: 'confirmed' }, 'Confirmed'],
    ['backordered with a date', { status: 'backordered', expectedDate: '2026-12-24' }, `Backordered — expected ${formatDay('2026-12-24')}`],
    ['backordered without a date', { status: 'backordered' }, 'Backordered'],
    ['rejected with a reason', { status: 'rejected', rejectionReason: 'cannot_ship_to_country' }, 'Rejected: Cannot ship to the country'],
    ['rejected without a reason', { status: 'rejected' }, 'Rejected'],
    ['moved on', { status: 'rerouted' }, 'Moved to another supplier'],
  ])('line: %s', (_, change, expected) => {
    expect(lineStatusText(line(change))).toBe(expected);
  });

  it.each<[PoStatus, string]>([
    ['draft', 'Not sent yet'], ['queued', 'Not sent yet'], ['on_hold', 'Not sent yet'], ['cancelled', '—'],
    ['sent', 'Waiting for the supplier'], ['unknown', 'Waiting for the supplier'],
  ])('a waiting line of a %s PO: %s', (status, expected) => {
    expect(lineStatusText(line(), status)).toBe(expected);
  });

  it('an answered line reads the same whatever the PO’s status', () => {
    expect(lineStatusText(line({ status: 'confirmed' }), 'cancelled')).toBe('Confirmed');
  });

  it('a day is read in UTC, so no time zone moves it to the day before', () => {
    expect(formatDay('2026-12-24')).toBe(new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeZone: 'UTC' }).format(Date.UTC(2026, 11, 24)));
    expect(formatDay(null)).toBe('');
    expect(formatDay('someday')).toBe('someday');
  });

  it('explains the statuses that do not explain themselves', () => {
    expect(statusExplanation({ status: 'unknown', channel: 'email' }))
      .toBe('The desk stopped or the connection broke while this e-mail was being sent; the supplier may or may not have it.');
    expect(statusExplanation({ status: 'unknown', channel: 'api' })).toMatch(/Check now/);
    expect(statusExplanation({ status: 'queued', channel: 'email' })).toMatch(/outbox/);
    expect(statusExplanation({ status: 'acknowledged', channel: 'email' })).toBeNull();
  });

  it.each<[string, PoDelivery | null, ReturnType<typeof deliveryText>]>([
    ['no delivery yet (a draft)', null, null],
    ['delivered', delivery({ status: 'done', attempts: 1 }), null],
    ['waiting, never tried', delivery(), { tone: 'waiting', text: 'Waiting in the outbox to be sent' }],
    ['waiting after a retry was asked', delivery({ attempts: 3, lastError: 'Connection refused' }),
      { tone: 'waiting', text: 'Waiting to be sent again (3 tries so far): Connection refused' }],
    ['being sent', delivery({ status: 'in_flight', attempts: 1 }), { tone: 'working', text: 'Sending…' }],
    ['failed, next try due', delivery({ status: 'failed', attempts: 2, lastError: 'getaddrinfo ENOTFOUND smtp.example.com', nextAttemptAt: at(5) }), {
      tone: 'waiting',
      text: `Not sent yet (2 tries): getaddrinfo ENOTFOUND smtp.example.com. Next try ${formatRelative(at(5), NOW)}.`,
      title: `Next try ${formatDateTime(at(5))}`,
    }],
    ['failed once, no time known', delivery({ status: 'failed', attempts: 1 }), { tone: 'waiting', text: 'Not sent yet (1 try). It is tried again automatically.' }],
    ['dead', delivery({ status: 'dead', attempts: 8, lastError: '550 mailbox unavailable' }), { tone: 'failed', text: 'Gave up after 8 tries: 550 mailbox unavailable' }],
    ['unknown', delivery({ status: 'unknown', attempts: 1 }), { tone: 'failed', text: 'The send was cut off after 1 try' }],
  ])('delivery: %s', (_, value, expected) => {
    expect(deliveryText(value, NOW)).toEqual(expected);
  });

  it('says when an API supplier was last asked', () => {
    expect(checkedText(null, NOW)).toBe('Not checked yet');
    expect(checkedText(at(-2), NOW)).toBe(`Checked ${formatRelative(at(-2), NOW)}`);
  });

  it.each<[number, string]>([[0, '0 B'], [1023, '1023 B'], [1024, '1.0 KB'], [12_595, '12.3 KB'], [3 * 1024 * 1024, '3.0 MB']])('%i bytes → %s', (bytes, text) => {
    expect(formatBytes(bytes)).toBe(text);
  });
});

// ---------------------------------------------------------------------------------------------------------------
// Sending, rerouting and what the page says afterwards

describe('sending the drafts', () => {
  const order = (pos: SupplierOrderView[]) => ({ supplierOrders: pos });

  it('the button says how many go', () => {
    expect(sendLabel(1)).toBe('Send 1 purchase order');
    expect(sendLabel(3)).toBe('Send 3 purchase orders');
  });

  it('drafts are the POs still to send', () => {
    expect(draftsOf(order([po({ id: 1 }), po({ id: 2, status: 'sent' }), po({ id: 3 })])).map((p) => p.id)).toEqual([1, 3]);
  });

  it.each<[string, SupplierOrderView[], string]>([
    ['all out at once', [po({ id: 1, status: 'sent' }), po({ id: 2, status: 'acknowledged' })], '2 purchase orders sent.'],
    ['offline: one waits', [po({ id: 1, status: 'queued' })], '1 purchase order queued: it goes out by itself when the desk is online.'],
    ['offline: all wait', [po({ id: 1, status: 'queued' }), po({ id: 2, status: 'queued' })],
      '2 purchase orders queued: they go out by themselves when the desk is online.'],
    ['some out, one waiting', [po({ id: 1, status: 'sent' }), po({ id: 2, status: 'queued' })],
      '1 purchase order sent, 1 purchase order queued: it goes out by itself when the desk is online.'],
    ['an older PO is not counted', [po({ id: 1, status: 'sent' }), po({ id: 9, status: 'queued' })], '1 purchase order sent.'],
  ])('notice: %s', (_, pos, text) => {
    expect(sendNotice(order(pos), [1, 2])).toBe(text);
  });

  it('a send that answered with none of the drafts still says something true', () => {
    expect(sendNotice(order([]), [1])).toBe('Purchase orders queued.');
  });
});

describe('after an action', () => {
  const before = po({ status: 'sent', channel: 'api' });

  it.each<[string, SupplierOrderView[], string]>([
    ['no news', [before], 'Checked with Nordic Pet Supply: no news yet.'],
    ['the supplier answered', [{ ...before, status: 'acknowledged' }], 'Checked with Nordic Pet Supply: PO-1042-1 is now “Acknowledged”.'],
    ['the PO is gone', [], 'Checked with Nordic Pet Supply.'],
  ])('Check now: %s', (_, pos, text) => {
    expect(refreshNotice(before, { supplierOrders: pos })).toBe(text);
  });

  it('Move to next supplier names the new draft', () => {
    const next = po({ id: 8, number: 'PO-1042-2', supplier: { id: 5, name: 'Paws Wholesale' } });
    expect(rerouteNotice([7], { supplierOrders: [po({ status: 'rejected' }), next] }))
      .toBe('Moved to a new draft: PO-1042-2 for Paws Wholesale. Preview it, then send it.');
    expect(rerouteNotice([7], { supplierOrders: [po({ status: 'rejected' })] })).toBe('The lines were moved.');
  });

  it('the answer notice gives the PO’s new status', () => {
    expect(answerNotice(7, { supplierOrders: [po({ status: 'acknowledged' })] })).toBe('PO-1042-1: the supplier’s answer is recorded (Acknowledged).');
    expect(answerNotice(7, { supplierOrders: [] })).toBe('The supplier’s answer is recorded.');
  });

  it.each<[string, PoLineView[], string]>([
    ['one rejected line, nothing confirmed', [line({ status: 'rejected' })],
      'The rejected or backordered line moves to a new draft purchase order for the next supplier that has it in stock; nothing is sent until you send it.'],
    ['a rejected line beside a confirmed one', answered,
      'The rejected or backordered line moves to a new draft purchase order for the next supplier that has it in stock; nothing is sent until you send it.'
      + ' PO-1042-1 keeps the line Nordic Pet Supply confirmed.'],
    ['two backorders beside two confirmed lines',
      [line({ id: 1, status: 'backordered' }), line({ id: 2, status: 'backordered' }), line({ id: 3, status: 'confirmed' }), line({ id: 4, status: 'confirmed' })],
      'The 2 rejected or backordered lines move to a new draft purchase order for the next supplier that has them in stock; nothing is sent until you send it.'
      + ' PO-1042-1 keeps the 2 lines Nordic Pet Supply confirmed.'
      + ' Let Nordic Pet Supply know the backordered lines have moved, so they do not ship them later.'],
  ])('Move to next supplier says what happens: %s', (_, lines, text) => {
    expect(rerouteText(po({ status: 'acknowledged', lines }))).toBe(text);
  });
});

// ---------------------------------------------------------------------------------------------------------------
// The supplier's answer, typed by a person

describe('answer form', () => {
  const sent = po({
    status: 'sent',
    lines: [line({ id: 1 }), line({ id: 2, title: 'Cat litter 10 l' }), line({ id: 3, status: 'rerouted' })],
  });
  const answer = (change: (values: AnswerValues) => void): AnswerValues => {
    const values = defaultAnswer(sent);
    change(values);
    return values;
  };

  it('offers the contract’s answers and reasons, in words', () => {
    expect(ANSWER_OPTIONS.map((o) => o.label)).toEqual(['Confirmed', 'Backordered', 'Rejected']);
    expect(REJECTION_OPTIONS.map((o) => o.value)).toEqual(['out_of_stock', 'discontinued', 'unknown_sku', 'cannot_ship_to_country', 'other']);
  });

  it('starts with every waiting line confirmed, and leaves out lines that moved on', () => {
    expect(defaultAnswer(sent)).toEqual({
      supplierReference: '',
      lines: [
        { lineId: 1, status: 'confirmed', expectedDate: '', rejectionReason: '', note: '' },
        { lineId: 2, status: 'confirmed', expectedDate: '', rejectionReason: '', note: '' },
      ],
    });
  });

  it('a correction starts from the answer given before', () => {
    const acknowledged = po({
      status: 'acknowledged', supplierReference: 'SO-88',
      lines: [line({ id: 1, status: 'backordered', expectedDate: '2026-04-01', note: 'Next container' }), line({ id: 2, status: 'rejected', rejectionReason: 'discontinued' })],
    });
    expect(defaultAnswer(acknowledged)).toEqual({
      supplierReference: 'SO-88',
      lines: [
        { lineId: 1, status: 'backordered', expectedDate: '2026-04-01', rejectionReason: '', note: 'Next container' },
        { lineId: 2, status: 'rejected', expectedDate: '', rejectionReason: 'discontinued', note: '' },
      ],
    });
  });

  it('sends a date only for a backorder and a reason only for a rejection', () => {
    const values = answer((v) => {
      v.supplierReference = 'SO-4411';
      v.lines[0] = { ...v.lines[0]!, status: 'backordered', expectedDate: ' 2026-04-01 ', rejectionReason: 'other', note: 'From the next container' };
      v.lines[1] = { ...v.lines[1]!, status: 'confirmed', expectedDate: '2026-05-01', rejectionReason: 'out_of_stock' };
    });
    expect(buildConfirmInput(7, values)).toEqual({
      poId: 7,
      supplierReference: 'SO-4411',
      lines: [
        { lineId: 1, status: 'backordered', expectedDate: '2026-04-01', note: 'From the next container' },
        { lineId: 2, status: 'confirmed', note: '' },
      ],
    });
    expect(checkAnswer(7, values)).toEqual({ ok: true, input: buildConfirmInput(7, values) });
  });

  it.each<[string, (values: AnswerValues) => void, Record<string, string>]>([
    ['a backorder without a date', (v) => { v.lines[1]!.status = 'backordered'; },
      { 'lines.1.expectedDate': 'Enter when the supplier expects to ship the backordered line' }],
    ['a backorder with a date that is not one', (v) => { v.lines[0]!.status = 'backordered'; v.lines[0]!.expectedDate = '2026-02-30'; },
      { 'lines.0.expectedDate': 'Expected date is not a real date' }],
    ['a rejection without a reason', (v) => { v.lines[0]!.status = 'rejected'; },
      { 'lines.0.rejectionReason': 'Choose why the supplier rejected the line' }],
    ['a reference on two lines', (v) => { v.supplierReference = 'SO-1\nSO-2'; }, { supplierReference: 'Supplier reference must be one line' }],
    ['a note far too long', (v) => { v.lines[1]!.note = 'x'.repeat(501); }, { 'lines.1.note': 'Line note is too long' }],
    ['two lines wrong at once, each beside its own', (v) => { v.lines[0]!.status = 'rejected'; v.lines[1]!.status = 'backordered'; }, {
      'lines.0.rejectionReason': 'Choose why the supplier rejected the line',
      'lines.1.expectedDate': 'Enter when the supplier expects to ship the backordered line',
    }],
  ])('%s → a message beside the field', (_, change, errors) => {
    expect(checkAnswer(7, answer(change))).toEqual({ ok: false, errors });
  });

  it('a PO with no line to answer gets a message above the form', () => {
    expect(checkAnswer(7, { supplierReference: '', lines: [] })).toEqual({ ok: false, errors: { _form: 'Answer at least one line' } });
  });

  it.each<[string, number, string | null]>([
    ['supplierReference', 2, 'supplierReference'],
    ['lines.0.status', 2, 'lines.0.status'],
    ['lines.1.expectedDate', 2, 'lines.1.expectedDate'],
    ['lines.1.rejectionReason', 2, 'lines.1.rejectionReason'],
    ['lines.1.note', 2, 'lines.1.note'],
    ['lines.2.note', 2, null],
    ['lines.0.lineId', 2, null],
    ['lines', 2, null],
    ['poId', 2, null],
  ])('the core’s field %s (with %i lines) → %s', (field, count, path) => {
    expect(answerFieldPath(field, count)).toBe(path);
  });
});

describe('unknown-outcome decision', () => {
  it.each<[string, { decision: 'resend' | 'mark_sent' | ''; note: string }, ReturnType<typeof checkUnknownDecision>]>([
    ['resend with a note', { decision: 'resend', note: ' Not in the sent folder ' },
      { ok: true, input: { poId: 7, decision: 'resend', note: 'Not in the sent folder' } }],
    ['mark as sent with a note', { decision: 'mark_sent', note: 'Supplier confirmed by phone' },
      { ok: true, input: { poId: 7, decision: 'mark_sent', note: 'Supplier confirmed by phone' } }],
    ['nothing chosen (there is no default on purpose)', { decision: '', note: 'x' },
      { ok: false, errors: { decision: 'Choose whether to send it again or mark it as sent' } }],
    ['no note', { decision: 'resend', note: '   ' }, { ok: false, errors: { note: 'Write a note: why this decision' } }],
    ['neither', { decision: '', note: '' }, {
      ok: false, errors: { decision: 'Choose whether to send it again or mark it as sent', note: 'Write a note: why this decision' },
    }],
  ])('%s', (_, values, expected) => {
    expect(checkUnknownDecision(7, values)).toEqual(expected);
  });
});

// ---------------------------------------------------------------------------------------------------------------
// The shell's outbox indicator

describe('outbox indicator', () => {
  const summary = (change: Partial<OutboxSummary> = {}): OutboxSummary => ({
    queued: 0, retrying: 0, needsPerson: 0, lastError: null, nextAttemptAt: null, ...change,
  });

  it.each<[string, OutboxSummary | null]>([
    ['not read yet', null],
    ['an empty outbox', summary()],
  ])('hidden: %s', (_, value) => {
    expect(outboxIndicator(value, NOW)).toEqual({ visible: false });
  });

  it.each<[string, Partial<OutboxSummary>, string, 'sending' | 'waiting' | 'attention']>([
    ['only queued: being sent', { queued: 2 }, '2 sending…', 'sending'],
    ['retrying: everything waits for the connection', { queued: 1, retrying: 2, lastError: 'ECONNREFUSED' }, '3 waiting for connection', 'waiting'],
    ['one needs a person', { needsPerson: 1 }, '1 needs you', 'attention'],
    ['waiting, and two need a person', { retrying: 1, needsPerson: 2 }, '1 waiting for connection · 2 need you', 'attention'],
    ['sending, and one needs a person', { queued: 4, needsPerson: 1 }, '4 sending… · 1 needs you', 'attention'],
  ])('%s → “%s”', (_, change, text, tone) => {
    expect(outboxIndicator(summary(change), NOW)).toMatchObject({ visible: true, text, tone });
  });

  it('the tooltip gives the last error and when the next try is', () => {
    const shown = outboxIndicator(summary({ retrying: 1, lastError: 'getaddrinfo ENOTFOUND smtp.example.com', nextAttemptAt: at(2) }), NOW);
    expect(shown).toEqual({
      visible: true, tone: 'waiting', text: '1 waiting for connection',
      title: `Last error: getaddrinfo ENOTFOUND smtp.example.com\nNext try ${formatRelative(at(2), NOW)} (${formatDateTime(at(2))}).`,
    });
  });

  it('the tooltip says what to do when something needs a person', () => {
    const shown = outboxIndicator(summary({ needsPerson: 2 }), NOW);
    expect(shown.visible && shown.title).toBe('2 could not be sent or may not have arrived: open the order to decide what to do.');
  });
});
