/**
 * The shell's outbox indicator in words. Silent when nothing waits (it is for the exception, not decoration);
 * otherwise how many things are on their way, whether they wait for the connection, and how many need a person.
 */
import type { OutboxSummary } from '../../../src-shared/domain/outbox';
import { formatDateTime, formatRelative } from '../../components/format';

export type OutboxIndicator =
  | { visible: false }
  | { visible: true; tone: 'sending' | 'waiting' | 'attention'; text: string; title: string };

export function outboxIndicator(summary: OutboxSummary | null, now: number = Date.now()): OutboxIndicator {
  if (!summary) return { visible: false };
  const { queued, retrying, needsPerson } = summary;
  if (queued + retrying + needsPerson <= 0) return { visible: false };

  const parts: string[] = [];
  const title: string[] = [];
  if (retrying > 0) {
    // Once one thing failed for lack of connection, the queued ones behind it wait for the same connection.
    parts.push(`${queued + retrying} waiting for connection`);
    title.push(summary.lastError ? `Last error: ${summary.lastError}` : 'The last try failed.');
    if (summary.nextAttemptAt) title.push(`Next try ${formatRelative(summary.nextAttemptAt, now)} (${formatDateTime(summary.nextAttemptAt)}).`);
  } else if (queued > 0) {
    parts.push(`${queued} sending…`);
    title.push('Supplier orders, payments and e-mails on their way out.');
  }
  if (needsPerson > 0) {
    parts.push(`${needsPerson} need${needsPerson === 1 ? 's' : ''} you`);
    title.push(`${needsPerson} could not be sent or may not have arrived: open the order to decide what to do.`);
  }
  const tone = needsPerson > 0 ? 'attention' : retrying > 0 ? 'waiting' : 'sending';
  return { visible: true, tone, text: parts.join(' · '), title: title.join('\n') };
}
