import { ProgressBar } from '../../components/ProgressBar';
import { Message } from '../../components/Message';
import { PawIcon } from '../../components/Icons';
import { navigate, paths } from '../../app/router';
import { useDemo } from './demoStore';

/** What a brand-new desk shows: the two ways to get started. */
export function EmptyDesk({ onLoaded }: { onLoaded(): Promise<void> }) {
  const { loading, progress, error, load } = useDemo();
  const busy = loading || (progress !== null && !progress.finished);
  return (
    <section className="empty-desk" data-testid="empty-desk" aria-labelledby="empty-desk-title">
      <div className="empty-illustration"><PawIcon size={44} /></div>
      <h1 id="empty-desk-title">No orders yet</h1>
      <p className="empty-lead">
        This desk is empty. Enter an order you received (from your storefront, by phone or by e-mail),
        or load a demo shop to look around first.
      </p>
      <div className="empty-actions">
        <button
          type="button"
          className="button button-primary button-large"
          data-testid="empty-new-order"
          disabled={busy}
          onClick={() => navigate(paths.newOrder())}
        >
          Enter your first order
        </button>
        <button
          type="button"
          className="button button-large"
          data-testid="empty-load-demo"
          disabled={busy}
          onClick={() => void load(onLoaded)}
        >
          {busy ? 'Loading demo shop…' : 'Load demo shop'}
        </button>
      </div>
      {busy && progress && (progress.total > 0
        ? <ProgressBar value={progress.done} max={progress.total} label="Creating demo orders" testId="demo-progress" />
        : <ProgressBar value={0} max={0} label="Preparing the demo shop" testId="demo-progress" />)}
      {error && <Message testId="demo-error">{error}</Message>}
      <p className="empty-hint">Demo orders are ordinary orders: you can cancel them like any other.</p>
    </section>
  );
}
