/**
 * What a customer typed reaches the supplier's inbox as inert text: the PO e-mail is received by a real SMTP
 * server and parsed with mailparser, and neither the HTML, the template engine nor the headers may be
 * steered by an order's name, address or notes. The supplier's subject template uses the customer's name and
 * notes on purpose: the subject is the one header customer text can reach.
 */
import { describe, expect, it } from 'vitest';
import type { OrderDetail } from '../../src-shared/domain/order';
import { validOrder } from '../fixtures/orders';
import { EMAIL_SKU, useDispatchShop, type DispatchShop } from './support/dispatch-shop';

const openShop = useDispatchShop();

const SCRIPT = '<script>alert(1)</script>';
const LINK = '<a href="javascript:alert(1)">x</a>';
const TEMPLATE_TAG = '{{shop.name}}';
const INJECTED_HEADER = 'Bcc: evil@example.com';

/** What a nodemailer message with text, HTML and attachments carries at the top, and nothing else. */
const EXPECTED_HEADERS = ['content-type', 'from', 'reply-to', 'to', 'subject', 'x-petdrop-po', 'message-id', 'date', 'mime-version'];

/** The top-level header block of the raw message, unfolded (a continuation line belongs to the header before it). */
function topHeaders(raw: Buffer): { name: string; value: string }[] {
  const text = raw.toString('utf8');
  const block = text.slice(0, text.indexOf('\r\n\r\n'));
  return block.replace(/\r\n[ \t]/g, ' ').split('\r\n').map((line) => {
    const colon = line.indexOf(':');
    return { name: line.slice(0, colon).toLowerCase(), value: line.slice(colon + 1).trim() };
  });
}

/** The e-mail supplier's own subject: the customer's name, and their notes too. */
const NAME_SUBJECT = 'PO {{poNumber}} for {{shipTo.name}}';
const NAME_AND_NOTES_SUBJECT = 'PO {{poNumber}} for {{shipTo.name}} - {{notes}}';

async function sendHostileOrder(shop: DispatchShop, poSubject = NAME_AND_NOTES_SUBJECT): Promise<OrderDetail> {
  await shop.call('suppliers.save', {
    id: shop.suppliers.email,
    supplier: {
      name: 'Tiergroßhandel Müller', channel: 'email', orderEmail: 'bestellung@tiergrosshandel.example', currency: 'EUR', shipsTo: ['DE'], poSubject,
    },
  });
  const base = validOrder();
  const order = await shop.readyOrder({
    customer: { ...base.customer, name: `Mia ${SCRIPT}\r\n${INJECTED_HEADER}\r\n${TEMPLATE_TAG}` },
    shippingAddress: { ...base.shippingAddress, line1: `Hauptstraße 1 ${LINK}`, line2: `Hof\r\n${INJECTED_HEADER}` },
    notes: `Ring twice ${SCRIPT}\r\n${INJECTED_HEADER}\r\n${LINK}\n${TEMPLATE_TAG}`,
  });
  await shop.call('supplierOrders.send', { orderId: order.id });
  await shop.deliver();
  expect(shop.smtp.messages).toHaveLength(1);
  return shop.call('orders.get', { id: order.id });
}

describe('the PO e-mail with hostile customer text', () => {
  it('stores the customer’s name, address and notes as typed, line breaks included (the order form does not refuse them)', async () => {
    const shop = await openShop();
    const order = await sendHostileOrder(shop);
    expect(order.customer.name).toBe(`Mia ${SCRIPT}\r\n${INJECTED_HEADER}\r\n${TEMPLATE_TAG}`);
    expect(order.notes).toContain(`\r\n${INJECTED_HEADER}`);
    expect(order.supplierOrders.find((po) => po.channel === 'email')!.status).toBe('sent');
  });

  it('escapes the customer’s markup in the HTML part: no script element and no javascript: link, the text shown escaped', async () => {
    const shop = await openShop();
    await sendHostileOrder(shop);
    const html = String(shop.smtp.messages[0]!.html);

    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/<a\b/i);
    expect(html).not.toMatch(/href\s*=\s*["']?\s*javascript:/i);
    expect(html).toContain('&lt;script&gt;alert(1)&lt;&#x2F;script&gt;');
    expect(html).toContain('&lt;a href&#x3D;&quot;javascript:alert(1)&quot;&gt;x&lt;&#x2F;a&gt;');
    expect(html).toContain(EMAIL_SKU);
  });

  it('shows template tags typed by the customer literally instead of filling them in', async () => {
    const shop = await openShop();
    await sendHostileOrder(shop);
    const mail = shop.smtp.messages[0]!;

    expect(mail.text).toContain(TEMPLATE_TAG);
    expect(String(mail.html)).toContain(TEMPLATE_TAG);
    expect(mail.subject).toContain(TEMPLATE_TAG);
    // Filled in, the tag would read "Mia … Happy Paws" (the shop's name from the settings) on the ship-to line.
    expect(mail.text).not.toMatch(/Mia .*Happy Paws/);
    expect(mail.text).toContain(SCRIPT);
  });

  it.each([
    {
      template: 'name only (a short ASCII subject, sent as is)', poSubject: NAME_SUBJECT,
      subject: (po: string) => `PO ${po} for Mia ${SCRIPT} ${INJECTED_HEADER} ${TEMPLATE_TAG}`,
    },
    {
      template: 'name and notes (a long subject, cut and encoded)', poSubject: NAME_AND_NOTES_SUBJECT,
      subject: (po: string) => `${`PO ${po} for Mia ${SCRIPT} ${INJECTED_HEADER} ${TEMPLATE_TAG} - Ring twice ${SCRIPT} ${INJECTED_HEADER} ${LINK} ${TEMPLATE_TAG}`.slice(0, 159).trimEnd()}…`,
    },
  ])('lets no line break in the customer’s text reach the headers (subject with the $template): no Bcc, no extra header, a one-line subject, one recipient', async ({ poSubject, subject }) => {
    const shop = await openShop();
    const order = await sendHostileOrder(shop, poSubject);
    const mail = shop.smtp.messages[0]!;
    const headers = topHeaders(mail.raw);

    expect(headers.map((header) => header.name).sort()).toEqual([...EXPECTED_HEADERS].sort());
    expect(mail.headers.has('bcc')).toBe(false);
    expect(mail.bcc).toBeUndefined();
    expect(mail.cc).toBeUndefined();
    expect(mail.envelope.to).toEqual(['bestellung@tiergrosshandel.example']);
    expect((mail.to as { value: { address: string }[] }).value.map((v) => v.address)).toEqual(['bestellung@tiergrosshandel.example']);

    const po = order.supplierOrders.find((candidate) => candidate.channel === 'email')!;
    expect(mail.subject).not.toMatch(/[\r\n]/);
    expect(mail.subject).toBe(subject(po.number));
    // No raw line of the header block starts a Bcc (a folded continuation starts with white space).
    const rawBlock = mail.raw.toString('utf8').split('\r\n\r\n')[0]!;
    expect(rawBlock.split('\r\n').filter((line) => /^bcc\s*:/i.test(line))).toEqual([]);
  });
});
