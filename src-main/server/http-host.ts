import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { HTTP_API_PREFIX, HTTP_EVENTS_PATH, HTTP_UPLOAD_PATH, MAX_UPLOAD_BYTES } from '../../src-shared/contract/bridge';
import type { ApiError, ApiResult } from '../../src-shared/contract/errors';
import { isProcedureName, type ProcedureName } from '../../src-shared/contract/names';
import { MAX_FEED_BASE64_CHARS } from '../../src-shared/schemas/catalog-procedures';
import { MAX_ORDER_FILE_BASE64_CHARS } from '../../src-shared/schemas/storefront-import-procedures';
import type { Core } from '../core/core';
import type { Logger } from '../core/logger';
import { CONTENT_SECURITY_POLICY } from '../security/csp';
import { STATUS_BY_ERROR_CODE } from './http-status';
import { openEventStream } from './event-stream';
import { serveStatic } from './static-files';

export interface BrowserHostOptions {
  core: Pick<Core, 'dispatch' | 'events' | 'uploads'>;
  staticDir: string;
  /** 0 picks a free port. */
  port: number;
  actorName: string;
  logger: Logger;
  /** Tests may fix it; by default a fresh random token on every start. */
  token?: string;
}

export interface BrowserHost {
  url: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

const MAX_BODY_BYTES = 1_000_000;
/** Procedures that carry a file get room for it (the contract caps the file itself); all others stay small. */
const FILE_BODY_BYTES = MAX_FEED_BASE64_CHARS + 64_000;
// The window uploads a big orders file raw (POST /upload) and names it; base64 in JSON still works, only slower to parse.
const ORDER_FILE_BODY_BYTES = MAX_ORDER_FILE_BASE64_CHARS + 64_000;
const BODY_LIMITS: Partial<Record<ProcedureName, number>> = {
  'feeds.preview': FILE_BODY_BYTES, 'feeds.import': FILE_BODY_BYTES,
  'orderImport.preview': ORDER_FILE_BODY_BYTES, 'orderImport.run': ORDER_FILE_BODY_BYTES,
};
const BIND_ADDRESS = '127.0.0.1';

const SECURITY_HEADERS = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
};

function sendJson(res: ServerResponse, status: number, body: ApiResult<unknown>): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { ...SECURITY_HEADERS, 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' }).end(text);
}

function sendError(res: ServerResponse, error: ApiError): void {
  sendJson(res, STATUS_BY_ERROR_CODE[error.code], { ok: false, error });
}

function sameSecret(given: string | undefined, expected: string): boolean {
  if (given === undefined) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

async function readBody(req: IncomingMessage, limit: number): Promise<string | undefined> {
  const bytes = await readBytes(req, limit);
  return bytes === undefined ? undefined : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8');
}

/** The body as one buffer of its own (it may move to a worker thread), or undefined past the limit. */
async function readBytes(req: IncomingMessage, limit: number): Promise<Uint8Array | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) return undefined;
    chunks.push(chunk as Buffer);
  }
  const whole = new Uint8Array(new ArrayBuffer(size));
  let at = 0;
  for (const chunk of chunks) {
    whole.set(chunk, at);
    at += chunk.length;
  }
  return whole;
}

/**
 * The browser host: the same dispatcher as the Electron host, over HTTP on loopback only.
 * Every request must name our own host (no DNS rebinding); API calls and the event stream need the
 * per-start token; the built renderer itself is public (it holds no data).
 */
export async function startBrowserHost(options: BrowserHostOptions): Promise<BrowserHost> {
  const token = options.token ?? randomBytes(32).toString('base64url');
  let allowedHosts = new Set<string>();
  let allowedOrigins = new Set<string>();

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    if (!req.headers.host || !allowedHosts.has(req.headers.host.toLowerCase())) {
      sendError(res, { code: 'forbidden', message: 'This desk only answers requests addressed to 127.0.0.1 or localhost.' });
      return;
    }
    const url = new URL(req.url ?? '/', `http://${req.headers.host}`);
    if (url.pathname.startsWith(HTTP_API_PREFIX)) {
      await handleApi(req, res, url);
      return;
    }
    if (url.pathname === HTTP_UPLOAD_PATH) {
      await handleUpload(req, res);
      return;
    }
    if (url.pathname === HTTP_EVENTS_PATH) {
      if (!sameSecret(url.searchParams.get('token') ?? undefined, token)) {
        sendError(res, { code: 'unauthorized', message: 'The event stream needs the token from the desk\'s start-up URL.' });
        return;
      }
      openEventStream(req, res, options.core.events, SECURITY_HEADERS);
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { ...SECURITY_HEADERS, Allow: 'GET, HEAD' }).end();
      return;
    }
    serveStatic(options.staticDir, url.pathname, res, SECURITY_HEADERS);
  };

  /** API calls and uploads: the start-up token, and never another web page. */
  const refusedCaller = (req: IncomingMessage): ApiError | undefined => {
    const bearer = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
    if (!sameSecret(bearer, token)) return { code: 'unauthorized', message: 'This request needs the token from the desk\'s start-up URL.' };
    // Defence in depth: a page on another origin never gets here with a token, but refuse it anyway.
    const origin = req.headers.origin;
    if (origin !== undefined && !allowedOrigins.has(origin.toLowerCase())) return { code: 'forbidden', message: 'Requests from other web pages are refused.' };
    return undefined;
  };

  /** Raw bytes kept by the core for a following call (a big orders file never travels as JSON text). */
  const handleUpload = async (req: IncomingMessage, res: ServerResponse) => {
    const refused = refusedCaller(req);
    if (refused) {
      sendError(res, refused);
      return;
    }
    if (req.method !== 'POST' || req.headers['content-type'] !== 'application/octet-stream') {
      sendJson(res, 400, { ok: false, error: { code: 'invalid_input', message: 'Upload the file as POST application/octet-stream.' } });
      return;
    }
    // Refused before a byte is read when the size it announces is already too much.
    const announced = Number(req.headers['content-length'] ?? 0);
    const bytes = announced > MAX_UPLOAD_BYTES ? undefined : await readBytes(req, MAX_UPLOAD_BYTES);
    if (bytes === undefined) {
      sendJson(res, 413, { ok: false, error: { code: 'invalid_input', message: `The file is too large (${MAX_UPLOAD_BYTES / 1_000_000} MB at most).` } });
      return;
    }
    const uploadId = options.core.uploads.put(bytes);
    if (uploadId === undefined) {
      sendError(res, { code: 'conflict', message: 'Other files are still waiting to be imported. Finish or cancel that import first.' });
      return;
    }
    sendJson(res, 200, { ok: true, value: { uploadId } });
  };

  const handleApi = async (req: IncomingMessage, res: ServerResponse, url: URL) => {
    const refused = refusedCaller(req);
    if (refused) {
      sendError(res, refused);
      return;
    }
    if (req.method !== 'POST') {
      res.setHeader('Allow', 'POST');
      sendJson(res, 405, { ok: false, error: { code: 'invalid_input', message: 'Use POST for API calls.' } });
      return;
    }
    const name = url.pathname.slice(HTTP_API_PREFIX.length);
    if (!isProcedureName(name)) {
      sendError(res, { code: 'unknown_procedure', message: `There is no procedure called ${JSON.stringify(name.slice(0, 80))}.` });
      return;
    }
    const limit = BODY_LIMITS[name] ?? MAX_BODY_BYTES;
    const body = await readBody(req, limit);
    if (body === undefined) {
      sendJson(res, 413, { ok: false, error: { code: 'invalid_input', message: `The request is too large (${Math.floor(limit / 1_000_000)} MB at most).` } });
      return;
    }
    let input: unknown;
    try {
      input = body.trim() === '' ? {} : JSON.parse(body);
    } catch {
      sendError(res, { code: 'invalid_input', message: 'The request body is not valid JSON.' });
      return;
    }
    const result = await options.core.dispatch(name, input, { actor: { name: options.actorName } });
    if (result.ok) sendJson(res, 200, result);
    else sendError(res, result.error);
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      options.logger.error('browser host request failed', error);
      if (!res.headersSent) sendError(res, { code: 'internal', message: 'Something went wrong inside the desk.' });
      else res.end();
    });
  });
  // Connections that stay open (event streams) must not keep close() waiting forever.
  server.keepAliveTimeout = 5_000;

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, BIND_ADDRESS, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  allowedHosts = new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
  allowedOrigins = new Set([...allowedHosts].map((h) => `http://${h}`));
  return {
    url: `http://${BIND_ADDRESS}:${port}/#token=${token}`,
    port,
    token,
    close: () => new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    }),
  };
}
