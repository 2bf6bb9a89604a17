import type { ReactNode } from 'react';

/** An inline message box for errors and notices (never a stack trace). */
export function Message({ tone = 'error', children, testId, action }: {
  tone?: 'error' | 'info' | 'success';
  children: ReactNode;
  testId?: string;
  action?: ReactNode;
}) {
  return (
    <div className={`message message-${tone}`} role={tone === 'error' ? 'alert' : 'status'} data-testid={testId}>
      <div className="message-text">{children}</div>
      {action && <div className="message-action">{action}</div>}
    </div>
  );
}
