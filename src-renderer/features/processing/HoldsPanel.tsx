import { useState } from 'react';
import type { Hold } from '../../../src-shared/domain/holds';
import type { OrderDetail } from '../../../src-shared/domain/order';
import { placeHoldInput, releaseHoldInput } from '../../../src-shared/schemas/processing-procedures';
import { formatDateTime } from '../../components/format';
import { useOrderDetail } from '../orders/detail/orderDetailStore';
import { holdLabel, isOpenHold } from './checkModel';
import { NoteDialog } from './NoteDialog';

/**
 * The order's holds: why, the note, who placed it and when; "Release…" with a note for an open one, and
 * "Put on hold…" for a reason of the shop's own. Released holds stay listed (greyed) with the release note.
 */
export function HoldsPanel({ order }: { order: OrderDetail }) {
  const busy = useOrderDetail((s) => s.busy);
  const act = useOrderDetail((s) => s.act);
  const [releasing, setReleasing] = useState<Hold | null>(null);
  const [placing, setPlacing] = useState(false);
  const live = order.cancelledAt === null && order.submittedAt !== null;
  const open = order.holds.filter(isOpenHold);
  const manualOpen = open.some((h) => h.reason === 'OTHER');
  if (!live && order.holds.length === 0) return null;

  return (
    <section className={`card${open.length > 0 ? ' card-warning' : ''}`} aria-labelledby="d-holds" data-testid="holds">
      <h2 id="d-holds" className="card-title">Holds {open.length > 0 && <span className="count-pill">{open.length} open</span>}</h2>
      {order.holds.length === 0 ? (
        <p className="muted" data-testid="holds-none">No holds. Put the order on hold to stop it going further until someone looks at it.</p>
      ) : (
        <ul className="holds">
          {order.holds.map((hold) => (
            <li key={hold.id} className={hold.releasedAt ? 'hold hold-released' : 'hold'} data-testid="hold" data-reason={hold.reason} data-open={hold.releasedAt === null}>
              <div className="hold-head">
                <span className="strong">{holdLabel(hold.reason)}</span>
                {hold.releasedAt && <span className="hold-state">Released</span>}
              </div>
              {hold.note && <div className="hold-note" data-testid="hold-note">{hold.note}</div>}
              <div className="muted small">Placed {formatDateTime(hold.placedAt)} by {hold.placedBy}</div>
              {hold.releasedAt && (
                <div className="muted small" data-testid="hold-release-info">
                  Released {formatDateTime(hold.releasedAt)} by {hold.releasedBy}{hold.releaseNote ? `: ${hold.releaseNote}` : ''}
                </div>
              )}
              {live && hold.releasedAt === null && (
                <button type="button" className="button button-small hold-release" data-testid="release-hold" data-review-target disabled={busy !== null}
                  aria-label={`Release the hold: ${holdLabel(hold.reason)}`} onClick={() => setReleasing(hold)}>
                  Release…
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      {live && (
        <div className="holds-actions">
          <button type="button" className="button button-small" data-testid="place-hold" disabled={busy !== null || manualOpen}
            title={manualOpen ? 'The order already has a hold of your own: release it or add to it' : undefined}
            onClick={() => setPlacing(true)}>
            Put on hold…
          </button>
        </div>
      )}

      <NoteDialog
        open={releasing !== null}
        title={releasing ? `Release the hold “${holdLabel(releasing.reason)}”?` : 'Release the hold?'}
        testPrefix="release"
        schema={releaseHoldInput.shape.note}
        placeholder="e.g. Checked the address with the customer by phone"
        confirmLabel="Release hold"
        busyLabel="Releasing…"
        busy={busy === 'hold'}
        onClose={() => setReleasing(null)}
        onConfirm={async (note) => {
          if (!releasing) return { ok: true };
          const label = holdLabel(releasing.reason);
          return act('hold', 'holds.release', { orderId: order.id, holdId: releasing.id, note }, { notice: () => `Hold “${label}” released.` });
        }}
      >
        {releasing && (
          <>
            {releasing.note && <p className="override-what">{releasing.note}</p>}
            <p className="muted">
              {releasing.reason === 'OTHER' || releasing.reason === 'AUTHORIZATION_EXPIRING'
                ? 'The order can go on once nothing else holds it.'
                : 'The failed checks behind this hold count as overridden with the same note, so re-running the checks does not put it back.'}
            </p>
          </>
        )}
      </NoteDialog>
      <NoteDialog
        open={placing}
        title={`Put order ${order.number} on hold?`}
        testPrefix="place-hold"
        schema={placeHoldInput.shape.note}
        label="Why"
        placeholder="e.g. Customer asked us to wait until Friday"
        confirmLabel="Put on hold"
        busyLabel="Placing the hold…"
        busy={busy === 'hold'}
        onClose={() => setPlacing(false)}
        onConfirm={(note) => act('hold', 'holds.place', { orderId: order.id, note }, { notice: () => `Order ${order.number} is on hold.` })}
      >
        <p className="muted">The order waits in “Needs review” — no payment is captured and nothing goes to suppliers — until the hold is released.</p>
      </NoteDialog>
    </section>
  );
}
