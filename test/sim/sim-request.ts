/**
 * Small pieces every JSON simulator's request pipeline uses (supplier, tracking): an API-key comparison that
 * takes the same time whatever the key, an injected delay that never keeps a test process alive, and a
 * capped JSON body. Imports nothing from src-main or src-shared, like the simulators themselves.
 */
import type { IncomingMessage } from 'node:http';
import { timingSafeEqual } from 'node:crypto';

/** Larger request bodies are refused as malformed: no simulated API takes a megabyte of JSON. */
export const MAX_BODY_BYTES = 1_000_000;

export function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

export function wait(ms: number): Promise<void> {
  if (ms <= 0) return Promise.resolve();
  // unref: a pending latency timer must never be what keeps a test process alive.
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}

/** The request's JSON body; a SyntaxError for a body that is not JSON or is too large. */
export async function readJsonBody(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new SyntaxError('Request body is too large.');
    chunks.push(chunk as Buffer);
  }
  return JSON.parse(Buffer.concat(chunks).toString('utf8'));
}
