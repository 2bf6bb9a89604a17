/**
 * The PO mailer against a real SMTP peer on loopback (test/sim/smtp-catcher.ts: smtp-server + mailparser).
 *
 * Loopback without TLS: the catcher runs smtp-server with `secure: false`, STARTTLS switched off and
 * `allowInsecureAuth: true`, so AUTH PLAIN travels in clear over 127.0.0.1 only. The mailer is configured with
 * `security: 'starttls-opportunistic'` (nothing offered, nothing attempted); it refuses that combination with a
 * password for any host that is not loopback (tested below). TLS itself (implicit and STARTTLS, with the
 * certificate verified) is tested in smtp-tls.test.ts.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  POSSIBLE_DUPLICATE_PREFIX, SMTP_POOL_MAX_MESSAGES, SmtpSendError, createSmtpMailer, poMessageId, poResendMarking, type PoMail,
  type PreviousAttempt, type SmtpConfig, type SmtpFailure, type SmtpMailer, type SmtpMailerOptions,
} from '../../src-main/adapters/smtp-mailer';
import { PO_CSV_COLUMNS, poCsv, poPdf, renderPoEmail, type PurchaseOrderDocument } from '../../src-main/services/dispatch/po-documents';
import { parseFeed } from '../../src-main/services/feeds/parse-feed';
import { makeDoc } from '../fixtures/purchase-order';
import { startSmtpCatcher, type SmtpCatcher, type SmtpCatcherOptions, type SmtpFault } from '../sim/smtp-catcher';
import { useDispatchShop } from './support/dispatch-shop';

const USER = 'orders@happypaws.example';
const PASS = 'c0rrect-h0rse-B4ttery!';
const SHOP_DOMAIN = 'happypaws.example';


/** What the future dispatch service will do: the three documents into one PoMail. */
async function poMail(doc: PurchaseOrderDocument, previousAttempt: PreviousAttempt = 'none'): Promise<PoMail> {
  const email = renderPoEmail(doc);
  return {
    poNumber: doc.poNumber,
    to: doc.supplier.orderEmail,
    from: doc.shop.email,
    ...(doc.shop.replyTo ? { replyTo: doc.shop.replyTo } : {}),
    subject: email.subject,
    text: email.text,
    html: email.html,
    attachments: [
      { filename: `${doc.poNumber}.csv`, content: poCsv(doc), contentType: 'text/csv; charset=utf-8' },
      { filename: `${doc.poNumber}.pdf`, content: await poPdf(doc), contentType: 'application/pdf' },
    ],
    messageId: poMessageId(doc.poNumber, SHOP_DOMAIN),
    previousAttempt,
  };
}

/** The two ways the mailer runs: a connection per send (the default), and one kept open across sends (the outbox). */
const MODES: [string, SmtpMailerOptions][] = [['one connection per send', {}], ['a kept connection', { reuseConnection: true }]];
const createMailer = createSmtpMailer;

let catcher: SmtpCatcher | undefined;
const mailers: SmtpMailer[] = [];
/** Closed after the test, so no kept connection outlives it. */
function keep(mailer: SmtpMailer): SmtpMailer {
  mailers.push(mailer);
  return mailer;
}
afterEach(async () => {
  for (const mailer of mailers.splice(0)) mailer.close();
  await catcher?.close();
  catcher = undefined;
});

async function start(options: SmtpCatcherOptions = {}): Promise<SmtpCatcher> {
  catcher = await startSmtpCatcher({ auth: { user: USER, pass: PASS }, ...options });
  return catcher;
}

function configFor(c: SmtpCatcher, patch: Partial<SmtpConfig> = {}): SmtpConfig {
  return {
    host: c.host, port: c.port, security: 'starttls-opportunistic', auth: { user: USER, pass: PASS },
    from: USER, connectionTimeoutMs: 2_000, socketTimeoutMs: 2_000, ...patch,
  };
}

async function failureOf(promise: Promise<unknown>): Promise<SmtpFailure> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(SmtpSendError);
    return (error as SmtpSendError).failure;
  }
  throw new Error('expected the send to fail');
}

/** Header names as they arrived, lower-case, in order (mailparser's headerLines keeps duplicates). */
function headerNames(mail: { headerLines: ReadonlyArray<{ key: string }> }): string[] {
  return mail.headerLines.map((h) => h.key);
}

/** nodemailer writes custom headers first, then its own; the Date is the send time. */
const EXPECTED_HEADERS = ['x-petdrop-po', 'from', 'to', 'reply-to', 'subject', 'message-id', 'date', 'mime-version', 'content-type'];

describe('smtp mailer → catcher: a PO e-mail arrives as rendered', () => {
  it('delivers recipients, subject, PO number, stable Message-ID, the lines and both attachments', async () => {
    const c = await start();
    const doc = makeDoc();
    const mailer = createSmtpMailer(configFor(c));
    const sent = await mailer.send(await poMail(doc));

    expect(sent).toMatchObject({ accepted: ['orders@petsupply.example'], rejected: [], messageId: '<po-PO-1042-1.petdrop@happypaws.example>' });
    expect(sent.response).toMatch(/^250 /);
    expect(c.authAttempts).toEqual([{ user: USER, ok: true }]);
    expect(c.messages).toHaveLength(1);
    const got = c.messages[0]!;
    expect(got.user).toBe(USER);
    expect(got.envelope).toEqual({ from: USER, to: ['orders@petsupply.example'] });
    expect(got.to && !Array.isArray(got.to) ? got.to.text : '').toBe('orders@petsupply.example');
    expect(got.from?.text).toBe('orders@happypaws.example');
    expect(got.replyTo?.text).toBe('po@happypaws.example');
    expect(got.subject).toBe('Purchase order PO-1042-1 from Happy Paws (5 items, ship to United States)');
    expect(got.messageId).toBe('<po-PO-1042-1.petdrop@happypaws.example>');
    expect(got.headers.get('x-petdrop-po')).toBe('PO-1042-1');
    expect(got.headers.has('x-petdrop-resend')).toBe(false);
    expect(headerNames(got)).toEqual(EXPECTED_HEADERS);

    expect(got.text).toContain('PO-1042-1');
    expect(got.text).toContain('DOG-BED-L');
    expect(got.text).toContain('Orthopedic dog bed, large');
    expect(got.text).toContain('CAT-TOY-7');
    expect(got.text).toContain('$36.97');
    expect(got.html).toMatch(/<tr><td[^>]*>DOG-BED-L<\/td>/);
    // CRLF on the wire, whatever the renderer gave (LF).
    expect(got.raw.toString('latin1')).not.toMatch(/[^\r]\n/);

    expect(got.attachments.map((a) => [a.filename, a.contentType])).toEqual([
      ['PO-1042-1.csv', 'text/csv'], ['PO-1042-1.pdf', 'application/pdf'],
    ]);
    // The desk's own CSV reader (the feed parser) reads the attachment back as a supplier's import would.
    expect(got.attachments[0]!.content.toString('utf8')).toBe(poCsv(doc));
    const csv = parseFeed(new Uint8Array(got.attachments[0]!.content), { delimiter: ',' });
    if (!csv.ok) throw new Error(csv.reason);
    expect(csv.headers).toEqual([...PO_CSV_COLUMNS]);
    expect(csv.rows.map((r) => [r.cells[0], r.cells[2], r.cells[4], r.cells[7]])).toEqual([
      ['PO-1042-1', 'DOG-BED-L', '2', '25.00'], ['PO-1042-1', 'CAT-TOY-7', '3', '11.97'],
    ]);
    expect(got.attachments[1]!.content.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(got.attachments[1]!.content.equals(await poPdf(doc))).toBe(true);
  });

  it('a resend of the same PO keeps the Message-ID; after an unknown outcome it is marked as a possible duplicate', async () => {
    const c = await start();
    const mailer = createSmtpMailer(configFor(c));
    const doc = makeDoc();
    await mailer.send(await poMail(doc));
    await mailer.send(await poMail(doc, 'refused'));
    await mailer.send(await poMail(doc, 'unknown'));

    expect(c.messages.map((m) => m.messageId)).toEqual(Array(3).fill('<po-PO-1042-1.petdrop@happypaws.example>'));
    const [first, afterRefusal, afterUnknown] = c.messages;
    expect(afterRefusal!.subject).toBe(first!.subject);
    expect(afterRefusal!.headers.has('x-petdrop-resend')).toBe(false);
    expect(afterUnknown!.subject).toBe(`${POSSIBLE_DUPLICATE_PREFIX}${first!.subject}`);
    expect(afterUnknown!.headers.get('x-petdrop-resend')).toBe('possible-duplicate');
    expect(headerNames(afterUnknown!)).toEqual([EXPECTED_HEADERS[0], 'x-petdrop-resend', ...EXPECTED_HEADERS.slice(1)]);
    expect(poResendMarking('none')).toEqual({ subjectPrefix: '', headers: {} });
  });

  it('untrusted notes (<script>, javascript:, {{, CR/LF) arrive escaped in the HTML and add no header', async () => {
    const c = await start();
    const evil = 'Ring twice\r\nBcc: thief@evil.example\r\n\r\n<script>alert(1)</script> <a href="javascript:alert(2)">x</a> {{shop.name}} {{{supplier.orderEmail}}}';
    const doc = makeDoc({
      notes: evil,
      shipTo: { ...makeDoc().shipTo, name: 'Jane\r\nX-Injected: yes' },
      lines: [{ supplierSku: 'DOG-BED-L', title: 'Bed\nSubject: spoofed <img src=x onerror=alert(3)>', quantity: 1, unitCost: { amount: 1250, currency: 'USD' } }],
    });
    await createSmtpMailer(configFor(c)).send(await poMail(doc));

    const got = c.messages[0]!;
    expect(headerNames(got)).toEqual(EXPECTED_HEADERS);
    expect(got.bcc).toBeUndefined();
    expect(got.envelope.to).toEqual(['orders@petsupply.example']);
    expect(got.subject).not.toMatch(/[\r\n]/);
    const html = got.html || '';
    expect(html).not.toContain('<script');
    expect(html).not.toContain('<img');
    expect(html).not.toMatch(/href="javascript:/i);
    expect(html).toContain('&lt;script&gt;alert(1)&lt;&#x2F;script&gt;');
    expect(html).toContain('{{shop.name}}');
    expect(got.text).toContain('{{shop.name}}');
    expect(got.text).toContain('<script>alert(1)</script>'); // plain text is shown as text, never rendered
  });
});

// Every failure is sorted the same whether the mailer opens a connection per PO or keeps one open (the outbox).
describe.each(MODES)('smtp mailer, %s: failures sorted for the outbox', (_mode, options) => {
  const createSmtpMailer = (config: SmtpConfig) => keep(createMailer(config, options));

  const rcptCases: [number, boolean][] = [[421, true], [450, true], [451, true], [452, true], [550, false], [553, false], [554, false]];
  it.each(rcptCases)('RCPT TO answered %i → retry %s, nothing stored', async (code, retry) => {
    const c = await start({ failNext: [{ kind: 'reply', stage: 'rcpt', code }] });
    const failure = await failureOf(createSmtpMailer(configFor(c)).send(await poMail(makeDoc())));
    expect(failure).toMatchObject({ retry, responseCode: code, maybeDelivered: false });
    expect(c.messages).toHaveLength(0);
    if (!retry) {
      expect(failure.message).toMatch(new RegExp(`^The supplier's mail server refused the address orders@petsupply\\.example: ${code} `));
    } else {
      expect(failure.message).toMatch(/try again/);
    }
  });

  it.each([[451, true], [452, true], [554, false]] as [number, boolean][])('final DATA reply %i → retry %s', async (code, retry) => {
    const c = await start({ failNext: [{ kind: 'reply', stage: 'data', code }] });
    const failure = await failureOf(createSmtpMailer(configFor(c)).send(await poMail(makeDoc())));
    expect(failure).toMatchObject({ retry, responseCode: code, maybeDelivered: false });
    expect(c.messages).toHaveLength(0);
  });

  it('a fault is used once: the next send goes through', async () => {
    const c = await start();
    c.failNext(1, { kind: 'reply', stage: 'rcpt', code: 451 });
    const mailer = createSmtpMailer(configFor(c));
    await failureOf(mailer.send(await poMail(makeDoc())));
    await expect(mailer.send(await poMail(makeDoc()))).resolves.toMatchObject({ rejected: [] });
    expect(c.messages).toHaveLength(1);
  });

  it('a refused password is permanent, says what to do, and never contains the password', async () => {
    const c = await start();
    const wrong = 'S3cret-wr0ng-pa55';
    const failure = await failureOf(createSmtpMailer(configFor(c, { auth: { user: USER, pass: wrong } })).send(await poMail(makeDoc())));
    expect(failure).toMatchObject({ retry: false, responseCode: 535, code: 'EAUTH', maybeDelivered: false });
    expect(failure.message).toMatch(/^The SMTP password was refused; check it in Settings → Shop and e-mail\./);
    expect(c.authAttempts).toEqual([{ user: USER, ok: false }]);
    expect(c.messages).toHaveLength(0);
    assertNoSecret([failure], wrong);
  });

  it('a connection dropped after DATA is temporary, maybe delivered — and the catcher HAS the message', async () => {
    // This is why the desk asks a person about e-mail rows left 'unknown' instead of resending: SMTP has no
    // idempotency key. A resend delivers a second copy; the stable Message-ID and the possible-duplicate mark
    // are all a supplier gets to notice it.
    const c = await start({ failNext: [{ kind: 'drop_after_data' }] });
    const mailer = createSmtpMailer(configFor(c));
    const failure = await failureOf(mailer.send(await poMail(makeDoc())));
    expect(failure).toMatchObject({ retry: true, maybeDelivered: true });
    expect(failure.message).toMatch(/may or may not have arrived/);
    expect(c.messages).toHaveLength(1);

    await mailer.send(await poMail(makeDoc(), 'unknown'));
    expect(c.messages).toHaveLength(2);
    expect(c.messages[0]!.messageId).toBe(c.messages[1]!.messageId);
    expect(c.messages[1]!.headers.get('x-petdrop-resend')).toBe('possible-duplicate');
  });

  it('a server that stops answering after DATA is a timeout: temporary and maybe delivered', async () => {
    const c = await start({ failNext: [{ kind: 'slow', stage: 'data', delayMs: 1_500 }] });
    const failure = await failureOf(createSmtpMailer(configFor(c, { socketTimeoutMs: 300 })).send(await poMail(makeDoc())));
    expect(failure).toMatchObject({ retry: true, maybeDelivered: true });
    expect(c.messages).toHaveLength(1);
  });

  it('no greeting in time is temporary and delivered nothing', async () => {
    const c = await start({ failNext: [{ kind: 'slow', stage: 'greeting', delayMs: 1_500 }] });
    const failure = await failureOf(createSmtpMailer(configFor(c, { connectionTimeoutMs: 300 })).send(await poMail(makeDoc())));
    expect(failure).toMatchObject({ retry: true, maybeDelivered: false });
    expect(c.messages).toHaveLength(0);
  });

  it('a refused connection (nothing listening) is temporary and delivered nothing', async () => {
    const c = await start();
    const port = c.port;
    await c.close();
    catcher = undefined;
    const failure = await failureOf(createSmtpMailer({ host: '127.0.0.1', port, security: 'starttls-opportunistic', from: USER, auth: { user: USER, pass: PASS } })
      .send(await poMail(makeDoc())));
    expect(failure).toMatchObject({ retry: true, maybeDelivered: false });
    expect(failure.message).toMatch(/could not be reached/);
  });

  it('no failure message ever contains the password, in any form it travels', async () => {
    const failures: SmtpFailure[] = [];
    const faults: SmtpFault[] = [
      { kind: 'reply', stage: 'rcpt', code: 451 }, { kind: 'reply', stage: 'rcpt', code: 550, message: `No such user ${PASS}` },
      { kind: 'reply', stage: 'data', code: 554 }, { kind: 'drop_after_data' },
    ];
    for (const fault of faults) {
      const c = await start({ failNext: [fault] });
      failures.push(await failureOf(createSmtpMailer(configFor(c)).send(await poMail(makeDoc()))));
      await c.close();
      catcher = undefined;
    }
    assertNoSecret(failures, PASS);
    // A server that echoes the password back is redacted, not quoted.
    expect(failures[1]!.message).toContain('No such user ********');
  });
});

describe('smtp mailer, a kept connection: several POs, each answered on its own', () => {
  const doc = (n: number) => makeDoc({ poNumber: `PO-2000-${n}` });
  const keptMailer = (c: SmtpCatcher, patch: Partial<SmtpConfig> = {}) => keep(createSmtpMailer(configFor(c, patch), { reuseConnection: true }));

  it('carries several POs over one connection and one login; after close() the next PO opens a new one', async () => {
    const c = await start();
    const mailer = keptMailer(c);
    for (const n of [1, 2, 3]) await mailer.send(await poMail(doc(n)));
    expect(c.messages.map((m) => m.messageId)).toEqual([1, 2, 3].map((n) => `<po-PO-2000-${n}.petdrop@happypaws.example>`));
    expect(new Set(c.messages.map((m) => m.sessionId)).size).toBe(1);
    expect(c.authAttempts).toEqual([{ user: USER, ok: true }]);
    expect(c.openConnections()).toBe(1);

    mailer.close();
    await vi.waitFor(() => expect(c.openConnections()).toBe(0));
    await mailer.send(await poMail(doc(4)));
    expect(c.messages[3]!.sessionId).not.toBe(c.messages[0]!.sessionId);
    expect(c.authAttempts).toHaveLength(2);
    // Each PO's e-mail is whole and its own: the attachments of one never run into the next.
    expect(c.messages.map((m) => m.attachments.map((a) => a.filename))).toEqual([1, 2, 3, 4].map((n) => [`PO-2000-${n}.csv`, `PO-2000-${n}.pdf`]));
  });

  it('renews the connection after SMTP_POOL_MAX_MESSAGES messages', async () => {
    const c = await start();
    const mailer = keptMailer(c);
    const mail = await poMail(doc(1));
    for (let i = 0; i <= SMTP_POOL_MAX_MESSAGES; i += 1) await mailer.send(mail);
    const sessions = c.messages.map((m) => m.sessionId);
    expect(new Set(sessions.slice(0, SMTP_POOL_MAX_MESSAGES)).size).toBe(1);
    expect(sessions[SMTP_POOL_MAX_MESSAGES]).not.toBe(sessions[0]);
  });

  it('a PO refused at RCPT TO or DATA is that PO\'s failure alone; the next PO goes over the same connection', async () => {
    const c = await start();
    const mailer = keptMailer(c);
    await mailer.send(await poMail(doc(1)));
    c.failNext(1, { kind: 'reply', stage: 'rcpt', code: 451 });
    expect(await failureOf(mailer.send(await poMail(doc(2))))).toMatchObject({ retry: true, responseCode: 451, command: 'RCPT TO', maybeDelivered: false });
    c.failNext(1, { kind: 'reply', stage: 'data', code: 554 });
    expect(await failureOf(mailer.send(await poMail(doc(3))))).toMatchObject({ retry: false, responseCode: 554, maybeDelivered: false });
    const sent = await mailer.send(await poMail(doc(4)));

    expect(sent).toMatchObject({ accepted: ['orders@petsupply.example'], rejected: [], messageId: '<po-PO-2000-4.petdrop@happypaws.example>' });
    expect(c.messages.map((m) => m.headers.get('x-petdrop-po'))).toEqual(['PO-2000-1', 'PO-2000-4']);
    expect(c.messages[1]!.sessionId).toBe(c.messages[0]!.sessionId);
    expect(c.messages[1]!.headers.has('x-petdrop-resend')).toBe(false);
    expect(c.authAttempts).toHaveLength(1);
  });

  it('a kept connection cut off after DATA leaves that PO maybe delivered; the next PO goes out on a new connection, unmarked', async () => {
    const c = await start();
    const mailer = keptMailer(c);
    await mailer.send(await poMail(doc(1)));
    c.failNext(1, { kind: 'drop_after_data' });
    expect(await failureOf(mailer.send(await poMail(doc(2))))).toMatchObject({ retry: true, maybeDelivered: true });
    await expect(mailer.send(await poMail(doc(3)))).resolves.toMatchObject({ rejected: [] });

    expect(c.messages.map((m) => m.headers.get('x-petdrop-po'))).toEqual(['PO-2000-1', 'PO-2000-2', 'PO-2000-3']);
    const [first, cut, next] = c.messages;
    expect(cut!.sessionId).toBe(first!.sessionId);
    expect(next!.sessionId).not.toBe(cut!.sessionId);
    expect(next!.headers.has('x-petdrop-resend')).toBe(false);
  });

  it('a kept connection that stops answering after DATA times out that PO alone (maybe delivered); the next PO goes through', async () => {
    const c = await start();
    const mailer = keptMailer(c, { socketTimeoutMs: 300 });
    await mailer.send(await poMail(doc(1)));
    c.failNext(1, { kind: 'slow', stage: 'data', delayMs: 1_500 });
    expect(await failureOf(mailer.send(await poMail(doc(2))))).toMatchObject({ retry: true, maybeDelivered: true });
    await expect(mailer.send(await poMail(doc(3)))).resolves.toMatchObject({ rejected: [] });
    expect(c.messages.map((m) => m.headers.get('x-petdrop-po'))).toEqual(['PO-2000-1', 'PO-2000-2', 'PO-2000-3']);
  });

  it('a kept connection the server closed meanwhile is replaced: the next PO arrives once, over a new connection', async () => {
    const c = await start();
    const mailer = keptMailer(c);
    await mailer.send(await poMail(doc(1)));
    // The server ends the session just as the next message starts (nothing of it was sent yet).
    c.failNext(1, { kind: 'drop', stage: 'mail' });
    const sent = await mailer.send(await poMail(doc(2)));

    expect(sent.messageId).toBe('<po-PO-2000-2.petdrop@happypaws.example>');
    expect(c.messages.map((m) => m.headers.get('x-petdrop-po'))).toEqual(['PO-2000-1', 'PO-2000-2']);
    expect(c.messages[1]!.sessionId).not.toBe(c.messages[0]!.sessionId);
    expect(c.authAttempts).toHaveLength(2);
  });

  it('a server closing a first connection at MAIL FROM is a failure for the outbox, not a silent resend', async () => {
    const c = await start({ failNext: [{ kind: 'drop', stage: 'mail' }] });
    const failure = await failureOf(keptMailer(c).send(await poMail(doc(1))));
    expect(failure).toMatchObject({ retry: true });
    expect(c.messages).toHaveLength(0);
  });
});

describe('the outbox keeps one connection while POs are due', () => {
  const openShop = useDispatchShop();

  it('sends the e-mail POs of one drain over one connection and closes it when none is left', async () => {
    const shop = await openShop();
    for (const n of [1, 2, 3]) {
      const order = await shop.readyOrder({ customer: { name: `Customer ${n}`, email: `customer${n}@example.com`, phone: '+49 30 1234567' } });
      await shop.call('supplierOrders.send', { orderId: order.id });
    }
    await shop.deliver();

    expect(shop.smtp.messages).toHaveLength(3);
    expect(new Set(shop.smtp.messages.map((m) => m.sessionId)).size).toBe(1);
    // Not left open until a timeout: the desk lets it go after the last PO due.
    await vi.waitFor(() => expect(shop.smtp.openConnections()).toBe(0));
    expect(await shop.call('outbox.summary', {})).toMatchObject({ queued: 0, retrying: 0, needsPerson: 0 });
  });
});

describe('smtp mailer: inputs that could reach a header are refused', () => {
  it('poMessageId builds the stable id and refuses anything that is not an id', () => {
    expect(poMessageId('PO-1042-1', 'Shop.Example')).toBe('<po-PO-1042-1.petdrop@shop.example>');
    for (const [po, domain] of [
      ['PO-1\r\nBcc: x@evil.example', 'shop.example'], ['PO 1', 'shop.example'], ['PO>1', 'shop.example'], ['', 'shop.example'],
      ['PO-1', 'shop.example>\r\nX: y'], ['PO-1', 'localhost'], ['PO-1', '-bad.example'], ['PO-1', 'a..example'],
    ] as const) {
      expect(() => poMessageId(po, domain)).toThrow(SmtpSendError);
    }
  });

  it('refuses a recipient with CR/LF, a non-X header, and a password over plain SMTP to a remote host', async () => {
    const c = await start();
    const mailer = createSmtpMailer(configFor(c));
    const base = await poMail(makeDoc());
    expect((await failureOf(mailer.send({ ...base, to: 'a@b.example\r\nBcc: c@d.example' }))).code).toBe('EINPUT');
    expect((await failureOf(mailer.send({ ...base, headers: { Bcc: 'c@d.example' } }))).code).toBe('EINPUT');
    expect(c.messages).toHaveLength(0);
    expect(() => createSmtpMailer({ host: 'smtp.example.com', port: 25, security: 'starttls-opportunistic', from: USER, auth: { user: USER, pass: PASS } }))
      .toThrow(/must not be sent without encryption/);
  });
});

function assertNoSecret(failures: SmtpFailure[], pass: string): void {
  const forms = [pass, Buffer.from(pass).toString('base64'), Buffer.from(`\0${USER}\0${pass}`).toString('base64')];
  for (const failure of failures) {
    const text = JSON.stringify(failure);
    for (const form of forms) expect(text).not.toContain(form);
  }
}
