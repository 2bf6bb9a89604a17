import { PawIcon } from '../components/Icons';

/** Shown when the page was opened without the browser host's access key (and outside Electron). */
export function NoHostScreen({ reason }: { reason: 'missing' | 'expired' }) {
  return (
    <main className="no-host" data-testid="no-host">
      <div className="no-host-card">
        <div className="brand brand-large"><PawIcon className="brand-mark" size={22} /> PetDrop Desk</div>
        <h1>{reason === 'missing' ? 'Open the desk from its own address' : 'This page’s access key has expired'}</h1>
        <p>
          {reason === 'missing'
            ? 'For safety, this page only works when it is opened with the access key that the desk creates each time it starts.'
            : 'The desk was restarted (or the key was changed), so this page can no longer talk to it.'}
        </p>
        <ol>
          <li>Find the window where you started the desk with <code>npm start</code> (or <code>npm run serve</code>).</li>
          <li>Open the address it printed, which looks like <code>http://127.0.0.1:PORT/#token=…</code></li>
        </ol>
        <p className="muted">The key is removed from the address bar once the page has read it; reloading this tab keeps working.</p>
      </div>
    </main>
  );
}
