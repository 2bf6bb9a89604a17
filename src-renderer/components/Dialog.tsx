import { useEffect, useId, useRef, type ReactNode } from 'react';

interface DialogProps {
  open: boolean;
  title: string;
  /** Called on Escape, on the backdrop, and by the caller's own buttons. */
  onClose(): void;
  children: ReactNode;
  footer?: ReactNode;
  testId?: string;
  /** Destructive dialogs get a red title bar accent. */
  tone?: 'default' | 'danger';
  /** CSS selector of the element to focus when the dialog opens (defaults to the first focusable one). */
  initialFocus?: string;
}

/**
 * A modal on the native <dialog> element: the browser traps focus, puts it in the top layer, and turns
 * Escape into a `cancel` event that we route to onClose. Focus returns to where it was when it closes.
 */
export function Dialog({ open, title, onClose, children, footer, testId, tone = 'default', initialFocus }: DialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const onCloseRef = useRef(onClose);
  onCloseRef.current = onClose;

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) {
      const previous = document.activeElement as HTMLElement | null;
      dialog.showModal();
      const target = initialFocus ? dialog.querySelector<HTMLElement>(initialFocus) : null;
      target?.focus();
      return () => {
        if (dialog.open) dialog.close();
        if (previous && document.contains(previous)) previous.focus();
      };
    }
    return undefined;
  }, [open, initialFocus]);

  if (!open) return null;
  return (
    <dialog
      ref={ref}
      className={`dialog dialog-${tone}`}
      aria-labelledby={titleId}
      data-testid={testId}
      onCancel={(event) => {
        event.preventDefault();
        onCloseRef.current();
      }}
      onMouseDown={(event) => {
        // A press on the backdrop (the dialog element itself, outside its box) closes it.
        if (event.target === ref.current) {
          const box = ref.current.getBoundingClientRect();
          const inside = event.clientX >= box.left && event.clientX <= box.right && event.clientY >= box.top && event.clientY <= box.bottom;
          if (!inside) onCloseRef.current();
        }
      }}
    >
      <div className="dialog-body">
        <h2 id={titleId} className="dialog-title">{title}</h2>
        {children}
      </div>
      {footer && <div className="dialog-footer">{footer}</div>}
    </dialog>
  );
}

/**
 * The props of a dialog's form: Enter in a field and Ctrl/Cmd+Enter from a note box both confirm
 * (a textarea takes plain Enter for a new line), and the browser's own validation stays out of the way.
 */
export function dialogFormProps(confirm: () => void | Promise<unknown>) {
  return {
    noValidate: true,
    className: 'dialog-form',
    onSubmit: (event: { preventDefault(): void }) => {
      event.preventDefault();
      void confirm();
    },
    onKeyDown: (event: { key: string; ctrlKey: boolean; metaKey: boolean; preventDefault(): void }) => {
      if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
        event.preventDefault();
        void confirm();
      }
    },
  };
}
