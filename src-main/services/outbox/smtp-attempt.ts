import { SmtpSendError, type PoMail, type SmtpMailer } from '../../adapters/smtp-mailer';
import type { OutboxAttempt } from './outbox-worker';

/**
 * One e-mail through the shop's mailer, as the outbox counts it: sent → done; cut off after the message may
 * have been handed over → unknown (SMTP has no idempotency: a person decides); temporary → retry; else dead.
 */
export async function sendMailAttempt(mailer: SmtpMailer, mail: PoMail): Promise<OutboxAttempt> {
  try {
    const sent = await mailer.send(mail);
    return { kind: 'done', result: { messageId: sent.messageId, response: sent.response } };
  } catch (error) {
    if (!(error instanceof SmtpSendError)) throw error;
    const failure = error.failure;
    if (failure.maybeDelivered) return { kind: 'unknown', error: failure.message };
    return failure.retry ? { kind: 'retry', error: failure.message } : { kind: 'dead', error: failure.message };
  }
}
