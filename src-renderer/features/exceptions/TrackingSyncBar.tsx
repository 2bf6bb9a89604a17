import { useEffect, useState } from 'react';
import { linkHandler, paths } from '../../app/router';
import { formatDateTime } from '../../components/format';
import { inTransitText, lastSyncText, NO_TRACKING_KEY_HINT, syncButton } from './exceptionsModel';
import { useTrackingSync, watchTrackingSync } from './trackingSyncStore';

/** How often "Last synced 5 minutes ago" is brought up to date while it is on screen. */
const CLOCK_TICK_MS = 30_000;

/**
 * The tracking sync in the exceptions header: when it last ran, what went wrong, "Sync now" (busy while a round
 * runs), and a hint when no tracking service key is stored.
 */
export function TrackingSyncBar() {
  const { status, loadError, starting, syncError, syncNow } = useTrackingSync();
  const [now, setNow] = useState(() => Date.now());

  useEffect(() => watchTrackingSync(), []);
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), CLOCK_TICK_MS);
    return () => clearInterval(timer);
  }, []);

  const button = syncButton(status, starting);
  const following = inTransitText(status);
  return (
    <div className="sync-bar" data-testid="tracking-sync" data-running={button.running}>
      <div className="sync-bar-line">
        <span className="sync-bar-text" role="status" aria-live="polite">
          <span data-testid="last-sync" title={status?.lastSyncAt ? formatDateTime(status.lastSyncAt) : undefined}>
            {lastSyncText(status, now)}
          </span>
          {following && <span className="muted" data-testid="sync-in-transit"> · {following}</span>}
        </span>
        <button type="button" className="button button-small" data-testid="sync-now" disabled={button.disabled}
          aria-busy={button.running} onClick={() => void syncNow()}
          title="Ask the suppliers’ APIs for new parcels and the tracking service for parcels on their way, now">
          {button.label}
        </button>
      </div>
      {status?.lastError && <p className="sync-bar-error" data-testid="sync-last-error">Last sync failed: {status.lastError}</p>}
      {syncError && <p className="sync-bar-error" role="alert" data-testid="sync-error">{syncError}</p>}
      {loadError && !status && <p className="sync-bar-error" data-testid="sync-load-error">{loadError}</p>}
      {status && !status.trackingServiceReady && (
        <p className="muted small sync-bar-hint" data-testid="sync-no-key">
          {NO_TRACKING_KEY_HINT} — <a href={paths.settings()} onClick={linkHandler(paths.settings())} data-testid="sync-settings-link">Settings → Parcel tracking</a>
        </p>
      )}
    </div>
  );
}
