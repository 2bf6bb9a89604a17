import type { Money } from '../money';
import { capitalize, countryLabel, describeMinutes, moneyLabel, normalizeCountry, numberLabel, result, worstOutcome } from './format';
import type { CheckOutcome, CheckResult, VerificationOrder, VerificationSettings } from './types';

type RiskSignal = 'billing_country' | 'order_value' | 'email_velocity';

/**
 * Fraud signals in one result (HIGH_RISK_OF_FRAUD): the worst signal decides and the message lists every signal,
 * so the owner weighs them together as a person would. Signals are not added up into a score: two warnings stay a
 * warning, because a score the owner cannot recompute in their head is one they cannot override with confidence.
 *
 * - Billing country ≠ shipping country warns: common for gifts, and the classic stolen-card pattern. Unknown
 *   billing country (a hand-typed order) is no signal.
 * - Order value: ≥ highValueFailFactor × usual fails, ≥ highValueFactor × usual warns (both inclusive, so "5×"
 *   means what the setting says). Integer comparison on minor units. No usable history (null, another currency,
 *   or a usual value of zero) is no signal, recorded in data.
 * - E-mail velocity: recentOrdersFromEmail ≥ velocityMaxOrders fails, one fewer warns (never at zero). An order
 *   without an e-mail is not counted: the marketplaces that hide e-mails would otherwise look like one busy buyer.
 */
export function checkRisk(order: VerificationOrder, recentOrdersFromEmail: number, usual: Money | null, settings: VerificationSettings): CheckResult {
  const signals: { signal: RiskSignal; outcome: CheckOutcome; words: string }[] = [];

  const shipping = normalizeCountry(order.shippingAddress.country);
  const billing = normalizeCountry(order.billingCountry);
  const countriesDiffer = billing !== '' && shipping !== '' && billing !== shipping;
  if (countriesDiffer) {
    signals.push({ signal: 'billing_country', outcome: 'warn', words: `the billing country (${countryLabel(billing)}) differs from the shipping country (${countryLabel(shipping)})` });
  }

  const total = order.total;
  let valueNote: string;
  let ratio: number | null = null;
  if (usual === null) valueNote = 'not enough history';
  else if (usual.currency !== total.currency) valueNote = `usual value is in ${usual.currency}, not ${total.currency}`;
  else if (usual.amount <= 0) valueNote = 'usual value is zero';
  else {
    valueNote = 'compared';
    // One decimal, rounded down, so the sentence never shows "10 times" for an order that only warned.
    ratio = Math.floor((total.amount * 10) / usual.amount) / 10;
    const outcome: CheckOutcome | null = total.amount >= settings.highValueFailFactor * usual.amount ? 'fail'
      : total.amount >= settings.highValueFactor * usual.amount ? 'warn' : null;
    if (outcome) {
      signals.push({ signal: 'order_value', outcome, words: `the total, ${moneyLabel(total)}, is ${numberLabel(ratio, 1)} times the shop’s usual order of ${moneyLabel(usual)}` });
    }
  }

  const hasEmail = order.customer.email.trim() !== '';
  const recent = Math.max(0, Math.floor(recentOrdersFromEmail));
  const max = settings.velocityMaxOrders;
  const velocityOutcome: CheckOutcome | null = !hasEmail || recent === 0 ? null : recent >= max ? 'fail' : recent >= max - 1 ? 'warn' : null;
  if (velocityOutcome) {
    const window = describeMinutes(settings.velocityWindowMinutes);
    signals.push({
      signal: 'email_velocity', outcome: velocityOutcome,
      words: `${numberLabel(recent)} other ${recent === 1 ? 'order' : 'orders'} came from ${order.customer.email.trim()} within ${window} of this one`,
    });
  }

  const data = {
    signals: signals.map(({ signal, outcome }) => ({ signal, outcome })),
    billingCountry: billing === '' ? null : billing,
    shippingCountry: shipping,
    total,
    usualOrderValue: usual,
    valueRatio: ratio,
    valueNote,
    highValueFactor: settings.highValueFactor,
    highValueFailFactor: settings.highValueFailFactor,
    recentOrdersFromEmail: recent,
    velocityCounted: hasEmail,
    velocityWindowMinutes: settings.velocityWindowMinutes,
    velocityMaxOrders: max,
  };
  if (signals.length > 0) {
    const outcome = worstOutcome(signals.map((s) => s.outcome));
    return result('risk', outcome, `${capitalize(signals.map((s) => s.words).join('; '))}.`, data, 'HIGH_RISK_OF_FRAUD');
  }
  const history = ratio === null ? ' (not enough order history yet to judge the order value)' : '';
  return result('risk', 'pass', `No fraud signals found${history}.`, data, 'HIGH_RISK_OF_FRAUD');
}
