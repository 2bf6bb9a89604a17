/**
 * The customer e-mails' logo as the Settings page takes it: a chosen file is checked (PNG or JPEG, at most
 * MAX_LOGO_BYTES) before it is read, and what was read is checked again (the contract's LOGO_DATA_URL, and that
 * the bytes really start like the image type they claim — a renamed file is not a logo). The core checks the
 * data URL once more when the settings are saved.
 */
import { LOGO_DATA_URL, MAX_LOGO_BYTES } from '../../../src-shared/domain/notifications';

const LOGO_TYPES: Record<string, string> = { 'image/png': 'PNG', 'image/jpeg': 'JPEG' };

/** How a size reads: "86 KB", "1.4 MB". Rounded up, so a file just over the limit never reads as the limit. */
export function sizeText(bytes: number): string {
  if (bytes >= 1_000_000) return `${(Math.ceil(bytes / 100_000) / 10).toFixed(1)} MB`;
  return `${Math.max(1, Math.ceil(bytes / 1000))} KB`;
}

/** Why a chosen file cannot be the logo, or null when it can be read. Only what the file picker reports. */
export function logoFileProblem(file: { name: string; type: string; size: number }): string | null {
  if (!(file.type in LOGO_TYPES)) {
    if (file.type === '') return `The logo must be a PNG or JPEG image; the desk cannot tell what “${file.name}” is`;
    const what = file.type.startsWith('image/') ? file.type.slice(6).replace(/\+xml$/u, '').toUpperCase() : file.type;
    return `The logo must be a PNG or JPEG image, not ${what} (“${file.name}”)`;
  }
  if (file.size === 0) return `“${file.name}” is empty`;
  if (file.size > MAX_LOGO_BYTES) return `The logo is too large: “${file.name}” is ${sizeText(file.size)}, at most ${sizeText(MAX_LOGO_BYTES)}. Save a smaller version of it (about 400 pixels wide is plenty for an e-mail).`;
  return null;
}

/** The first bytes of each type, base64-encoded: PNG's 89 50 4E 47 0D 0A 1A 0A and JPEG's FF D8 FF. */
const MAGIC: Record<string, string> = { png: 'iVBORw0KGgo', jpeg: '/9j/' };

/** The data URL the file was read into, as the form keeps it; or why it is not a logo. */
export function logoFromDataUrl(dataUrl: string, fileName: string): { ok: true; logo: string } | { ok: false; error: string } {
  const match = LOGO_DATA_URL.exec(dataUrl);
  const type = match?.[1];
  if (!type) return { ok: false, error: `The logo must be a PNG or JPEG image; “${fileName}” could not be read as one` };
  const base64 = dataUrl.slice(dataUrl.indexOf(',') + 1);
  if (!base64.startsWith(MAGIC[type] ?? '\0')) return { ok: false, error: `“${fileName}” is not really a ${LOGO_TYPES[`image/${type}`]} image (its contents say otherwise)` };
  return { ok: true, logo: dataUrl };
}
