import type { z } from 'zod';
import type { OrderDetail, OrderPage, StageCounts } from '../domain/order';
import {
  cancelOrderInput, createOrderInput, emptyInput, listOrdersInput, loadDemoInput, orderIdInput, submitOrderInput, updateDraftInput,
} from '../schemas/orders-procedures';
import type { ProcedureName } from './names';

export interface AppInfo {
  version: string;
  host: 'electron' | 'browser';
  dataDir: string;
  orderCount: number;
}

/** A procedure is its input schema plus a phantom output type; the dispatcher validates with the schema. */
interface Procedure<S extends z.ZodType, O> {
  input: S;
  output?: O;
}
const procedure = <O>() => <S extends z.ZodType>(input: S): Procedure<S, O> => ({ input });

export const procedures = {
  'app.info': procedure<AppInfo>()(emptyInput),
  'orders.create': procedure<OrderDetail>()(createOrderInput),
  'orders.updateDraft': procedure<OrderDetail>()(updateDraftInput),
  'orders.submit': procedure<OrderDetail>()(submitOrderInput),
  'orders.cancel': procedure<OrderDetail>()(cancelOrderInput),
  'orders.get': procedure<OrderDetail>()(orderIdInput),
  'orders.list': procedure<OrderPage>()(listOrdersInput),
  'orders.stageCounts': procedure<StageCounts>()(emptyInput),
  'demo.load': procedure<{ orders: number }>()(loadDemoInput),
} satisfies Record<ProcedureName, Procedure<z.ZodType, unknown>>;

type Procedures = typeof procedures;
/** What a caller passes (defaults may be omitted). */
export type ProcedureInput<N extends ProcedureName> = z.input<Procedures[N]['input']>;
/** What the handler receives after validation. */
export type ProcedureParsedInput<N extends ProcedureName> = z.output<Procedures[N]['input']>;
export type ProcedureOutput<N extends ProcedureName> = NonNullable<Procedures[N]['output']>;
