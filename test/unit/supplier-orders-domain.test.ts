import { describe, expect, it } from 'vitest';
import {
  ACKNOWLEDGED_PO_STATUSES, canMovePo, formatPoNumber, PO_STATUSES, poStatusFromLines, type PoLineStatus, type PoStatus,
} from '../../src-shared/domain/supplier-orders';
import { confirmPoInput, poLineAnswerInput, resolveUnknownPoInput } from '../../src-shared/schemas/dispatch-procedures';

describe('the PO state machine (DOMAIN.md)', () => {
  it.each<[PoStatus, PoStatus, boolean]>([
    ['draft', 'queued', true],
    ['draft', 'sent', false],
    ['queued', 'sent', true],
    ['queued', 'unknown', true],
    ['queued', 'on_hold', true],
    ['on_hold', 'queued', true],
    ['sent', 'acknowledged', true],
    ['sent', 'rejected', true],
    ['sent', 'queued', false],
    // Reconcile, never blindly resend: unknown leaves by a decision (queued again, or sent) or by the supplier's answer.
    ['unknown', 'queued', true],
    ['unknown', 'sent', true],
    ['unknown', 'acknowledged', true],
    ['unknown', 'draft', false],
    ['acknowledged', 'shipped', true],
    ['acknowledged', 'queued', false],
    ['cancellation_requested', 'cancelled', true],
    ['cancellation_requested', 'cancel_rejected', true],
    ['delivered', 'shipped', false],
    ['cancelled', 'queued', false],
  ])('%s → %s allowed: %s', (from, to, allowed) => {
    expect(canMovePo(from, to)).toBe(allowed);
  });

  it('ends nowhere from delivered and cancelled, and every status is reachable from draft', () => {
    expect(PO_STATUSES.filter((to) => canMovePo('delivered', to) || canMovePo('cancelled', to))).toEqual([]);
    const reached = new Set<PoStatus>(['draft']);
    for (let changed = true; changed;) {
      changed = false;
      for (const from of [...reached]) {
        for (const to of PO_STATUSES) {
          if (canMovePo(from, to) && !reached.has(to)) {
            reached.add(to);
            changed = true;
          }
        }
      }
    }
    expect([...reached].sort()).toEqual([...PO_STATUSES].sort());
  });

  it('counts only statuses past the supplier’s yes as acknowledged', () => {
    expect(ACKNOWLEDGED_PO_STATUSES).not.toContain('sent');
    expect(ACKNOWLEDGED_PO_STATUSES).not.toContain('rejected');
    expect(ACKNOWLEDGED_PO_STATUSES).toContain('acknowledged');
  });
});

describe('a PO’s status from its lines', () => {
  const lines = (...statuses: PoLineStatus[]) => statuses.map((status) => ({ status }));
  it.each<[string, PoLineStatus[], 'acknowledged' | 'rejected' | undefined]>([
    ['every line confirmed', ['confirmed', 'confirmed'], 'acknowledged'],
    ['a backorder still ships, later', ['confirmed', 'backordered'], 'acknowledged'],
    ['one line rejected, one confirmed', ['rejected', 'confirmed'], 'acknowledged'],
    ['every line rejected', ['rejected', 'rejected'], 'rejected'],
    ['a line still pending', ['confirmed', 'pending'], undefined],
    ['moved lines do not count', ['rerouted', 'rejected'], 'rejected'],
    ['every line moved away', ['rerouted'], undefined],
  ])('%s', (_name, statuses, expected) => {
    expect(poStatusFromLines(lines(...statuses))).toBe(expected);
  });
});

describe('PO numbers', () => {
  it.each([
    ['PD-1042', 1, 'PO-1042-1'],
    ['PD-1042', 3, 'PO-1042-3'],
    ['1001', 2, 'PO-1001-2'],
  ])('%s #%i → %s', (order, sequence, expected) => {
    expect(formatPoNumber(order, sequence)).toBe(expected);
  });
});

describe('a supplier’s answer typed in by hand', () => {
  it.each([
    [{ lineId: 1, status: 'backordered' }, 'expectedDate', 'Enter when the supplier expects'],
    [{ lineId: 1, status: 'backordered', expectedDate: '2026-02-30' }, 'expectedDate', 'not a real date'],
    [{ lineId: 1, status: 'backordered', expectedDate: '30.12.2026' }, 'expectedDate', 'a date like'],
    [{ lineId: 1, status: 'rejected' }, 'rejectionReason', 'why the supplier rejected'],
    [{ lineId: 1, status: 'shipped' }, 'status', 'confirmed, backordered or rejected'],
    [{ lineId: 0, status: 'confirmed' }, 'lineId', 'positive'],
  ])('refuses %j, naming %s', (line, field, words) => {
    const result = poLineAnswerInput.safeParse(line);
    expect(result.success).toBe(false);
    const issue = result.error!.issues[0]!;
    expect(issue.path.join('.')).toBe(field);
    expect(issue.message).toContain(words);
  });

  it('takes a full answer and trims the supplier reference', () => {
    const parsed = confirmPoInput.parse({
      poId: 3, supplierReference: '  TGM-55120 ',
      lines: [{ lineId: 1, status: 'confirmed' }, { lineId: 2, status: 'backordered', expectedDate: '2026-12-24' }, { lineId: 3, status: 'rejected', rejectionReason: 'discontinued', note: 'no longer made' }],
    });
    expect(parsed.supplierReference).toBe('TGM-55120');
    expect(parsed.lines.map((l) => l.status)).toEqual(['confirmed', 'backordered', 'rejected']);
  });

  it('refuses a supplier reference with a line break and an unknown-outcome decision without a note', () => {
    expect(confirmPoInput.safeParse({ poId: 1, supplierReference: 'A\nBcc: x', lines: [{ lineId: 1, status: 'confirmed' }] }).success).toBe(false);
    const noNote = resolveUnknownPoInput.safeParse({ poId: 1, decision: 'resend', note: ' ' });
    expect(noNote.error?.issues[0]?.path).toEqual(['note']);
  });
});
