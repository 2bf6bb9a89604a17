/**
 * Runs the SMTP catcher by itself, so a newcomer can see what suppliers would receive:
 *   npx tsx test/sim/smtp-catcher-cli.ts --demo [--port 2525] [--out ./smtp-catcher-mail] [--user u --pass p]
 * It binds 127.0.0.1 only, prints each message's subject and recipients, and saves it as <n>-<PO>.eml in the
 * out folder (open it in any mail program). Stops on Ctrl+C.
 * In the desk's e-mail settings: server 127.0.0.1, port 2525, security "STARTTLS if offered" (the catcher offers
 * none), and the user/password given here (none: no login needed).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { startSmtpCatcher } from './smtp-catcher';

const { values } = parseArgs({
  options: {
    demo: { type: 'boolean', default: false },
    port: { type: 'string', default: '2525' },
    out: { type: 'string', default: 'smtp-catcher-mail' },
    user: { type: 'string' },
    pass: { type: 'string' },
  },
});

if (!values.demo) {
  console.error('usage: npx tsx test/sim/smtp-catcher-cli.ts --demo [--port 2525] [--out folder] [--user u --pass p]');
  process.exit(2);
}
const out = resolve(values.out);
mkdirSync(out, { recursive: true });
let count = 0;
const catcher = await startSmtpCatcher({
  port: Number(values.port),
  ...(values.user !== undefined && values.pass !== undefined ? { auth: { user: values.user, pass: values.pass } } : {}),
  onMessage(mail) {
    count += 1;
    const po = String(mail.headers.get('x-petdrop-po') ?? 'message').replace(/[^A-Za-z0-9._-]/g, '_');
    const file = join(out, `${String(count).padStart(3, '0')}-${po}.eml`);
    writeFileSync(file, mail.raw);
    const names = mail.attachments.map((a) => a.filename ?? '(unnamed)').join(', ');
    console.log(`#${count} to ${mail.envelope.to.join(', ')}: ${mail.subject ?? '(no subject)'}${names ? `  [${names}]` : ''}\n    saved ${file}`);
  },
});
console.log(`SMTP catcher on ${catcher.host}:${catcher.port} (no TLS; ${values.user ? `login ${values.user}` : 'no login'}); saving .eml files in ${out}`);
const stop = () => { void catcher.close().then(() => process.exit(0)); };
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
