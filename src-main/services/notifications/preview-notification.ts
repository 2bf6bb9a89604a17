import type { NotificationPreview } from '../../../src-shared/domain/notifications';
import type { ProcedureParsedInput } from '../../../src-shared/contract/procedures';
import type { ServiceDeps } from '../context';
import { notFound } from '../errors';
import { readSettings } from '../settings';
import { renderCustomerEmail, sampleCustomerEmailData } from './customer-email';
import { brandingOf, notificationData } from './notification-data';

/**
 * What a customer e-mail looks like with the shop's saved look: filled from a real order (its latest parcel)
 * when one is given, else from a sample split order. The logo is inlined as a data URL (no attachments in a preview).
 */
export function previewNotification(deps: ServiceDeps, input: ProcedureParsedInput<'notifications.preview'>): NotificationPreview {
  const { sql } = deps;
  const branding = brandingOf(readSettings(sql));
  let data = sampleCustomerEmailData(input.kind);
  if (input.orderId !== undefined) {
    const parcel = input.kind === 'order_confirmed' ? undefined
      : sql.first(sql.qb.selectFrom('shipments').select('id').where('order_id', '=', input.orderId).orderBy('id', 'desc').limit(1));
    const found = notificationData(sql, { orderId: input.orderId, kind: input.kind, shipmentId: parcel?.id ?? null });
    if (!found) throw notFound(`Order ${input.orderId}`);
    if (input.kind === 'order_confirmed' || parcel) data = found.data;
  }
  const email = renderCustomerEmail(data, branding, { logoAs: 'data-url' });
  return { kind: input.kind, subject: email.subject, text: email.text, html: email.html };
}
