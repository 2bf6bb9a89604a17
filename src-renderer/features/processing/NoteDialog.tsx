import { useLayoutEffect, useState, type ReactNode } from 'react';
import type { z } from 'zod';
import { Dialog, dialogFormProps } from '../../components/Dialog';
import { TextAreaField } from '../../components/Field';
import { Message } from '../../components/Message';

export type NoteOutcome = { ok: true } | { ok: false; message: string; field?: string | undefined };

interface NoteDialogProps {
  open: boolean;
  title: string;
  /** `override`, `release`, `place-hold`: test ids are `<prefix>-dialog`, `-confirm`, `-dismiss`, `-error`. */
  testPrefix: string;
  children?: ReactNode;
  /** The contract's schema for the note (same message as the core's). */
  schema: z.ZodType<string, string>;
  label?: string;
  placeholder: string;
  confirmLabel: string;
  busyLabel: string;
  dismissLabel?: string;
  busy: boolean;
  tone?: 'default' | 'danger';
  onClose(): void;
  onConfirm(note: string): Promise<NoteOutcome>;
}

/**
 * A decision that needs a reason a person writes (override a check, release or place a hold): the note is
 * required and goes on the order's timeline. Its error shows beside the box; anything else below it.
 */
export function NoteDialog({
  open, title, testPrefix, children, schema, label = 'Note', placeholder, confirmLabel, busyLabel, dismissLabel = 'Back', busy, tone, onClose, onConfirm,
}: NoteDialogProps) {
  const [note, setNote] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [serverError, setServerError] = useState<string | null>(null);

  // Reset before the dialog paints, so the last values never flash.
  useLayoutEffect(() => {
    if (!open) return;
    setNote('');
    setError(null);
    setServerError(null);
  }, [open]);

  const close = () => {
    if (!busy) onClose();
  };

  const confirm = async () => {
    const checked = schema.safeParse(note);
    if (!checked.success) {
      setError(checked.error.issues[0]?.message ?? 'Write a note');
      document.getElementById('f-note')?.focus();
      return;
    }
    setError(null);
    setServerError(null);
    const result = await onConfirm(checked.data);
    if (result.ok) onClose();
    else if (result.field === 'note') setError(result.message);
    else setServerError(result.message);
  };

  return (
    <Dialog
      open={open}
      title={title}
      onClose={close}
      testId={`${testPrefix}-dialog`}
      tone={tone}
      initialFocus="textarea"
      footer={(
        <>
          <button type="button" className="button" data-testid={`${testPrefix}-dismiss`} onClick={close} disabled={busy}>{dismissLabel}</button>
          <button type="button" className={`button ${tone === 'danger' ? 'button-danger' : 'button-primary'}`} data-testid={`${testPrefix}-confirm`}
            onClick={() => void confirm()} disabled={busy}>
            {busy ? busyLabel : confirmLabel}
          </button>
        </>
      )}
    >
      {children}
      <form {...dialogFormProps(confirm)}>
        <TextAreaField
          path="note"
          label={label}
          required
          rows={3}
          maxLength={1000}
          value={note}
          onValueChange={(value) => {
            setNote(value);
            if (error) setError(null);
          }}
          error={error ?? undefined}
          placeholder={placeholder}
          hint="Kept on the order’s timeline with your name"
        />
      </form>
      {serverError && <Message testId={`${testPrefix}-error`}>{serverError}</Message>}
    </Dialog>
  );
}
