import type { ImportRunView } from '../../../src-shared/domain/storefront-import';
import { Message } from '../../components/Message';
import { countText, moreProblems, runHeadline } from './orderImportModel';

const COUNTS = [
  { key: 'imported', label: 'Imported', hint: 'New orders on the desk' },
  { key: 'updated', label: 'Updated', hint: 'Changed in the storefront since the last import; each change is on the order’s timeline' },
  { key: 'unchanged', label: 'Unchanged', hint: 'Already on the desk as the file has them' },
  { key: 'heldBack', label: 'Held back', hint: 'Changed after the desk sent it to a supplier: not altered. Open the order to see the difference on its timeline' },
  { key: 'rejected', label: 'Rejected', hint: 'Not imported; the reason is below' },
] as const;

/** What one import did: the counts, then each problem with its line in the file. */
export function ImportRunReport({ run, headingLevel = 3 }: { run: ImportRunView; headingLevel?: 3 | 4 }) {
  const Heading = headingLevel === 3 ? 'h3' : 'h4';
  const finished = run.status === 'done';
  const more = moreProblems(run);
  const rejections = run.problems.filter((p) => !p.kept).length;
  return (
    <div className="order-import-report" data-testid="order-import-report" data-status={run.status}>
      <Message tone={run.status === 'done' ? 'success' : run.status === 'failed' ? 'error' : 'info'} testId="order-import-headline">
        {runHeadline(run)}
      </Message>
      {finished && (
        <dl className="order-import-counts">
          {COUNTS.map(({ key, label, hint }) => (
            <div key={key} className={`order-import-count${run[key] > 0 && (key === 'heldBack' || key === 'rejected') ? ' order-import-count-warn' : ''}`}
              title={hint} data-testid={`order-import-count-${key}`} data-count={run[key]}>
              <dt>{label}</dt>
              <dd>{run[key].toLocaleString('en-US')}</dd>
            </div>
          ))}
        </dl>
      )}
      {finished && run.heldBack > 0 && (
        <p className="small" data-testid="order-import-held-back-note">
          {countText(run.heldBack, 'order was', 'orders were')} changed in the storefront after the desk sent {run.heldBack === 1 ? 'it' : 'them'} to a
          supplier. The desk did not alter {run.heldBack === 1 ? 'it' : 'them'}: open {run.heldBack === 1 ? 'the order' : 'each order'} to see the
          difference on {run.heldBack === 1 ? 'its' : 'their'} timeline and decide what to tell the supplier.
        </p>
      )}
      {run.problems.length > 0 && (
        <section aria-label="Problems found in the file">
          <Heading className="order-import-section-title">
            {rejections > 0 ? 'Rows not imported' : 'Notices'}{rejections > 0 && rejections < run.problems.length ? ' and notices' : ''}
          </Heading>
          <div className="table-wrap order-import-problems-wrap" tabIndex={0} role="region" aria-label="Problems, by line of the file">
            <table className="data-table data-table-compact" data-testid="order-import-problems">
              <thead>
                <tr>
                  <th scope="col" className="num">Line</th>
                  <th scope="col">Order</th>
                  <th scope="col">What happened</th>
                </tr>
              </thead>
              <tbody>
                {run.problems.map((problem, i) => (
                  <tr key={`${problem.line}-${i}`} data-testid="order-import-problem" data-kept={problem.kept ? 'true' : 'false'}>
                    <td className="num muted">{problem.line.toLocaleString('en-US')}</td>
                    <td>{problem.orderNumber ?? '—'}</td>
                    <td>
                      <span className={`badge ${problem.kept ? 'order-import-notice' : 'badge-danger'}`}>{problem.kept ? 'Notice' : 'Not imported'}</span>{' '}
                      {problem.reason}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {more > 0 && <p className="muted small" data-testid="order-import-more-problems">…and {countText(more, 'more problem')} not listed here.</p>}
        </section>
      )}
    </div>
  );
}
