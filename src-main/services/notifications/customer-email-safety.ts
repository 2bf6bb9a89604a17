/**
 * Makes the values in a customer e-mail inert for where they go. Shop and customer data (names, item titles,
 * the carrier's message, a tracking URL from a CSV) are untrusted: they must not become markup, a script link,
 * a header line or a broken style. The one-line/multi-line/header rules are the desk's shared ones
 * (dispatch/po-documents/text-safety.ts) so "a control character" means the same thing in every e-mail.
 */
import { LOGO_DATA_URL } from '../../../src-shared/domain/notifications';

export { headerSafe, multiLine, oneLine } from '../dispatch/po-documents/text-safety';

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/**
 * Enough for the only two places values go in our HTML: text content and double-quoted attributes (never an
 * unquoted attribute, a style, a script or an unchecked URL). Kept minimal so an escaped URL still reads as
 * itself apart from `&amp;`.
 */
export function escapeHtml(value: string | number): string {
  return String(value).replace(/[&<>"']/g, (ch) => HTML_ESCAPES[ch] ?? ch);
}

/**
 * The tracking link, or null when it must not be a link: only absolute http(s) URLs (no `javascript:`,
 * `data:`, relative paths or credentials). Returned in the URL parser's normalised form, so whitespace or
 * control characters hidden in it are percent-encoded or refused rather than passed to a mail client.
 */
export function safeLinkUrl(raw: string | null | undefined): string | null {
  if (!raw) return null;
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  if (url.username !== '' || url.password !== '' || url.hostname === '') return null;
  return url.href;
}

export const DEFAULT_ACCENT = '#2f6f4e';

/** Settings validates the colour already; it goes into a style attribute, so it is checked again here. */
export function safeAccent(value: string): string {
  return /^#[0-9a-fA-F]{6}$/.test(value) ? value.toLowerCase() : DEFAULT_ACCENT;
}

/** White or near-black text on the accent, whichever reads better (WCAG relative luminance). */
export function textOnAccent(accent: string): string {
  const channel = (i: number): number => {
    const c = parseInt(accent.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  const luminance = 0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5);
  // Contrast against white is (1.05)/(L+0.05), against #1a1a1a about (L+0.05)/0.06; pick the larger.
  return 1.05 / (luminance + 0.05) >= (luminance + 0.05) / 0.0603 ? '#ffffff' : '#1a1a1a';
}

export interface ParsedLogo {
  contentType: 'image/png' | 'image/jpeg';
  base64: string;
  dataUrl: string;
}

/** The logo as stored in Settings, re-checked: anything but a PNG/JPEG base64 data URL counts as no logo. */
export function parseLogo(value: string): ParsedLogo | null {
  const trimmed = value.trim();
  if (!LOGO_DATA_URL.test(trimmed)) return null;
  const comma = trimmed.indexOf(',');
  const contentType = trimmed.startsWith('data:image/png') ? 'image/png' : 'image/jpeg';
  return { contentType, base64: trimmed.slice(comma + 1), dataUrl: trimmed };
}

/** A plain address for a mailto: link; anything odd is shown as text only. */
export function safeEmailAddress(value: string): string | null {
  const trimmed = value.trim();
  return /^[^\s@<>"'(),;:\\[\]]+@[^\s@<>"'(),;:\\[\]]+\.[^\s@<>"'(),;:\\[\]]+$/.test(trimmed) ? trimmed : null;
}
