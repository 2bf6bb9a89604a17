import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { createTransport } from 'nodemailer';
import { poMessageId, SMTP_POOL_MAX_MESSAGES, smtpPoolOptions, type SmtpConfig } from '../../src-main/adapters/smtp-mailer';
import { openCore, type Core } from '../../src-main/core/core';
import { silentLogger } from '../../src-main/core/logger';
import { configureConnection, DATABASE_FILE_NAME } from '../../src-main/db/open';
import { validOrder } from '../fixtures/orders';
import { startSmtpCatcher } from '../sim/smtp-catcher';

/**
 * Draining 1,000 queued e-mail POs through the desk's outbox to a local SMTP server (the catcher on
 * 127.0.0.1) against the raw limit: nodemailer sending the same 1,000 messages (read back from po_messages)
 * straight to the same server with the same transport options (one kept connection, renewed every
 * SMTP_POOL_MAX_MESSAGES, as the desk's mailer), one after another as the worker does, in the same run.
 * The difference is the desk's own cost per PO: one bookkeeping commit (the close of one row and the claim of
 * the next; see Sql.bookkeeping), reading the frozen e-mail, the PO's state change and timeline.
 * The catcher keeps messages raw (no mailparser): parsing in this same process would be counted on both sides
 * and hide the desk's share.
 */
const POS = Number(process.env.BENCH_SMTP_POS ?? 1_000);
const RUNS = Number(process.env.BENCH_SMTP_RUNS ?? 5);
const SHOP_EMAIL = 'orders@happypaws.example';
const SMTP_USER = SHOP_EMAIL;
const SMTP_PASS = 'bench-smtp-pass';

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;
const fmt = (n: number) => Math.round(n).toLocaleString('en');
const ctx = { actor: { name: 'bench' } };

const catcher = await startSmtpCatcher({ auth: { user: SMTP_USER, pass: SMTP_PASS }, parse: false });
const config: SmtpConfig = { host: catcher.host, port: catcher.port, security: 'starttls-opportunistic', from: SHOP_EMAIL, auth: { user: SMTP_USER, pass: SMTP_PASS } };

const openDesk = (dataDir: string): Core =>
  openCore({ dataDir, host: 'browser', version: 'bench', logger: silentLogger, dailyBackup: false, backgroundWork: false });

async function call(core: Core, name: string, input: unknown): Promise<never> {
  const result = await core.dispatch(name as never, input as never, ctx);
  if (!result.ok) throw new Error(`${name} failed: ${JSON.stringify(result.error)}`);
  return result.value as never;
}

/**
 * A shop with POS queued e-mail POs, made once and copied for every drain: each measured drain starts from
 * the same database. Made through the dispatcher, as the owner would (the PDF is rendered at send time,
 * outside what is measured).
 */
async function makeTemplate(dir: string): Promise<void> {
  const core = openDesk(dir);
  try {
    await call(core, 'settings.update', {
      shopName: 'Happy Paws', shopEmail: SHOP_EMAIL, shopReplyTo: 'po@happypaws.example', shopAddress: '1 Main St\nBerlin',
      smtpHost: config.host, smtpPort: config.port, smtpSecurity: config.security, smtpUser: SMTP_USER, smtpPassword: SMTP_PASS,
      captureRequiresSupplierAck: false,
    });
    const supplier: { id: number } = await call(core, 'suppliers.save', {
      supplier: { name: 'Tiergroßhandel Müller', channel: 'email', orderEmail: 'bestellung@tiergrosshandel.example', currency: 'EUR', shipsTo: ['DE'] },
    });
    const product: { variants: { id: number }[] } = await call(core, 'catalog.saveProduct', {
      product: { title: 'Acana Adult Dog, Lamb', brand: 'Acana', species: 'dog', lifeStage: 'adult' },
      variants: [{ sku: 'DOG-ACANA-LAMB-11', title: '11.4 kg bag', size: '11.4 kg', weightG: 11400, flavour: 'lamb', retailPrice: 8999, currency: 'EUR' }],
    });
    const variantId = product.variants[0]!.id;
    await call(core, 'catalog.saveOffer', { variantId, supplierId: supplier.id, supplierSku: 'TGM-ACANA-11', cost: 5200, stock: 1_000_000 });
    for (let i = 0; i < POS; i += 1) {
      // One customer per order: the duplicate and velocity checks would hold a thousand orders from one person.
      const base = validOrder();
      const order: { id: number } = await call(core, 'orders.create', {
        submit: true,
        order: {
          ...base,
          customer: { ...base.customer, name: `Customer ${i}`, email: `customer${i}@example.com` },
          lines: [{ title: 'Adult Dog Food, Lamb, 11.4 kg', sku: 'DOG-ACANA-LAMB-11', quantity: 1 + (i % 3), unitPrice: 8999, variantId }],
        },
      });
      await call(core, 'payments.recordManual', { orderId: order.id, method: 'bank_transfer', reference: `TX-${i}` });
      const sent: { supplierOrders: { status: string }[] } = await call(core, 'supplierOrders.send', { orderId: order.id });
      if (sent.supplierOrders.some((po) => po.status !== 'queued')) throw new Error(`order ${order.id}: its PO was not queued`);
    }
  } finally {
    core.close();
  }
}

interface RawMail {
  from: string; to: string; replyTo?: string; subject: string; text: string; html: string; messageId: string;
  headers: Record<string, string>; attachments: { filename: string; content: Buffer; contentType: string }[];
}

/** The same messages, as they sit in po_messages (what the outbox sends), decoded beforehand. */
function rawMails(dir: string): RawMail[] {
  const db = new Database(join(dir, DATABASE_FILE_NAME), { readonly: true });
  try {
    const rows = db.prepare(`SELECT p.number, m.recipient, m.reply_to, m.subject, m.text, m.html, m.attachments
      FROM po_messages m JOIN purchase_orders p ON p.id = m.po_id ORDER BY m.po_id`).all() as {
      number: string; recipient: string; reply_to: string | null; subject: string; text: string; html: string; attachments: string;
    }[];
    return rows.map((row) => ({
      from: SHOP_EMAIL, to: row.recipient, ...(row.reply_to ? { replyTo: row.reply_to } : {}), subject: row.subject, text: row.text, html: row.html,
      messageId: poMessageId(row.number, SHOP_EMAIL.split('@')[1]!), headers: { 'X-PetDrop-PO': row.number },
      attachments: (JSON.parse(row.attachments) as { filename: string; contentType: string; base64: string }[])
        .map((a) => ({ filename: a.filename, contentType: a.contentType, content: Buffer.from(a.base64, 'base64') })),
    }));
  } finally {
    db.close();
  }
}

const template = mkdtempSync(join(tmpdir(), 'petdrop-bench-po-email-'));
const setupStart = performance.now();
await makeTemplate(template);
const setupMs = performance.now() - setupStart;
const mails = rawMails(template);
if (mails.length !== POS) throw new Error(`expected ${POS} queued e-mails, found ${mails.length}`);
const caughtBytes = () => catcher.messages.reduce((sum, m) => sum + m.raw.length, 0);

/** One drain of a fresh copy of the template: every queued PO sent and settled. */
async function oursOnce(): Promise<{ ms: number; bytes: number }> {
  const dir = mkdtempSync(join(tmpdir(), 'petdrop-bench-po-drain-'));
  cpSync(template, dir, { recursive: true });
  const core = openDesk(dir);
  catcher.messages.length = 0;
  try {
    const start = performance.now();
    let settled = 0;
    while (settled < POS) {
      const n = await core.background.outbox.drain();
      if (n === 0) break;
      settled += n;
    }
    const ms = performance.now() - start;
    const summary: { queued: number; retrying: number; needsPerson: number } = await call(core, 'outbox.summary', {});
    if (settled !== POS || catcher.messages.length !== POS || summary.queued + summary.retrying + summary.needsPerson !== 0) {
      throw new Error(`the drain did not send every PO: settled ${settled}, caught ${catcher.messages.length}, ${JSON.stringify(summary)}`);
    }
    return { ms, bytes: caughtBytes() };
  } finally {
    core.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** nodemailer alone: the same messages over the same kind of kept connection, one after another. */
async function rawOnce(): Promise<{ ms: number; bytes: number }> {
  catcher.messages.length = 0;
  const start = performance.now();
  const transport = createTransport(smtpPoolOptions(config, SHOP_EMAIL));
  try {
    for (const mail of mails) await transport.sendMail({ ...mail, envelope: { from: config.from, to: [mail.to] } });
  } finally {
    transport.close();
  }
  const ms = performance.now() - start;
  if (catcher.messages.length !== POS) throw new Error(`raw: the catcher has ${catcher.messages.length} of ${POS}`);
  return { ms, bytes: caughtBytes() };
}

/** What one synchronous=FULL commit costs on this disk (the desk's pragmas, a one-row transaction). */
function commitMs(): number {
  const dir = mkdtempSync(join(tmpdir(), 'petdrop-bench-commit-'));
  const db = new Database(join(dir, 'commit.sqlite'));
  try {
    configureConnection(db);
    db.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT NOT NULL) STRICT');
    const insert = db.prepare('INSERT INTO t (v) VALUES (?)');
    const commit = db.transaction((v: string) => insert.run(v));
    const samples: number[] = [];
    for (let i = 0; i < 200; i += 1) {
      const start = performance.now();
      commit.immediate('x'.repeat(200));
      samples.push(performance.now() - start);
    }
    return median(samples);
  } finally {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

// The first drain and send pay for JIT warm-up; printed apart, not in the ratio.
const firstOurs = await oursOnce();
const firstRaw = await rawOnce();
// The same messages on both sides: only the Date, the boundaries and nodemailer's own ids may differ.
if (Math.abs(firstOurs.bytes - firstRaw.bytes) > firstRaw.bytes * 0.01) {
  throw new Error(`ours sent ${firstOurs.bytes} bytes, raw ${firstRaw.bytes}: not the same messages`);
}
const ours: number[] = [];
const raw: number[] = [];
// Alternated, so a busy moment on the machine lands on both sides alike.
for (let i = 0; i < RUNS; i += 1) {
  ours.push((await oursOnce()).ms);
  raw.push((await rawOnce()).ms);
}
await catcher.close();
rmSync(template, { recursive: true, force: true });
const commit = commitMs();

const oursRate = POS / (median(ours) / 1000);
const rawRate = POS / (median(raw) / 1000);
const overheadMs = (median(ours) - median(raw)) / POS;
console.log(`PO e-mail drain, ${fmt(POS)} queued e-mail POs to a local SMTP server (claim, send, close, PO sent): ours ${fmt(oursRate)} messages/s (median ${median(ours).toFixed(0)} ms), raw nodemailer, same messages, same kept connection (${SMTP_POOL_MAX_MESSAGES} per connection) ${fmt(rawRate)} messages/s (median ${median(raw).toFixed(0)} ms), ratio ${(oursRate / rawRate).toFixed(2)}`);
console.log(`PO e-mail drain runs (ms): ours ${ours.map((ms) => ms.toFixed(0)).join(', ')}; raw ${raw.map((ms) => ms.toFixed(0)).join(', ')}`);
console.log(`PO e-mail drain, the desk's overhead per PO (median ours − median raw, over ${fmt(POS)}): ${overheadMs.toFixed(2)} ms; one synchronous=FULL commit on this disk: ${commit.toFixed(2)} ms (the outbox commits once per PO — the close of one and the claim of the next together — as bookkeeping: synchronous=NORMAL, safe against a crash of the desk)`);
console.log(`PO e-mail drain, the first drain and send (warm-up): ours ${fmt(firstOurs.ms)} ms, raw ${fmt(firstRaw.ms)} ms; setup (${fmt(POS)} orders made, paid and sent, ${(firstRaw.bytes / POS / 1024).toFixed(1)} KB per e-mail on the wire) ${(setupMs / 1000).toFixed(1)} s`);
