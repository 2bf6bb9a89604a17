/**
 * The HTTP plumbing of the Stripe simulator: reading the secret key and the body, and the shape of an
 * answer before it is written (or saved for idempotent replay).
 */
import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { StripeSimError } from './stripe-sim-errors';
import { FormSyntaxError } from './stripe-sim-form';

const MAX_BODY_BYTES = 1_000_000;

export interface Answer {
  status: number;
  text: string;
  headers: Record<string, string>;
  replayedFrom?: string;
}

export function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** The key from `Bearer <key>` (the SDK) or `Basic base64(<key>:)` (curl -u), as Stripe accepts both. */
export function secretKeyOf(req: IncomingMessage): string | undefined {
  const header = req.headers.authorization ?? '';
  const bearer = /^Bearer\s+(\S+)\s*$/i.exec(header);
  if (bearer) return bearer[1];
  const basic = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header);
  return basic ? Buffer.from(basic[1] as string, 'base64').toString('utf8').split(':')[0] : undefined;
}

export function wait(ms: number): Promise<void> {
  // unref: a latency timer must never be what keeps a test process alive.
  return ms <= 0 ? Promise.resolve() : new Promise((resolve) => setTimeout(resolve, ms).unref());
}

export async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new FormSyntaxError('Request body is too large.');
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

export function header(req: IncomingMessage, name: string): string | null {
  const value = req.headers[name];
  return typeof value === 'string' ? value : null;
}

export function errorAnswer(error: StripeSimError): Answer {
  return { status: error.status, text: JSON.stringify(error.body, null, 2), headers: { ...error.headers } };
}
