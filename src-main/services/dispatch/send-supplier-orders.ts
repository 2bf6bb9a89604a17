import { poMessageId, SmtpSendError } from '../../adapters/smtp-mailer';
import type { Sql } from '../../db/query';
import type { SecretBox } from '../../security/secret-box';
import type { Actor, ServiceDeps } from '../context';
import { DeskError } from '../errors';
import { enqueueOutbox } from '../outbox/outbox-store';
import { readSettings } from '../settings';
import { readSupplierSecret } from '../suppliers/suppliers';
import type { PoPreview } from '../../../src-shared/domain/supplier-orders';
import { poEmailParts, poPreview, poSendContext, sendProblems, type PoEmailParts } from './po-document';
import { movePo } from './po-state';
import { prepareDrafts, sendBlockers } from './prepare-supplier-orders';
import { poRow } from './read-supplier-orders';

export const EMAIL_PO_KIND = 'supplier.email';
export const API_PO_KIND = 'supplier.api';

export type DispatchDeps = ServiceDeps & { secrets: SecretBox };

function draftsOf(sql: Sql, orderId: number) {
  return sql.all(sql.qb.selectFrom('purchase_orders').select(['id', 'number', 'updated_at', 'channel']).where('order_id', '=', orderId).where('status', '=', 'draft').orderBy('sequence'));
}

/** Whether the supplier's API key is stored (the key itself never leaves the core). */
function apiKeyStored(deps: DispatchDeps, supplierId: number): boolean {
  return readSupplierSecret(deps, supplierId, 'api_key') !== undefined;
}

/** What a PO will look like to its supplier, and what would stop it going out, before it is sent. */
export function previewSupplierOrder(deps: DispatchDeps, poId: number): Promise<PoPreview> {
  const settings = readSettings(deps.sql);
  const context = poSendContext(deps.sql, poId, settings);
  return poPreview(context, settings, apiKeyStored(deps, context.supplier.id));
}

/** Makes (or remakes) the order's draft POs so a person can preview them before sending. */
export function prepareSupplierOrders(deps: ServiceDeps, orderId: number, actor: Actor): void {
  deps.sql.transaction(() => {
    prepareDrafts(deps.sql, orderId, actor.name, deps.now());
  });
}

/**
 * Sends the order's draft POs (made now if there are none): each becomes `queued` with one outbox row in
 * the same transaction, so it goes out once the network allows, exactly once per PO. E-mails are rendered
 * first (the PDF is asynchronous) and frozen with the PO: every attempt sends the same bytes.
 */
export async function sendSupplierOrders(deps: DispatchDeps, orderId: number, actor: Actor): Promise<number> {
  const { sql } = deps;
  const blockers = sendBlockers(sql, orderId);
  if (blockers.length > 0) throw new DeskError('invalid_state', `Not sent to the suppliers yet: ${blockers.join(' ')}`);
  let drafts = draftsOf(sql, orderId);
  if (drafts.length === 0) {
    sql.transaction(() => prepareDrafts(sql, orderId, actor.name, deps.now()));
    drafts = draftsOf(sql, orderId);
  }
  if (drafts.length === 0) throw new DeskError('invalid_state', 'Every line of this order is already with a supplier.');

  const settings = readSettings(sql);
  const contexts = new Map(drafts.map((draft) => [draft.id, poSendContext(sql, draft.id, settings)]));
  // Missing set-up is said now, not discovered by the outbox later (being offline is fine; having no mail server is not).
  const problems = [...contexts.values()].flatMap((context) => sendProblems(context, settings, apiKeyStored(deps, context.supplier.id)));
  if (problems.length > 0) throw new DeskError('invalid_state', [...new Set(problems)].join(' '));
  const rendered = new Map<number, PoEmailParts & { messageId: string; recipient: string }>();
  for (const draft of drafts.filter((d) => d.channel === 'email')) {
    const context = contexts.get(draft.id)!;
    try {
      const messageId = poMessageId(draft.number, settings.shopEmail.split('@')[1] ?? '');
      rendered.set(draft.id, { ...(await poEmailParts(context)), messageId, recipient: context.supplier.order_email });
    } catch (error) {
      if (error instanceof SmtpSendError) throw new DeskError('invalid_state', `${error.message} Fix the shop’s e-mail address in Settings.`);
      throw new DeskError('invalid_input', `The purchase order e-mail for ${context.supplier.name} could not be made: ${(error as Error).message}`);
    }
  }

  const at = deps.now();
  return sql.transaction(() => {
    // Checked again: the rendering above gave other requests a turn.
    const again = sendBlockers(sql, orderId);
    if (again.length > 0) throw new DeskError('invalid_state', `Not sent to the suppliers yet: ${again.join(' ')}`);
    for (const draft of drafts) {
      const po = poRow(sql, draft.id);
      if (po.status !== 'draft' || po.updated_at !== draft.updated_at) {
        throw new DeskError('conflict', `Supplier order ${po.number} changed while it was being prepared; look at it again and send.`);
      }
      const parts = rendered.get(po.id);
      if (parts) {
        sql.run(sql.qb.insertInto('po_messages').values({
          po_id: po.id, recipient: parts.recipient, reply_to: settings.shopReplyTo,
          message_id: parts.messageId,
          subject: parts.email.subject, text: parts.email.text, html: parts.email.html,
          attachments: JSON.stringify(parts.attachments.map((a) => ({ filename: a.filename, contentType: a.contentType, base64: Buffer.from(a.content).toString('base64') }))),
          created_at: at,
        }).onConflict((oc) => oc.column('po_id').doNothing()));
      }
      enqueueOutbox(sql, { kind: po.channel === 'email' ? EMAIL_PO_KIND : API_PO_KIND, orderId, paymentId: null, poId: po.id, payload: { poNumber: po.number } }, at);
      movePo(sql, po, { to: 'queued', actor: actor.name, at, set: { queued_at: at } });
    }
    return drafts.length;
  });
}
