/**
 * What each customer e-mail says, as plain strings in a small block model. The HTML and text renderers
 * (customer-email-html.ts, customer-email-text.ts) only lay these blocks out, so both parts always carry the
 * same content and the wording lives in one place. Nothing here is escaped: the renderers do that.
 */
import type { CustomerEmailBranding, CustomerEmailData, CustomerEmailItem, CustomerEmailParcel } from './customer-email';
import { multiLine, oneLine, safeLinkUrl } from './customer-email-safety';

export interface ContentItem { title: string; quantity: number }
export interface ContentParcel { carrierName: string; trackingNumber: string; url: string | null; items: ContentItem[] }

export type ContentBlock =
  | { type: 'paragraph'; text: string }
  /** Carrier and tracking number, with the "Track your parcel" button when there is a safe link. */
  | { type: 'tracking'; parcel: ContentParcel }
  | { type: 'items'; title: string; items: ContentItem[] }
  /** The carrier's own words, quoted. */
  | { type: 'quote'; label: string; text: string }
  /** The rest of a split order: parcels already on their way and items still to ship. */
  | { type: 'others'; title: string; parcelsTitle: string; parcels: ContentParcel[]; laterTitle: string; later: ContentItem[]; laterNote: string };

export interface EmailContent {
  subject: string;
  /** The header bar's title. */
  heading: string;
  /** The line mail clients show after the subject in the inbox. */
  preheader: string;
  greeting: string;
  blocks: ContentBlock[];
  signOff: string;
  shopName: string;
  shopEmail: string;
}

const cap = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1);

const items = (list: CustomerEmailItem[]): ContentItem[] =>
  list.map((item) => ({ title: oneLine(item.title), quantity: item.quantity }));

const parcel = (p: CustomerEmailParcel): ContentParcel => ({
  carrierName: oneLine(p.carrierName) || 'the carrier',
  trackingNumber: oneLine(p.trackingNumber),
  url: safeLinkUrl(p.trackingUrl),
  items: items(p.items),
});

/** The carrier as it reads in a sentence: "with DHL", or "with the carrier" when unnamed. */
const withCarrier = (p: ContentParcel | null): string => (p ? `with ${p.carrierName}` : 'with the carrier');

function othersBlock(data: CustomerEmailData): ContentBlock[] {
  const parcels = data.otherParcels.map(parcel);
  const later = items(data.stillToShip);
  if (parcels.length === 0 && later.length === 0) return [];
  return [{
    type: 'others',
    title: 'Other items of your order',
    parcelsTitle: parcels.length === 1 ? 'Already on its way in another parcel:' : 'Already on their way in other parcels:',
    parcels,
    laterTitle: 'Will follow separately:',
    later,
    laterNote: 'We will e-mail you the tracking details when these ship.',
  }];
}

/** The parcel's own items; the whole order's if a parcel e-mail came without one (should not happen). */
function parcelBlocks(data: CustomerEmailData, p: ContentParcel | null): ContentBlock[] {
  const blocks: ContentBlock[] = [];
  if (p) blocks.push({ type: 'tracking', parcel: p });
  const listed = p ? p.items : items(data.items);
  if (listed.length > 0) blocks.push({ type: 'items', title: p ? 'In this parcel' : 'Your order', items: listed });
  return blocks;
}

const DELAY_WORDING: Record<'exception' | 'attempt_fail' | 'expired' | 'none', { subject: (yourOrder: string) => string; heading: string; why: (carrier: string) => string }> = {
  exception: {
    subject: (o) => `A delivery problem with ${o}`,
    heading: 'A problem with your delivery',
    why: (carrier) => `Your parcel travelling ${carrier} has run into a problem in transit, so it may arrive later than planned.`,
  },
  attempt_fail: {
    subject: (o) => `A delivery attempt failed for ${o}`,
    heading: 'We missed you',
    why: (carrier) => `The driver tried to deliver your parcel ${carrier} but could not hand it over. Carriers usually try again or leave a note saying where to collect it.`,
  },
  expired: {
    subject: (o) => `${cap(o)} is delayed`,
    heading: 'Your parcel is taking longer than expected',
    why: (carrier) => `We have had no tracking news about your parcel ${carrier} for a while. It is most likely just delayed, and we are looking into it.`,
  },
  none: {
    subject: (o) => `${cap(o)} is delayed`,
    heading: 'Your parcel is delayed',
    why: (carrier) => `Your parcel travelling ${carrier} is taking longer than expected.`,
  },
};

export function buildContent(data: CustomerEmailData, branding: CustomerEmailBranding): EmailContent {
  const shopName = oneLine(branding.shopName);
  const order = oneLine(data.orderNumber);
  const name = oneLine(data.customerName);
  const p = data.parcel ? parcel(data.parcel) : null;
  const isSplit = data.otherParcels.length > 0 || data.stillToShip.length > 0;
  const yourOrder = `your order ${order}`.trim();
  const common = {
    greeting: name ? `Hello ${name},` : 'Hello,',
    signOff: multiLine(branding.signOff),
    shopName,
    shopEmail: oneLine(branding.shopEmail),
  };
  const subjectFor = (text: string): string => (shopName ? `${text} | ${shopName}` : text);
  const reply = 'If you have any questions, simply reply to this e-mail.';

  switch (data.kind) {
    case 'order_confirmed': {
      const lead = `Thank you for ${yourOrder}. We have received it and are getting it ready.`;
      return {
        ...common,
        subject: subjectFor(`Thank you for ${yourOrder}`),
        heading: 'Thank you for your order',
        preheader: lead,
        blocks: [
          { type: 'paragraph', text: lead },
          ...(data.items.length > 0 ? [{ type: 'items' as const, title: 'Your order', items: items(data.items) }] : []),
          { type: 'paragraph', text: 'We will e-mail you the tracking details as soon as it ships.' },
          { type: 'paragraph', text: reply },
        ],
      };
    }
    case 'shipped': {
      const lead = isSplit
        ? `Good news: a parcel with part of ${yourOrder} is on its way ${withCarrier(p)}.`
        : `Good news: ${yourOrder} is on its way ${withCarrier(p)}.`;
      return {
        ...common,
        subject: subjectFor(isSplit ? `Part of ${yourOrder} has shipped` : `${cap(yourOrder)} has shipped`),
        heading: isSplit ? 'A parcel is on its way' : 'Your order is on its way',
        preheader: lead,
        blocks: [
          { type: 'paragraph', text: lead },
          ...parcelBlocks(data, p),
          ...othersBlock(data),
          { type: 'paragraph', text: reply },
        ],
      };
    }
    case 'out_for_delivery': {
      const lead = `Your parcel from ${yourOrder} is out for delivery today ${withCarrier(p)}. Please make sure someone can receive it.`;
      return {
        ...common,
        subject: subjectFor(`${cap(yourOrder)} is out for delivery`),
        heading: 'Out for delivery today',
        preheader: lead,
        blocks: [{ type: 'paragraph', text: lead }, ...parcelBlocks(data, p), ...othersBlock(data), { type: 'paragraph', text: reply }],
      };
    }
    case 'delivered': {
      const lead = `Your parcel from ${yourOrder} has been delivered. We hope you and your pet enjoy it.`;
      return {
        ...common,
        subject: subjectFor(isSplit ? `A parcel from ${yourOrder} has been delivered` : `${cap(yourOrder)} has been delivered`),
        heading: 'Delivered',
        preheader: lead,
        blocks: [
          { type: 'paragraph', text: lead },
          ...parcelBlocks(data, p),
          ...othersBlock(data),
          { type: 'paragraph', text: 'If anything is missing or damaged, reply to this e-mail and we will put it right.' },
        ],
      };
    }
    case 'delayed': {
      const wording = DELAY_WORDING[data.delay ?? 'none'];
      const lead = wording.why(withCarrier(p));
      const message = multiLine(data.carrierMessage);
      return {
        ...common,
        subject: subjectFor(wording.subject(yourOrder)),
        heading: wording.heading,
        preheader: lead,
        blocks: [
          { type: 'paragraph', text: lead },
          ...(message ? [{ type: 'quote' as const, label: 'The carrier’s latest message', text: message }] : []),
          { type: 'paragraph', text: 'We are keeping an eye on it and will let you know as soon as we hear more. If you have a question or would like us to step in, simply reply to this e-mail.' },
          ...parcelBlocks(data, p),
          ...othersBlock(data),
        ],
      };
    }
    default: {
      const unknown: never = data.kind;
      throw new Error(`kind: unknown notification kind "${String(unknown)}"`);
    }
  }
}

