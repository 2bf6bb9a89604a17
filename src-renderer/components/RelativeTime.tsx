import { formatDateTime, formatRelative } from './format';

/** "2 hours ago" with the exact date and time on hover (and for screen readers, in `dateTime`). */
export function RelativeTime({ iso, empty = 'Never', testId }: { iso: string | null; empty?: string; testId?: string }) {
  if (!iso) return <span className="muted" data-testid={testId}>{empty}</span>;
  return (
    <time dateTime={iso} title={formatDateTime(iso)} data-testid={testId}>
      {formatRelative(iso)}
    </time>
  );
}
