import type { ProcedureName } from '../../src-shared/contract/names';
import type { ProcedureInput, ProcedureOutput } from '../../src-shared/contract/procedures';

/** Calls a running browser host's API the way its page does: the bearer token from the start-up URL. */
export async function callDesk<N extends ProcedureName>(deskUrl: string, name: N, input: ProcedureInput<N>): Promise<ProcedureOutput<N>> {
  const url = new URL(deskUrl);
  const token = new URLSearchParams(url.hash.replace(/^#/, '')).get('token');
  const response = await fetch(`${url.origin}/api/${name}`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify(input),
  });
  const body = await response.json() as { ok: true; value: ProcedureOutput<N> } | { ok: false; error: { message: string } };
  if (!body.ok) throw new Error(`${name}: ${body.error.message}`);
  return body.value;
}
