import { createTransport } from 'nodemailer';
import type { SmtpSecurityChoice } from '../../src-shared/domain/settings';

/**
 * Sends one purchase-order e-mail to a supplier through the shop's own SMTP server, with nodemailer 10.
 * nodemailer 10 ships its own TypeScript declarations (dist/esm/*.d.ts, resolved through its package
 * "exports"), so those are what this file compiles against; @types/nodemailer 8.0.2 is not used for it.
 *
 * By default one connection per send: a PO is one message, and a fresh connection means a failure belongs to
 * this PO alone. With `reuseConnection` (the outbox, which sends POs one after another) one connection is kept
 * open across sends — nodemailer's pool with a single connection, renewed every SMTP_POOL_MAX_MESSAGES — so a
 * drain of many POs does not pay a connect, greeting and login per PO. Each send is still classified by its
 * own outcome: nodemailer answers every message on its own, resets the session after a refused one, opens a
 * new connection after a broken one, and only puts a message on another connection by itself when not a byte
 * of it was sent (a kept connection the server had closed meanwhile). close() lets the kept connection go.
 * nodemailer's file and URL access are off: attachments are always in-memory content.
 * Like the Stripe adapter, every failure is sorted for the outbox (retry vs a person), with a sentence for the
 * shop owner that never contains the password.
 */

/** The shop setting (src-shared/domain/settings.ts): 'tls', 'starttls-required' or 'starttls-opportunistic'. */
export type SmtpSecurity = SmtpSecurityChoice;

export interface SmtpConfig {
  host: string;
  port: number;
  security: SmtpSecurity;
  auth?: { user: string; pass: string };
  /** The envelope sender and default From, e.g. 'orders@happypaws.example'. */
  from: string;
  /** Connect + greeting timeout; default 15 s. */
  connectionTimeoutMs?: number;
  /** Idle time allowed on an open connection (a slow DATA reply); default 60 s. */
  socketTimeoutMs?: number;
  /** The EHLO name; default the From address's domain (never this computer's host name). */
  heloName?: string;
  /**
   * Certificates to trust besides the system's (PEM): a shop's own mail server with a private CA, or the tests'
   * loopback certificate. Verification stays on.
   */
  tlsCa?: string;
}

export interface PoMailAttachment {
  filename: string;
  content: Buffer | string;
  contentType: string;
  /** Set for an inline image the HTML shows as `cid:…` (a customer e-mail's logo). */
  cid?: string;
}

/** Who the mail is for: the wording of a refusal names them (and what to check). */
export type MailRecipient = 'supplier' | 'customer';

export interface PoMail {
  /** Default 'supplier'. */
  recipient?: MailRecipient;
  /**
   * Used for the X-PetDrop-PO header; poMessageId() should have been built from the same value. Absent for a
   * mail that is not a purchase order (a customer e-mail): no PO header then.
   */
  poNumber?: string;
  to: string;
  /** Default: config.from. */
  from?: string;
  replyTo?: string;
  subject: string;
  /** Plain text; LF or CRLF line endings (canonicalised to CRLF on the wire by nodemailer). */
  text: string;
  html: string;
  attachments: PoMailAttachment[];
  /** From poMessageId(): the same for every attempt at the same PO. */
  messageId: string;
  /** Extra X-… headers (name → one-line value). */
  headers?: Record<string, string>;
  /** What the previous attempt at this PO came to: 'unknown' marks this one as a possible duplicate. */
  previousAttempt?: PreviousAttempt;
}

export interface SentPoMail {
  accepted: string[];
  rejected: string[];
  /** The server's final reply, e.g. '250 OK: message queued'. */
  response: string;
  messageId: string;
}

/** Why a send failed, sorted for the outbox like StripeFailure. */
export interface SmtpFailure {
  /** true: temporary, the outbox tries again later; false: a person must look. */
  retry: boolean;
  /** For the shop owner; never contains the password. */
  message: string;
  /** nodemailer's code (ECONNECTION, ETIMEDOUT, EAUTH, EENVELOPE, EMESSAGE, ...) or EINPUT for refused input. */
  code?: string;
  /** The SMTP reply code when the server answered, e.g. 451, 550. */
  responseCode?: number;
  /** The SMTP command in flight ('RCPT TO', 'DATA', 'AUTH PLAIN', 'CONN', ...). */
  command?: string;
  /**
   * The connection broke or timed out without a reply after the message may have been handed over: the
   * supplier may have it. Resending would deliver a second copy (with the same Message-ID), so the desk
   * should ask a person instead of retrying blindly, and mark any resend with poResendMarking('unknown').
   */
  maybeDelivered: boolean;
}

export class SmtpSendError extends Error {
  constructor(readonly failure: SmtpFailure) {
    super(failure.message);
    this.name = 'SmtpSendError';
  }
}

export interface SmtpMailer {
  send(mail: PoMail): Promise<SentPoMail>;
  /**
   * Lets a kept connection go (nothing to do without reuseConnection). A send in progress finishes first; a
   * later send connects again.
   */
  close(): void;
}

export interface SmtpMailerOptions {
  /** Keep one connection open across sends (see the top of this file). Default false: one per send. */
  reuseConnection?: boolean;
}

/** A kept connection is renewed after this many messages: providers commonly cap a session near 100. */
export const SMTP_POOL_MAX_MESSAGES = 100;

// ---------------------------------------------------------------------------------------------------------
// Message-ID and resend marking

const PO_NUMBER = /^[A-Za-z0-9](?:[A-Za-z0-9_-]|\.(?!\.)){0,62}[A-Za-z0-9]$|^[A-Za-z0-9]$/;
const DOMAIN_LABEL = /^(?!-)[A-Za-z0-9-]{1,63}(?<!-)$/;

function validDomain(domain: string): boolean {
  if (domain.length === 0 || domain.length > 253) return false;
  const labels = domain.split('.');
  return labels.length >= 2 && labels.every((label) => DOMAIN_LABEL.test(label));
}

/**
 * The stable Message-ID of a PO e-mail: `<po-PO-1042-1.petdrop@shop.example>`. The same for every attempt, so a
 * supplier's mail system (and a person searching their inbox) can see that two copies are one PO. Both parts
 * are checked strictly (letters, digits, '-', '_', single '.'; a real host name), so nothing can reach the
 * header that is not part of an id.
 */
export function poMessageId(poNumber: string, shopDomain: string): string {
  if (!PO_NUMBER.test(poNumber)) {
    throw new SmtpSendError({ retry: false, code: 'EINPUT', maybeDelivered: false,
      message: `The PO number "${printable(poNumber)}" cannot be used in an e-mail: only letters, digits, "-", "_" and "." are allowed.` });
  }
  const domain = shopDomain.toLowerCase();
  if (!validDomain(domain)) {
    throw new SmtpSendError({ retry: false, code: 'EINPUT', maybeDelivered: false,
      message: `The shop's domain "${printable(shopDomain)}" is not a valid domain name (like happypaws.example).` });
  }
  return `<po-${poNumber}.petdrop@${domain}>`;
}

/**
 * How the previous attempt at the same PO ended: 'none' (first try), 'refused' (the server said no before
 * taking the message: nothing was delivered) or 'unknown' (the connection broke after the message may have
 * been handed over: see SmtpFailure.maybeDelivered).
 */
export type PreviousAttempt = 'none' | 'refused' | 'unknown';

export const POSSIBLE_DUPLICATE_PREFIX = '[Possible duplicate] ';

/**
 * The decision for a resend: only after an 'unknown' outcome is the supplier told this may be a second copy
 * (a subject prefix a person sees, and a header a supplier's script can match). The Message-ID stays the same.
 */
export function poResendMarking(previous: PreviousAttempt): { subjectPrefix: string; headers: Record<string, string> } {
  if (previous === 'unknown') return { subjectPrefix: POSSIBLE_DUPLICATE_PREFIX, headers: { 'X-PetDrop-Resend': 'possible-duplicate' } };
  return { subjectPrefix: '', headers: {} };
}

// ---------------------------------------------------------------------------------------------------------
// Input checks

const CONTROL = /[\p{Cc}\u2028\u2029]/u;
const ADDRESS = /^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?$/;
const HEADER_NAME = /^X-[A-Za-z0-9-]{1,60}$/;
const MESSAGE_ID = /^<[A-Za-z0-9._-]+@[A-Za-z0-9.-]+>$/;

function printable(value: string): string {
  return value.replace(/[\p{Cc}\u2028\u2029]/gu, '?').slice(0, 80);
}

function inputError(message: string): SmtpSendError {
  return new SmtpSendError({ retry: false, code: 'EINPUT', message, maybeDelivered: false });
}

function checkAddress(what: string, value: string): string {
  // A bare address only: no display name, no list, no CR/LF (so no header or envelope injection).
  if (!ADDRESS.test(value) || value.length > 254) throw inputError(`The ${what} address "${printable(value)}" is not a valid e-mail address.`);
  return value;
}

/** One line: control characters become a space, runs of white space collapse (the renderer already did this). */
function oneLine(value: string): string {
  return value.replace(/[\p{Cc}\u2028\u2029]/gu, ' ').replace(/\s+/gu, ' ').trim();
}

function domainOf(address: string): string {
  return address.slice(address.lastIndexOf('@') + 1);
}

const isLoopback = (host: string): boolean => host === '127.0.0.1' || host === '::1' || host === 'localhost';

// ---------------------------------------------------------------------------------------------------------
// Failure classification

interface NodemailerLikeError {
  message?: string;
  code?: string;
  originalCode?: string;
  response?: string;
  responseCode?: number;
  command?: string;
}

function redact(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) {
    if (secret.length >= 1) out = out.split(secret).join('********');
  }
  return out;
}

/** The secret in every form it can travel on the wire (plain, base64 alone, base64 AUTH PLAIN). */
function secretForms(auth: SmtpConfig['auth']): string[] {
  if (!auth?.pass) return [];
  const b64 = (s: string) => Buffer.from(s, 'utf8').toString('base64');
  return [auth.pass, b64(auth.pass), b64(`\0${auth.user}\0${auth.pass}`), b64(`${auth.user}\0${auth.user}\0${auth.pass}`)]
    .sort((a, b) => b.length - a.length);
}

/** The server's reply, one line, capped: what a shop owner can quote to the mail provider. */
function reply(error: NodemailerLikeError): string {
  return oneLine(error.response ?? '').slice(0, 300);
}

const CONNECT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'ECONNRESET']);
/** Commands before the message is handed over: a failure there never delivered anything. */
const BEFORE_DATA = /^(CONN|EHLO|HELO|LHLO|STARTTLS|AUTH\b|MAIL FROM|RCPT TO|API)/;

/**
 * Sorts anything a send throws into an SmtpFailure. `to` is named in the sentence about a refused address;
 * `secrets` (the password in its wire forms) are cut out of every text that is kept.
 */
/** Node's TLS verification failures (the server's certificate is not trusted for this host). */
const CERTIFICATE_CODES = new Set([
  'DEPTH_ZERO_SELF_SIGNED_CERT', 'SELF_SIGNED_CERT_IN_CHAIN', 'UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY', 'CERT_HAS_EXPIRED', 'CERT_NOT_YET_VALID', 'CERT_UNTRUSTED', 'CERT_REVOKED',
  'ERR_TLS_CERT_ALTNAME_INVALID', 'HOSTNAME_MISMATCH',
]);

export function classifySmtpError(
  error: unknown, context: { to?: string; host?: string; secrets?: readonly string[]; recipient?: MailRecipient } = {},
): SmtpFailure {
  if (error instanceof SmtpSendError) return error.failure;
  const secrets = context.secrets ?? [];
  const e: NodemailerLikeError = typeof error === 'object' && error !== null ? (error as NodemailerLikeError) : { message: String(error) };
  const code = e.code;
  const responseCode = typeof e.responseCode === 'number' ? e.responseCode : undefined;
  const command = e.command;
  const server = context.host ? `the mail server ${context.host}` : 'the mail server';
  const said = reply(e);
  const build = (failure: Omit<SmtpFailure, 'code' | 'responseCode' | 'command'>): SmtpFailure => ({
    ...failure,
    message: redact(failure.message, secrets),
    ...(code !== undefined ? { code } : {}),
    ...(responseCode !== undefined ? { responseCode } : {}),
    ...(command !== undefined ? { command } : {}),
  });

  // Authentication: a refused password (535 and other 5xx) is for a person; a 4xx (454 temporary auth failure) is not.
  if (code === 'EAUTH' || code === 'ENOAUTH' || (command ?? '').startsWith('AUTH')) {
    if (responseCode !== undefined && responseCode >= 400 && responseCode < 500) {
      return build({ retry: true, maybeDelivered: false, message: `${cap(server)} could not check the SMTP password just now (${said}); it will try again.` });
    }
    return build({ retry: false, maybeDelivered: false,
      message: 'The SMTP password was refused; check it in Settings → Shop and e-mail.' + (responseCode ? ` (The server said ${responseCode}.)` : '') });
  }

  if (responseCode !== undefined && responseCode >= 400) {
    const temporary = responseCode < 500 || responseCode === 503;
    if (temporary) {
      return build({ retry: true, maybeDelivered: false, message: `${cap(server)} asked the desk to try later (${said}); it will try again.` });
    }
    if (command === 'RCPT TO' || (code === 'EENVELOPE' && command !== 'MAIL FROM')) {
      return build({ retry: false, maybeDelivered: false, message: context.recipient === 'customer'
        ? `The mail server refused the customer's address ${context.to ?? ''}: ${said}. Check the e-mail address on the order.`
        : `The supplier's mail server refused the address ${context.to ?? 'of the supplier'}: ${said}. Check the supplier's order e-mail.` });
    }
    if (command === 'MAIL FROM') {
      return build({ retry: false, maybeDelivered: false, message: `${cap(server)} refused the shop's sender address: ${said}. Check the "from" address in the e-mail settings.` });
    }
    return build({ retry: false, maybeDelivered: false, message: `${cap(server)} refused the ${context.recipient === 'customer' ? 'customer' : 'purchase order'} e-mail: ${said}.` });
  }

  if (code === 'EINPUT' || code === 'ECONFIG' || code === 'EFILEACCESS' || code === 'EURLACCESS' || code === 'EENVELOPE' || code === 'EMESSAGE') {
    return build({ retry: false, maybeDelivered: false, message: `The e-mail could not be sent as it is: ${oneLine(e.message ?? 'invalid message')}.` });
  }

  if (code === 'ETLS' || code === 'EREQUIRETLS') {
    return build({ retry: false, maybeDelivered: false,
      message: `A secure (TLS) connection to ${server} could not be made; check the port and security setting in the e-mail settings.` });
  }

  // The server's certificate failed verification: the connection never carried anything (not the password,
  // not the message), and trying again will not change the certificate; a person looks at the settings.
  if (CERTIFICATE_CODES.has(e.originalCode ?? '') || CERTIFICATE_CODES.has(code ?? '')) {
    return build({ retry: false, maybeDelivered: false,
      message: `The certificate of ${server} could not be verified (${oneLine(e.message ?? e.originalCode ?? 'untrusted')}); nothing was sent. `
        + 'Check the server name in Settings → Shop and e-mail, or ask your mail provider.' });
  }

  // No reply: the network or the server went away. Temporary; but was the message already handed over?
  const message = oneLine(e.message ?? String(error));
  const refusedConnect = CONNECT_CODES.has(e.originalCode ?? '') || code === 'EDNS' || /Greeting never received/i.test(message);
  const beforeData = refusedConnect || (command !== undefined && command !== 'CONN' && BEFORE_DATA.test(command));
  const maybeDelivered = !beforeData;
  if (code === 'ETIMEDOUT' || /timeout|timed out/i.test(message)) {
    return build({ retry: true, maybeDelivered,
      message: maybeDelivered
        ? `${cap(server)} stopped answering while the e-mail was being sent; it may or may not have arrived.`
        : `${cap(server)} did not answer in time; it will try again.` });
  }
  return build({ retry: true, maybeDelivered,
    message: maybeDelivered
      ? `The connection to ${server} broke while the e-mail was being sent; it may or may not have arrived.`
      : `${cap(server)} could not be reached (${oneLine(e.originalCode ?? code ?? 'no connection')}); it will be sent when the desk is online again.` });
}

function cap(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

// ---------------------------------------------------------------------------------------------------------
// The mailer

/** Checks a config and says in a sentence what is wrong; throws SmtpSendError (EINPUT). */
export function checkSmtpConfig(config: SmtpConfig): void {
  if (!config.host || CONTROL.test(config.host) || /\s/.test(config.host)) throw inputError('The SMTP server name is missing or not valid.');
  if (!Number.isInteger(config.port) || config.port < 1 || config.port > 65535) throw inputError(`The SMTP port ${config.port} is not a port number (1–65535).`);
  checkAddress('sender', config.from);
  if (config.auth && config.security === 'starttls-opportunistic' && !isLoopback(config.host)) {
    throw inputError('A password must not be sent without encryption: choose TLS or STARTTLS (required) in the e-mail settings.');
  }
}

/**
 * nodemailer's SMTP transport options for a config: exported so the bench's raw baseline sends with exactly
 * what the desk sends with. `from` names the EHLO domain when the config gives none.
 */
export function smtpTransportOptions(config: SmtpConfig, from: string) {
  const connectMs = config.connectionTimeoutMs ?? 15_000;
  return {
    host: config.host,
    port: config.port,
    secure: config.security === 'tls',
    requireTLS: config.security === 'starttls-required',
    ...(config.auth ? { auth: { user: config.auth.user, pass: config.auth.pass } } : {}),
    name: heloName(config, from),
    connectionTimeout: connectMs,
    greetingTimeout: connectMs,
    socketTimeout: config.socketTimeoutMs ?? 60_000,
    disableFileAccess: true,
    disableUrlAccess: true,
    // Certificates are always verified; a private CA is trusted by adding it (tlsCa), never by switching checks off.
    tls: { rejectUnauthorized: true, servername: config.host, ...(config.tlsCa ? { ca: config.tlsCa } : {}) },
    logger: false,
    debug: false,
  };
}

/** The same, for one kept connection (reuseConnection). */
export function smtpPoolOptions(config: SmtpConfig, from: string) {
  return { ...smtpTransportOptions(config, from), pool: true as const, maxConnections: 1, maxMessages: SMTP_POOL_MAX_MESSAGES };
}

function heloName(config: SmtpConfig, from: string): string {
  return config.heloName ?? domainOf(from);
}

type Transport = Pick<ReturnType<typeof createTransport>, 'sendMail' | 'close'>;

export function createSmtpMailer(config: SmtpConfig, options: SmtpMailerOptions = {}): SmtpMailer {
  checkSmtpConfig(config);
  const secrets = secretForms(config.auth);
  /** The kept connection's transport, for one EHLO name (a send with another From domain gets its own). */
  let kept: { name: string; transport: Transport } | undefined;

  const transportFor = (from: string): { transport: Transport; done(): void } => {
    if (!options.reuseConnection) {
      const transport = createTransport(smtpTransportOptions(config, from));
      return { transport, done: () => transport.close() };
    }
    const name = heloName(config, from);
    if (kept?.name !== name) {
      kept?.transport.close();
      const transport = createTransport(smtpPoolOptions(config, from));
      // Every message's failure comes back from its own sendMail; a kept connection failing while idle is not
      // a PO's failure, and must not become an unhandled 'error' that ends the desk.
      transport.on('error', () => {});
      kept = { name, transport };
    }
    return { transport: kept.transport, done: () => {} };
  };

  return {
    async send(mail) {
      try {
        const from = checkAddress('sender', mail.from ?? config.from);
        const to = checkAddress(mail.recipient === 'customer' ? "customer's" : "supplier's", mail.to);
        const replyTo = mail.replyTo === undefined ? undefined : checkAddress('reply-to', mail.replyTo);
        if (!MESSAGE_ID.test(mail.messageId)) throw inputError('The Message-ID is not valid; build it with poMessageId().');
        if (mail.poNumber !== undefined && !PO_NUMBER.test(mail.poNumber)) throw inputError(`The PO number "${printable(mail.poNumber)}" cannot be used in an e-mail.`);
        const marking = poResendMarking(mail.previousAttempt ?? 'none');
        const headers: Record<string, string> = {};
        const poHeader = mail.poNumber === undefined ? {} : { 'X-PetDrop-PO': mail.poNumber };
        for (const [name, value] of Object.entries({ ...(mail.headers ?? {}), ...poHeader, ...marking.headers })) {
          if (!HEADER_NAME.test(name)) throw inputError(`The header name "${printable(name)}" is not allowed (only X-… headers).`);
          headers[name] = oneLine(value).slice(0, 200);
        }
        const subject = oneLine(marking.subjectPrefix + mail.subject) || (mail.poNumber === undefined ? 'A message from the shop' : `Purchase order ${mail.poNumber}`);
        for (const attachment of mail.attachments) {
          if (CONTROL.test(attachment.filename) || /[/\\]/.test(attachment.filename) || !attachment.filename) {
            throw inputError(`The attachment name "${printable(attachment.filename)}" is not valid.`);
          }
          if (!/^[a-z]+\/[a-z0-9.+-]+(?:; ?charset=[a-z0-9-]+)?$/i.test(attachment.contentType)) {
            throw inputError(`The attachment type "${printable(attachment.contentType)}" is not valid.`);
          }
        }

        const { transport, done } = transportFor(from);
        try {
          const info = await transport.sendMail({
            from,
            to,
            ...(replyTo ? { replyTo } : {}),
            subject,
            text: mail.text.replace(/\r\n?/g, '\n'),
            html: mail.html,
            messageId: mail.messageId,
            headers,
            attachments: mail.attachments.map((a) => ({ filename: a.filename, content: a.content, contentType: a.contentType, ...(a.cid ? { cid: a.cid } : {}) })),
            envelope: { from: config.from, to: [to] },
          });
          return {
            accepted: (info.accepted ?? []).map(String),
            rejected: (info.rejected ?? []).map(String),
            response: String(info.response ?? ''),
            messageId: mail.messageId,
          };
        } finally {
          done();
        }
      } catch (error) {
        throw new SmtpSendError(classifySmtpError(error, { to: mail.to, host: config.host, secrets, recipient: mail.recipient ?? 'supplier' }));
      }
    },
    close() {
      kept?.transport.close();
      kept = undefined;
    },
  };
}
