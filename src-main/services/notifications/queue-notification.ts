import { randomUUID } from 'node:crypto';
import { NOTIFICATION_LABELS } from '../../../src-shared/domain/notifications';
import { NOTIFICATION_SETTING } from '../../../src-shared/domain/settings';
import type { Sql } from '../../db/query';
import { enqueueOutbox } from '../outbox/outbox-store';
import { readSettings } from '../settings';
import { recordTimelineEvent } from '../timeline';
import { renderCustomerEmail } from './customer-email';
import { brandingOf, notificationData, type NotificationSubject } from './notification-data';

export const CUSTOMER_EMAIL_KIND = 'customer.email';
const ACTOR = 'desk (notifications)';

/** One e-mail per key, ever: the parcel e-mails once per parcel, the confirmation once per order. */
export function onceKeyOf(subject: NotificationSubject): string {
  return subject.shipmentId === null ? `${subject.kind}:order:${subject.orderId}` : `${subject.kind}:shipment:${subject.shipmentId}`;
}

/**
 * Queues a customer e-mail in the caller's transaction: rendered now and frozen (customer_notifications), with
 * its outbox row. Nothing is queued when the shop turned this kind off, has no mail server set up, or the
 * customer gave no e-mail address (the timeline says so once), or when this e-mail was queued before — the
 * once_key makes a repeated event, a re-imported file or a retry after a restart add nothing.
 */
export function queueNotification(sql: Sql, subject: NotificationSubject, at: number): void {
  const onceKey = onceKeyOf(subject);
  const taken = sql.first(sql.qb.selectFrom('customer_notifications').select('id').where('once_key', '=', onceKey));
  if (taken) return;
  const settings = readSettings(sql);
  if (!settings[NOTIFICATION_SETTING[subject.kind]]) return;
  const found = notificationData(sql, subject);
  if (!found) return;
  const skip = !settings.smtpHost || !settings.shopEmail ? 'the shop’s mail server is not set up (Settings → Shop and e-mail)'
    : found.recipient.trim() === '' ? 'the customer gave no e-mail address' : undefined;
  if (skip) {
    // Said once per e-mail on the timeline, however many rounds come across it.
    const said = sql.first(sql.qb.selectFrom('order_events').select('id').where('order_id', '=', subject.orderId)
      .where('kind', '=', 'notification.skipped').where('data', '=', JSON.stringify({ onceKey })));
    if (said) return;
    recordTimelineEvent(sql, {
      orderId: subject.orderId, at, actor: ACTOR, kind: 'notification.skipped',
      message: `“${NOTIFICATION_LABELS[subject.kind]}” e-mail not sent: ${skip}`, data: { onceKey },
    });
    return;
  }
  const email = renderCustomerEmail(found.data, brandingOf(settings), { logoAs: 'cid' });
  const domain = settings.shopEmail.split('@')[1] ?? 'petdrop.invalid';
  const inserted = sql.first(sql.qb.insertInto('customer_notifications').values({
    order_id: subject.orderId, kind: subject.kind, shipment_id: subject.shipmentId, once_key: onceKey,
    recipient: found.recipient, message_id: `<notify-${randomUUID()}.petdrop@${domain}>`,
    subject: email.subject, text: email.text, html: email.html, attachments: JSON.stringify(email.attachments), created_at: at,
  }).returning('id'));
  if (!inserted) throw new Error('The notification insert returned no row');
  enqueueOutbox(sql, { kind: CUSTOMER_EMAIL_KIND, orderId: subject.orderId, paymentId: null, notificationId: inserted.id, payload: { onceKey } }, at);
  recordTimelineEvent(sql, {
    orderId: subject.orderId, at, actor: ACTOR, kind: 'notification.queued',
    message: `E-mail to the customer queued: ${NOTIFICATION_LABELS[subject.kind]}`,
  });
}
