import type { Ref } from 'react';
import type { FieldErrors } from './formErrors';
import { Message } from './Message';

/**
 * The box above a form: a success notice, the form-level error, `_form` issues and how many fields need fixing
 * ("… fixing before <what>."). Focus moves here when no field can take it.
 */
export function FormSummary({ summaryRef, errors, formError, notice, noticeTestId, what }: {
  summaryRef: Ref<HTMLDivElement>;
  errors: FieldErrors;
  formError: string | null;
  notice?: string | null;
  noticeTestId?: string;
  /** Ends the count sentence, e.g. "the product can be saved". */
  what: string;
}) {
  const fieldErrorCount = Object.keys(errors).filter((k) => k !== '_form').length;
  return (
    <div ref={summaryRef} tabIndex={-1} className="form-summary" aria-live="assertive">
      {notice && <Message tone="success" testId={noticeTestId}>{notice}</Message>}
      {formError && <Message testId="form-error">{formError}</Message>}
      {errors._form && <Message testId="error-_form">{errors._form}</Message>}
      {fieldErrorCount > 0 && (
        <Message testId="form-error-summary">
          {fieldErrorCount === 1 ? 'One field needs' : `${fieldErrorCount} fields need`} fixing before {what}.
        </Message>
      )}
    </div>
  );
}
