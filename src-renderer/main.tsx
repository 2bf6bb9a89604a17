// Must stay the first import: configures zod before any schema is built.
import './zod-jitless';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { connectHost } from './api/client';
import { App } from './app/App';
import { startRouter } from './app/router';
import './app/app.css';

// Order matters: the api client takes the browser host's token out of the address (#token=…) first,
// then the router owns the hash.
const host = connectHost();
startRouter();

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <App host={host} />
    </StrictMode>,
  );
}
