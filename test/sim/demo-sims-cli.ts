/**
 * `npm run sims`: every simulator a demo desk talks to, on the fixed loopback ports the demo shop uses, so a
 * newcomer can try the whole flow without real suppliers, a mail server or a Stripe account:
 * - the supplier API ("PetSupply Direct") on 127.0.0.1:4010, acknowledging each purchase order on its 2nd poll
 *   and shipping it (a UPS parcel) on the poll after;
 * - the SMTP catcher on 127.0.0.1:2525, printing each purchase-order e-mail and saving it as an .eml file;
 * - the Stripe simulator on 127.0.0.1:4011 (put its address and printed key in Settings for card payments);
 * - the tracking service (AfterShip 2026-07 shapes) on 127.0.0.1:4012, moving five demo parcels a scan at a time
 *   (put http://127.0.0.1:4012 and its printed key in Settings → Tracking).
 * - a Shopify store (Admin API, GraphQL) on 127.0.0.1:4013 with demo orders, for the storefront sync (issue 7,
 *   not wired into the desk yet);
 * Each runs as its own process (their CLIs are the documented way to run them one by one); Ctrl+C stops all.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';

const here = import.meta.dirname;
const children: ChildProcess[] = [
  ['supplier API', 'supplier-sim-cli.ts', '--demo'],
  ['SMTP catcher', 'smtp-catcher-cli.ts', '--demo'],
  ['Stripe', 'stripe-sim-cli.ts'],
  ['tracking', 'tracking-sim-cli.ts', '--demo', '--port', '4012'],
  ['Shopify', 'shopify-sim-cli.ts', '--demo'],
].map(([name, file, ...args]) => {
  const child = spawn(process.execPath, ['--import', 'tsx', join(here, file!), ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  const prefix = `[${name}] `;
  const relay = (chunk: Buffer) => process.stdout.write(chunk.toString().replace(/^(?=.)/gm, prefix));
  child.stdout?.on('data', relay);
  child.stderr?.on('data', relay);
  child.once('exit', (code) => {
    if (code !== null && code !== 0) console.log(`${prefix}stopped (exit ${code})`);
  });
  return child;
});

const stop = () => {
  for (const child of children) child.kill('SIGTERM');
  process.exit(0);
};
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
