/**
 * The e-mails the shop sends its customer as an order moves (order confirmed, shipped, out for delivery,
 * delivered, delayed): subject, plain text and HTML, plus the logo as an inline attachment. Pure: no
 * database, no network; the notification service fills CustomerEmailData from the order and its parcels.
 *
 * Why plain template functions rather than mustache: these layouts are fixed in code (the shop edits only
 * colour, logo and sign-off, never the template), and they branch per kind, per delay reason and per split
 * order. Typed functions keep that logic checked by the compiler, and one content model
 * (customer-email-content.ts) feeds both the HTML and the text part so they cannot drift apart. Escaping is
 * done in one place per output (customer-email-html.ts) with customer-email-safety.ts's helpers.
 */
import type { NotificationKind } from '../../../src-shared/domain/notifications';
import { trackingUrlFor } from '../../../src-shared/domain/tracking/carriers';
import { buildContent } from './customer-email-content';
import { renderHtml } from './customer-email-html';
import { headerSafe, parseLogo, safeAccent } from './customer-email-safety';
import { renderText } from './customer-email-text';

export interface CustomerEmailItem { title: string; quantity: number }
export interface CustomerEmailParcel { carrierName: string; trackingNumber: string; trackingUrl: string | null; items: CustomerEmailItem[] }
export interface CustomerEmailData {
  kind: NotificationKind;
  /** '' gives "Hello,"; the full name is used as given (splitting names into first/last is not reliable). */
  customerName: string;
  /** As the shop shows it, e.g. '#1042'. */
  orderNumber: string;
  /** The whole order. */
  items: CustomerEmailItem[];
  /** The parcel this e-mail is about (shipped, out_for_delivery, delivered, delayed); null for order_confirmed. */
  parcel: CustomerEmailParcel | null;
  /** A split order: the order's other parcels already on their way. */
  otherParcels: CustomerEmailParcel[];
  /** Items of the order not in any parcel yet ("these follow separately"). */
  stillToShip: CustomerEmailItem[];
  /** For kind 'delayed': why. */
  delay: 'exception' | 'attempt_fail' | 'expired' | null;
  /** The carrier's latest message for the parcel, '' if none (shown for delayed). */
  carrierMessage: string;
}
export interface CustomerEmailBranding {
  shopName: string;
  shopEmail: string;
  /** #rrggbb; anything else falls back to #2f6f4e. */
  accentColor: string;
  /** '' or a data URL data:image/png|jpeg;base64,...; anything else counts as no logo. */
  logo: string;
  signOff: string;
}
export interface RenderedCustomerEmail {
  subject: string;
  text: string;
  html: string;
  /** The logo as an inline attachment referenced by cid in the html; [] without a logo. */
  attachments: { filename: string; contentType: string; base64: string; cid: string }[];
}

/** The Content-ID the HTML's img refers to (`cid:logo@petdrop`). */
export const LOGO_CID = 'logo@petdrop';
/** Subjects longer than this are cut with an ellipsis. */
export const CUSTOMER_SUBJECT_MAX_LENGTH = 200;

/** logoAs 'cid' for the real e-mail; 'data-url' for the preview in the app (no attachments then, the img src is the data URL). */
export function renderCustomerEmail(
  data: CustomerEmailData,
  branding: CustomerEmailBranding,
  options: { logoAs?: 'cid' | 'data-url' } = {},
): RenderedCustomerEmail {
  const content = buildContent(data, branding);
  const subject = headerSafe(content.subject, CUSTOMER_SUBJECT_MAX_LENGTH);
  const logo = parseLogo(branding.logo);
  const asCid = (options.logoAs ?? 'cid') === 'cid';
  const html = renderHtml(
    { ...content, subject },
    { accent: safeAccent(branding.accentColor), logoSrc: logo ? (asCid ? `cid:${LOGO_CID}` : logo.dataUrl) : null },
  );
  const attachments =
    logo && asCid
      ? [{
          filename: logo.contentType === 'image/png' ? 'logo.png' : 'logo.jpg',
          contentType: logo.contentType,
          base64: logo.base64,
          cid: LOGO_CID,
        }]
      : [];
  return { subject, text: renderText(content), html, attachments };
}

const SAMPLE_ITEMS = {
  food: { title: 'Grain-free salmon & sweet potato dog food, 2 kg', quantity: 2 },
  toy: { title: 'Rope tug toy', quantity: 1 },
  bed: { title: 'Orthopaedic dog bed (M)', quantity: 1 },
} satisfies Record<string, CustomerEmailItem>;

/** Sample data for the Settings preview when no real order is chosen: a split order (two parcels, one item still to ship). */
export function sampleCustomerEmailData(kind: NotificationKind): CustomerEmailData {
  const dhl = '3318810025';
  const ups = '1Z5R89390357567127';
  const thisParcel: CustomerEmailParcel = {
    carrierName: 'DHL', trackingNumber: dhl, trackingUrl: trackingUrlFor('dhl', dhl), items: [SAMPLE_ITEMS.food],
  };
  const otherParcel: CustomerEmailParcel = {
    carrierName: 'UPS', trackingNumber: ups, trackingUrl: trackingUrlFor('ups', ups), items: [SAMPLE_ITEMS.toy],
  };
  const confirmed = kind === 'order_confirmed';
  return {
    kind,
    customerName: 'Alex Morgan',
    orderNumber: '#1042',
    items: [SAMPLE_ITEMS.food, SAMPLE_ITEMS.toy, SAMPLE_ITEMS.bed],
    parcel: confirmed ? null : thisParcel,
    otherParcels: confirmed ? [] : [otherParcel],
    stillToShip: confirmed ? [] : [SAMPLE_ITEMS.bed],
    delay: kind === 'delayed' ? 'attempt_fail' : null,
    carrierMessage: kind === 'delayed' ? 'Recipient not at home. A notification card was left; next attempt on the next working day.' : '',
  };
}
