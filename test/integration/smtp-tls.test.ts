/**
 * The PO mailer over real TLS on loopback: the catcher with the test certificate (test/fixtures/tls, for
 * 127.0.0.1 only), implicit TLS (port 465 style) and STARTTLS (587 style), with a login. The certificate is
 * always verified: trusted only when the mailer is given it as a CA, refused otherwise — and then neither the
 * message nor the password leaves the desk.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createSmtpMailer, poMessageId, SmtpSendError, type SmtpConfig } from '../../src-main/adapters/smtp-mailer';
import { startSmtpCatcher, type SmtpCatcher } from '../sim/smtp-catcher';

const TLS_DIR = join(import.meta.dirname, '..', 'fixtures', 'tls');
const key = readFileSync(join(TLS_DIR, 'loopback-key.pem'));
const cert = readFileSync(join(TLS_DIR, 'loopback-cert.pem'));
const USER = 'orders@happypaws.example';
const PASS = 'tls-Secret-9f1c';

const catchers: SmtpCatcher[] = [];
afterEach(async () => {
  for (const catcher of catchers.splice(0)) await catcher.close();
});

async function catcherWith(mode: 'implicit' | 'starttls' | 'plain'): Promise<SmtpCatcher> {
  const catcher = await startSmtpCatcher({ auth: { user: USER, pass: PASS }, ...(mode === 'plain' ? {} : { tls: { key, cert, mode } }) });
  catchers.push(catcher);
  return catcher;
}

const mail = (n: number) => ({
  poNumber: `PO-77-${n}`, to: 'orders@supplier.example', subject: `Purchase order PO-77-${n}`, text: 'Two bags, please.', html: '<p>Two bags, please.</p>',
  attachments: [], messageId: poMessageId(`PO-77-${n}`, 'happypaws.example'),
});

function config(catcher: SmtpCatcher, security: SmtpConfig['security'], trust: boolean): SmtpConfig {
  return {
    host: '127.0.0.1', port: catcher.port, security, from: USER, auth: { user: USER, pass: PASS },
    connectionTimeoutMs: 5_000, ...(trust ? { tlsCa: cert.toString() } : {}),
  };
}

describe('the PO mailer over TLS', () => {
  it.each([['tls', 'implicit'], ['starttls-required', 'starttls']] as const)('%s: sends over an encrypted, logged-in connection', async (security, mode) => {
    const catcher = await catcherWith(mode);
    const sent = await createSmtpMailer(config(catcher, security, true)).send(mail(1));
    expect(sent.accepted).toEqual(['orders@supplier.example']);
    expect(catcher.messages.map((m) => [m.secure, m.user, m.messageId])).toEqual([[true, USER, '<po-PO-77-1.petdrop@happypaws.example>']]);
    expect(catcher.authAttempts).toEqual([{ user: USER, ok: true }]);
  });

  it.each([['tls', 'implicit'], ['starttls-required', 'starttls']] as const)('%s: refuses a certificate it was not told to trust, before any login, for a person to fix', async (security, mode) => {
    const catcher = await catcherWith(mode);
    const failure = await createSmtpMailer(config(catcher, security, false)).send(mail(2)).then(() => undefined, (error: unknown) => error);
    expect(failure).toBeInstanceOf(SmtpSendError);
    const { retry, maybeDelivered, message } = (failure as SmtpSendError).failure;
    expect({ retry, maybeDelivered }).toEqual({ retry: false, maybeDelivered: false });
    expect(message).not.toContain(PASS);
    expect(catcher.messages).toHaveLength(0);
    expect(catcher.authAttempts).toEqual([]);
  });

  it('STARTTLS required: a server that does not offer it gets neither the password nor the message', async () => {
    const catcher = await catcherWith('plain');
    const failure = await createSmtpMailer(config(catcher, 'starttls-required', true)).send(mail(3)).then(() => undefined, (error: unknown) => error);
    expect(failure).toBeInstanceOf(SmtpSendError);
    expect((failure as SmtpSendError).failure.maybeDelivered).toBe(false);
    expect(catcher.messages).toHaveLength(0);
    expect(catcher.authAttempts).toEqual([]);
  });
});
