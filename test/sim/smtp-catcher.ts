/**
 * SMTP catcher: a real SMTP server (smtp-server 3) on 127.0.0.1 that keeps every message it accepts, raw and
 * parsed (mailparser 3; raw only with `parse: false`), with failure injection for the next N messages. Imports nothing from src-main or
 * src-shared. See test/sim/README.md, "SMTP catcher".
 *
 * Plain SMTP on loopback: STARTTLS is switched off and `allowInsecureAuth: true` lets AUTH PLAIN/LOGIN run
 * without TLS. That is only acceptable because nothing leaves 127.0.0.1; a client must be configured with
 * `starttls-opportunistic` (no TLS offered, so none is attempted) — the mailer refuses that with a password for
 * any host that is not loopback.
 */
import { simpleParser, type ParsedMail } from 'mailparser';
import type { AddressInfo } from 'node:net';
import { SMTPServer, type SMTPServerSession } from 'smtp-server';

export type SmtpFault =
  /** Answer RCPT TO with this reply (4xx temporary or 5xx permanent). The message is not taken. */
  | { kind: 'reply'; stage: 'rcpt'; code: number; message?: string }
  /** Read the whole message, then answer the final DATA reply with this code. The message is NOT stored. */
  | { kind: 'reply'; stage: 'data'; code: number; message?: string }
  /** Store the message, then close the connection without any reply: the "did it arrive?" case. */
  | { kind: 'drop_after_data' }
  /** Wait before the greeting ('greeting') or before the final DATA reply ('data', the message is stored first). */
  | { kind: 'slow'; stage: 'greeting' | 'data'; delayMs: number }
  /**
   * Close the connection without a reply when MAIL FROM arrives: a server ending a kept-open connection just
   * as the next message starts. Nothing is stored.
   */
  | { kind: 'drop'; stage: 'mail' };

/** A message as received, not parsed (what a catcher started with `parse: false` keeps). */
export interface RawCaughtMail {
  /** The message exactly as received (after the DATA dot-unstuffing). */
  raw: Buffer;
  envelope: { from: string; to: string[] };
  /** The authenticated user, if any. */
  user?: string;
  /** smtp-server's id of the connection (session) it came over: two messages with one id shared a connection. */
  sessionId: string;
  /** Whether the connection was encrypted (implicit TLS, or upgraded with STARTTLS) when the message came. */
  secure: boolean;
}

export interface CaughtMail extends ParsedMail, RawCaughtMail {}

export interface SmtpCatcherOptions<M extends RawCaughtMail = CaughtMail> {
  auth?: { user: string; pass: string };
  /**
   * Real TLS with this key and certificate (test/fixtures/tls: 127.0.0.1 only): 'implicit' from the first byte
   * (like port 465), or 'starttls' offered after EHLO (like 587; AUTH only once upgraded). Absent: plain only.
   */
  tls?: { key: string | Buffer; cert: string | Buffer; mode: 'implicit' | 'starttls' };
  /** Faults for the next messages, in order (one per message; a greeting fault is used per connection). */
  failNext?: SmtpFault[];
  port?: number;
  /** Called after each stored message (the CLI prints it). */
  onMessage?: (mail: M) => void;
  /**
   * Default true. false keeps each message raw only, without mailparser: for a benchmark, where parsing every
   * message in the same process as the sender would be counted as the sender's time.
   */
  parse?: boolean;
}

export interface SmtpCatcher<M extends RawCaughtMail = CaughtMail> {
  host: '127.0.0.1';
  port: number;
  messages: M[];
  /** Every AUTH attempt, without the password: { user, ok }. */
  authAttempts: { user: string; ok: boolean }[];
  /** The next `count` messages (or connections, for a greeting fault) meet `fault`. */
  failNext(count: number, fault: SmtpFault): void;
  clearFaults(): void;
  /** Connections open right now (a client that keeps one open between messages shows here). */
  openConnections(): number;
  close(): Promise<void>;
}

function smtpError(code: number, message: string): Error & { responseCode: number } {
  return Object.assign(new Error(message), { responseCode: code });
}

const DEFAULT_TEXT: Record<number, string> = {
  421: 'Service not available, closing transmission channel',
  450: 'Mailbox unavailable, try again later',
  451: 'Local error in processing, try again later',
  452: 'Insufficient system storage',
  550: 'Mailbox unavailable: no such user',
  553: 'Mailbox name not allowed',
  554: 'Transaction failed',
};

export function startSmtpCatcher(options: SmtpCatcherOptions<RawCaughtMail> & { parse: false }): Promise<SmtpCatcher<RawCaughtMail>>;
export function startSmtpCatcher(options?: SmtpCatcherOptions): Promise<SmtpCatcher>;
export async function startSmtpCatcher(options: SmtpCatcherOptions<never> = {}): Promise<SmtpCatcher<RawCaughtMail>> {
  const faults: SmtpFault[] = [...(options.failNext ?? [])];
  const messages: RawCaughtMail[] = [];
  const authAttempts: { user: string; ok: boolean }[] = [];
  /** The fault taken for the message in progress, by session id. */
  const current = new Map<string, SmtpFault>();
  const delay = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

  const takeFault = (greeting: boolean): SmtpFault | undefined => {
    const next = faults[0];
    if (!next) return undefined;
    const isGreeting = next.kind === 'slow' && next.stage === 'greeting';
    if (isGreeting !== greeting) return undefined;
    return faults.shift();
  };

  const dropConnection = (session: SMTPServerSession) => {
    // smtp-server does not hand the socket to the hooks; its live connections are on server.connections.
    for (const connection of server.connections) {
      if (connection.session === session || connection.id === session.id) connection._socket?.destroy();
    }
  };

  const tls = options.tls;
  const server: SMTPServer = new SMTPServer({
    secure: tls?.mode === 'implicit',
    ...(tls ? { key: tls.key, cert: tls.cert } : {}),
    disabledCommands: [...(tls?.mode === 'starttls' ? [] : ['STARTTLS']), ...(options.auth ? [] : ['AUTH'])],
    hideSTARTTLS: tls?.mode !== 'starttls',
    // With TLS, a password is taken only over the encrypted connection, as a real server would.
    allowInsecureAuth: !tls,
    authOptional: !options.auth,
    authMethods: ['PLAIN', 'LOGIN'],
    banner: 'PetDrop SMTP catcher',
    size: 25 * 1024 * 1024,
    closeTimeout: 200,
    logger: false,
    onConnect(_session, callback) {
      const fault = takeFault(true);
      if (fault?.kind === 'slow') void delay(fault.delayMs).then(() => callback());
      else callback();
    },
    onAuth(auth, _session, callback) {
      const ok = options.auth !== undefined && auth.username === options.auth.user && auth.password === options.auth.pass;
      authAttempts.push({ user: auth.username ?? '', ok });
      if (!ok) return callback(smtpError(535, 'Authentication credentials invalid'));
      callback(null, { user: auth.username });
    },
    onMailFrom(_address, session, callback) {
      const fault = takeFault(false);
      if (fault?.kind === 'drop') return dropConnection(session);
      if (fault) current.set(session.id, fault);
      else current.delete(session.id);
      callback();
    },
    onRcptTo(_address, session, callback) {
      const fault = current.get(session.id);
      if (fault?.kind === 'reply' && fault.stage === 'rcpt') {
        return callback(smtpError(fault.code, fault.message ?? DEFAULT_TEXT[fault.code] ?? 'Refused'));
      }
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        void (async () => {
          const fault = current.get(session.id);
          current.delete(session.id);
          if (fault?.kind === 'reply' && fault.stage === 'data') {
            return callback(smtpError(fault.code, fault.message ?? DEFAULT_TEXT[fault.code] ?? 'Refused'));
          }
          const raw = Buffer.concat(chunks);
          const received: RawCaughtMail = {
            raw,
            envelope: {
              from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
              to: session.envelope.rcptTo.map((r) => r.address),
            },
            ...(session.user !== undefined ? { user: String(session.user) } : {}),
            sessionId: session.id,
            secure: session.secure === true,
          };
          const mail = options.parse === false ? received : Object.assign(await simpleParser(raw), received);
          messages.push(mail);
          (options.onMessage as ((mail: RawCaughtMail) => void) | undefined)?.(mail);
          if (fault?.kind === 'drop_after_data') return dropConnection(session);
          if (fault?.kind === 'slow') await delay(fault.delayMs);
          callback(null, `Queued as ${messages.length}`);
        })().catch((error: unknown) => callback(error instanceof Error ? error : new Error(String(error))));
      });
    },
  });
  server.on('error', () => { /* a dropped client socket; nothing to do */ });

  await new Promise<void>((resolve, reject) => {
    server.server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const port = (server.server.address() as AddressInfo).port;

  return {
    host: '127.0.0.1',
    port,
    messages,
    authAttempts,
    failNext(count, fault) {
      if (count <= 0) { faults.length = 0; return; }
      for (let i = 0; i < count; i += 1) faults.push(fault);
    },
    clearFaults() { faults.length = 0; },
    openConnections: () => server.connections.size,
    close: () => new Promise<void>((resolve) => {
      for (const connection of server.connections) connection._socket?.destroy();
      server.close(() => resolve());
    }),
  };
}
