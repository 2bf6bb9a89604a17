import type { Page } from '@playwright/test';
import type { OrderInput } from '../../src-shared/schemas/order-input';

/** Zoë's first order, as the specs type it into the form: one line, German address. */
export const ZOE_ORDER: OrderInput = {
  customer: { name: 'Zoë Müller', email: 'zoe.muller@example.com', phone: '+49 30 1234567' },
  shippingAddress: { line1: 'Hauptstraße 1', line2: '', city: 'Berlin', region: '', postcode: '10115', country: 'DE' },
  currency: 'EUR',
  lines: [{ title: 'Adult Dog Food, Lamb, 11.4 kg', sku: 'DOG-ACANA-LAMB-11', quantity: 2, unitPrice: 8999 }],
  shippingCharge: 590,
  notes: '',
};

/** Types an order into the new-order form as a person would: amounts as the shop writes them ("89.99"). */
export async function fillOrderForm(page: Page, order: OrderInput = ZOE_ORDER): Promise<void> {
  const field = (path: string) => page.getByTestId(`field-${path}`);
  const decimal = (minor: number) => (minor / 100).toFixed(2);
  await field('customer.name').fill(order.customer.name);
  await field('customer.email').fill(order.customer.email);
  await field('customer.phone').fill(order.customer.phone ?? '');
  await field('shippingAddress.line1').fill(order.shippingAddress.line1);
  await field('shippingAddress.city').fill(order.shippingAddress.city);
  await field('shippingAddress.postcode').fill(order.shippingAddress.postcode ?? '');
  await field('shippingAddress.country').selectOption(order.shippingAddress.country);
  await field('currency').selectOption(order.currency);
  for (const [index, line] of order.lines.entries()) {
    await field(`lines.${index}.title`).fill(line.title);
    await field(`lines.${index}.sku`).fill(line.sku ?? '');
    await field(`lines.${index}.quantity`).fill(String(line.quantity));
    await field(`lines.${index}.unitPrice`).fill(decimal(line.unitPrice));
  }
  await field('shippingCharge').fill(decimal(order.shippingCharge ?? 0));
}
