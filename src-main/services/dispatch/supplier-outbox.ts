import { createSmtpMailer, type SmtpConfig, type SmtpMailer } from '../../adapters/smtp-mailer';
import { sendMailAttempt } from '../outbox/smtp-attempt';
import { createSupplierOrdersClient, SupplierOrderError, type SupplierApiOrder, type SupplierOrdersClient } from '../../adapters/supplier-orders-http';
import { placeholder, type Sql } from '../../db/query';
import type { OutboxAttempt, OutboxHandler } from '../outbox/outbox-worker';
import type { OutboxRow } from '../outbox/outbox-store';
import { readSettings, readSmtpPassword } from '../settings';
import { readSupplierSecret } from '../suppliers/suppliers';
import { poApiBody } from './po-document';
import { movePo } from './po-state';
import { poLines, poRow } from './read-supplier-orders';
import { API_PO_KIND, EMAIL_PO_KIND, type DispatchDeps } from './send-supplier-orders';
import { applyApiOrder } from './supplier-answers';

/** The outbox's own name on the timeline. */
const OUTBOX_ACTOR = 'desk (outbox)';

export interface SupplierChannels {
  /** The shop's mailer for the current settings (tests and the bench pass their own factory). */
  mailer(config: SmtpConfig): SmtpMailer;
  ordersClient(baseUrl: string, apiKey: string): SupplierOrdersClient;
}

export const realSupplierChannels: SupplierChannels = {
  // POs go out one after another: one kept connection instead of a connect, greeting and login per PO.
  mailer: (config) => createSmtpMailer(config, { reuseConnection: true }),
  ordersClient: (baseUrl, apiKey) => createSupplierOrdersClient({ baseUrl, apiKey }),
};

/** Where and with which key the supplier's API is called, or a sentence saying what is missing (the key stays in the core). */
export function supplierApiAccess(deps: DispatchDeps, supplierId: number): { name: string; baseUrl: string; apiKey: string } | { missing: string } {
  const supplier = deps.sql.first(deps.sql.qb.selectFrom('suppliers').select(['name', 'api_base_url']).where('id', '=', supplierId));
  const apiKey = readSupplierSecret(deps, supplierId, 'api_key');
  if (!supplier || !apiKey) return { missing: `No API key is stored for ${supplier?.name ?? 'this supplier'}` };
  return { name: supplier.name, baseUrl: supplier.api_base_url, apiKey };
}

/** The shop's SMTP settings as the mailer takes them, or a sentence saying what is missing. */
export function smtpConfigOf(deps: DispatchDeps): SmtpConfig | string {
  const settings = readSettings(deps.sql);
  if (!settings.smtpHost || !settings.shopEmail) return 'The shop’s outgoing mail server is not set up: fill in Settings → Shop and e-mail, then try again.';
  const password = readSmtpPassword(deps.sql, deps.secrets);
  return {
    host: settings.smtpHost, port: settings.smtpPort, security: settings.smtpSecurity, from: settings.shopEmail,
    ...(settings.smtpUser ? { auth: { user: settings.smtpUser, pass: password ?? '' } } : {}),
  };
}

/** The stored rows the SMTP configuration is made of, as one string: equal strings, equal configuration. */
const SMTP_SETTING_KEYS = ['shop_email', 'smtp_host', 'smtp_port', 'smtp_security', 'smtp_user'];

/**
 * smtpConfigOf for every PO of a drain without reading every setting and decrypting the password each time:
 * the configuration is made again only when its stored rows (or the password's ciphertext) changed.
 */
function cachedSmtpConfig(deps: DispatchDeps): () => SmtpConfig | string {
  const { sql } = deps;
  const stamp = sql.prepared('supplier-outbox.smtp-stamp', () => sql.qb.selectFrom('settings').select(['key', 'value'])
    .where('key', 'in', SMTP_SETTING_KEYS)
    .unionAll(sql.qb.selectFrom('shop_secrets').select(['kind as key', (eb) => eb.fn<string>('hex', ['ciphertext']).as('value')]).where('kind', '=', 'smtp_password')));
  let cache: { stamp: string; config: SmtpConfig } | undefined;
  return () => {
    const current = stamp.all({}).map((row) => `${row.key}=${row.value}`).sort().join('\n');
    if (cache?.stamp === current) return cache.config;
    const config = smtpConfigOf(deps);
    cache = typeof config === 'string' ? undefined : { stamp: current, config };
    return config;
  };
}

/** The shop's mail server as the outbox uses it: one kept connection for supplier POs and customer e-mails alike. */
export interface ShopMailer {
  /** The mailer for the current settings, or a sentence saying what is missing. */
  current(): SmtpMailer | string;
  /** Lets the kept connection go (nothing more is due). */
  close(): void;
}

export function shopMailer(deps: DispatchDeps, channels: SupplierChannels = realSupplierChannels): ShopMailer {
  const currentSmtpConfig = cachedSmtpConfig(deps);
  // One mailer per SMTP configuration, its connection kept across the e-mails of one drain; changed settings
  // (another server, a new password) let the old connection go.
  let mailerCache: { key: string; mailer: SmtpMailer } | undefined;
  return {
    current() {
      const config = currentSmtpConfig();
      if (typeof config === 'string') return config;
      const key = JSON.stringify(config);
      if (mailerCache?.key !== key) {
        mailerCache?.mailer.close();
        mailerCache = { key, mailer: channels.mailer(config) };
      }
      return mailerCache.mailer;
    },
    close() {
      mailerCache?.mailer.close();
    },
  };
}

function poOf(sql: Sql, row: OutboxRow) {
  if (row.po_id === null) throw new Error(`Outbox row ${row.id} has lost its supplier order`);
  return poRow(sql, row.po_id);
}

/** The frozen e-mail (see po_messages) as the mailer takes it. */
function frozenMessage(sql: Sql, poId: number) {
  const message = sql.prepared('po.message', () => sql.qb.selectFrom('po_messages').selectAll().where('po_id', '=', placeholder<number>('poId'))).first({ poId });
  if (!message) return undefined;
  const attachments = (JSON.parse(message.attachments) as { filename: string; contentType: string; base64: string }[])
    .map((a) => ({ filename: a.filename, contentType: a.contentType, content: Buffer.from(a.base64, 'base64') }));
  return { ...message, attachments };
}

/**
 * Supplier POs through the outbox. E-mail has no idempotency on the far side: a send cut off after the
 * message may have been handed over ends `unknown` and a person decides (afterCrash 'ask'); every copy has
 * the same Message-ID. The API has idempotency keys and lookup by client reference: after a crash the
 * desk asks the supplier first and sends only if the supplier has no order with this PO number.
 */
export function supplierOutboxHandlers(
  deps: DispatchDeps, channels: SupplierChannels = realSupplierChannels, mailer: ShopMailer = shopMailer(deps, channels),
): Record<string, OutboxHandler> {
  const { sql } = deps;
  const email: OutboxHandler = {
    afterCrash: 'ask',
    async perform(row) {
      const po = poOf(sql, row);
      if (po.status !== 'queued') return skipped(po.status);
      const message = frozenMessage(sql, po.id);
      if (!message) return { kind: 'dead', error: `The e-mail for ${po.number} was not prepared; send the order's supplier orders again.` };
      const current = mailer.current();
      if (typeof current === 'string') return { kind: 'dead', error: current };
      return sendMailAttempt(current, {
        poNumber: po.number, to: message.recipient, ...(message.reply_to ? { replyTo: message.reply_to } : {}),
        subject: message.subject, text: message.text, html: message.html, attachments: message.attachments,
        // Fixed when the PO was sent: a resend keeps it even if the shop's address changed meanwhile.
        messageId: message.message_id,
        previousAttempt: po.possible_duplicate === 1 ? 'unknown' : 'none',
      });
    },
    // The connection lives while POs are being sent: when the worker has nothing more due, it is closed at
    // once rather than left open until the server's timeout.
    afterDrain() {
      mailer.close();
    },
    settle(sql, row, outcome, at) {
      const po = poOf(sql, row);
      if (outcome.kind === 'dead') {
        if (po.status === 'queued') movePo(sql, po, { to: 'on_hold', actor: OUTBOX_ACTOR, at, reason: outcome.error });
        return;
      }
      if (po.status === 'queued') movePo(sql, po, { to: 'sent', actor: OUTBOX_ACTOR, at, set: { sent_at: at } });
    },
  };

  const api: OutboxHandler = {
    afterCrash: 'resend',
    async perform(row) {
      const po = poOf(sql, row);
      if (po.status !== 'queued') return skipped(po.status);
      const access = supplierApiAccess(deps, po.supplier_id);
      if ('missing' in access) return { kind: 'dead', error: `${access.missing}; enter it on the supplier’s page, then try again.` };
      let client: SupplierOrdersClient;
      try {
        client = channels.ordersClient(access.baseUrl, access.apiKey);
      } catch (error) {
        if (error instanceof SupplierOrderError) return { kind: 'dead', error: error.failure.message };
        throw error;
      }
      return placeOnce(client, row, poApiBody(po, poLines(sql, po.id)));
    },
    settle(sql, row, outcome, at) {
      const po = poOf(sql, row);
      if (outcome.kind === 'dead') {
        if (po.status === 'queued') movePo(sql, po, { to: 'on_hold', actor: OUTBOX_ACTOR, at, reason: outcome.error });
        return;
      }
      const result = outcome.result as { order?: SupplierApiOrder } | undefined;
      if (!result?.order) return;
      if (po.status === 'queued') movePo(sql, po, { to: 'sent', actor: OUTBOX_ACTOR, at, set: { sent_at: at, supplier_order_id: result.order.id } });
      applyApiOrder(sql, po.id, result.order, at);
    },
  };

  return { [EMAIL_PO_KIND]: email, [API_PO_KIND]: api };
}

/** A PO that someone settled meanwhile (marked as sent, cancelled): nothing to send. */
function skipped(status: string): OutboxAttempt {
  return status === 'cancelled'
    ? { kind: 'dead', error: 'The supplier order was cancelled before it went out.' }
    : { kind: 'done', result: { skipped: status } };
}

/**
 * One placement per PO: on any attempt after the first (a retry, or a resend after a crash), ask the
 * supplier for an order with this PO number first; a 409 duplicate_client_reference is the same answer.
 */
async function placeOnce(client: SupplierOrdersClient, row: OutboxRow, body: ReturnType<typeof poApiBody>): Promise<OutboxAttempt> {
  try {
    if (row.attempts > 1) {
      const existing = await client.findByClientReference(body.client_reference);
      if (existing) return { kind: 'done', result: { order: existing, found: true } };
    }
    return { kind: 'done', result: { order: await client.place(body, row.idempotency_key) } };
  } catch (error) {
    if (!(error instanceof SupplierOrderError)) throw error;
    const failure = error.failure;
    if (failure.code === 'duplicate_client_reference' && failure.existingOrderId) {
      try {
        return { kind: 'done', result: { order: await client.get(failure.existingOrderId), found: true } };
      } catch (lookup) {
        if (lookup instanceof SupplierOrderError) return { kind: 'retry', error: lookup.failure.message };
        throw lookup;
      }
    }
    return failure.retry ? { kind: 'retry', error: failure.message, afterMs: failure.afterMs } : { kind: 'dead', error: failure.message };
  }
}
