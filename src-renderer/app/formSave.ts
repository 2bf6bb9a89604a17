/**
 * How the form stores (order, supplier, product) take a failed save: a core error whose `field` the form shows
 * lands beside that field (and focus moves there); anything else shows above the form.
 */
import { ApiCallError, errorMessage } from '../api/client';
import type { FieldErrors } from '../components/formErrors';

/** A state update for a failed save; `toPath` maps the core's `field` onto a path the form shows, or null. */
export function saveFailed(error: unknown, toPath: (field: string) => string | null) {
  const message = errorMessage(error);
  const path = error instanceof ApiCallError && error.field ? toPath(error.field) : null;
  return (s: { focusRequest: number }): { status: 'ready'; formError: string | null; errors?: FieldErrors; focusRequest?: number } =>
    (path !== null
      ? { status: 'ready', errors: { [path]: message }, formError: null, focusRequest: s.focusRequest + 1 }
      : { status: 'ready', formError: message });
}
