/**
 * Stripe's idempotency layer (docs.stripe.com/api/idempotent_requests), for POST requests:
 * - keyed by (API key, Idempotency-Key): two accounts may use the same key value without colliding;
 * - the first request's status and body are saved once the endpoint has started executing, whatever the
 *   outcome (a 402 decline or a 500 too); a retry with the same key and the same parameters gets that saved
 *   answer again, marked `Idempotent-Replayed: true`, and nothing runs twice;
 * - the same key with another endpoint or other parameters is a 400 `idempotency_error`;
 * - the same key while its first request is still running is a 409 (nothing saved);
 * - validation failures and rate-limit rejections are not saved, so the key stays free.
 * Keys do not expire here (Stripe prunes them after 24 hours; no test runs that long).
 */
import { createHash } from 'node:crypto';

export interface SavedAnswer {
  status: number;
  /** The body exactly as first sent, so a replay is byte-for-byte the same. */
  text: string;
  headers: Record<string, string>;
  /** `Request-Id` of the request that produced it (Stripe's `Original-Request` header on replays). */
  requestId: string;
}

type Entry =
  | { state: 'in_progress'; method: string; path: string; fingerprint: string }
  | { state: 'done'; method: string; path: string; fingerprint: string; answer: SavedAnswer };

export type IdempotencyLookup =
  | { kind: 'new' }
  | { kind: 'replay'; answer: SavedAnswer }
  | { kind: 'in_progress' }
  | { kind: 'mismatch'; firstPath: string };

export const MAX_IDEMPOTENCY_KEY_LENGTH = 255;

export class IdempotencyStore {
  private readonly entries = new Map<string, Entry>();

  /** The API key is hashed: the store never holds the secret itself. */
  private static slot(apiKey: string, idempotencyKey: string): string {
    return `${createHash('sha256').update(apiKey).digest('hex')}:${idempotencyKey}`;
  }

  /** Looks the key up and, when it is new, reserves it as in progress. */
  begin(apiKey: string, idempotencyKey: string, method: string, path: string, fingerprint: string): IdempotencyLookup {
    const slot = IdempotencyStore.slot(apiKey, idempotencyKey);
    const entry = this.entries.get(slot);
    if (!entry) {
      this.entries.set(slot, { state: 'in_progress', method, path, fingerprint });
      return { kind: 'new' };
    }
    if (entry.method !== method || entry.path !== path || entry.fingerprint !== fingerprint) {
      return { kind: 'mismatch', firstPath: entry.path };
    }
    return entry.state === 'in_progress' ? { kind: 'in_progress' } : { kind: 'replay', answer: entry.answer };
  }

  save(apiKey: string, idempotencyKey: string, answer: SavedAnswer): void {
    const slot = IdempotencyStore.slot(apiKey, idempotencyKey);
    const entry = this.entries.get(slot);
    if (entry) this.entries.set(slot, { ...entry, state: 'done', answer });
  }

  /** Frees a reserved key whose request ended without a saved result (validation error, rejection). */
  release(apiKey: string, idempotencyKey: string): void {
    const slot = IdempotencyStore.slot(apiKey, idempotencyKey);
    if (this.entries.get(slot)?.state === 'in_progress') this.entries.delete(slot);
  }
}
