import { sendMailAttempt } from '../outbox/smtp-attempt';
import type { Sql } from '../../db/query';
import type { ShopMailer } from '../dispatch/supplier-outbox';
import type { OutboxHandler } from '../outbox/outbox-worker';
import { recordTimelineEvent } from '../timeline';
import { CUSTOMER_EMAIL_KIND } from './queue-notification';

const ACTOR = 'desk (notifications)';

function frozenNotification(sql: Sql, id: number | null) {
  if (id === null) return undefined;
  const row = sql.first(sql.qb.selectFrom('customer_notifications').selectAll().where('id', '=', id));
  if (!row) return undefined;
  const attachments = (JSON.parse(row.attachments) as { filename: string; contentType: string; base64: string; cid: string }[])
    .map((a) => ({ filename: a.filename, contentType: a.contentType, cid: a.cid, content: Buffer.from(a.base64, 'base64') }));
  return { ...row, attachments };
}

/**
 * Customer e-mails through the outbox, over the shop's mail server (the same kept connection as the POs).
 * Like the PO e-mail, SMTP has no idempotency: a send cut off after the message may have been handed over
 * ends `unknown` (afterCrash 'ask'), and a person decides in the exceptions inbox — the customer is never
 * sent the same e-mail twice by the desk on its own. Every attempt sends the frozen bytes with one Message-ID.
 */
export function notificationOutboxHandlers(sql: Sql, mailer: ShopMailer): Record<string, OutboxHandler> {
  const email: OutboxHandler = {
    afterCrash: 'ask',
    async perform(row) {
      const message = frozenNotification(sql, row.notification_id);
      if (!message) return { kind: 'dead', error: 'The customer e-mail was not kept; it cannot be sent.' };
      const current = mailer.current();
      if (typeof current === 'string') return { kind: 'dead', error: current };
      return sendMailAttempt(current, {
        recipient: 'customer', to: message.recipient, subject: message.subject, text: message.text, html: message.html,
        attachments: message.attachments, messageId: message.message_id,
        headers: { 'X-PetDrop-Notification': message.kind },
      });
    },
    afterDrain() {
      mailer.close();
    },
    settle(sql, row, outcome, at) {
      if (outcome.kind !== 'done' || row.order_id === null) return;
      const message = frozenNotification(sql, row.notification_id);
      recordTimelineEvent(sql, {
        orderId: row.order_id, at, actor: ACTOR, kind: 'notification.sent',
        message: `E-mail sent to the customer: ${message?.subject ?? 'notification'}`,
      });
    },
  };
  return { [CUSTOMER_EMAIL_KIND]: email };
}
