/**
 * The stand-in for Stripe's hosted Checkout page (`session.url`), which is not part of Stripe's API: a tiny
 * page with the order and one button per test card, posting back to the simulator. It lets a person (or
 * Playwright) "pay" a payment link in the demo shop; tests usually call `sim.completeCheckout` instead.
 * No script, no external resource; every value shown is escaped.
 */
import type { CheckoutOutcome } from './stripe-sim-checkout';
import { CHECKOUT_CARDS, type CheckoutLineItem, type CheckoutSessionObject } from './stripe-sim-objects';

export const CHECKOUT_PAGE_HEADERS = {
  'Content-Type': 'text/html; charset=utf-8',
  'Cache-Control': 'no-store',
  'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'",
} as const;

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

function money(amount: number, currency: string): string {
  return `${(amount / 100).toFixed(2)} ${currency.toUpperCase()}`;
}

function page(title: string, body: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title>`
    + '<style>body{font-family:system-ui,sans-serif;max-width:32rem;margin:3rem auto;padding:0 1rem}'
    + 'table{width:100%;border-collapse:collapse}td{padding:.25rem 0}td:last-child{text-align:right}'
    + 'button{display:block;width:100%;margin:.5rem 0;padding:.6rem;font-size:1rem}</style></head>'
    + `<body><p><small>Stripe simulator — test mode</small></p>${body}</body></html>`;
}

export function checkoutPage(session: CheckoutSessionObject, items: readonly CheckoutLineItem[], notice?: string): string {
  if (session.status !== 'open') {
    return page('Checkout closed', `<h1>This checkout is ${escapeHtml(session.status)}</h1>`);
  }
  const rows = items.map((item) => `<tr><td>${escapeHtml(item.name)} × ${item.quantity}</td><td>${money(item.unit_amount * item.quantity, item.currency)}</td></tr>`).join('');
  const buttons = (Object.keys(CHECKOUT_CARDS) as (keyof typeof CHECKOUT_CARDS)[])
    .map((card) => `<button name="card" value="${card}">Pay with test card: ${card.replaceAll('_', ' ')}</button>`).join('');
  return page('Pay', `<h1>Pay ${money(session.amount_total, session.currency)}</h1>`
    + (notice ? `<p role="alert"><strong>${escapeHtml(notice)}</strong></p>` : '')
    + `<table>${rows}</table><form method="post">${buttons}</form>`);
}

export function checkoutResultPage(result: CheckoutOutcome): string {
  const successUrl = result.session.success_url?.replaceAll('{CHECKOUT_SESSION_ID}', result.session.id);
  const next = successUrl ? `<p><a href="${escapeHtml(successUrl)}">Return to the shop</a></p>` : '';
  const heading = result.outcome === 'paid' ? 'Payment complete' : 'Payment authorized';
  return page(heading, `<h1>${heading}</h1><p>${money(result.session.amount_total, result.session.currency)}</p>${next}`);
}

export function notFoundPage(): string {
  return page('Not found', '<h1>No such checkout session</h1>');
}
