import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatMoney } from '../../src-shared/domain/money';
import {
  CHECK_CODES, DEFAULT_VERIFICATION_SETTINGS, checkAddress, checkContact, checkDuplicate, checkRestricted, checkRisk, checkStock,
  describeMinutes, duplicateKind, emailShape, failedHoldReasons, personNameKey, runChecks, verificationSummary,
  type CheckOutcome, type CheckResult, type DuplicateCandidate, type LineAvailability, type LineRestriction,
  type VerificationAddress, type VerificationFacts, type VerificationOrder,
} from '../../src-shared/domain/verification';

const MIN = 60_000;
const T0 = Date.UTC(2026, 2, 10, 12, 0, 0);
const settings = DEFAULT_VERIFICATION_SETTINGS;

const berlin: VerificationAddress = { line1: 'Hauptstraße 1', line2: '', city: 'Berlin', region: '', postcode: '10115', country: 'DE' };

function order(change: Partial<VerificationOrder> = {}): VerificationOrder {
  return {
    number: 'PD-1050',
    customer: { name: 'Zoë Müller', email: 'zoe.muller@example.com', phone: '+49 30 1234567' },
    shippingAddress: berlin,
    billingCountry: 'DE',
    externalId: null,
    source: 'manual',
    total: { amount: 5000, currency: 'EUR' },
    createdAt: T0,
    lines: [
      { title: 'Adult Dog Food, Lamb, 11.4 kg', sku: 'DOG-ACANA-LAMB-11', quantity: 2, variantId: 11 },
      { title: 'KONG Classic, Large', sku: 'DOG-KONG-CLASSIC-L', quantity: 1, variantId: 12 },
    ],
    ...change,
  };
}

/** Another order that is, unless changed, the same purchase placed 3 minutes before `order()`. */
function candidate(change: Partial<DuplicateCandidate> = {}): DuplicateCandidate {
  const o = order();
  return {
    number: 'PD-1042', source: o.source, externalId: null, customerName: o.customer.name, customerEmail: o.customer.email,
    shippingAddress: o.shippingAddress, lines: o.lines.map(({ sku, title, quantity }) => ({ sku, title, quantity })),
    createdAt: T0 - 3 * MIN, ...change,
  };
}

function facts(change: Partial<VerificationFacts> = {}): VerificationFacts {
  const o = change.order ?? order();
  return {
    order: o,
    candidates: [],
    recentOrdersFromEmail: 0,
    usualOrderValue: { amount: 4000, currency: 'EUR' },
    lineAvailability: o.lines.map((l, position) => ({ position, title: l.title, available: true, reason: 'Petfood Wholesale (priority 1, 40 in stock)' })),
    lineRestrictions: [],
    settings: { ...settings },
    ...change,
  };
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const addr = (change: Partial<VerificationAddress>): VerificationAddress => ({ ...berlin, ...change });

describe('address check', () => {
  it.each<[string, Partial<VerificationAddress>, CheckOutcome, RegExp]>([
    ['a complete German address', {}, 'pass', /^The shipping address is complete and the postcode fits Germany\.$/],
    ['a GB postcode in lower case without its space', { line1: '10 Downing St', city: 'London', postcode: 'sw1a2aa', country: 'GB' }, 'pass', /fits United Kingdom/],
    ['GB without a postcode', { line1: '10 Downing St', city: 'London', postcode: '', country: 'GB' }, 'fail', /^The postcode is missing \(required in United Kingdom\)\.$/],
    ['US without a postcode', { line1: '1 Main St', city: 'Springfield', region: 'IL', postcode: '  ', country: 'US' }, 'fail', /^The postcode is missing \(required in United States\)\.$/],
    ['DE without a postcode', { postcode: '' }, 'fail', /^The postcode is missing \(required in Germany\)\.$/],
    ['a Dutch postcode in Germany', { postcode: '1012 JS' }, 'fail', /^“1012 JS” is not a valid postcode for Germany\.$/],
    ['a British postcode in the US', { line1: '1 Main St', city: 'Springfield', region: 'IL', postcode: 'SW1A 1AA', country: 'US' }, 'fail', /“SW1A 1AA” is not a valid postcode for United States/],
    ['a German postcode one digit short', { postcode: '1011' }, 'fail', /“1011” is not a valid postcode for Germany/],
    ['a US ZIP+4', { line1: '1 Main St', city: 'Springfield', region: 'IL', postcode: '62701-1234', country: 'US' }, 'pass', /fits United States/],
    ['Hong Kong without a postcode', { line1: '1 Queen’s Road Central', city: 'Central', postcode: '', country: 'HK' }, 'pass', /^The shipping address is complete; Hong Kong.* has no postcode format to check\.$/],
    ['the UAE without a postcode', { line1: 'Sheikh Zayed Rd', city: 'Dubai', postcode: '', country: 'AE' }, 'pass', /United Arab Emirates has no postcode format/],
    // postcode-validator knows Ireland's Eircode, so the desk asks for one.
    ['Ireland without an Eircode', { line1: '1 O’Connell St', city: 'Dublin', postcode: '', country: 'IE' }, 'fail', /postcode is missing \(required in Ireland\)/],
    ['US without a state', { line1: '1 Main St', city: 'Springfield', region: '', postcode: '62701', country: 'US' }, 'fail', /^The state is missing \(required in United States\)\.$/],
    ['Canada without a province', { line1: '24 Sussex Dr', city: 'Ottawa', region: '', postcode: 'K1M 1M4', country: 'CA' }, 'fail', /province or territory is missing \(required in Canada\)/],
    ['Australia without a state', { line1: '1 George St', city: 'Sydney', region: ' ', postcode: '2000', country: 'AU' }, 'fail', /state or territory is missing \(required in Australia\)/],
    ['Australia with its state', { line1: '1 George St', city: 'Sydney', region: 'NSW', postcode: '2000', country: 'AU' }, 'pass', /fits Australia/],
    ['no street line (only spaces)', { line1: '   ' }, 'fail', /^The street address is missing\.$/],
    ['no city', { city: '' }, 'fail', /^The city is missing\.$/],
    ['no country', { country: '' }, 'fail', /^The country is missing\.$/],
    ['a country code nobody has', { country: 'XX' }, 'fail', /^“XX” is not a country we recognise\.$/],
    ['several problems at once', { line1: '', city: '', postcode: '' }, 'fail', /^The street address is missing; the city is missing; the postcode is missing \(required in Germany\)\.$/],
  ])('%s → %s', (_label, change, outcome, message) => {
    const result = checkAddress(addr(change));
    expect(result.outcome).toBe(outcome);
    expect(result.message).toMatch(message);
    expect(result.holdReason).toBe(outcome === 'fail' ? 'INCORRECT_ADDRESS' : null);
  });

  it('records which fields were wrong', () => {
    expect(checkAddress(addr({ city: '', postcode: '1012 JS' })).data).toMatchObject({
      country: 'DE', countryName: 'Germany', postcode: '1012 JS',
      problems: [{ field: 'city', problem: 'missing' }, { field: 'postcode', problem: 'invalid' }],
    });
  });
});

describe('contact check', () => {
  it.each<[string, { email: string; phone: string }, string, CheckOutcome, RegExp]>([
    ['a good e-mail and phone', { email: 'zoe@example.com', phone: '+49 30 1234567' }, 'DE', 'pass', /^The e-mail address looks right and the phone number looks right\.$/],
    ['a national number for the shipping country', { email: 'zoe@example.com', phone: '030 1234567' }, 'DE', 'pass', /phone number looks right/],
    ['a foreign number in international form', { email: 'zoe@example.com', phone: '+1 415 555 0100' }, 'DE', 'pass', /phone number looks right/],
    ['no phone (it is optional)', { email: 'zoe@example.com', phone: '' }, 'DE', 'pass', /no phone number was given \(it is optional\)/],
    ['a malformed e-mail', { email: 'zoe@gmail', phone: '' }, 'DE', 'fail', /^The e-mail address “zoe@gmail” is not valid, so the customer would get no order or tracking e-mails\.$/],
    ['an e-mail with a space', { email: 'zoe muller@example.com', phone: '' }, 'DE', 'fail', /is not valid/],
    ['no e-mail (a marketplace hid it)', { email: ' ', phone: '' }, 'DE', 'warn', /^There is no e-mail address/],
    ['an internationalized e-mail', { email: 'zoë@example.com', phone: '' }, 'DE', 'warn', /“zoë@example.com” has non-Latin characters/],
    ['an IDN domain', { email: 'taro@例え.jp', phone: '' }, 'JP', 'warn', /non-Latin characters/],
    ['an implausible phone', { email: 'zoe@example.com', phone: '12' }, 'DE', 'warn', /^“12” does not look like a phone number for Germany, and carriers may need it to deliver\.$/],
    ['letters for a phone', { email: 'zoe@example.com', phone: 'call me' }, 'GB', 'warn', /for United Kingdom/],
    ['a bad e-mail and a bad phone', { email: 'zoe@', phone: '12' }, 'DE', 'fail', /is not valid.*; “12” does not look like a phone number/],
  ])('%s → %s', (_label, contact, country, outcome, message) => {
    const result = checkContact(order({ customer: { name: 'Zoë', ...contact }, shippingAddress: addr({ country }) }));
    expect(result.outcome).toBe(outcome);
    expect(result.message).toMatch(message);
    expect(result.holdReason).toBe(outcome === 'fail' ? 'INCORRECT_ADDRESS' : null);
  });

  it.each([
    ['zoe@example.com', 'valid'], ['ZOE@EXAMPLE.COM', 'valid'], [' zoe@example.com ', 'valid'], ['', 'missing'],
    ['zoe@gmail', 'invalid'], ['zoe@@example.com', 'invalid'], ['zoë@example.com', 'international'], ['taro@例え.jp', 'international'],
    ['zoë@gmail', 'invalid'], ['@例え.jp', 'invalid'], ['zoë@exa mple.com', 'invalid'], ['zoë@x.com/evil', 'invalid'],
  ])('e-mail %j is %s', (email, shape) => {
    expect(emailShape(email)).toBe(shape);
  });
});

describe('names are compared by a folded key', () => {
  it.each([
    ['precomposed é = e + combining acute', 'Ren\u00e9e Dupont', 'Rene\u0301e Dupont'],
    ['Zoë = Zoe (accents are the first thing lost between systems)', 'Zoë Müller', 'Zoe Muller'],
    ['case and runs of whitespace', '  ZOË   müller ', 'zoë Müller'],
    ['CJK with an ideographic space', '山田 太郎', '山田\u3000太郎'],
    ['half-width katakana = full-width', 'ｶﾞﾄｳ ﾀﾛｳ', 'ガトウ タロウ'],
    ['emoji survive', '🐶 Rex Owner', '🐶 rex  owner'],
    ['emoji presentation selector', '\u2764\ufe0f Ann', '\u2764 Ann'],
    ['ß = ss', 'Anna Weiß', 'ANNA WEISS'],
    ['ø = o', 'Martin Ødegaard', 'Martin Odegaard'],
    ['ligatures (compatibility forms)', 'ﬁona', 'Fiona'],
  ])('same: %s', (_label, a, b) => {
    expect(personNameKey(a)).toBe(personNameKey(b));
  });

  it.each([
    ['the Japanese voicing mark (ガ ga is not カ ka)', 'ガトウ', 'カトウ'],
    ['Devanagari vowel signs (राम is not रम)', 'राम', 'रम'],
    ['different emoji', '🐶 Rex Owner', '🐱 Rex Owner'],
    ['different CJK names', '山田 太郎', '山田 次郎'],
  ])('different: %s', (_label, a, b) => {
    expect(personNameKey(a)).not.toBe(personNameKey(b));
  });

  it('keeps CJK and emoji in the key', () => {
    expect(personNameKey(' 山田\u3000太郎 ')).toBe('山田 太郎');
    expect(personNameKey('🐶 Rex')).toBe('🐶 rex');
  });
});

describe('duplicate check', () => {
  const otherItems = [{ sku: 'CAT-LITTER-10', title: 'Clumping Litter 10 L', quantity: 1 }];
  const munich = addr({ line1: 'Marienplatz 8', city: 'München', postcode: '80331' });
  it.each<[string, Partial<VerificationOrder>, Partial<DuplicateCandidate>[], CheckOutcome, RegExp]>([
    ['the same purchase 3 minutes apart', {}, [{}], 'fail', /^PD-1042 has the same customer, address and items and was placed 3 minutes earlier\.$/],
    ['the same purchase placed after this one', {}, [{ createdAt: T0 + 90 * MIN }], 'fail', /^PD-1042 .* was placed 1 hour and 30 minutes later\.$/],
    ['the same purchase at the same moment', {}, [{ createdAt: T0 }], 'fail', /was placed at the same time\.$/],
    ['the same purchase exactly at the window’s edge', {}, [{ createdAt: T0 - 1440 * MIN }], 'fail', /placed 24 hours earlier/],
    ['the same purchase just outside the window', {}, [{ createdAt: T0 - 1441 * MIN }], 'pass', /^No other order within 24 hours of this one has the same customer and address or items\.$/],
    ['the same purchase 3 days earlier', {}, [{ createdAt: T0 - 3 * 1440 * MIN }], 'pass', /^No other order/],
    ['the same customer with other items', {}, [{ lines: otherItems, createdAt: T0 - 120 * MIN }], 'warn', /^PD-1042 has the same customer and address but different items and was placed 2 hours earlier\.$/],
    ['the same customer and items to another address', {}, [{ shippingAddress: munich }], 'warn', /^PD-1042 has the same customer and items but a different address/],
    ['the same customer, other items, other address', {}, [{ lines: otherItems, shippingAddress: munich }], 'pass', /^No other order/],
    ['another customer at the same address with the same items', {}, [{ customerName: 'Jonas Becker', customerEmail: 'jonas@example.com' }], 'pass', /^No other order/],
    ['the same e-mail in other case under another name', {}, [{ customerName: 'Z. M.', customerEmail: 'Zoe.Muller@EXAMPLE.com' }], 'fail', /same customer, address and items/],
    ['the same name under another e-mail', {}, [{ customerEmail: 'zoe.m@work.example' }], 'fail', /same customer, address and items/],
    ['two customers without e-mail and with other names', { customer: { name: 'A. Buyer', email: '', phone: '' } }, [{ customerName: 'B. Buyer', customerEmail: '' }], 'pass', /^No other order/],
    ['the same storefront order days apart', { source: 'shopify', externalId: '4501' }, [{ source: 'shopify', externalId: '4501', createdAt: T0 - 3 * 1440 * MIN, customerName: 'x', customerEmail: '' }], 'fail', /^PD-1042 is the same shopify order \(4501\) and was placed 3 days earlier\.$/],
    ['the same external id from another source', { source: 'shopify', externalId: '4501' }, [{ source: 'woocommerce', externalId: '4501', customerName: 'x', customerEmail: '' }], 'pass', /^No other order/],
    ['the worst match is named, the others listed', {}, [
      { number: 'PD-1040', lines: otherItems, createdAt: T0 - 1 * MIN },
      { number: 'PD-1042', createdAt: T0 - 30 * MIN },
      { number: 'PD-1041', createdAt: T0 - 10 * MIN },
    ], 'fail', /^PD-1041 has the same customer, address and items and was placed 10 minutes earlier; PD-1042 and PD-1040 look similar too\.$/],
  ])('%s → %s', (_label, orderChange, candidateChanges, outcome, message) => {
    const result = checkDuplicate(order(orderChange), candidateChanges.map(candidate), settings);
    expect(result.outcome).toBe(outcome);
    expect(result.message).toMatch(message);
    expect(result.holdReason).toBe(outcome === 'fail' ? 'POSSIBLE_DUPLICATE' : null);
  });

  it.each<[string, string, string, boolean]>([
    ['precomposed é vs e + combining accent', 'Ren\u00e9e Dupont', 'Rene\u0301e Dupont', true],
    ['CJK with a space vs an ideographic space', '山田 太郎', '山田\u3000太郎', true],
    ['emoji in the name', '🐾 Zoë', '🐾 zoe', true],
    ['different emoji', '🐶 Zoë', '🐱 Zoë', false],
    ['ガ vs カ', 'ガトウ', 'カトウ', false],
  ])('a name-only match: %s → same customer %s', (_label, ours, theirs, same) => {
    const result = checkDuplicate(order({ customer: { name: ours, email: 'a@example.com', phone: '' } }),
      [candidate({ customerName: theirs, customerEmail: 'b@example.com' })], settings);
    expect(result.outcome).toBe(same ? 'fail' : 'pass');
  });

  it.each<[string, Partial<VerificationAddress>, DuplicateCandidate['lines'], CheckOutcome]>([
    ['street punctuation, case and ß', { line1: 'HAUPTSTRASSE 1,' }, candidate().lines, 'fail'],
    ['postcode spacing', { postcode: ' 10115 ' }, candidate().lines, 'fail'],
    ['another house number', { line1: 'Hauptstraße 11' }, candidate().lines, 'warn'],
    ['the items in another order, split over lines, SKU case', {}, [
      { sku: 'dog-kong-classic-l', title: 'Kong', quantity: 1 },
      { sku: 'DOG-ACANA-LAMB-11', title: 'Lamb', quantity: 1 },
      { sku: 'DOG-ACANA-LAMB-11', title: 'Lamb', quantity: 1 },
    ], 'fail'],
    ['one fewer bag', {}, [{ sku: 'DOG-ACANA-LAMB-11', title: 'Lamb', quantity: 1 }, { sku: 'DOG-KONG-CLASSIC-L', title: 'Kong', quantity: 1 }], 'warn'],
  ])('address and items: %s → %s', (_label, address, lines, outcome) => {
    expect(checkDuplicate(order(), [candidate({ shippingAddress: addr(address), lines })], settings).outcome).toBe(outcome);
  });

  it('matches free-text lines by their folded title', () => {
    const o = order({ lines: [{ title: 'Handmade Collar – Größe M', sku: '', quantity: 1, variantId: null }] });
    expect(checkDuplicate(o, [candidate({ lines: [{ sku: '', title: 'handmade collar - grosse m', quantity: 1 }] })], settings).outcome).toBe('fail');
  });

  it('a US ZIP+4 is the same place as its ZIP', () => {
    const us = addr({ line1: '1 Main St', city: 'Springfield', region: 'IL', postcode: '62701-1234', country: 'US' });
    const o = order({ shippingAddress: us });
    expect(checkDuplicate(o, [candidate({ shippingAddress: { ...us, postcode: '62701' } })], settings).outcome).toBe('fail');
  });

  it('records every match with its distance in minutes', () => {
    const result = checkDuplicate(order(), [candidate(), candidate({ number: 'PD-1043', lines: otherItems, createdAt: T0 + 5 * MIN })], settings);
    expect(result.data).toEqual({
      windowMinutes: 1440, candidatesLooked: 2,
      matches: [
        { number: 'PD-1042', kind: 'same_purchase', outcome: 'fail', minutesApart: -3 },
        { number: 'PD-1043', kind: 'same_customer_and_address', outcome: 'warn', minutesApart: 5 },
      ],
    });
  });

  it('follows the window setting', () => {
    expect(checkDuplicate(order(), [candidate({ createdAt: T0 - 90 * MIN })], { ...settings, duplicateWindowMinutes: 60 }).outcome).toBe('pass');
  });
});

describe('risk check', () => {
  const eur = (amount: number) => ({ amount, currency: 'EUR' });
  it.each<[string, Partial<VerificationOrder>, number, { amount: number; currency: string } | null, CheckOutcome, RegExp]>([
    ['an ordinary order', {}, 0, eur(4000), 'pass', /^No fraud signals found\.$/],
    ['no history yet', { total: eur(900_000) }, 0, null, 'pass', /^No fraud signals found \(not enough order history yet to judge the order value\)\.$/],
    ['just under 5× the usual', { total: eur(19_999) }, 0, eur(4000), 'pass', /^No fraud signals found\.$/],
    ['5× the usual', { total: eur(20_000) }, 0, eur(4000), 'warn', new RegExp(`^${escape(`The total, ${formatMoney(eur(20_000))}, is 5 times the shop’s usual order of ${formatMoney(eur(4000))}.`)}$`)],
    ['just under 10× (never shown as 10)', { total: eur(39_999) }, 0, eur(4000), 'warn', new RegExp(`is ${escape(new Intl.NumberFormat(undefined, { maximumFractionDigits: 1 }).format(9.9))} times`)],
    ['10× the usual', { total: eur(40_000) }, 0, eur(4000), 'fail', /is 10 times the shop’s usual order/],
    ['a usual value of zero is no history', { total: eur(40_000) }, 0, eur(0), 'pass', /not enough order history/],
    ['a usual value in another currency is no history', { total: eur(40_000) }, 0, { amount: 10, currency: 'USD' }, 'pass', /not enough order history/],
    ['billing country ≠ shipping country', { billingCountry: 'FR' }, 0, eur(4000), 'warn', /^The billing country \(France\) differs from the shipping country \(Germany\)\.$/],
    ['billing country in lower case', { billingCountry: 'de' }, 0, eur(4000), 'pass', /^No fraud signals/],
    ['no billing country given', { billingCountry: null }, 0, eur(4000), 'pass', /^No fraud signals/],
    ['an empty billing country', { billingCountry: '' }, 0, eur(4000), 'pass', /^No fraud signals/],
    ['one other order from the e-mail', {}, 1, eur(4000), 'pass', /^No fraud signals/],
    ['two other orders (one below the limit)', {}, 2, eur(4000), 'warn', /^2 other orders came from zoe\.muller@example\.com within 1 hour of this one\.$/],
    ['three other orders (the limit)', {}, 3, eur(4000), 'fail', /^3 other orders came from/],
    ['many orders but no e-mail to count by', { customer: { name: 'A', email: '', phone: '' } }, 7, eur(4000), 'pass', /^No fraud signals/],
    ['every signal at once', { billingCountry: 'FR', total: eur(40_000) }, 2, eur(4000), 'fail',
      /^The billing country \(France\) differs from the shipping country \(Germany\); the total, .+, is 10 times .+; 2 other orders came from .+\.$/],
  ])('%s → %s', (_label, change, recent, usual, outcome, message) => {
    const result = checkRisk(order(change), recent, usual, settings);
    expect(result.outcome).toBe(outcome);
    expect(result.message).toMatch(message);
    expect(result.holdReason).toBe(outcome === 'fail' ? 'HIGH_RISK_OF_FRAUD' : null);
  });

  it('formats money with formatMoney and keeps the figures in data', () => {
    const result = checkRisk(order({ total: eur(40_000) }), 0, eur(4000), settings);
    expect(result.message).toContain(formatMoney(eur(40_000)));
    expect(result.message).toContain(formatMoney(eur(4000)));
    expect(result.data).toMatchObject({ valueRatio: 10, valueNote: 'compared', signals: [{ signal: 'order_value', outcome: 'fail' }] });
    expect(checkRisk(order(), 0, null, settings).data).toMatchObject({ valueRatio: null, valueNote: 'not enough history', usualOrderValue: null });
  });

  it('never warns on velocity at zero, whatever the limit', () => {
    expect(checkRisk(order(), 0, null, { ...settings, velocityMaxOrders: 1 }).outcome).toBe('pass');
    expect(checkRisk(order(), 1, null, { ...settings, velocityMaxOrders: 1 }).outcome).toBe('fail');
  });
});

describe('stock check', () => {
  const avail = (position: number, title: string, available: boolean, reason: string): LineAvailability => ({ position, title, available, reason });
  const withFreeText = order({ lines: [...order().lines, { title: 'Engraved tag', sku: '', quantity: 1, variantId: null }] });
  it.each<[string, VerificationOrder, LineAvailability[], CheckOutcome, RegExp]>([
    ['every line served', order(), [avail(0, 'Adult Dog Food', true, 'Petfood Wholesale'), avail(1, 'KONG Classic, Large', true, 'Toy Co')], 'pass', /^Every line has a supplier with enough stock\.$/],
    ['one line out of stock', order(), [avail(0, 'Adult Dog Food', true, 'ok'), avail(1, 'KONG Classic, Large', false, 'No supplier can send 1 to Germany: Toy Co has none in stock')], 'fail',
      /^Line 2 \(KONG Classic, Large\) cannot be supplied: No supplier can send 1 to Germany: Toy Co has none in stock\.$/],
    ['two lines out of stock, listed in line order', order(), [avail(1, 'KONG', false, 'Toy Co is paused'), avail(0, 'Dog Food', false, 'No supplier offers this item')], 'fail',
      /^Line 1 \(Dog Food\) cannot be supplied: No supplier offers this item; line 2 \(KONG\) cannot be supplied: Toy Co is paused\.$/],
    ['a free-text line without a supplier', withFreeText, [avail(0, 'Dog Food', true, 'ok'), avail(2, 'Engraved tag', false, 'Free-text line')], 'warn',
      /^Line 3 \(Engraved tag\) is not from the catalog, so choose a supplier by hand\.$/],
    ['no lines at all', order({ lines: [] }), [], 'pass', /no lines/],
  ])('%s → %s', (_label, o, availability, outcome, message) => {
    const result = checkStock(o, availability);
    expect(result.outcome).toBe(outcome);
    expect(result.message).toMatch(message);
    expect(result.holdReason).toBe(outcome === 'fail' ? 'INVENTORY_OUT_OF_STOCK' : null);
  });
});

describe('restricted check', () => {
  const spotOn: LineRestriction = { position: 0, title: 'Flea & Tick Spot-On', restrictedCountries: ['AU', 'NZ'] };
  const sydney = addr({ line1: '1 George St', city: 'Sydney', region: 'NSW', postcode: '2000', country: 'AU' });
  it.each<[string, VerificationAddress, LineRestriction[], CheckOutcome, RegExp]>([
    ['nothing restricted', berlin, [], 'pass', /^No line is restricted for Germany\.$/],
    ['restricted elsewhere', berlin, [spotOn], 'pass', /^No line is restricted for Germany\.$/],
    ['restricted for the destination', sydney, [spotOn], 'fail', /^Line 1 \(Flea & Tick Spot-On\) may not be shipped to Australia\.$/],
    ['two lines, codes in lower case', sydney, [{ position: 2, title: 'Live Crickets', restrictedCountries: ['au'] }, spotOn], 'fail',
      /^Line 1 \(Flea & Tick Spot-On\) and line 3 \(Live Crickets\) may not be shipped to Australia\.$/],
    ['no shipping country yet', addr({ country: '' }), [spotOn], 'warn', /check again once the shipping country is set/],
  ])('%s → %s', (_label, address, restrictions, outcome, message) => {
    const result = checkRestricted(order({ shippingAddress: address }), restrictions);
    expect(result.outcome).toBe(outcome);
    expect(result.message).toMatch(message);
    expect(result.holdReason).toBe(outcome === 'fail' ? 'RESTRICTED_ITEM' : null);
  });
});

describe('runChecks and the summary', () => {
  it('passes a clean order, one result per code in order', () => {
    const results = runChecks(facts());
    expect(results.map((r) => r.code)).toEqual([...CHECK_CODES]);
    expect(results.map((r) => r.outcome)).toEqual(['pass', 'pass', 'pass', 'pass', 'pass', 'pass']);
    expect(verificationSummary(results)).toEqual({ outcome: 'pass', failed: 0, warned: 0 });
    expect(failedHoldReasons(results)).toEqual([]);
  });

  it('sums up a troubled order and lists each hold once', () => {
    const o = order({ shippingAddress: addr({ postcode: '' }), customer: { name: 'Zoë Müller', email: 'zoe@', phone: '' }, billingCountry: 'FR' });
    const results = runChecks(facts({ order: o, candidates: [candidate({ shippingAddress: o.shippingAddress })] }));
    expect(Object.fromEntries(results.map((r) => [r.code, r.outcome]))).toEqual({
      address: 'fail', contact: 'fail', duplicate: 'fail', risk: 'warn', stock: 'pass', restricted: 'pass',
    });
    expect(verificationSummary(results)).toEqual({ outcome: 'fail', failed: 3, warned: 1 });
    expect(failedHoldReasons(results)).toEqual(['INCORRECT_ADDRESS', 'POSSIBLE_DUPLICATE']);
  });

  it('sums up nothing as a pass', () => {
    expect(verificationSummary([])).toEqual({ outcome: 'pass', failed: 0, warned: 0 });
  });

  it.each([[0, 'less than a minute'], [1, '1 minute'], [3, '3 minutes'], [60, '1 hour'], [125, '2 hours and 5 minutes'],
    [1440, '24 hours'], [2879, '47 hours and 59 minutes'], [2880, '2 days'], [4380, '3 days and 1 hour']])('%i minutes read "%s"', (minutes, words) => {
    expect(describeMinutes(minutes)).toBe(words);
  });
});

describe('properties', () => {
  const countries = ['DE', 'GB', 'US', 'HK', 'AU', 'JP', '', 'XX'];
  const names = ['Zoë Müller', 'Zoe Muller', '山田 太郎', '山田\u3000太郎', '🐶 Rex', '', 'ガトウ', 'カトウ'];
  const emails = ['zoe@example.com', 'ZOE@example.com', '', 'bad@', 'taro@例え.jp'];
  const addressArb = fc.record({
    line1: fc.constantFrom('Hauptstraße 1', 'HAUPTSTRASSE 1', '', '1 Main St'),
    line2: fc.constant(''),
    city: fc.constantFrom('Berlin', ''),
    region: fc.constantFrom('', 'NSW', 'IL'),
    postcode: fc.constantFrom('10115', 'SW1A 1AA', '', '62701-1234', '62701', '2000'),
    country: fc.constantFrom(...countries),
  });
  const linesArb = fc.array(fc.record({
    sku: fc.constantFrom('A', 'a', 'B', ''), title: fc.constantFrom('Kibble', 'kibble', 'Toy'), quantity: fc.integer({ min: 1, max: 3 }),
  }), { maxLength: 3 });
  const candidateArb: fc.Arbitrary<DuplicateCandidate> = fc.record({
    number: fc.constantFrom('PD-1001', 'PD-1002'),
    source: fc.constantFrom('manual', 'shopify'),
    externalId: fc.constantFrom(null, '1', '2'),
    customerName: fc.constantFrom(...names),
    customerEmail: fc.constantFrom(...emails),
    shippingAddress: addressArb,
    lines: linesArb,
    createdAt: fc.integer({ min: T0 - 3000 * MIN, max: T0 + 3000 * MIN }),
  });
  const asOrder = (c: DuplicateCandidate): VerificationOrder => ({
    number: c.number, source: c.source, externalId: c.externalId, customer: { name: c.customerName, email: c.customerEmail, phone: '' },
    shippingAddress: c.shippingAddress, billingCountry: null, total: { amount: 100, currency: 'EUR' }, createdAt: c.createdAt,
    lines: c.lines.map((l) => ({ ...l, variantId: null })),
  });
  const factsArb: fc.Arbitrary<VerificationFacts> = fc.record({
    order: fc.tuple(candidateArb, fc.constantFrom('+49 30 1234567', '', '12'), fc.constantFrom(null, 'DE', 'FR', ''), fc.integer({ min: 0, max: 100_000 }))
      .map(([c, phone, billingCountry, amount]) => ({ ...asOrder(c), customer: { name: c.customerName, email: c.customerEmail, phone }, billingCountry, total: { amount, currency: 'EUR' } })),
    candidates: fc.array(candidateArb, { maxLength: 4 }),
    recentOrdersFromEmail: fc.integer({ min: 0, max: 6 }),
    usualOrderValue: fc.option(fc.record({ amount: fc.integer({ min: 0, max: 20_000 }), currency: fc.constantFrom('EUR', 'USD') }), { nil: null }),
    lineAvailability: fc.array(fc.record({ position: fc.nat(4), title: fc.constantFrom('Kibble', ''), available: fc.boolean(), reason: fc.constantFrom('ok', '') }), { maxLength: 4 }),
    lineRestrictions: fc.array(fc.record({ position: fc.nat(4), title: fc.constant('Spot-On'), restrictedCountries: fc.subarray(countries) }), { maxLength: 3 }),
    settings: fc.record({
      duplicateWindowMinutes: fc.integer({ min: 0, max: 3000 }), highValueFactor: fc.integer({ min: 1, max: 10 }), highValueFailFactor: fc.integer({ min: 1, max: 20 }),
      velocityWindowMinutes: fc.integer({ min: 1, max: 600 }), velocityMaxOrders: fc.integer({ min: 1, max: 5 }),
    }),
  });

  it('runChecks gives exactly one result per code, in order; fail iff a hold reason; JSON-safe data; a sentence', () => {
    fc.assert(fc.property(factsArb, (f) => {
      const results: CheckResult[] = runChecks(f);
      expect(results.map((r) => r.code)).toEqual([...CHECK_CODES]);
      for (const r of results) {
        expect(r.outcome === 'fail').toBe(r.holdReason !== null);
        expect(JSON.parse(JSON.stringify(r.data))).toEqual(r.data);
        expect(r.message).toMatch(/^\S.*\.$/su);
      }
      const summary = verificationSummary(results);
      expect(summary.outcome === 'fail').toBe(failedHoldReasons(results).length > 0);
      expect(summary.outcome === 'pass').toBe(summary.failed + summary.warned === 0);
    }), { numRuns: 500 });
  });

  it('the duplicate relation is symmetric (apart from the named order)', () => {
    fc.assert(fc.property(candidateArb, candidateArb, fc.integer({ min: 0, max: 3000 }), (a, b, window) => {
      expect(duplicateKind(asOrder(a), b, window)).toBe(duplicateKind(asOrder(b), a, window));
    }), { numRuns: 2000 });
  });

  it('name folding is idempotent and blind to canonical composition', () => {
    fc.assert(fc.property(fc.oneof(fc.string({ unit: 'grapheme' }), fc.string({ unit: 'binary' }), fc.constantFrom(...names)), (s) => {
      const key = personNameKey(s);
      expect(personNameKey(key)).toBe(key);
      expect(personNameKey(s.normalize('NFD'))).toBe(personNameKey(s.normalize('NFC')));
    }), { numRuns: 2000 });
  });
});
