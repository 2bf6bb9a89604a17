import type { Sql } from '../../db/query';
import type { OutboxRow } from '../outbox/outbox-store';
import { movePo } from './po-state';
import { poRow } from './read-supplier-orders';

/**
 * A PO's outbox row now needs a person. When the row ended unknown (cut off by a crash, or a connection
 * that broke after the message may have been handed over), the PO is unknown too. It is not flagged as a
 * possible duplicate here: only a resend the person then chooses is (resolveUnknownPo, requeuePo), and a PO
 * they mark as sent never was sent twice. A dead row already put its PO on hold when it settled.
 */
export function markPoDeliveryStuck(sql: Sql, row: OutboxRow, at: number): void {
  if (row.po_id === null) return;
  const current = sql.first(sql.qb.selectFrom('outbox').select(['status', 'last_error']).where('id', '=', row.id));
  if (current?.status !== 'unknown') return;
  const po = poRow(sql, row.po_id);
  if (po.status === 'queued') {
    movePo(sql, po, { to: 'unknown', actor: 'desk (outbox)', at, reason: current.last_error });
  }
}
