import type { z } from 'zod';
import type { ApiResult } from '../../src-shared/contract/errors';
import { isProcedureName, type ProcedureName } from '../../src-shared/contract/names';
import { procedures, type ProcedureOutput, type ProcedureParsedInput } from '../../src-shared/contract/procedures';
import { DeskError } from '../services/errors';
import type { Actor } from '../services/context';
import type { Logger } from './logger';

export interface CallContext {
  actor: Actor;
}

export type Handlers = {
  [N in ProcedureName]: (input: ProcedureParsedInput<N>, ctx: CallContext) => ProcedureOutput<N> | Promise<ProcedureOutput<N>>;
};

export type Dispatch = (name: unknown, input: unknown, ctx: CallContext) => Promise<ApiResult<unknown>>;

/** The first zod issue as one sentence naming its field, so the form can put it beside that field. */
export function firstIssue(error: z.ZodError): { message: string; field?: string } {
  const issue = error.issues[0];
  if (!issue) return { message: 'The input is not valid' };
  const field = issue.path.map(String).join('.');
  return field === '' ? { message: issue.message } : { message: issue.message, field };
}

/**
 * The single entry point for both hosts: checks the name against the contract, validates the input
 * with the contract's schema, runs the handler, and turns every failure into an error envelope.
 * Unexpected errors are logged in full but reach the caller only as a generic sentence.
 */
export function createDispatcher(handlers: Handlers, logger: Logger): Dispatch {
  return async (name, input, ctx) => {
    if (!isProcedureName(name)) {
      return { ok: false, error: { code: 'unknown_procedure', message: `There is no procedure called ${JSON.stringify(String(name)).slice(0, 80)}.` } };
    }
    const parsed = procedures[name].input.safeParse(input ?? {});
    if (!parsed.success) {
      return { ok: false, error: { code: 'invalid_input', ...firstIssue(parsed.error) } };
    }
    try {
      const handler = handlers[name] as (input: unknown, ctx: CallContext) => unknown;
      return { ok: true, value: await handler(parsed.data, ctx) };
    } catch (error) {
      if (error instanceof DeskError) return { ok: false, error: error.toApiError() };
      // Another connection (an import's thread) holds the write lock: the call's own transaction was rolled back.
      if ((error as { code?: unknown } | null)?.code === 'SQLITE_BUSY') {
        return { ok: false, error: { code: 'unavailable', message: 'The desk is saving an import right now, so nothing was changed. Try again when it has finished.' } };
      }
      logger.error(`procedure ${name} failed`, error);
      return { ok: false, error: { code: 'internal', message: 'Something went wrong inside the desk. The details are in its log.' } };
    }
  };
}
