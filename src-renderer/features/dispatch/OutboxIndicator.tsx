import './dispatch.css';
import { useEffect, useState } from 'react';
import { outboxIndicator } from './outboxIndicatorModel';
import { useOutbox } from './outboxStore';

/** How often the "next try in 2 minutes" of the tooltip is brought up to date while something waits. */
const CLOCK_TICK_MS = 30_000;

/**
 * A quiet line in the top bar while anything is on its way out: "3 waiting for connection · 1 needs you".
 * Hidden when the outbox is empty; the details (last error, next try) are in its tooltip.
 */
export function OutboxIndicator() {
  const summary = useOutbox((s) => s.summary);
  const retryNow = useOutbox((s) => s.retryNow);
  const [now, setNow] = useState(() => Date.now());
  const indicator = outboxIndicator(summary, now);

  useEffect(() => {
    if (!indicator.visible) return undefined;
    const timer = setInterval(() => setNow(Date.now()), CLOCK_TICK_MS);
    return () => clearInterval(timer);
  }, [indicator.visible]);

  if (!indicator.visible) return null;
  return (
    <span className={`outbox-indicator outbox-indicator-${indicator.tone}`} data-testid="outbox-indicator" data-tone={indicator.tone}
      role="status" title={indicator.title}>
      <span className="outbox-indicator-dot" aria-hidden="true" />
      <span data-testid="outbox-indicator-text">{indicator.text}</span>
      {indicator.tone !== 'sending' && (summary?.retrying ?? 0) > 0 && (
        <button type="button" className="outbox-indicator-retry" data-testid="outbox-retry-now" onClick={() => void retryNow()}
          title="The connection is back: try everything that waits now instead of at its next scheduled try">
          Retry now
        </button>
      )}
    </span>
  );
}
