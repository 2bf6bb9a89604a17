/**
 * Files a window hands the core as raw bytes before it names them in a call (the browser host's POST /upload):
 * a 60 MB orders export as JSON text would cost the core's thread a second of parsing, raw bytes cost a copy.
 * Kept in memory briefly, taken once.
 */
import { randomBytes } from 'node:crypto';

export interface UploadStore {
  /** Keeps the bytes and answers the id to name them by; refuses when too much is waiting already. */
  put(bytes: Uint8Array): string | undefined;
  /** The bytes, once: a second take of the same id finds nothing. */
  take(id: string): Uint8Array | undefined;
}

/** An upload nobody named in a call within this time is dropped (a closed dialog, a crashed window). */
const KEEP_MS = 10 * 60_000;
/** Two of the biggest orders files at once, no more. */
export const MAX_WAITING_BYTES = 320_000_000;

export function createUploadStore(now: () => number = Date.now): UploadStore {
  const waiting = new Map<string, { bytes: Uint8Array; until: number }>();
  const dropExpired = () => {
    const at = now();
    for (const [id, entry] of waiting) if (entry.until < at) waiting.delete(id);
  };
  return {
    put(bytes) {
      dropExpired();
      const held = [...waiting.values()].reduce((sum, entry) => sum + entry.bytes.byteLength, 0);
      if (held + bytes.byteLength > MAX_WAITING_BYTES) return undefined;
      const id = randomBytes(16).toString('base64url');
      waiting.set(id, { bytes, until: now() + KEEP_MS });
      // Dropped on time even when no other upload comes to sweep it (a window closed mid-way).
      setTimeout(() => waiting.delete(id), KEEP_MS).unref();
      return id;
    },
    take(id) {
      dropExpired();
      const entry = waiting.get(id);
      waiting.delete(id);
      return entry?.bytes;
    },
  };
}
