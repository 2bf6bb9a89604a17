/**
 * Lays the content blocks out as the plain-text part: the same words as the HTML, links written out in full,
 * no markup. Values are plain text here (a text/plain part is never interpreted), so nothing is escaped.
 */
import type { ContentBlock, ContentItem, EmailContent } from './customer-email-content';

const itemLines = (items: ContentItem[], indent = ''): string[] =>
  items.map((item) => `${indent}- ${item.quantity} × ${item.title}`);

function block(b: ContentBlock): string[] {
  switch (b.type) {
    case 'paragraph':
      return [b.text];
    case 'tracking':
      return [
        [
          `Carrier: ${b.parcel.carrierName}`,
          ...(b.parcel.trackingNumber ? [`Tracking number: ${b.parcel.trackingNumber}`] : []),
          ...(b.parcel.url ? [`Track your parcel: ${b.parcel.url}`] : []),
        ].join('\n'),
      ];
    case 'items':
      return [[`${b.title}:`, ...itemLines(b.items)].join('\n')];
    case 'quote':
      return [[`${b.label}:`, ...b.text.split('\n').map((line) => `> ${line}`)].join('\n')];
    case 'others': {
      const out = [`${b.title}\n${'-'.repeat(b.title.length)}`];
      if (b.parcels.length > 0) {
        const parcelLines = [b.parcelsTitle];
        for (const p of b.parcels) {
          parcelLines.push(`* ${p.carrierName}${p.trackingNumber ? `, tracking number ${p.trackingNumber}` : ''}`);
          if (p.url) parcelLines.push(`  Track this parcel: ${p.url}`);
          parcelLines.push(...itemLines(p.items, '  '));
        }
        out.push(parcelLines.join('\n'));
      }
      if (b.later.length > 0) out.push([b.laterTitle, ...itemLines(b.later), b.laterNote].join('\n'));
      return out;
    }
    default: {
      const unknown: never = b;
      throw new Error(`block: unknown block ${JSON.stringify(unknown)}`);
    }
  }
}

export function renderText(content: EmailContent): string {
  const signature = [content.signOff, content.shopName, content.shopEmail].filter((part) => part !== '').join('\n');
  const paragraphs = [content.greeting, ...content.blocks.flatMap(block), ...(signature ? [signature] : [])];
  return `${paragraphs.join('\n\n')}\n`;
}
