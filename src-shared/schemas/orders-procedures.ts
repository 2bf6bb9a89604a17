import { z } from 'zod';
import { STAGES } from '../domain/stage';
import { draftOrderInput, submittedOrderInput } from './order-input';

const orderId = z.number('Order id must be a number').int().positive('Order id must be positive');

export const createOrderInput = z.discriminatedUnion('submit', [
  z.object({ submit: z.literal(false), order: draftOrderInput }),
  z.object({ submit: z.literal(true), order: submittedOrderInput }),
], 'Say whether to submit the order or keep it as a draft (submit: true or false)');

export const updateDraftInput = z.object({ id: orderId, order: draftOrderInput });
export const orderIdInput = z.object({ id: orderId });
/** Submitting a draft; with `order`, the draft's last edits are saved and submitted in one step. */
export const submitOrderInput = z.object({ id: orderId, order: submittedOrderInput.optional() });
export const cancelOrderInput = z.object({
  id: orderId,
  reason: z.string().trim().min(1, 'Say why the order is cancelled').max(500, 'Reason is too long'),
});

export const MAX_PAGE = 500;
export const listOrdersInput = z.object({
  stage: z.enum(STAGES, 'Choose a stage from the list').optional(),
  search: z.string().trim().max(200, 'Search is too long').default(''),
  offset: z.number().int().min(0, 'Offset cannot be negative').default(0),
  limit: z.number().int().min(1).max(MAX_PAGE, `Limit must be at most ${MAX_PAGE}`).default(50),
});

/**
 * The in-app demo writes on the core's thread between requests, so it stays small enough to keep the desk
 * responsive; `npm run seed` makes the big shops (up to 1,000,000 orders) for benchmarks.
 */
export const MAX_IN_APP_DEMO_ORDERS = 100_000;
export const loadDemoInput = z.object({
  orders: z.number('Number of orders must be a number').int().min(1, 'Load at least 1 order')
    .max(MAX_IN_APP_DEMO_ORDERS, `The app loads at most ${MAX_IN_APP_DEMO_ORDERS.toLocaleString('en')} demo orders; use npm run seed for more`)
    .default(400),
});

export const emptyInput = z.object({}).default({});
