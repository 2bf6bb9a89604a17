import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  LOGO_CID, renderCustomerEmail, sampleCustomerEmailData,
  type CustomerEmailBranding, type CustomerEmailData, type CustomerEmailParcel,
} from '../../src-main/services/notifications/customer-email';
import { NOTIFICATION_KINDS } from '../../src-shared/domain/notifications';

const BRANDING: CustomerEmailBranding = {
  shopName: 'Happy Paws',
  shopEmail: 'hello@happypaws.example',
  accentColor: '#2f6f4e',
  logo: '',
  signOff: 'Thank you for shopping with us.',
};

const FOOD = { title: 'Salmon dry food 2 kg', quantity: 2 };
const TOY = { title: 'Rope tug toy', quantity: 1 };
const BED = { title: 'Orthopaedic dog bed', quantity: 1 };

const DHL: CustomerEmailParcel = {
  carrierName: 'DHL',
  trackingNumber: '3318810025',
  trackingUrl: 'https://www.dhl.com/global-en/home/tracking.html?tracking-id=3318810025&submit=1',
  items: [FOOD],
};
const UPS: CustomerEmailParcel = {
  carrierName: 'UPS',
  trackingNumber: '1Z5R89390357567127',
  trackingUrl: 'https://www.ups.com/track?tracknum=1Z5R89390357567127',
  items: [TOY],
};

/** A one-parcel order: everything ships together. */
function data(patch: Partial<CustomerEmailData> = {}): CustomerEmailData {
  return {
    kind: 'shipped',
    customerName: 'Alex Morgan',
    orderNumber: '#1042',
    items: [FOOD, TOY, BED],
    parcel: { ...DHL, items: [FOOD, TOY, BED] },
    otherParcels: [],
    stillToShip: [],
    delay: null,
    carrierMessage: '',
    ...patch,
  };
}

/** The order of issue 6's acceptance: food in this DHL parcel, the toy already with UPS, the bed still to ship. */
const SPLIT = data({ parcel: DHL, otherParcels: [UPS], stillToShip: [BED] });

/** What a reader sees in the HTML: the body's text without tags, entities decoded, whitespace collapsed. */
function visibleText(html: string): string {
  return html
    .replace(/<head>[\s\S]*<\/head>/, ' ')
    .replace(/<[^>]*>/g, ' ')
    .replace(/&times;/g, '×').replace(/&middot;/g, '·')
    .replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ');
}
const flat = (text: string): string => text.replace(/\s+/g, ' ');

/** Every element name the layout itself uses; a value that became markup would add another (or a script). */
const LAYOUT_TAGS = new Set(['!doctype', 'html', 'head', 'meta', 'title', 'body', 'div', 'table', 'tr', 'td', 'p', 'h2', 'a', 'strong', 'span', 'br', 'blockquote', 'img']);
const tagsIn = (html: string): string[] => [...html.matchAll(/<\/?([!a-z][a-z0-9]*)/gi)].map((m) => m[1]!.toLowerCase());

const CONTROL = /[\p{Cc}\u2028\u2029]/u;

describe('renderCustomerEmail: what each kind says, in both parts', () => {
  const cases: { name: string; input: CustomerEmailData; subject: string; says: string[]; not?: string[] }[] = [
    {
      name: 'order_confirmed thanks, lists the whole order and promises tracking when it ships',
      input: data({ kind: 'order_confirmed', parcel: null }),
      subject: 'Thank you for your order #1042 | Happy Paws',
      says: ['Thank you for your order #1042', '2 × Salmon dry food 2 kg', '1 × Rope tug toy', '1 × Orthopaedic dog bed', 'We will e-mail you the tracking details as soon as it ships'],
      not: ['Track your parcel', 'Tracking number'],
    },
    {
      name: 'shipped names the carrier, the tracking number, the track link and the items in the parcel',
      input: data(),
      subject: 'Your order #1042 has shipped | Happy Paws',
      says: ['your order #1042 is on its way with DHL', 'DHL', '3318810025', 'Track your parcel', 'In this parcel', '2 × Salmon dry food 2 kg', '1 × Orthopaedic dog bed'],
      not: ['Other items of your order'],
    },
    {
      name: 'out_for_delivery says it arrives today with the carrier',
      input: data({ kind: 'out_for_delivery' }),
      subject: 'Your order #1042 is out for delivery | Happy Paws',
      says: ['is out for delivery today with DHL', '3318810025', 'Track your parcel', '1 × Rope tug toy'],
    },
    {
      name: 'delivered says so, lists the parcel and invites a reply if anything is wrong',
      input: data({ kind: 'delivered' }),
      subject: 'Your order #1042 has been delivered | Happy Paws',
      says: ['has been delivered', 'In this parcel', '2 × Salmon dry food 2 kg', 'If anything is missing or damaged, reply to this e-mail'],
    },
    {
      name: 'delayed (exception) explains a problem in transit and quotes the carrier',
      input: data({ kind: 'delayed', delay: 'exception', carrierMessage: 'Parcel damaged at hub, repackaging.' }),
      subject: 'A delivery problem with your order #1042 | Happy Paws',
      says: ['has run into a problem in transit', 'The carrier’s latest message', 'Parcel damaged at hub, repackaging.', 'simply reply to this e-mail', '3318810025'],
    },
    {
      name: 'delayed (attempt_fail) explains the missed delivery',
      input: data({ kind: 'delayed', delay: 'attempt_fail', carrierMessage: 'Recipient not at home.' }),
      subject: 'A delivery attempt failed for your order #1042 | Happy Paws',
      says: ['tried to deliver your parcel with DHL but could not hand it over', 'Recipient not at home.', 'will let you know as soon as we hear more'],
    },
    {
      name: 'delayed (expired) explains there has been no tracking news, without a carrier quote when there is none',
      input: data({ kind: 'delayed', delay: 'expired', carrierMessage: '' }),
      subject: 'Your order #1042 is delayed | Happy Paws',
      says: ['no tracking news about your parcel with DHL', 'reply to this e-mail'],
      not: ['latest message'],
    },
  ];

  for (const c of cases) {
    it(c.name, () => {
      const mail = renderCustomerEmail(c.input, BRANDING);
      expect(mail.subject).toBe(c.subject);
      const seen = visibleText(mail.html);
      const text = flat(mail.text);
      for (const phrase of c.says) {
        expect(seen, `html: ${phrase}`).toContain(phrase);
        expect(text, `text: ${phrase}`).toContain(phrase);
      }
      for (const phrase of c.not ?? []) {
        expect(seen, `html: ${phrase}`).not.toContain(phrase);
        expect(text, `text: ${phrase}`).not.toContain(phrase);
      }
    });
  }

  it('greets by name, or just "Hello," without one', () => {
    const named = renderCustomerEmail(data(), BRANDING);
    expect(named.text.startsWith('Hello Alex Morgan,\n')).toBe(true);
    expect(visibleText(named.html)).toContain('Hello Alex Morgan,');
    const anonymous = renderCustomerEmail(data({ customerName: '  ' }), BRANDING);
    expect(anonymous.text.startsWith('Hello,\n')).toBe(true);
    expect(visibleText(anonymous.html)).toContain(' Hello, ');
  });

  it('ends every kind with the sign-off, the shop name and its address', () => {
    const branding = { ...BRANDING, signOff: 'Warm regards,\nSam' };
    for (const kind of NOTIFICATION_KINDS) {
      const mail = renderCustomerEmail(sampleCustomerEmailData(kind), branding);
      expect(mail.text.endsWith('Warm regards,\nSam\nHappy Paws\nhello@happypaws.example\n'), kind).toBe(true);
      expect(visibleText(mail.html).trimEnd().endsWith('Warm regards, Sam Happy Paws hello@happypaws.example'), kind).toBe(true);
      expect(mail.html).toContain('<a href="mailto:hello@happypaws.example"');
    }
  });

  it('links the tracking page with its query string escaped in the href and written out in the text', () => {
    const mail = renderCustomerEmail(data(), BRANDING);
    expect(mail.html).toContain('href="https://www.dhl.com/global-en/home/tracking.html?tracking-id=3318810025&amp;submit=1"');
    expect(mail.text).toContain('Track your parcel: https://www.dhl.com/global-en/home/tracking.html?tracking-id=3318810025&submit=1');
  });

  it('shows the carrier and number but no link when the parcel has no tracking URL', () => {
    const mail = renderCustomerEmail(data({ parcel: { ...DHL, trackingUrl: null } }), BRANDING);
    expect(mail.html).not.toContain('Track your parcel');
    expect(mail.text).not.toContain('Track your parcel');
    expect(mail.text).toContain('Tracking number: 3318810025');
    expect(visibleText(mail.html)).toContain('3318810025');
  });
});

describe('renderCustomerEmail: a split order (issue 6 acceptance)', () => {
  const mail = renderCustomerEmail(SPLIT, BRANDING);

  it('says part of the order shipped in the subject', () => {
    expect(mail.subject).toBe('Part of your order #1042 has shipped | Happy Paws');
  });

  for (const [part, body] of [['text', flat(mail.text)], ['html', visibleText(mail.html)]] as const) {
    it(`${part}: lists only this parcel's items before "Other items of your order", the rest after it`, () => {
      const split = body.indexOf('Other items of your order');
      expect(split).toBeGreaterThan(0);
      const thisParcel = body.slice(0, split);
      const others = body.slice(split);
      expect(thisParcel).toContain('In this parcel');
      expect(thisParcel).toContain('Salmon dry food 2 kg');
      expect(thisParcel).toContain('3318810025');
      expect(thisParcel).not.toContain('Rope tug toy');
      expect(thisParcel).not.toContain('Orthopaedic dog bed');
      expect(others).not.toContain('Salmon dry food');
      expect(others).not.toContain('3318810025');
    });

    it(`${part}: names the other parcel's carrier and number with its items, then the items still to ship`, () => {
      const others = body.slice(body.indexOf('Other items of your order'));
      const ups = others.indexOf('UPS, tracking number 1Z5R89390357567127');
      const toy = others.indexOf('Rope tug toy');
      const later = others.indexOf('Will follow separately');
      const bed = others.indexOf('Orthopaedic dog bed');
      expect(ups).toBeGreaterThanOrEqual(0);
      expect(toy).toBeGreaterThan(ups);
      expect(later).toBeGreaterThan(toy);
      expect(bed).toBeGreaterThan(later);
    });
  }

  it('links the other parcel to its own tracking page', () => {
    expect(mail.html).toContain('href="https://www.ups.com/track?tracknum=1Z5R89390357567127"');
    expect(mail.text).toContain('Track this parcel: https://www.ups.com/track?tracknum=1Z5R89390357567127');
  });

  it('leaves out the "already on its way" part when nothing else has shipped yet', () => {
    const onlyLater = renderCustomerEmail(data({ parcel: DHL, stillToShip: [TOY, BED] }), BRANDING);
    for (const body of [flat(onlyLater.text), visibleText(onlyLater.html)]) {
      expect(body).toContain('Will follow separately');
      expect(body).not.toContain('Already on');
      expect(body.indexOf('Rope tug toy')).toBeGreaterThan(body.indexOf('Will follow separately'));
    }
  });
});

describe('renderCustomerEmail: untrusted values', () => {
  const hostileTitle = `Tom & Jerry's "best" <toy>`;
  const hostile = data({
    customerName: '<script>alert(1)</script>',
    items: [{ title: hostileTitle, quantity: 1 }],
    parcel: { carrierName: '<b>DHL</b>', trackingNumber: '"><img src=x onerror=alert(1)>', trackingUrl: null, items: [{ title: hostileTitle, quantity: 1 }] },
    otherParcels: [{ ...UPS, carrierName: '<i>UPS</i>', items: [{ title: '<svg onload=alert(1)>', quantity: 1 }] }],
    stillToShip: [{ title: '</td></tr></table><form>', quantity: 1 }],
    kind: 'delayed',
    delay: 'exception',
    carrierMessage: '<a href="javascript:alert(1)">click</a>',
  });
  const branding = { ...BRANDING, shopName: 'Paws & <Claws>', signOff: '<style>*{display:none}</style>', shopEmail: '"><script>x</script>' };
  const mail = renderCustomerEmail(hostile, branding);

  it('escapes every value in the HTML so none of them becomes markup', () => {
    expect(tagsIn(mail.html).filter((tag) => !LAYOUT_TAGS.has(tag))).toEqual([]);
    expect(mail.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(mail.html).toContain('Tom &amp; Jerry&#39;s &quot;best&quot; &lt;toy&gt;');
    expect(mail.html).toContain('Paws &amp; &lt;Claws&gt;');
    // Inside a tag, not as escaped text: a value must not add an event-handler attribute.
    expect(mail.html).not.toMatch(/<[^>]*\son[a-z]+=/i);
    expect(mail.html).not.toMatch(/href="javascript:/i);
  });

  it('keeps the values readable as themselves', () => {
    const seen = visibleText(mail.html);
    expect(seen).toContain('Hello <script>alert(1)</script>,');
    expect(seen).toContain(hostileTitle);
    expect(seen).toContain('<a href="javascript:alert(1)">click</a>');
  });

  it('puts values in the text part as they are, not HTML-escaped', () => {
    expect(mail.text).toContain(hostileTitle);
    expect(mail.text).toContain('Hello <script>alert(1)</script>,');
    expect(mail.text).not.toContain('&amp;');
  });

  it('does not show a non-address shop e-mail as a mailto link', () => {
    expect(mail.html).not.toContain('mailto:');
    expect(visibleText(mail.html)).toContain('"><script>x</script>');
  });

  for (const url of ['javascript:alert(1)', ' JaVaScRiPt:alert(document.domain)', 'data:text/html,<script>alert(1)</script>', 'vbscript:msgbox(1)', '//evil.example/track', '/track/1', 'ftp://files.example/x', 'https://user:pw@evil.example/']) {
    it(`does not link a tracking URL that is not plain http(s): ${JSON.stringify(url)}`, () => {
      const m = renderCustomerEmail(data({ parcel: { ...DHL, trackingUrl: url }, otherParcels: [{ ...UPS, trackingUrl: url }] }), BRANDING);
      for (const body of [m.html, m.text]) {
        expect(body).not.toContain('Track your parcel');
        expect(body).not.toContain('Track this parcel');
        expect(body.toLowerCase()).not.toContain('javascript:');
        expect(body).not.toContain(url.trim());
      }
      expect(m.text).toContain('Tracking number: 3318810025');
    });
  }

  it('links an http(s) tracking URL only in its parsed form, so quotes and brackets in it cannot break out', () => {
    const m = renderCustomerEmail(data({ parcel: { ...DHL, trackingUrl: 'https://track.example/?n=1"><script>alert(1)</script>' } }), BRANDING);
    expect(m.html).toContain('href="https://track.example/?n=1%22%3E%3Cscript%3Ealert(1)%3C/script%3E"');
    expect(tagsIn(m.html).filter((tag) => !LAYOUT_TAGS.has(tag))).toEqual([]);
  });

  it('makes the subject one line without control characters, collapsing them to spaces', () => {
    const m = renderCustomerEmail(
      data({ orderNumber: '#1042\r\nBcc: victim@example.com\u0000\u0007\t\u2028x' }),
      { ...BRANDING, shopName: 'Happy\nPaws' },
    );
    expect(m.subject).not.toMatch(CONTROL);
    expect(m.subject).toBe('Your order #1042 Bcc: victim@example.com x has shipped | Happy Paws');
  });

  it('caps the subject at 200 characters', () => {
    const m = renderCustomerEmail(data(), { ...BRANDING, shopName: 'Paws '.repeat(100) });
    expect(Array.from(m.subject).length).toBeLessThanOrEqual(200);
    expect(m.subject.startsWith('Your order #1042 has shipped | Paws')).toBe(true);
    expect(m.subject.endsWith('…')).toBe(true);
  });

  it('keeps any name or title inert: layout tags only, a clean subject, a text part equal to the values (property)', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), fc.string(), fc.constantFrom(...NOTIFICATION_KINDS), (name, title, order, kind) => {
        const m = renderCustomerEmail(
          data({ kind, customerName: name, orderNumber: order, items: [{ title, quantity: 1 }], parcel: { ...DHL, items: [{ title, quantity: 1 }] }, delay: 'exception', carrierMessage: title }),
          BRANDING,
        );
        expect(tagsIn(m.html).every((tag) => LAYOUT_TAGS.has(tag))).toBe(true);
        expect(m.html).not.toMatch(/<(script|style|iframe|form|svg)/i);
        expect(m.subject).not.toMatch(CONTROL);
        expect(Array.from(m.subject).length).toBeLessThanOrEqual(200);
      }),
      { numRuns: 300 },
    );
  });
});

describe('renderCustomerEmail: the text part has no HTML', () => {
  for (const kind of NOTIFICATION_KINDS) {
    it(`${kind}: no tags and no character references in the text`, () => {
      const mail = renderCustomerEmail(sampleCustomerEmailData(kind), BRANDING);
      expect(mail.text).not.toMatch(/<\/?[a-z!][^>]*>/i);
      expect(mail.text).not.toMatch(/&(#\d+|#x[0-9a-f]+|[a-z]+);/i);
      expect(mail.text).not.toMatch(/\r/);
    });
  }
});

describe('renderCustomerEmail: branding', () => {
  const PNG = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';
  const JPEG = 'data:image/jpeg;base64,/9j/4AAQSkZJRgABAQAAAQABAAD/2wBDAAE=';

  it('attaches a PNG logo once under its cid and shows it at the top with an img referring to it', () => {
    const mail = renderCustomerEmail(data(), { ...BRANDING, logo: PNG });
    expect(mail.attachments).toEqual([{
      filename: 'logo.png', contentType: 'image/png', base64: PNG.slice(PNG.indexOf(',') + 1), cid: LOGO_CID,
    }]);
    expect(LOGO_CID).toBe('logo@petdrop');
    expect(mail.html.match(/<img /g)).toHaveLength(1);
    expect(mail.html).toContain('<img src="cid:logo@petdrop"');
    // At the top: before the header bar's heading.
    expect(mail.html.indexOf('<img ')).toBeLessThan(mail.html.indexOf('Your order is on its way'));
    expect(mail.html).not.toContain('data:image');
  });

  it('attaches a JPEG logo as logo.jpg', () => {
    const mail = renderCustomerEmail(data(), { ...BRANDING, logo: JPEG });
    expect(mail.attachments.map((a) => [a.filename, a.contentType, a.cid])).toEqual([['logo.jpg', 'image/jpeg', LOGO_CID]]);
  });

  it('inlines the logo as a data URL with no attachment for the in-app preview', () => {
    const mail = renderCustomerEmail(data(), { ...BRANDING, logo: PNG }, { logoAs: 'data-url' });
    expect(mail.attachments).toEqual([]);
    expect(mail.html).toContain(`<img src="${PNG}"`);
    expect(mail.html).not.toContain('cid:');
  });

  it('has no img and no attachment without a logo', () => {
    for (const logoAs of ['cid', 'data-url'] as const) {
      const mail = renderCustomerEmail(data(), BRANDING, { logoAs });
      expect(mail.attachments).toEqual([]);
      expect(mail.html).not.toContain('<img');
    }
  });

  for (const logo of ['data:image/svg+xml;base64,PHN2Zz48L3N2Zz4=', 'https://evil.example/logo.png', 'data:image/png;base64,"><script>', 'data:image/png;base64,abc def']) {
    it(`treats a logo that is not a PNG/JPEG base64 data URL as none: ${JSON.stringify(logo.slice(0, 30))}`, () => {
      const mail = renderCustomerEmail(data(), { ...BRANDING, logo });
      expect(mail.attachments).toEqual([]);
      expect(mail.html).not.toContain('<img');
    });
  }

  it('uses the accent colour on the header bar and the button', () => {
    const mail = renderCustomerEmail(data(), { ...BRANDING, accentColor: '#AA3311' });
    expect(mail.html).toMatch(/<td bgcolor="#aa3311" style="background:#aa3311;[^"]*">Your order is on its way<\/td>/);
    expect(mail.html).toMatch(/<td align="center" bgcolor="#aa3311"[^>]*><a href="https:\/\/www\.dhl\.com/);
    expect(mail.html).not.toContain('#2f6f4e');
  });

  for (const bad of ['red', '#fff', '#12345g', '#2f6f4e;background:url(javascript:alert(1))', '" onmouseover="x', '']) {
    it(`falls back to #2f6f4e for a bad accent colour: ${JSON.stringify(bad)}`, () => {
      const mail = renderCustomerEmail(data(), { ...BRANDING, accentColor: bad });
      expect(mail.html).toContain('bgcolor="#2f6f4e" style="background:#2f6f4e;');
      if (bad !== '') {
        expect(mail.html).not.toContain(`bgcolor="${bad}"`);
        expect(mail.html).not.toContain(`background:${bad};`);
      }
      expect(mail.html).not.toMatch(/javascript:|onmouseover/);
    });
  }

  it('writes the header in dark text on a light accent and white on a dark one', () => {
    const light = renderCustomerEmail(data(), { ...BRANDING, accentColor: '#ffeb3b' });
    expect(light.html).toMatch(/background:#ffeb3b;[^"]*color:#1a1a1a;">Your order is on its way</);
    const dark = renderCustomerEmail(data(), BRANDING);
    expect(dark.html).toMatch(/background:#2f6f4e;[^"]*color:#ffffff;">Your order is on its way</);
  });

  it('leaves the shop name out of the subject when the shop has none', () => {
    expect(renderCustomerEmail(data(), { ...BRANDING, shopName: '' }).subject).toBe('Your order #1042 has shipped');
  });
});

describe('sampleCustomerEmailData', () => {
  for (const kind of NOTIFICATION_KINDS) {
    it(`${kind}: renders a complete e-mail from the sample`, () => {
      const sample = sampleCustomerEmailData(kind);
      expect(sample.kind).toBe(kind);
      const mail = renderCustomerEmail(sample, BRANDING);
      expect(mail.subject).toContain('#1042');
      expect(mail.subject).toContain('Happy Paws');
      expect(mail.html.startsWith('<!DOCTYPE html>')).toBe(true);
      expect(mail.html.trimEnd().endsWith('</html>')).toBe(true);
      expect(mail.text).toContain('Hello Alex Morgan,');
    });
  }

  it('is a split order for the parcel kinds: two parcels and one item still to ship', () => {
    for (const kind of NOTIFICATION_KINDS.filter((k) => k !== 'order_confirmed')) {
      const sample = sampleCustomerEmailData(kind);
      expect(sample.parcel).not.toBeNull();
      expect(sample.otherParcels).toHaveLength(1);
      expect(sample.stillToShip).toHaveLength(1);
      const inParcels = [sample.parcel!, ...sample.otherParcels].flatMap((p) => p.items.map((i) => i.title));
      expect([...inParcels, ...sample.stillToShip.map((i) => i.title)].sort()).toEqual(sample.items.map((i) => i.title).sort());
      const text = renderCustomerEmail(sample, BRANDING).text;
      expect(text).toContain('Other items of your order\n-------------------------');
      expect(text).toContain('Will follow separately:');
    }
    expect(sampleCustomerEmailData('order_confirmed').parcel).toBeNull();
    expect(sampleCustomerEmailData('delayed').delay).not.toBeNull();
  });
});
