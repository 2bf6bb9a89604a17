/**
 * The supplier's `Idempotency-Key` store for `POST /v1/orders` (README.md, "Idempotency"), after the IETF
 * draft "The Idempotency-Key HTTP Header Field": the first answer that the endpoint produced after it
 * started working (201 created, 409 duplicate client reference) is saved under the key with a fingerprint of
 * the body; the same key with the same body gets that answer again, the same key with another body is a 422.
 * Validation errors and injected failures are not saved, so the key stays usable. Keys never expire here.
 */
import { createHash } from 'node:crypto';
import type { SimResponse } from './supplier-sim-http';

export const MAX_IDEMPOTENCY_KEY_LENGTH = 255;
export const REPLAY_HEADER = 'Idempotent-Replayed';

interface SavedAnswer {
  fingerprint: string;
  status: number;
  /** A deep copy taken when saved: a replay is the first answer as it was, not the order as it is now. */
  body: unknown;
}

export type IdempotencyLookup =
  | { kind: 'new' }
  | { kind: 'replay'; response: SimResponse }
  | { kind: 'mismatch' };

/** JSON with object keys sorted, so key order and whitespace do not make a body "different". */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value).filter(([, v]) => v !== undefined).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

export function fingerprint(body: unknown): string {
  return createHash('sha256').update(canonical(body)).digest('hex');
}

export class IdempotencyStore {
  private readonly answers = new Map<string, SavedAnswer>();

  lookup(key: string, bodyFingerprint: string): IdempotencyLookup {
    const saved = this.answers.get(key);
    if (!saved) return { kind: 'new' };
    if (saved.fingerprint !== bodyFingerprint) return { kind: 'mismatch' };
    return { kind: 'replay', response: { status: saved.status, body: structuredClone(saved.body), headers: { [REPLAY_HEADER]: 'true' } } };
  }

  save(key: string, bodyFingerprint: string, response: SimResponse): void {
    this.answers.set(key, { fingerprint: bodyFingerprint, status: response.status, body: structuredClone(response.body) });
  }

  get size(): number {
    return this.answers.size;
  }
}
