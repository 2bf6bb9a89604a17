/**
 * File bytes → base64 for `feeds.preview` / `feeds.import`, in slices: `String.fromCharCode(...bytes)` on a
 * whole file would blow the call stack, and one long loop would freeze the window on a 40 MB feed.
 * Each slice is a multiple of 3 bytes, so the slices' base64 texts join without padding in between.
 */
export const BASE64_SLICE_BYTES = 3 * 8192;
/** Slices encoded between two yields to the event loop (about 1.5 MB). */
const SLICES_PER_TURN = 64;

function sliceToBase64(bytes: Uint8Array): string {
  return btoa(String.fromCharCode.apply(null, bytes as unknown as number[]));
}

export function bytesToBase64(bytes: Uint8Array): string {
  const parts: string[] = [];
  for (let at = 0; at < bytes.length; at += BASE64_SLICE_BYTES) parts.push(sliceToBase64(bytes.subarray(at, at + BASE64_SLICE_BYTES)));
  return parts.join('');
}

/** Same result as bytesToBase64, giving the window a turn every ~1.5 MB. */
export async function bytesToBase64Async(bytes: Uint8Array): Promise<string> {
  const parts: string[] = [];
  for (let at = 0, n = 0; at < bytes.length; at += BASE64_SLICE_BYTES, n += 1) {
    if (n > 0 && n % SLICES_PER_TURN === 0) await new Promise((resolve) => setTimeout(resolve, 0));
    parts.push(sliceToBase64(bytes.subarray(at, at + BASE64_SLICE_BYTES)));
  }
  return parts.join('');
}

/** Length of the base64 text for `byteCount` bytes (to refuse a too-large file before reading it). */
export function base64Length(byteCount: number): number {
  return Math.ceil(byteCount / 3) * 4;
}

export async function fileToBase64(file: Blob): Promise<string> {
  return bytesToBase64Async(new Uint8Array(await file.arrayBuffer()));
}
