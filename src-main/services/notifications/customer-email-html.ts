/**
 * Lays the content blocks out as an e-mail HTML document: nested tables and inline styles (what Gmail,
 * Outlook and Apple Mail all render), 600px wide at most, the accent colour on the header bar and the button.
 * Every value passes through `e()` exactly once, here, at the point it enters markup; URLs arrive already
 * checked (safeLinkUrl) and the accent already validated (safeAccent).
 */
import type { ContentBlock, ContentItem, ContentParcel, EmailContent } from './customer-email-content';
import { escapeHtml as e, safeEmailAddress, textOnAccent } from './customer-email-safety';

export interface HtmlLook {
  accent: string;
  /** The img src for the logo (`cid:…` or a data URL), or null for none. */
  logoSrc: string | null;
}

const FONT = "font-family:-apple-system,'Segoe UI',Roboto,Helvetica,Arial,sans-serif;";
const BODY_TEXT = `${FONT}font-size:15px;line-height:1.5;color:#1f2328;`;
const MUTED = `${FONT}font-size:13px;line-height:1.5;color:#59636e;`;

/** Line breaks in a value (a sign-off, a carrier message) become <br>; everything else is escaped. */
const lines = (text: string): string => text.split('\n').map(e).join('<br>');

const paragraph = (html: string, style = BODY_TEXT, margin = '0 0 16px 0'): string =>
  `<p style="margin:${margin};${style}">${html}</p>`;

function itemRows(items: ContentItem[]): string {
  return items
    .map(
      (item) =>
        `<tr><td valign="top" style="${BODY_TEXT}padding:6px 12px 6px 0;white-space:nowrap;width:40px;">${e(item.quantity)} &times;</td>` +
        `<td valign="top" style="${BODY_TEXT}padding:6px 0;">${e(item.title)}</td></tr>`,
    )
    .join('');
}

function itemTable(items: ContentItem[]): string {
  return `<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="border-top:1px solid #e3e6e8;border-bottom:1px solid #e3e6e8;margin:0 0 16px 0;">${itemRows(items)}</table>`;
}

const heading2 = (text: string): string =>
  `<h2 style="margin:8px 0 8px 0;${FONT}font-size:16px;line-height:1.4;color:#1f2328;">${e(text)}</h2>`;

function button(url: string, label: string, accent: string): string {
  const fg = textOnAccent(accent);
  return (
    `<table role="presentation" cellpadding="0" cellspacing="0" border="0" style="margin:0 0 20px 0;"><tr>` +
    `<td align="center" bgcolor="${accent}" style="background:${accent};border-radius:4px;">` +
    `<a href="${e(url)}" target="_blank" rel="noopener" style="display:inline-block;padding:12px 22px;${FONT}font-size:15px;font-weight:bold;color:${fg};text-decoration:none;border-radius:4px;">${e(label)}</a>` +
    `</td></tr></table>`
  );
}

function trackingLine(p: ContentParcel): string {
  const number = p.trackingNumber ? `, tracking number <strong>${e(p.trackingNumber)}</strong>` : '';
  return `${e(p.carrierName)}${number}`;
}

function block(b: ContentBlock, look: HtmlLook): string {
  switch (b.type) {
    case 'paragraph':
      return paragraph(e(b.text));
    case 'tracking': {
      const details = paragraph(
        `<span style="${MUTED}">Carrier</span><br>${e(b.parcel.carrierName)}` +
          (b.parcel.trackingNumber ? `<br><span style="${MUTED}">Tracking number</span><br><strong>${e(b.parcel.trackingNumber)}</strong>` : ''),
      );
      return details + (b.parcel.url ? button(b.parcel.url, 'Track your parcel', look.accent) : '');
    }
    case 'items':
      return heading2(b.title) + itemTable(b.items);
    case 'quote':
      return (
        paragraph(`${e(b.label)}:`, MUTED, '0 0 4px 0') +
        `<blockquote style="margin:0 0 16px 0;padding:8px 12px;border-left:3px solid ${look.accent};background:#f6f8f7;${BODY_TEXT}">${lines(b.text)}</blockquote>`
      );
    case 'others': {
      let html = `<div style="margin:8px 0 0 0;padding:16px 0 0 0;border-top:2px solid #e3e6e8;">${heading2(b.title)}`;
      if (b.parcels.length > 0) {
        html += paragraph(e(b.parcelsTitle), MUTED, '0 0 8px 0');
        for (const p of b.parcels) {
          const link = p.url
            ? ` &middot; <a href="${e(p.url)}" target="_blank" rel="noopener" style="color:${look.accent};">Track this parcel</a>`
            : '';
          html += paragraph(`${trackingLine(p)}${link}`, BODY_TEXT, '0 0 4px 0');
          if (p.items.length > 0) html += itemTable(p.items);
        }
      }
      if (b.later.length > 0) {
        html += paragraph(e(b.laterTitle), MUTED, '0 0 8px 0');
        html += itemTable(b.later) + paragraph(e(b.laterNote));
      }
      return `${html}</div>`;
    }
    default: {
      const unknown: never = b;
      throw new Error(`block: unknown block ${JSON.stringify(unknown)}`);
    }
  }
}

function footer(content: EmailContent, look: HtmlLook): string {
  const signOff = content.signOff ? paragraph(lines(content.signOff), BODY_TEXT, '0 0 4px 0') : '';
  const shop = content.shopName ? paragraph(`<strong>${e(content.shopName)}</strong>`, BODY_TEXT, '0') : '';
  const address = safeEmailAddress(content.shopEmail);
  const contact = address
    ? paragraph(`<a href="mailto:${e(address)}" style="color:${look.accent};">${e(address)}</a>`, MUTED, '4px 0 0 0')
    : content.shopEmail
      ? paragraph(e(content.shopEmail), MUTED, '4px 0 0 0')
      : '';
  return signOff + shop + contact;
}

export function renderHtml(content: EmailContent, look: HtmlLook): string {
  const fg = textOnAccent(look.accent);
  const logo = look.logoSrc
    ? `<tr><td style="padding:20px 24px 16px 24px;"><img src="${e(look.logoSrc)}" alt="${e(content.shopName || 'Logo')}" height="48" style="display:block;height:48px;width:auto;max-width:240px;border:0;outline:none;text-decoration:none;"></td></tr>`
    : '';
  return [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<meta name="color-scheme" content="light">',
    `<title>${e(content.subject)}</title>`,
    '</head>',
    '<body style="margin:0;padding:0;background:#f3f4f2;">',
    `<div style="display:none;max-height:0;max-width:0;overflow:hidden;opacity:0;mso-hide:all;">${e(content.preheader)}</div>`,
    '<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="background:#f3f4f2;">',
    '<tr><td align="center" style="padding:24px 12px;">',
    '<table role="presentation" width="600" cellpadding="0" cellspacing="0" border="0" style="width:100%;max-width:600px;background:#ffffff;border:1px solid #e3e6e8;border-radius:6px;">',
    logo,
    `<tr><td bgcolor="${look.accent}" style="background:${look.accent};padding:18px 24px;${FONT}font-size:20px;line-height:1.3;font-weight:bold;color:${fg};">${e(content.heading)}</td></tr>`,
    `<tr><td style="padding:24px 24px 8px 24px;">`,
    paragraph(e(content.greeting)),
    ...content.blocks.map((b) => block(b, look)),
    '</td></tr>',
    `<tr><td style="padding:8px 24px 24px 24px;border-top:1px solid #e3e6e8;">`,
    `<div style="padding-top:16px;">${footer(content, look)}</div>`,
    '</td></tr>',
    '</table>',
    '</td></tr>',
    '</table>',
    '</body>',
    '</html>',
  ].join('\n');
}
